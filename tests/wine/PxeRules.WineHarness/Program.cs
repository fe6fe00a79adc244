using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PxeRules.Probes;
using PxeRules.Probes.Windows;
using PxeRules.WineHarness;

// Runs the real WindowsProbeProvider on this machine (under Wine, against tests/wine/fixtures) and checks every
// case of Cases.All. Exit 0 when all match, 1 on a mismatch, 2 on a harness failure. Never lets an exception out:
// under Wine 8 an unhandled .NET exception hangs the process instead of ending it.
AppDomain.CurrentDomain.UnhandledException += (_, e) =>
{
    Console.Error.WriteLine("wine-harness: unhandled exception: " + e.ExceptionObject);
    Console.Out.Flush();
    Environment.Exit(2);
};

try
{
    string? tablePath = null;
    for (var i = 0; i < args.Length; i++)
    {
        if (args[i] == "--table" && i + 1 < args.Length) tablePath = args[++i];
    }

    var provider = new WindowsProbeProvider(new WindowsProbeOptions { WmiTimeout = TimeSpan.FromSeconds(60) });
    var outcomes = new List<(Case Case, ProbeResult? Result, IReadOnlyList<string> Problems, TimeSpan Took)>();
    foreach (var @case in Cases.All)
    {
        var started = DateTime.UtcNow;
        ProbeResult? result = null;
        IReadOnlyList<string> problems;
        try
        {
            // The first WMI call of a fresh prefix takes about 10 s; nothing should take two minutes.
            result = await provider.ProbeAsync(@case.Call, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(120));
            problems = @case.Expected.Check(result);
        }
        catch (TimeoutException)
        {
            problems = new[] { "did not answer within 120 s" };
        }
        catch (Exception e)
        {
            problems = new[] { "threw " + e.GetType().Name + ": " + e.Message };
        }

        var took = DateTime.UtcNow - started;
        outcomes.Add((@case, result, problems, took));
        var verdict = problems.Count == 0 ? "PASS" : "FAIL";
        Console.WriteLine($"{verdict} {@case.Call.Describe()} -> {Describe(result).Replace("\n", "\\n", StringComparison.Ordinal)} [{took.TotalSeconds:0.0} s]");
        foreach (var problem in problems) Console.WriteLine("       " + problem);
    }

    var failed = outcomes.Count(o => o.Problems.Count > 0);
    var kinds = outcomes.Select(o => o.Case.Call.Kind).Distinct().Count();
    Console.WriteLine($"wine-harness: {outcomes.Count - failed} of {outcomes.Count} cases passed, {failed} failed, over {kinds} probe kinds.");
    if (tablePath is not null)
    {
        File.WriteAllText(tablePath, Table(outcomes.Select(o => (o.Case, o.Result, o.Problems.Count == 0))));
    }

    Console.Out.Flush();
    return failed == 0 ? 0 : 1;
}
catch (Exception e)
{
    Console.Error.WriteLine("wine-harness: " + e);
    return 2;
}

static string Describe(ProbeResult? result) => result is null
    ? "no result"
    : result.Status switch
    {
        ProbeStatus.Value => "value " + Show.Value(result.Value, 400),
        _ => result.Status + ": " + result.Reason,
    };

static string Table(IEnumerable<(Case Case, ProbeResult? Result, bool Passed)> rows)
{
    var text = new StringBuilder();
    text.Append("| kind | call | expected | seen under Wine | |\n|---|---|---|---|---|\n");
    foreach (var (c, result, passed) in rows)
    {
        var seen = result is null ? "no result" : result.Status == ProbeStatus.Value ? "value" : result.Status == ProbeStatus.NotFound ? "not found" : "unavailable";
        text.Append($"| `{c.Call.Kind}` | {Cell(c.Call.Describe())} | {Cell(c.Expected.Text)} | {seen} | {(passed ? "pass" : "**FAIL**")} |\n");
    }

    return text.ToString();
}

static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
