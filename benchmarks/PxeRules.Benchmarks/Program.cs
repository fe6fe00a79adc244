using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Running;
using PxeRules.Benchmarks.Baselines;
using PxeRules.Benchmarks.Synthetic;
using PxeRules.Snapshots;

namespace PxeRules.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release -- --filter '*Evaluate*'</c> runs a suite (BenchmarkDotNet's switcher); two more commands
/// serve the cold command-line measurement: <c>generate N DIR</c> writes N rules and the snapshot, and
/// <c>cold-re N default|tuned</c> is RulesEngine's cold start on the same rules.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 3 && args[0] == "generate")
        {
            Generate(int.Parse(args[1], CultureInfo.InvariantCulture), args[2]);
            return 0;
        }

        if (args.Length == 3 && args[0] == "cold-re")
        {
            return ColdRulesEngine(int.Parse(args[1], CultureInfo.InvariantCulture), args[2] == "tuned");
        }

        if (args.Length >= 1 && args[0] == "--verify")
        {
            return Verify();
        }

        if (args.Length >= 1 && args[0] == "fleet")
        {
            return Fleet(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }

    /// <summary>
    /// The short job: every system of every suite computes its checksum once at small sizes (what the suites' set-ups
    /// check at full size); exits 3 on the first mismatch.
    /// </summary>
    private static int Verify()
    {
        var watch = Stopwatch.StartNew();
        try
        {
            foreach (var count in new[] { 100, 1_000 })
            {
                var work = Workload.For(count);
                Checksums.Verify(work);
                Checksums.VerifyMachines(work, 3);
            }

            Checksums.VerifySetUps();
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine(e.Message);
            return 3;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Every system agrees on the checksums (100 and 1,000 rules, 1 and 3 machines), and the load, facts and snapshot suites' set-ups check their answers, in {watch.Elapsed.TotalSeconds:0.0} s."));
        return 0;
    }

    /// <summary>
    /// One evaluation of MACHINES machines (default 1,000) over 100 synthetic rules, everything the tool prints read,
    /// the report kept until the end: prints the time and the process's peak working set.
    /// </summary>
    private static int Fleet(int machines)
    {
        var work = Workload.For(100);
        var engine = PxeRulesSystem.Build(work.KnowledgeBase);
        var table = work.Fleet(machines);
        var watch = Stopwatch.StartNew();
        var report = engine.Evaluate(table);
        var detected = PxeRulesSystem.ReadAsTheTool(report);
        var elapsed = watch.Elapsed;
        GC.KeepAlive(report);
        using var process = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{machines} machines, 100 rules: {detected} detected in {elapsed.TotalMilliseconds:0} ms; peak working set {process.PeakWorkingSet64 / (1024.0 * 1024):0} MB, gen-1 collections {GC.CollectionCount(1)}, gen-2 {GC.CollectionCount(2)}."));
        return detected == work.Expected * machines ? 0 : 3;
    }

    /// <summary>Writes DIR/rules/synthetic-NN.yaml (1,000 rules a file) and DIR/snapshot.json with the 50 facts.</summary>
    private static void Generate(int count, string directory)
    {
        var rules = SyntheticRules.Generate(count);
        var folder = Path.Combine(directory, "rules");
        if (Directory.Exists(folder)) Directory.Delete(folder, true);
        Directory.CreateDirectory(folder);
        var files = RuleYaml.Files(rules);
        for (var i = 0; i < files.Count; i++) File.WriteAllText(Path.Combine(folder, $"synthetic-{i:00}.yaml"), files[i]);
        var knowledgeBase = PxeRulesSystem.Load(files);
        SnapshotFile.Write(PxeRulesSystem.Collect(knowledgeBase), Path.Combine(directory, "snapshot.json"));
        Console.WriteLine($"{count} rules in {files.Count} file(s) and snapshot.json written to {directory}.");
    }

    /// <summary>A fresh process: build the workflow, construct RulesEngine, evaluate once; prints the time to first result.</summary>
    private static int ColdRulesEngine(int count, bool tuned)
    {
        var rules = SyntheticRules.Generate(count);
        var poco = PxePoco.FromSnapshot();
        var watch = Stopwatch.StartNew();
        var engine = RulesEngineSystem.Create(rules, tuned);
        var detected = RulesEngineSystem.CountTrueAsync(engine, poco).GetAwaiter().GetResult();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RulesEngine ({(tuned ? "tuned" : "default")}): {detected} of {count} rules true, first result after {watch.Elapsed.TotalMilliseconds:0} ms"));
        return detected == SyntheticRules.Checksums[count] ? 0 : 3;
    }
}
