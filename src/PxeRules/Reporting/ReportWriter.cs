using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using PxeRules.Evaluation;
using PxeRules.Model;
using PxeRules.Probes;
using PxeRules.Snapshots;

namespace PxeRules.Reporting;

/// <summary>The machine-readable and document forms a report can be written in.</summary>
public enum ReportFormat
{
    /// <summary>PxeRules' own JSON, versioned (<c>docs/report-format.md</c>).</summary>
    Json = 0,

    /// <summary>SARIF 2.1.0, read by CI systems and SARIF viewers.</summary>
    Sarif = 1,

    /// <summary>JUnit XML, for CI test reporting: one test case per rule and machine.</summary>
    JUnit = 2,

    /// <summary>Markdown, for tickets and wikis.</summary>
    Markdown = 3,
}

/// <summary>What a written report includes besides the results.</summary>
public sealed class ReportOptions
{
    /// <summary>Where the facts came from (snapshot files, computer names), shown in the report.</summary>
    public IReadOnlyList<string> Sources { get; init; } = Array.Empty<string>();

    /// <summary>Whether results that are not detected or not applicable are written too (default: only detected, inconclusive and error).</summary>
    public bool IncludeAll { get; init; }
}

/// <summary>
/// Writes an <see cref="EvaluationReport"/> as JSON, SARIF 2.1.0, JUnit XML or Markdown. The command-line tool and
/// hosts share these writers. Thread-safe.
/// </summary>
public static class ReportWriter
{
    /// <summary>The version of the JSON report schema this library writes.</summary>
    public const int JsonSchemaVersion = 1;

    internal static string ToolVersion => typeof(ReportWriter).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>Writes <paramref name="report"/> in <paramref name="format"/>.</summary>
    public static void Write(EvaluationReport report, ReportFormat format, TextWriter writer, ReportOptions? options = null)
    {
        if (report is null) throw new ArgumentNullException(nameof(report));
        if (writer is null) throw new ArgumentNullException(nameof(writer));
        options ??= new ReportOptions();
        var results = report.Results.Where(r => options.IncludeAll || IsProblem(r.Outcome)).ToArray();
        switch (format)
        {
            case ReportFormat.Json: WriteJson(report, results, options, writer); break;
            case ReportFormat.Sarif: WriteSarif(report, results, writer); break;
            case ReportFormat.JUnit: WriteJUnit(report, writer); break;
            case ReportFormat.Markdown: WriteMarkdown(report, results, options, writer); break;
            default: throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown report format.");
        }
    }

    /// <summary>
    /// The coverage of a run as lines a person reads first: how many machines were expected and collected, each gap
    /// with its next step, role conflicts, and the facts that could not be read, by reason, per machine.
    /// </summary>
    public static IReadOnlyList<string> CoverageLines(SiteCoverage coverage)
    {
        if (coverage is null) throw new ArgumentNullException(nameof(coverage));
        var lines = new List<string>();
        var counts = $"{coverage.Collected} of {coverage.Expected} machine(s) collected";
        lines.Add(coverage.IsComplete
            ? $"Coverage: complete: {counts}; every PXE service point and distribution point the site lists was collected."
            : $"Coverage: incomplete: {counts}.");
        foreach (var gap in coverage.Gaps)
        {
            var machine = coverage.Machines.FirstOrDefault(m => !m.Collected && gap.StartsWith(m.Name + " ", StringComparison.Ordinal));
            var next = machine is null ? null : NextSteps.For(machine.NotCollectedReason, machine.Name);
            lines.Add("  - " + gap + (next is null ? string.Empty : " Next: " + next + "."));
        }

        foreach (var machine in coverage.Machines.Where(m => m.Collected))
        {
            foreach (var conflict in machine.Conflicts) lines.Add($"  - Roles of {machine.Name}: {conflict}.");
            if (machine.UnavailableByReason.Count > 0)
            {
                var total = machine.UnavailableByReason.Sum(u => u.Value);
                lines.Add($"  - {machine.Name}: {total} fact(s) could not be read: " + string.Join("; ", machine.UnavailableByReason.Take(3).Select(u => $"{u.Value} × {u.Key.TrimEnd('.')}"))
                    + (machine.UnavailableByReason.Count > 3 ? $"; and {machine.UnavailableByReason.Count - 3} other reason(s)" : string.Empty) + ".");
            }
        }

        return lines;
    }

    /// <summary>Whether an outcome needs a person's attention: detected, inconclusive or error.</summary>
    public static bool IsProblem(Outcome outcome) => outcome is Outcome.Detected or Outcome.Inconclusive or Outcome.Error;

    /// <summary>The outcome as reports write it: <c>detected</c>, <c>notDetected</c>, <c>notApplicable</c>, <c>inconclusive</c>, <c>error</c>.</summary>
    public static string Name(Outcome outcome) => outcome switch
    {
        Outcome.Detected => "detected",
        Outcome.NotDetected => "notDetected",
        Outcome.NotApplicable => "notApplicable",
        Outcome.Inconclusive => "inconclusive",
        _ => "error",
    };

    /// <summary>The severity as rules write it: <c>info</c>, <c>warning</c>, <c>error</c>, <c>critical</c>.</summary>
    public static string Name(Severity severity) => severity.ToString().ToLowerInvariant();

    private static void WriteJson(EvaluationReport report, RuleResult[] results, ReportOptions options, TextWriter writer)
    {
        var json = new JsonText(writer);
        json.Begin('{');
        json.Property("schema", true);
        json.String("pxerules-report");
        json.Property("schemaVersion", false);
        json.Value(JsonSchemaVersion);
        json.Property("pxeRulesVersion", false);
        json.String(ToolVersion);
        json.Property("evaluatedAt", false);
        json.Value(report.EvaluatedAt);
        json.Property("collectedAt", false);
        json.Value(report.Facts.CollectedAt);
        json.Property("sources", false);
        json.Value(options.Sources);
        json.Property("machines", false);
        json.Value(report.Facts.Machines.Select(m => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["name"] = m.Name, ["roles"] = m.Roles }).ToArray());
        if (report.Coverage is { } coverage)
        {
            json.Property("coverage", false);
            json.Value(CoverageObject(coverage));
        }

        json.Property("summary", false);
        json.Value(Summary(report.Results));
        json.Property("results", false);
        json.Value(results.Select(r => ResultObject(r, report)).ToArray());
        json.End('}', false);
        writer.Write('\n');
    }

    private static IReadOnlyDictionary<string, object?> CoverageObject(SiteCoverage coverage) => new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["complete"] = coverage.IsComplete,
        ["siteListRead"] = coverage.SiteListRead,
        ["expected"] = coverage.Expected,
        ["collected"] = coverage.Collected,
        ["gaps"] = coverage.Gaps.Select(g => (object?)g).ToArray(),
        ["machines"] = coverage.Machines.Select(m => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = m.Name,
            ["collected"] = m.Collected,
            ["notCollectedReason"] = m.NotCollectedReason,
            ["roles"] = m.Roles.Select(r => (object?)r).ToArray(),
            ["typedRoles"] = m.TypedRoles.Select(r => (object?)r).ToArray(),
            ["roleNotes"] = m.RoleNotes.Select(r => (object?)r).ToArray(),
            ["conflicts"] = m.Conflicts.Select(r => (object?)r).ToArray(),
            ["factsRead"] = m.FactsRead,
            ["unavailable"] = m.UnavailableByReason.Select(u => (object?)new Dictionary<string, object?>(StringComparer.Ordinal) { ["reason"] = u.Key, ["count"] = u.Value }).ToArray(),
        }).ToArray(),
    };

    internal static IReadOnlyDictionary<string, object?> Summary(IReadOnlyList<RuleResult> results)
    {
        var summary = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (Outcome outcome in Enum.GetValues(typeof(Outcome)))
        {
            summary[Name(outcome)] = results.Count(r => r.Outcome == outcome);
        }

        var bySeverity = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (Severity severity in Enum.GetValues(typeof(Severity)))
        {
            bySeverity[Name(severity)] = results.Count(r => r.Outcome == Outcome.Detected && r.Waiver is null && r.Severity == severity);
        }

        summary["waived"] = results.Count(r => r.Waiver is not null);
        summary["detectedBySeverity"] = bySeverity;
        return summary;
    }

    private static IReadOnlyDictionary<string, object?> ResultObject(RuleResult result, EvaluationReport report)
    {
        var rule = result.Rule;
        var explainedBy = result.Outcome == Outcome.Detected ? report.ExplainedBy(result) : null;
        var explains = result.Outcome == Outcome.Detected
            ? report.RootCauses.FirstOrDefault(g => ReferenceEquals(g.Cause, result))?.Consequences.Select(c => (object?)c.Rule.Id).ToArray()
            : null;
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["ruleId"] = rule.Id,
            ["title"] = rule.Title,
            ["severity"] = Name(result.Severity),
            ["confidence"] = rule.Confidence.ToString().ToLowerInvariant(),
            ["machine"] = result.Machine?.Name,
            ["outcome"] = Name(result.Outcome),
            ["waiver"] = result.Waiver is null ? null : new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["justification"] = result.Waiver.Justification,
                ["expires"] = result.Waiver.Expires,
            },
            ["explanation"] = result.Explanation,
            ["explainedBy"] = explainedBy?.Rule.Id,
            ["rootCauseOf"] = explains ?? Array.Empty<object?>(),
            ["nextSteps"] = result.NextSteps.Select(n => (object?)n).ToArray(),
            ["wouldClear"] = result.WouldClear.Select(c => (object?)c).ToArray(),
            ["evidence"] = result.Evidence.Select(e => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["subject"] = e.Subject,
                ["call"] = e.Call?.ToString(),
                ["observed"] = e.Observed,
                ["operator"] = e.Operator,
                ["expected"] = e.Expected,
                ["result"] = e.Result.ToString().ToLowerInvariant(),
                ["note"] = e.Note,
                ["items"] = e.Items.Select(i => (object?)i).ToArray(),
            }).ToArray(),
            ["remediation"] = result.Outcome == Outcome.Detected
                ? result.Remediation.Select(s => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["step"] = s.Number,
                    ["text"] = s.Text,
                    ["command"] = s.Command,
                    ["shell"] = s.Shell == CommandShell.PowerShell ? "powershell" : "cmd",
                    ["commandWithheld"] = s.CommandWithheld,
                    ["disruptive"] = s.Disruptive,
                    ["requiresRestart"] = s.RequiresRestart,
                }).ToArray()
                : Array.Empty<object?>(),
            ["references"] = rule.References.Select(r => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["title"] = r.Title,
                ["url"] = r.Url?.ToString(),
                ["kb"] = r.Kb,
            }).ToArray(),
            ["source"] = rule.Source.ToString(),
        };
    }

    private static void WriteSarif(EvaluationReport report, RuleResult[] results, TextWriter writer)
    {
        var rules = report.Results.Select(r => r.Rule).Distinct().ToArray();
        var index = rules.Select((r, i) => (r, i)).ToDictionary(p => p.r, p => p.i);
        var driverRules = rules.Select(rule => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["id"] = rule.Id,
            ["name"] = PascalCase(rule.Id),
            ["shortDescription"] = new Dictionary<string, object?> { ["text"] = rule.Title },
            ["fullDescription"] = new Dictionary<string, object?> { ["text"] = rule.Summary },
            ["helpUri"] = rule.References.FirstOrDefault(r => r.Url is not null)?.Url?.ToString(),
            ["help"] = new Dictionary<string, object?>
            {
                ["text"] = string.Join("\n", rule.Remediation.Select((s, i) => $"{i + 1}. {s.Text}")),
            },
            ["defaultConfiguration"] = new Dictionary<string, object?> { ["level"] = SarifLevel(rule.Severity) },
            ["properties"] = new Dictionary<string, object?>
            {
                ["tags"] = rule.Tags.ToArray(),
                ["confidence"] = rule.Confidence.ToString().ToLowerInvariant(),
                ["severity"] = Name(rule.Severity),
            },
        }).Select(WithoutNulls).ToArray();

        var sarifResults = results.Select(result => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["ruleId"] = result.Rule.Id,
            ["ruleIndex"] = index[result.Rule],
            ["kind"] = result.Outcome switch
            {
                Outcome.Detected => "fail",
                Outcome.NotDetected => "pass",
                Outcome.NotApplicable => "notApplicable",
                _ => "review",
            },
            ["level"] = result.Outcome == Outcome.Detected ? SarifLevel(result.Severity) : "none",
            ["suppressions"] = result.Waiver is null ? null : new object?[]
            {
                new Dictionary<string, object?> { ["kind"] = "external", ["status"] = "accepted", ["justification"] = result.Waiver.Justification },
            },
            ["message"] = new Dictionary<string, object?> { ["text"] = $"{result.Rule.Title} on {result.Machine?.Name ?? "no machine"}. {result.Explanation}" },
            ["locations"] = new object?[]
            {
                new Dictionary<string, object?>
                {
                    ["logicalLocations"] = new object?[] { new Dictionary<string, object?> { ["name"] = result.Machine?.Name ?? "(none)", ["kind"] = "resource" } },
                },
            },
            ["properties"] = new Dictionary<string, object?>
            {
                ["outcome"] = Name(result.Outcome),
                ["evidence"] = result.Evidence.Select(e => (object?)e.ToString()).ToArray(),
                ["wouldClear"] = result.WouldClear.Select(c => (object?)c).ToArray(),
                ["nextSteps"] = result.NextSteps.Select(c => (object?)c).ToArray(),
            },
        }).Select(WithoutNulls).ToArray();

        var log = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json",
            ["version"] = "2.1.0",
            ["runs"] = new object?[]
            {
                new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["tool"] = new Dictionary<string, object?>
                    {
                        ["driver"] = new Dictionary<string, object?>(StringComparer.Ordinal)
                        {
                            ["name"] = "PxeRules",
                            ["version"] = ToolVersion,
                            ["semanticVersion"] = ToolVersion,
                            ["rules"] = driverRules,
                        },
                    },
                    ["results"] = sarifResults,
                },
            },
        };
        new JsonText(writer).Value(log);
        writer.Write('\n');
    }

    private static object? WithoutNulls(object? value)
    {
        if (value is IReadOnlyDictionary<string, object?> record)
        {
            return record.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => WithoutNulls(p.Value), StringComparer.Ordinal);
        }

        return value;
    }

    private static string SarifLevel(Severity severity) => severity switch
    {
        Severity.Info => "note",
        Severity.Warning => "warning",
        _ => "error",
    };

    private static string PascalCase(string id) =>
        string.Concat(id.Split('-').Where(p => p.Length > 0).Select(p => char.ToUpperInvariant(p[0]) + p.Substring(1)));

    private static void WriteJUnit(EvaluationReport report, TextWriter writer)
    {
        var results = report.Results;
        var failures = results.Count(r => r.Outcome == Outcome.Detected && r.Waiver is null);
        var errors = results.Count(r => r.Outcome is Outcome.Inconclusive or Outcome.Error);
        var skipped = results.Count(r => r.Outcome == Outcome.NotApplicable || r.Waiver is not null);
        writer.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        writer.Write($"<testsuites name=\"pxerules\" tests=\"{results.Count}\" failures=\"{failures}\" errors=\"{errors}\" skipped=\"{skipped}\">\n");
        foreach (var group in results.GroupBy(r => r.Machine?.Name ?? "(no machine)"))
        {
            var items = group.ToArray();
            writer.Write($"  <testsuite name=\"{Xml(group.Key)}\" tests=\"{items.Length}\" failures=\"{items.Count(r => r.Outcome == Outcome.Detected && r.Waiver is null)}\" errors=\"{items.Count(r => r.Outcome is Outcome.Inconclusive or Outcome.Error)}\" skipped=\"{items.Count(r => r.Outcome == Outcome.NotApplicable || r.Waiver is not null)}\" timestamp=\"{report.EvaluatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)}\">\n");
            foreach (var result in items)
            {
                writer.Write($"    <testcase classname=\"pxerules.{Xml(group.Key)}\" name=\"{Xml(result.Rule.Id)}\">");
                switch (result.Outcome)
                {
                    case Outcome.Detected when result.Waiver is not null:
                        writer.Write($"\n      <skipped message=\"{Xml("Waived: " + result.Waiver)}\" />\n    ");
                        break;
                    case Outcome.Detected:
                        writer.Write($"\n      <failure type=\"{Name(result.Severity)}\" message=\"{Xml(result.Rule.Title)}\">{Xml(Details(result))}</failure>\n    ");
                        break;
                    case Outcome.Inconclusive:
                    case Outcome.Error:
                        writer.Write($"\n      <error type=\"{Name(result.Outcome)}\" message=\"{Xml(result.Explanation)}\">{Xml(Details(result))}</error>\n    ");
                        break;
                    case Outcome.NotApplicable:
                        writer.Write($"\n      <skipped message=\"{Xml(result.Explanation)}\" />\n    ");
                        break;
                }

                writer.Write("</testcase>\n");
            }

            writer.Write("  </testsuite>\n");
        }

        writer.Write("</testsuites>\n");
    }

    private static string Details(RuleResult result)
    {
        var builder = new StringBuilder();
        builder.Append(result.Explanation).Append('\n');
        foreach (var evidence in result.Evidence) builder.Append("- ").Append(evidence).Append('\n');
        if (result.Outcome == Outcome.Detected)
        {
            foreach (var step in result.Remediation) builder.Append(step).Append('\n');
        }

        return builder.ToString();
    }

    private static string Xml(string text) => DisplayText.ForXml(text);

    private static void WriteMarkdown(EvaluationReport report, RuleResult[] results, ReportOptions options, TextWriter writer)
    {
        // Everything that comes from a rule, a snapshot or a machine goes through DisplayText.ForMarkdown (text) or
        // ForMarkdownCode (code spans); links only when they are http or https.
        static string Md(string? text) => DisplayText.ForMarkdown(text);
        static string Code(string? text) => DisplayText.ForMarkdownCode(text);

        writer.Write("# PxeRules report\n\n");
        writer.Write($"Evaluated {report.EvaluatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC over facts collected {report.Facts.CollectedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC");
        writer.Write(options.Sources.Count > 0 ? $" from {string.Join(", ", options.Sources.Select(s => Code(s)))}.\n\n" : ".\n\n");
        writer.Write("| Machine | Roles |\n|---|---|\n");
        foreach (var machine in report.Facts.Machines) writer.Write($"| {Md(machine.Name)} | {Md(string.Join(", ", machine.Roles))} |\n");
        if (report.Coverage is { } coverage)
        {
            writer.Write("\n");
            foreach (var line in CoverageLines(coverage)) writer.Write(line.StartsWith("  - ", StringComparison.Ordinal) ? $"- {Md(line.Substring(4))}\n" : $"{Md(line)}\n\n");
        }

        var summary = Summary(report.Results);
        writer.Write($"\n**{summary["detected"]} detected**, {summary["inconclusive"]} inconclusive, {summary["error"]} error, {summary["notDetected"]} not detected, {summary["notApplicable"]} not applicable.\n\n");
        if (results.Length == 0)
        {
            writer.Write("No known issue was detected.\n");
            return;
        }

        writer.Write("| Severity | Rule | Machine | Outcome |\n|---|---|---|---|\n");
        foreach (var result in results) writer.Write($"| {Name(result.Severity)} | {Code(result.Rule.Id)} | {Md(result.Machine?.Name ?? "-")} | {Name(result.Outcome)}{(result.Waiver is null ? string.Empty : " (waived)")} |\n");
        foreach (var result in results)
        {
            writer.Write($"\n## {Md(result.Rule.Title)}\n\n{Code(result.Rule.Id)} on **{Md(result.Machine?.Name ?? "-")}**: {Name(result.Outcome)} ({Name(result.Severity)}, {result.Rule.Confidence.ToString().ToLowerInvariant()})\n\n{Md(result.Explanation)}\n");
            if (result.Outcome == Outcome.Detected && report.ExplainedBy(result) is { } cause)
            {
                writer.Write($"\n*Explained by* {Code(cause.Rule.Id)}: fix that first; this may clear with it.\n");
            }
            else if (result.Outcome == Outcome.Detected && report.RootCauses.FirstOrDefault(g => ReferenceEquals(g.Cause, result)) is { Consequences.Count: > 0 } group)
            {
                writer.Write($"\n*Root cause of* {string.Join(", ", group.Consequences.Select(c => Code(c.Rule.Id)))}.\n");
            }

            if (result.Waiver is not null) writer.Write($"\n*Waived until {result.Waiver.Expires.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}:* {Md(result.Waiver.Justification)}\n");
            if (result.Evidence.Count > 0)
            {
                writer.Write("\nEvidence:\n\n");
                foreach (var evidence in result.Evidence)
                {
                    writer.Write($"- {Code(evidence.Subject)} = {Code(evidence.Observed)}, {evidence.Operator} {Code(evidence.Expected)}: {evidence.Result.ToString().ToLowerInvariant()}{(evidence.Note is null ? string.Empty : $" ({Md(evidence.Note)})")}\n");
                    foreach (var item in evidence.Items) writer.Write($"  - {Md(item)}\n");
                }
            }

            if (result.WouldClear.Count > 0)
            {
                writer.Write(result.Outcome == Outcome.Detected ? "\nWhat would clear it:\n\n" : "\nWhat would decide it:\n\n");
                foreach (var change in result.WouldClear) writer.Write($"- {Md(change)}\n");
            }

            if (result.Outcome == Outcome.Detected && result.Remediation.Count > 0)
            {
                writer.Write("\nWhat to do:\n\n");
                foreach (var step in result.Remediation)
                {
                    writer.Write($"{step.Number}. {Md(step.Text)}{(step.Disruptive ? " *(disruptive)*" : string.Empty)}{(step.RequiresRestart ? " *(may require a restart)*" : string.Empty)}\n");
                    if (step.Command is not null) writer.Write($"   {Code(step.Command)}\n");
                    if (step.CommandWithheld is not null) writer.Write($"   *Command withheld:* {Md(step.CommandWithheld)}\n");
                }
            }

            if (result.Rule.References.Count > 0)
            {
                writer.Write("\nReferences:\n\n");
                foreach (var reference in result.Rule.References)
                {
                    var link = DisplayText.SafeLink(reference.Url);
                    var title = link is null ? Md(reference.Title) : $"[{Md(reference.Title)}](<{link.AbsoluteUri.Replace(">", "%3E").Replace(" ", "%20")}>)";
                    writer.Write($"- {title}{(reference.Kb is null ? string.Empty : $" ({Md(reference.Kb)})")}\n");
                }
            }
        }
    }

}
