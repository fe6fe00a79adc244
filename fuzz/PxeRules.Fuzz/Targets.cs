using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PxeRules.Evaluation;
using PxeRules.Facts;
using PxeRules.Loading;
using PxeRules.Probes;
using PxeRules.Reporting;
using PxeRules.Snapshots;
using PxeRules.Model;

namespace PxeRules.Fuzz;

/// <summary>
/// What a fuzzing run checks on each input. Bad input may only ever give diagnostics; any exception that escapes,
/// and any broken promise below, is thrown so that afl-fuzz records the input as a crash.
/// </summary>
internal static class Targets
{
    private static readonly Machine[] Site =
    {
        new("SITE01", MachineRoles.SiteServer, MachineRoles.SmsProvider, MachineRoles.ManagementPoint),
        new("PXE01", MachineRoles.PxeServicePoint, MachineRoles.DistributionPoint, MachineRoles.DhcpServer),
    };

    private static readonly Lazy<RuleEngine> Bundled = new(() => RuleEngine.CreateBuilder().AddRules(KnowledgeBase.LoadBundled()).Build());

    /// <summary>Runs the target named <paramref name="name"/> (<c>rules</c> or <c>snapshot</c>) on one input.</summary>
    public static void Run(string name, byte[] input)
    {
        if (name == "rules") Rules(input);
        else Snapshot(input);
    }

    /// <summary>
    /// Loads the bytes as a rule file. A valid file is also evaluated: its examples, and every rule over a site
    /// whose facts are all unavailable, with the explanation, evidence, remediation and every report format.
    /// </summary>
    public static void Rules(byte[] input)
    {
        using var stream = new MemoryStream(input, writable: false);
        var result = new RuleLoader().AddStream(stream, "fuzz.yaml").Load();
        CheckDiagnostics(result.Diagnostics, result.Success, "fuzz.yaml");
        if (result.KnowledgeBase is not { } knowledgeBase)
        {
            return;
        }

        foreach (var example in RuleExamples.RunAll(knowledgeBase, RuleExamples.ReferenceTime))
        {
            _ = example.ToString();
            Render(example.Actual);
        }

        var engine = RuleEngine.CreateBuilder().AddRules(knowledgeBase).Build();
        var report = engine.Evaluate(new FactTable(Site, Array.Empty<FactRecord>(), RuleExamples.ReferenceTime));
        WriteReports(report);
    }

    /// <summary>
    /// Reads the bytes as a snapshot. A valid snapshot is evaluated with the bundled rules, written back and read
    /// again: the copy must read without diagnostics and give the same outcomes.
    /// </summary>
    public static void Snapshot(byte[] input)
    {
        using var stream = new MemoryStream(input, writable: false);
        var result = SnapshotFile.Read(stream, "fuzz.json");
        CheckDiagnostics(result.Diagnostics, result.Success, "fuzz.json");
        if (result.Facts is not { } facts)
        {
            return;
        }

        var report = Bundled.Value.Evaluate(facts);
        WriteReports(report);

        using var copy = new MemoryStream();
        SnapshotFile.Write(facts, copy);
        copy.Position = 0;
        var again = SnapshotFile.Read(copy, "copy.json");
        if (!again.Success || again.Diagnostics.Count > 0)
        {
            throw new InvalidOperationException("A snapshot written by PxeRules does not read back:\n" + string.Join("\n", again.Diagnostics));
        }

        var before = Outcomes(report);
        var after = Outcomes(Bundled.Value.Evaluate(again.Facts!));
        if (before != after)
        {
            throw new InvalidOperationException($"A snapshot gives other results after a round trip:\n{before}\n---\n{after}");
        }
    }

    private static void CheckDiagnostics(IReadOnlyList<Diagnostic> diagnostics, bool success, string source)
    {
        var errors = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        if (success != (errors == 0))
        {
            throw new InvalidOperationException($"The result says success={success} with {errors} error(s).");
        }

        foreach (var diagnostic in diagnostics)
        {
            var location = diagnostic.Location;
            if (location.Source != source || location.Line < 1 || location.Column < 1 || string.IsNullOrWhiteSpace(diagnostic.Message) || !diagnostic.Code.StartsWith("PXR", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"A diagnostic without a place in the input: {diagnostic}");
            }
        }
    }

    private static void Render(RuleResult result)
    {
        _ = result.Explanation;
        foreach (var evidence in result.Evidence) _ = evidence.ToString();
        foreach (var step in result.Remediation) _ = step.ToString();
    }

    private static void WriteReports(EvaluationReport report)
    {
        foreach (var result in report.Results) Render(result);
        foreach (ReportFormat format in Enum.GetValues(typeof(ReportFormat)))
        {
            ReportWriter.Write(report, format, TextWriter.Null, new ReportOptions { IncludeAll = true });
        }
    }

    private static string Outcomes(EvaluationReport report) =>
        string.Join("\n", report.Results.Select(r => $"{r.Rule.Id} {r.Machine?.Name} {r.Outcome} {r.Explanation}"));
}
