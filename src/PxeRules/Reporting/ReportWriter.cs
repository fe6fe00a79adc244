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

    /// <summary>
    /// One self-contained HTML page for people: verdict and coverage first, root causes, each finding with its
    /// evidence and remediation. It loads nothing and runs no script; it prints cleanly.
    /// </summary>
    Html = 4,
}

/// <summary>What a written report includes besides the results.</summary>
public sealed class ReportOptions
{
    /// <summary>Where the facts came from (snapshot files, computer names), shown in the report.</summary>
    public IReadOnlyList<string> Sources { get; init; } = Array.Empty<string>();

    /// <summary>Whether results that are not detected or not applicable are written too (default: only detected, inconclusive and error).</summary>
    public bool IncludeAll { get; init; }

    /// <summary>
    /// The least severity of a finding that fails the run (the tool's <c>--fail-on</c>; default warning; null: none
    /// fails). JUnit marks those findings as failures and lesser ones as passed with the detection in their output, so
    /// a test publisher agrees with the exit code.
    /// </summary>
    public Severity? FailOn { get; init; } = Severity.Warning;

    /// <summary>How JUnit writes an inconclusive result (default <see cref="JUnitInconclusive.Skipped"/>: it does not fail the run).</summary>
    public JUnitInconclusive InconclusiveAs { get; init; } = JUnitInconclusive.Skipped;
}

/// <summary>How a JUnit report writes an inconclusive result.</summary>
public enum JUnitInconclusive
{
    /// <summary>A skipped test case with the reason and the next step: what the exit code does (it does not fail the run).</summary>
    Skipped = 0,

    /// <summary>An error, for pipelines that must stop when evidence is missing.</summary>
    Error,

    /// <summary>A failure.</summary>
    Failure,
}

/// <summary>
/// Writes an <see cref="EvaluationReport"/> as JSON, SARIF 2.1.0, JUnit XML, Markdown or HTML. The command-line tool and
/// hosts share these writers. Thread-safe.
/// </summary>
public static partial class ReportWriter
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
        var results = (options.IncludeAll ? report.Results : report.Problems).ToArray();
        switch (format)
        {
            case ReportFormat.Json: WriteJson(report, results, options, writer); break;
            case ReportFormat.Sarif: WriteSarif(report, results, writer); break;
            case ReportFormat.JUnit: WriteJUnit(report, options, writer); break;
            case ReportFormat.Markdown: WriteMarkdown(report, results, options, writer); break;
            case ReportFormat.Html: WriteHtml(report, options, writer); break;
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
        json.Value(Summary(report));
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

    internal static IReadOnlyDictionary<string, object?> Summary(EvaluationReport report)
    {
        // Counts from the outcomes; only detected results (the only ones a waiver or a severity applies to) are opened.
        var summary = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (Outcome outcome in Enum.GetValues(typeof(Outcome)))
        {
            summary[Name(outcome)] = report.Outcomes.CountOf(outcome);
        }

        var detected = report.Detected.ToArray();
        var bySeverity = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (Severity severity in Enum.GetValues(typeof(Severity)))
        {
            bySeverity[Name(severity)] = detected.Count(r => r.Waiver is null && r.Severity == severity);
        }

        summary["waived"] = detected.Count(r => r.Waiver is not null);
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
        var machineSources = MachineSources(report);
        var rules = report.Outcomes.Select(o => o.Rule).Distinct().ToArray();
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
                ["text"] = string.Join("\n", rule.Remediation.Select((s, i) => $"{i + 1}. {Generic(s.Text, markdown: false)}" + (s.Command is null ? string.Empty : $" ({Generic(s.Command, markdown: false)})"))),
                ["markdown"] = HelpMarkdown(rule),
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
                    ["physicalLocation"] = PhysicalLocation(Locate(result, report, machineSources)),
                    ["logicalLocations"] = new object?[] { new Dictionary<string, object?> { ["name"] = result.Machine?.Name ?? "(none)", ["kind"] = "resource" } },
                },
            },
            ["partialFingerprints"] = new Dictionary<string, object?> { ["pxerules/v1"] = Fingerprint(result) },
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
                            ["fullName"] = $"PxeRules {ToolVersion}: known issues of PXE-initiated deployment in ConfigMgr 2007",
                            ["informationUri"] = "https://www.nuget.org/packages/PxeRules.Tool",
                            ["version"] = ToolVersion,
                            ["semanticVersion"] = ToolVersion,
                            ["rules"] = driverRules,
                        },
                    },
                    ["automationDetails"] = new Dictionary<string, object?>
                    {
                        // The category (before the last '/') tells one site's analyses from another's.
                        ["id"] = $"pxerules/{string.Join("+", report.Facts.Machines.Select(m => m.Name.ToLowerInvariant()).OrderBy(n => n, StringComparer.Ordinal))}/",
                    },
                    ["results"] = sarifResults,
                },
            },
        };
        new JsonText(writer).Value(log);
        writer.Write('\n');
    }

    /// <summary>
    /// Where a result comes from, for code scanning: the log line of its first deciding entry, else the snapshot line of
    /// its first deciding fact, else where its machine's facts were read (its snapshot), else the rule file.
    /// </summary>
    /// <param name="result">The result.</param>
    /// <param name="report">Its report.</param>
    /// <param name="machineSources">Where each machine's facts were first read, worked out once per report (<see cref="MachineSources"/>).</param>
    internal static SourceLocation Locate(RuleResult result, EvaluationReport report, IReadOnlyDictionary<string, SourceLocation> machineSources)
    {
        foreach (var evidence in result.Evidence)
        {
            if (evidence.ItemAt is { } at) return new SourceLocation(at.File, at.Line, 0);
        }

        foreach (var evidence in result.Evidence)
        {
            if (evidence.Call is { } call && report.Facts.Find(call)?.Source is { } source) return source;
        }

        return result.Machine is { } machine && machineSources.TryGetValue(machine.Name, out var read) ? read : result.Rule.Source;
    }

    /// <summary>Each machine's first record with a source: its snapshot or bundle.</summary>
    internal static IReadOnlyDictionary<string, SourceLocation> MachineSources(EvaluationReport report)
    {
        var sources = new Dictionary<string, SourceLocation>(StringComparer.OrdinalIgnoreCase);
        foreach (var record in report.Facts.Records)
        {
            if (record.Source is { } read && !sources.ContainsKey(record.Call.Machine.Name)) sources[record.Call.Machine.Name] = read;
        }

        return sources;
    }

    private static IReadOnlyDictionary<string, object?> PhysicalLocation(SourceLocation location)
    {
        var (uri, baseId) = Artifact(location.Source);
        var artifact = new Dictionary<string, object?>(StringComparer.Ordinal) { ["uri"] = uri };
        if (baseId is not null) artifact["uriBaseId"] = baseId;
        var physical = new Dictionary<string, object?>(StringComparer.Ordinal) { ["artifactLocation"] = artifact };
        if (location.Line > 0)
        {
            var region = new Dictionary<string, object?>(StringComparer.Ordinal) { ["startLine"] = location.Line };
            if (location.Column > 0) region["startColumn"] = location.Column;
            physical["region"] = region;
        }

        return physical;
    }

    /// <summary>
    /// A path as code scanning wants it: relative to the working folder (the repository in CI) with forward slashes
    /// and <c>%SRCROOT%</c>; a path elsewhere as a file URI.
    /// </summary>
    /// <param name="path">A file path, relative or absolute, Windows or not.</param>
    /// <param name="baseId">The SARIF <c>uriBaseId</c>: <c>%SRCROOT%</c>, or null for an absolute URI.</param>
    /// <returns>The SARIF <c>artifactLocation.uri</c>.</returns>
    public static string ArtifactUri(string path, out string? baseId)
    {
        var (uri, root) = Artifact(path ?? throw new ArgumentNullException(nameof(path)));
        baseId = root;
        return uri;
    }

    private static (string Uri, string? BaseId) Artifact(string path)
    {
        var windowsRooted = path.Length >= 3 && char.IsLetter(path[0]) && path[1] == ':' && (path[2] == '\\' || path[2] == '/');
        if (windowsRooted || path.StartsWith("\\\\", StringComparison.Ordinal))
        {
            return (new Uri("file:///" + path.Replace('\\', '/').TrimStart('/')).AbsoluteUri, null);
        }

        if (Path.IsPathRooted(path))
        {
            var root = Path.GetFullPath(Directory.GetCurrentDirectory()).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
            var full = Path.GetFullPath(path);
            if (!full.StartsWith(root, StringComparison.Ordinal)) return (new Uri(full).AbsoluteUri, null);
            path = full.Substring(root.Length);
        }

        var relative = string.Join("/", path.Replace('\\', '/').Split('/').Where(p => p.Length > 0 && p != ".").Select(Uri.EscapeDataString));
        return (relative, "%SRCROOT%");
    }

    /// <summary>The same finding on the same machine from the same facts has the same fingerprint in every run.</summary>
    internal static string Fingerprint(RuleResult result)
    {
        var facts = result.Evidence.Select(e => e.Call?.Key ?? e.Subject).Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(k => k, StringComparer.OrdinalIgnoreCase);
        var text = $"{result.Rule.Id}\n{result.Machine?.Name.ToUpperInvariant()}\n{string.Join("\n", facts).ToUpperInvariant()}";
        using var sha = System.Security.Cryptography.SHA256.Create();
        var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(text));
        return string.Concat(hash.Take(16).Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
    }

    /// <summary>A rule's text with its <c>{{ }}</c> references in general words: help describes every machine.</summary>
    internal static string Generic(string text, bool markdown) =>
        System.Text.RegularExpressions.Regex.Replace(text, @"\{\{\s*([^{}]+?)\s*\}\}", match =>
        {
            var path = match.Groups[1].Value;
            if (path == "machine.name") return "the server";
            return markdown ? $"*{path}*" : $"<{path}>";
        });

    private static string HelpMarkdown(Rule rule)
    {
        static string Md(string? text) => DisplayText.ForMarkdown(text);
        var builder = new StringBuilder();
        builder.Append(Md(Generic(rule.Summary.Trim(), markdown: false))).Append("\n\n");
        if (rule.Cause is not null) builder.Append("**Cause.** ").Append(Md(Generic(rule.Cause.Trim(), markdown: false))).Append("\n\n");
        builder.Append("**What to do**\n\n");
        var number = 0;
        foreach (var step in rule.Remediation)
        {
            builder.Append(++number).Append(". ").Append(Md(Generic(step.Text.Trim(), markdown: false))).Append('\n');
            if (step.Command is not null) builder.Append("   ").Append(DisplayText.ForMarkdownCode(Generic(step.Command, markdown: false))).Append('\n');
        }

        var links = rule.References.Select(r => (r.Title, Link: DisplayText.SafeLink(r.Url))).Where(r => r.Link is not null).ToArray();
        if (links.Length > 0)
        {
            builder.Append("\n**References**\n\n");
            foreach (var (title, link) in links) builder.Append("- [").Append(Md(title)).Append("](<").Append(link!.AbsoluteUri.Replace(">", "%3E").Replace(" ", "%20")).Append(">)\n");
        }

        return builder.ToString();
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
}
