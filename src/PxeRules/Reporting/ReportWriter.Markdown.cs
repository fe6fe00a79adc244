using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using PxeRules.Evaluation;
using PxeRules.Model;

namespace PxeRules.Reporting;

// Markdown, for tickets and wikis.
public static partial class ReportWriter
{
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

        var summary = Summary(report);
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
