using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using PxeRules.Model;
using PxeRules.Snapshots;

namespace PxeRules.Reporting;

/// <summary>The formats <see cref="DiffWriter"/> writes.</summary>
public enum DiffFormat
{
    /// <summary>Plain text for a terminal or a ticket, every value escaped with <see cref="DisplayText.Escape"/>.</summary>
    Text = 0,

    /// <summary>The versioned JSON diff (<c>"schema": "pxerules-diff"</c>; schemas/diff.schema.json).</summary>
    Json = 1,

    /// <summary>Markdown, every value escaped with <see cref="DisplayText.ForMarkdown"/>.</summary>
    Markdown = 2,

    /// <summary>One self-contained HTML page (inline style, no script, no external resource), every value escaped with <see cref="DisplayText.ForHtml"/>.</summary>
    Html = 3,
}

/// <summary>Options of <see cref="DiffWriter.Write"/>.</summary>
public sealed class DiffOptions
{
    /// <summary>The snapshots, bundles or folders of logs the before side was read from, as given.</summary>
    public IReadOnlyList<string> BeforeSources { get; init; } = Array.Empty<string>();

    /// <summary>The snapshots, bundles or folders of logs the after side was read from, as given.</summary>
    public IReadOnlyList<string> AfterSources { get; init; } = Array.Empty<string>();

    /// <summary>The severity at or above which a finding that remains or appeared fails the run (default warning; null never fails), as <see cref="ReportDiff.Fails"/>.</summary>
    public Severity? FailOn { get; init; } = Severity.Warning;
}

/// <summary>Writes a <see cref="ReportDiff"/> as text, JSON, Markdown or HTML. Thread-safe.</summary>
public static class DiffWriter
{
    /// <summary>The version of the JSON diff schema this library writes.</summary>
    public const int JsonSchemaVersion = 1;

    /// <summary>How many facts changed without changing an outcome the text, Markdown and HTML forms list; JSON lists all.</summary>
    internal const int FactsShown = 50;

    /// <summary>Writes <paramref name="diff"/> in <paramref name="format"/>.</summary>
    public static void Write(ReportDiff diff, DiffFormat format, TextWriter writer, DiffOptions? options = null)
    {
        if (diff is null) throw new ArgumentNullException(nameof(diff));
        if (writer is null) throw new ArgumentNullException(nameof(writer));
        options ??= new DiffOptions();
        switch (format)
        {
            case DiffFormat.Text: WriteText(diff, options, writer); break;
            case DiffFormat.Json: WriteJson(diff, options, writer); break;
            case DiffFormat.Markdown: WriteMarkdown(diff, options, writer); break;
            case DiffFormat.Html: DiffHtmlWriter.Write(diff, options, writer); break;
            default: throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown diff format.");
        }
    }

    /// <summary>
    /// The verdict in one sentence: not fixed (a finding remains or appeared at or above the threshold), not confirmed
    /// (a finding could not be decided after), fixed, or nothing to fix.
    /// </summary>
    public static string Verdict(ReportDiff diff, Severity? failOn)
    {
        if (diff is null) throw new ArgumentNullException(nameof(diff));
        var threshold = failOn is { } t ? ReportWriter.Name(t) : "none";
        var failing = diff.Changes.Count(c => c.Kind is ResultChangeKind.Remains or ResultChangeKind.Appeared && !c.Waived && failOn is { } f && c.Severity >= f);
        var errors = diff.After.Results.Count(r => r.Outcome == Model.Outcome.Error);
        var unconfirmed = diff.Changes.Count(c => c.Unconfirmed);
        if (diff.Fails(failOn))
        {
            return failing > 0
                ? $"Not fixed: {failing} finding(s) at or above {threshold} remain or appeared."
                : $"Not fixed: {errors} rule(s) could not be evaluated after.";
        }

        if (unconfirmed > 0)
        {
            return $"Not confirmed: {unconfirmed} finding(s) of before could not be decided after (unknown is never healthy); nothing at or above {threshold} remains or appeared.";
        }

        var cleared = diff.OfKind(ResultChangeKind.Cleared).Count();
        return cleared > 0
            ? $"Fixed: {cleared} finding(s) cleared; nothing at or above {threshold} remains or appeared."
            : $"Nothing at or above {threshold} remains or appeared; no finding was cleared.";
    }

    /// <summary>The counts line: <c>1 cleared, 0 appeared, 0 remain, 0 changed outcome.</c></summary>
    internal static string Counts(ReportDiff diff) =>
        $"{diff.OfKind(ResultChangeKind.Cleared).Count()} cleared, {diff.OfKind(ResultChangeKind.Appeared).Count()} appeared, "
        + $"{diff.OfKind(ResultChangeKind.Remains).Count()} remain, {diff.OfKind(ResultChangeKind.ChangedOutcome).Count()} changed outcome.";

    /// <summary>The sections in the order they are written, with their headings.</summary>
    internal static IEnumerable<KeyValuePair<string, ResultChange[]>> Sections(ReportDiff diff) => new[]
    {
        new KeyValuePair<string, ResultChange[]>("Remains", diff.OfKind(ResultChangeKind.Remains).ToArray()),
        new KeyValuePair<string, ResultChange[]>("Appeared", diff.OfKind(ResultChangeKind.Appeared).ToArray()),
        new KeyValuePair<string, ResultChange[]>("Changed outcome", diff.OfKind(ResultChangeKind.ChangedOutcome).ToArray()),
        new KeyValuePair<string, ResultChange[]>("Cleared", diff.OfKind(ResultChangeKind.Cleared).ToArray()),
    }.Where(s => s.Value.Length > 0);

    /// <summary>The heading of a change: <c>ERROR rule on PXE02: detected → not detected</c>.</summary>
    internal static string Heading(ResultChange change) =>
        $"{ReportWriter.Name(change.Severity).ToUpperInvariant()} {change.Rule.Id}{(change.Machine is null ? string.Empty : " on " + change.Machine)}: "
        + $"{ReportDiff.OutcomeText(change.BeforeOutcome)} → {ReportDiff.OutcomeText(change.AfterOutcome)}{(change.Waived ? " (waived)" : string.Empty)}";

    /// <summary>The sentence that leads a list of causes: <c>Cleared pxe-uninstall-leaves-reminst by these changes</c>.</summary>
    internal static string Lead(ResultChange change)
    {
        var text = change.Kind switch
        {
            ResultChangeKind.Cleared => $"Cleared {change.Rule.Id} by these changes",
            ResultChangeKind.Appeared => $"Made {change.Rule.Id} detected by these changes",
            ResultChangeKind.Remains => $"{change.Rule.Id} remains detected; changed without clearing it",
            _ => $"Changed {change.Rule.Id} from {ReportDiff.OutcomeText(change.BeforeOutcome)} to {ReportDiff.OutcomeText(change.AfterOutcome)} by these changes",
        };
        return change.Unconfirmed ? text.Replace(" by these changes", string.Empty) + " (the fix cannot be confirmed, as unknown is never healthy); the changes" : text;
    }

    /// <summary>What <see cref="ResultChange.NextSteps"/> are, as a label.</summary>
    internal static string StepsLabel(ResultChange change) => change.Unconfirmed ? "Next" : "Would clear it";

    /// <summary>A side of the diff in one line: machines, collection time and sources.</summary>
    internal static string Side(Evaluation.EvaluationReport report, IReadOnlyList<string> machines, IReadOnlyList<string> sources)
    {
        var at = report.Facts.CollectedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var from = sources.Count > 0 ? " from " + string.Join(", ", sources) : string.Empty;
        var missing = report.Facts.Machines.Select(m => m.Name).Where(n => !machines.Contains(n, StringComparer.OrdinalIgnoreCase)).ToArray();
        var notCollected = missing.Length > 0 ? $"; the site lists {string.Join(", ", missing)}, not collected" : string.Empty;
        return $"{machines.Count} machine(s) collected ({string.Join(", ", machines)}) at {at} UTC{from}{notCollected}";
    }

    /// <summary>A sentence for each machine collected on one side only.</summary>
    internal static IEnumerable<string> OneSided(ReportDiff diff) =>
        diff.MachinesOnlyBefore.Select(m => $"{m} was collected before and not after: its findings are not collected, not cleared.")
            .Concat(diff.MachinesOnlyAfter.Select(m => $"{m} was collected after and not before."));

    private static void WriteText(ReportDiff diff, DiffOptions options, TextWriter writer)
    {
        void Line(string text) => writer.WriteLine(DisplayText.Escape(text));

        Line($"PxeRules {ReportWriter.ToolVersion} diff");
        Line("Before: " + Side(diff.Before, diff.MachinesBefore, options.BeforeSources));
        Line("After:  " + Side(diff.After, diff.MachinesAfter, options.AfterSources));
        foreach (var line in OneSided(diff)) Line(line);
        foreach (var section in Sections(diff))
        {
            writer.WriteLine();
            Line($"{section.Key} ({section.Value.Length}):");
            foreach (var change in section.Value)
            {
                Line("  " + Heading(change));
                if (change.Causes.Count <= 1)
                {
                    Line("    " + change.Summary + ".");
                }
                else
                {
                    Line($"    {Lead(change)}:");
                    foreach (var cause in change.Causes) Line("      - " + cause);
                }

                if (change.NextSteps.Count > 0) Line($"    {StepsLabel(change)}: {string.Join("; ", change.NextSteps)}.");
            }
        }

        writer.WriteLine();
        if (diff.FactsWithoutOutcomeChange.Count == 0)
        {
            Line("Facts that changed without changing any outcome: none.");
        }
        else
        {
            Line($"Facts that changed without changing any outcome ({diff.FactsWithoutOutcomeChange.Count}):");
            foreach (var fact in diff.FactsWithoutOutcomeChange.Take(FactsShown)) Line("  - " + fact);
            if (diff.FactsWithoutOutcomeChange.Count > FactsShown) Line($"  and {diff.FactsWithoutOutcomeChange.Count - FactsShown} more (--format json lists every one).");
        }

        writer.WriteLine();
        Line(Counts(diff));
        Line(Verdict(diff, options.FailOn));
    }

    private static void WriteMarkdown(ReportDiff diff, DiffOptions options, TextWriter writer)
    {
        static string Md(string? text) => DisplayText.ForMarkdown(text);

        writer.Write("# PxeRules diff\n\n");
        writer.Write($"- Before: {Md(Side(diff.Before, diff.MachinesBefore, options.BeforeSources))}\n");
        writer.Write($"- After: {Md(Side(diff.After, diff.MachinesAfter, options.AfterSources))}\n");
        foreach (var line in OneSided(diff)) writer.Write($"- {Md(line)}\n");
        writer.Write($"\n**{Md(Verdict(diff, options.FailOn))}** {Md(Counts(diff))}\n");
        foreach (var section in Sections(diff))
        {
            writer.Write($"\n## {Md(section.Key)} ({section.Value.Length})\n\n");
            writer.Write("| Severity | Rule | Machine | Before | After |\n|---|---|---|---|---|\n");
            foreach (var change in section.Value)
            {
                writer.Write($"| {ReportWriter.Name(change.Severity)} | {DisplayText.ForMarkdownCode(change.Rule.Id)} | {Md(change.Machine ?? "-")} | {Md(ReportDiff.OutcomeText(change.BeforeOutcome))} | {Md(ReportDiff.OutcomeText(change.AfterOutcome))}{(change.Waived ? " (waived)" : string.Empty)} |\n");
            }

            writer.Write("\n");
            foreach (var change in section.Value)
            {
                writer.Write(change.Causes.Count <= 1 ? $"- {Md(change.Summary)}." : $"- {Md(Lead(change))}:");
                if (change.NextSteps.Count > 0) writer.Write($" *{Md(StepsLabel(change))}:* {Md(string.Join("; ", change.NextSteps))}.");
                writer.Write("\n");
                if (change.Causes.Count > 1)
                {
                    foreach (var cause in change.Causes) writer.Write($"  - {Md(cause.ToString())}\n");
                }
            }
        }

        writer.Write("\n## Facts that changed without changing any outcome\n\n");
        if (diff.FactsWithoutOutcomeChange.Count == 0) writer.Write("None.\n");
        foreach (var fact in diff.FactsWithoutOutcomeChange.Take(FactsShown)) writer.Write($"- {Md(fact.ToString())}\n");
        if (diff.FactsWithoutOutcomeChange.Count > FactsShown) writer.Write($"- and {diff.FactsWithoutOutcomeChange.Count - FactsShown} more (the JSON diff lists every one)\n");
    }

    private static void WriteJson(ReportDiff diff, DiffOptions options, TextWriter writer)
    {
        var json = new JsonText(writer);
        json.Begin('{');
        json.Property("schema", true);
        json.String("pxerules-diff");
        json.Property("schemaVersion", false);
        json.Value(JsonSchemaVersion);
        json.Property("pxeRulesVersion", false);
        json.String(ReportWriter.ToolVersion);
        json.Property("before", false);
        json.Value(SideObject(diff.Before, diff.MachinesBefore, options.BeforeSources));
        json.Property("after", false);
        json.Value(SideObject(diff.After, diff.MachinesAfter, options.AfterSources));
        json.Property("failOn", false);
        json.Value(options.FailOn is { } f ? ReportWriter.Name(f) : "none");
        json.Property("fails", false);
        json.Value(diff.Fails(options.FailOn));
        json.Property("verdict", false);
        json.String(Verdict(diff, options.FailOn));
        json.Property("summary", false);
        json.Value(new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["appeared"] = diff.OfKind(ResultChangeKind.Appeared).Count(),
            ["cleared"] = diff.OfKind(ResultChangeKind.Cleared).Count(),
            ["changedOutcome"] = diff.OfKind(ResultChangeKind.ChangedOutcome).Count(),
            ["remains"] = diff.OfKind(ResultChangeKind.Remains).Count(),
            ["unconfirmed"] = diff.Changes.Count(c => c.Unconfirmed),
        });
        json.Property("machinesOnlyBefore", false);
        json.Value(diff.MachinesOnlyBefore);
        json.Property("machinesOnlyAfter", false);
        json.Value(diff.MachinesOnlyAfter);
        json.Property("changes", false);
        json.Value(diff.Changes.Select(c => (object?)ChangeObject(c)).ToArray());
        json.Property("factsWithoutOutcomeChange", false);
        json.Value(diff.FactsWithoutOutcomeChange.Select(f => (object?)FactObject(f)).ToArray());
        json.End('}', false);
        writer.Write('\n');
    }

    private static IReadOnlyDictionary<string, object?> SideObject(Evaluation.EvaluationReport report, IReadOnlyList<string> machines, IReadOnlyList<string> sources) => new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["sources"] = sources.Select(s => (object?)s).ToArray(),
        ["collectedAt"] = report.Facts.CollectedAt,
        ["evaluatedAt"] = report.EvaluatedAt,
        ["machines"] = machines.Select(m => (object?)m).ToArray(),
    };

    private static IReadOnlyDictionary<string, object?> ChangeObject(ResultChange change) => new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["kind"] = ReportDiff.KindName(change.Kind),
        ["ruleId"] = change.Rule.Id,
        ["title"] = change.Rule.Title,
        ["severity"] = ReportWriter.Name(change.Severity),
        ["machine"] = change.Machine,
        ["before"] = ReportDiff.OutcomeName(change.BeforeOutcome),
        ["after"] = ReportDiff.OutcomeName(change.AfterOutcome),
        ["waived"] = change.Waived,
        ["unconfirmed"] = change.Unconfirmed,
        ["summary"] = change.Summary,
        ["causes"] = change.Causes.Select(c => (object?)FactObject(c)).ToArray(),
        ["nextSteps"] = change.NextSteps.Select(s => (object?)s).ToArray(),
    };

    private static IReadOnlyDictionary<string, object?> FactObject(FactChange fact) => new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["subject"] = fact.Subject,
        ["machine"] = fact.Machine,
        ["call"] = fact.Call.Describe(),
        ["before"] = fact.Before,
        ["after"] = fact.After,
        ["text"] = fact.ToString(),
    };
}
