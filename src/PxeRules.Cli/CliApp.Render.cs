using System;
using System.IO;
using System.Linq;
using PxeRules.Evaluation;
using PxeRules.Loading;
using PxeRules.Model;
using PxeRules.Reporting;
using Spectre.Console;

namespace PxeRules.Cli;

internal sealed partial class CliApp
{
    private static string Version => typeof(RuleEngine).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    private static string SeverityMarkup(Severity severity, bool color)
    {
        var text = ReportWriter.Name(severity).ToUpperInvariant();
        if (!color) return text;
        return severity switch
        {
            Severity.Critical => $"[bold red]{text}[/]",
            Severity.Error => $"[red]{text}[/]",
            Severity.Warning => $"[yellow]{text}[/]",
            _ => $"[blue]{text}[/]",
        };
    }

    private static string OutcomeMarkup(Outcome outcome, bool color)
    {
        var text = ReportWriter.Name(outcome);
        if (!color) return text;
        return outcome switch
        {
            Outcome.Detected => $"[bold]{text}[/]",
            Outcome.Inconclusive or Outcome.Error => $"[yellow]{text}[/]",
            _ => $"[grey]{text}[/]",
        };
    }

    private void RenderCheck(EvaluationReport report, ReportOptions options, TextWriter writer, bool color)
    {
        // Without colour (a pipe, a file, NO_COLOR) lines are written as they are, and Spectre.Console is not even
        // loaded: a cold check to a pipe pays nothing for wrapping it does not do.
        ICheckLines lines = color ? new AnsiCheckLines(console.Render(writer, color)) : new PlainCheckLines(writer);
        void Line(string markup, string plain) => lines.Line(markup, plain);
        void Text(string plain) => lines.Line(null, plain);

        var rules = report.Outcomes.Select(o => o.Rule).Distinct().Count();
        Text($"PxeRules {Version}: {rules} rules on {report.Facts.Machines.Count} machine(s) ({string.Join(", ", report.Facts.Machines)}), facts collected {report.Facts.CollectedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC from {string.Join(", ", options.Sources)}");
        if (report.Coverage is { } coverage)
        {
            foreach (var line in ReportWriter.CoverageLines(coverage))
            {
                if (line.StartsWith("Coverage: incomplete", StringComparison.Ordinal)) Line("[yellow]" + EscapeMarkup(Printable(line)) + "[/]", line);
                else Text(line);
            }
        }

        writer.WriteLine();

        var shown = (options.IncludeAll ? report.Results : report.Problems)
            .OrderBy(r => r.Outcome == Outcome.Detected ? 0 : 1).ThenByDescending(r => r.Severity).ThenBy(r => r.Rule.Id, StringComparer.Ordinal).ToArray();
        var count = (Outcome o) => report.Outcomes.CountOf(o);
        if (shown.Length > 0)
        {
            lines.Table(
                new[] { "Severity", "Rule", "Machine", "Outcome" },
                shown.Select(result => new[]
                {
                    SeverityMarkup(result.Severity, color), EscapeMarkup(Printable(result.Rule.Id)), EscapeMarkup(Printable(result.Machine?.Name ?? "-")),
                    OutcomeMarkup(result.Outcome, color) + (result.Waiver is null ? string.Empty : " (waived)"),
                }).ToArray(),
                shown.Select(result => new[]
                {
                    SeverityMarkup(result.Severity, false), Printable(result.Rule.Id), Printable(result.Machine?.Name ?? "-"),
                    OutcomeMarkup(result.Outcome, false) + (result.Waiver is null ? string.Empty : " (waived)"),
                }).ToArray());
        }

        Text($"{count(Outcome.Detected)} detected, {count(Outcome.Inconclusive)} inconclusive, {count(Outcome.Error)} error, {count(Outcome.NotDetected)} not detected, {count(Outcome.NotApplicable)} not applicable.");
        foreach (var result in shown.Where(r => ReportWriter.IsProblem(r.Outcome)))
        {
            writer.WriteLine();
            var id = Printable(result.Rule.Id);
            var machine = Printable(result.Machine?.Name ?? "-");
            lines.Heading(
                $"{SeverityMarkup(result.Severity, color)} {EscapeMarkup(id)} on {EscapeMarkup(machine)}: {OutcomeMarkup(result.Outcome, color)}",
                $"-- {ReportWriter.Name(result.Severity).ToUpperInvariant()} {id} on {machine}: {ReportWriter.Name(result.Outcome)} --");
            Line("[bold]" + EscapeMarkup(result.Rule.Title) + "[/]", result.Rule.Title);
            if (result.Outcome == Outcome.Detected)
            {
                if (report.ExplainedBy(result) is { } cause)
                {
                    Text($"Explained by {cause.Rule.Id} on {cause.Machine?.Name}: fix that first; this may clear with it.");
                }
                else if (report.RootCauses.FirstOrDefault(g => ReferenceEquals(g.Cause, result)) is { Consequences.Count: > 0 } group)
                {
                    Text($"Root cause of: {string.Join(", ", group.Consequences.Select(c => c.Rule.Id))}.");
                }
            }

            Text("Why: " + result.Explanation);
            if (result.Waiver is not null)
            {
                Text($"Waived until {result.Waiver.Expires.UtcDateTime:yyyy-MM-dd}: {result.Waiver.Justification}");
            }

            if (result.Evidence.Count > 0)
            {
                Text("Evidence:");
                foreach (var evidence in result.Evidence)
                {
                    Text("  - " + evidence);
                    foreach (var item in evidence.Items)
                    {
                        Text("      " + item);
                    }
                }
            }

            if (result.WouldClear.Count > 0)
            {
                Text(result.Outcome == Outcome.Detected ? "What would clear it:" : "What would decide it:");
                foreach (var change in result.WouldClear) Text("  - " + change);
            }

            if (result.Outcome == Outcome.Detected)
            {
                Text("What to do:");
                foreach (var step in result.Remediation)
                {
                    var flags = (step.Disruptive ? " (disruptive)" : string.Empty) + (step.RequiresRestart ? " (may require a restart)" : string.Empty);
                    Text($"  {step.Number}. {step.Text.Trim()}{flags}");
                    if (step.Command is not null)
                    {
                        Line("     [cyan]> " + EscapeMarkup(step.Command) + "[/]", "     > " + step.Command);
                    }

                    if (step.CommandWithheld is not null)
                    {
                        Text("     (command withheld: " + step.CommandWithheld + ")");
                    }
                }

                foreach (var reference in result.Rule.References)
                {
                    Text($"  See: {reference.Title}{(reference.Kb is null ? string.Empty : " (" + reference.Kb + ")")}{(reference.Url is null ? string.Empty : " " + reference.Url)}");
                }
            }
        }
    }

    /// <summary>Spectre.Console's markup escape (brackets doubled), without loading Spectre.Console.</summary>
    internal static string EscapeMarkup(string text) =>
        text.IndexOfAny(['[', ']']) < 0 ? text : text.Replace("[", "[[", StringComparison.Ordinal).Replace("]", "]]", StringComparison.Ordinal);

    /// <summary>
    /// Control characters, bidirectional overrides and other invisible controls from rule files, snapshots and
    /// machines are shown as \uXXXX (<see cref="DisplayText.Escape"/>), so what a file says cannot drive the terminal
    /// or reorder what an engineer reads.
    /// </summary>
    internal static string Printable(string text) => DisplayText.Escape(text, keepLineBreaks: true);

    private void RenderList(KnowledgeBase knowledgeBase)
    {
        var ansi = console.Render(console.Output, console.UseColor);
        var table = new Table().Border(console.UseColor ? TableBorder.Rounded : TableBorder.Ascii2);
        table.AddColumn("Id");
        table.AddColumn("Severity");
        table.AddColumn("Confidence");
        table.AddColumn("Title");
        foreach (var rule in knowledgeBase.Rules.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            table.AddRow(Markup.Escape(Printable(rule.Id)), SeverityMarkup(rule.Severity, console.UseColor), rule.Confidence.ToString().ToLowerInvariant(), Markup.Escape(Printable(rule.Title)));
        }

        ansi.Write(table);
        ansi.MarkupLine($"{knowledgeBase.Rules.Count} rules.");
    }

    private void RenderExplain(Model.Rule rule)
    {
        var writer = new PrintableWriter(console.Output);
        writer.WriteLine($"{rule.Id}: {rule.Title}");
        writer.WriteLine($"Severity {ReportWriter.Name(rule.Severity)}, confidence {rule.Confidence.ToString().ToLowerInvariant()}, {rule.Status.ToString().ToLowerInvariant()}; defined at {rule.Source}");
        if (rule.Aliases.Count > 0) writer.WriteLine($"Former ids: {string.Join(", ", rule.Aliases)}");
        if (rule.Tags.Count > 0) writer.WriteLine($"Tags: {string.Join(", ", rule.Tags)}");
        writer.WriteLine($"Applies to: {CatalogWriter.AppliesTo(rule)}");
        writer.WriteLine();
        writer.WriteLine(rule.Summary.Trim());
        if (rule.Symptoms.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine("Symptoms:");
            foreach (var symptom in rule.Symptoms) writer.WriteLine($"  - {symptom.Trim()}");
        }

        if (rule.Cause is not null)
        {
            writer.WriteLine();
            writer.WriteLine("Cause: " + rule.Cause.Trim());
        }

        writer.WriteLine();
        writer.WriteLine("How it is detected:");
        foreach (var fact in rule.Facts) writer.WriteLine($"  {fact.Name}: {CatalogWriter.Describe(fact).Replace("`", string.Empty)}");
        if (rule.AppliesTo.When is not null)
        {
            writer.WriteLine("  applies when:");
            foreach (var line in ConditionText.Format(rule.AppliesTo.When).Split('\n')) writer.WriteLine("    " + line);
        }

        writer.WriteLine("  detected when:");
        foreach (var line in ConditionText.Format(rule.Condition).Split('\n')) writer.WriteLine("    " + line);
        writer.WriteLine();
        writer.WriteLine("What to do:");
        var number = 0;
        foreach (var step in rule.Remediation)
        {
            writer.WriteLine($"  {++number}. {step.Text.Trim()}{(step.Disruptive ? " (disruptive)" : string.Empty)}{(step.RequiresRestart ? " (may require a restart)" : string.Empty)}");
            if (step.Command is not null) writer.WriteLine($"     > {step.Command}");
        }

        if (rule.References.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine("References:");
            foreach (var reference in rule.References) writer.WriteLine($"  - {reference.Title}{(reference.Kb is null ? string.Empty : " (" + reference.Kb + ")")}{(reference.Url is null ? string.Empty : " " + reference.Url)}");
        }
    }
}

/// <summary>How the check report reaches the console: plain lines, or Spectre.Console markup with colour.</summary>
internal interface ICheckLines
{
    /// <summary>A line: <paramref name="markup"/> (null: <paramref name="plain"/> escaped) with colour, else <paramref name="plain"/>.</summary>
    void Line(string? markup, string plain);

    /// <summary>A rule line heading a finding.</summary>
    void Heading(string markup, string plain);

    /// <summary>A table: cells as markup with colour, as plain text otherwise.</summary>
    void Table(string[] headers, string[][] markupRows, string[][] plainRows);
}

/// <summary>
/// Plain text, written as it is (no wrapping, so a redirected report keeps whole lines), tables with ASCII borders as
/// Spectre.Console's <c>Ascii2</c> border draws them.
/// </summary>
internal sealed class PlainCheckLines : ICheckLines
{
    private readonly TextWriter writer;

    public PlainCheckLines(TextWriter writer) => this.writer = writer;

    public void Line(string? markup, string plain) => writer.WriteLine(CliApp.Printable(plain));

    public void Heading(string markup, string plain) => writer.WriteLine(plain);

    public void Table(string[] headers, string[][] markupRows, string[][] plainRows)
    {
        var widths = new int[headers.Length];
        for (var c = 0; c < headers.Length; c++)
        {
            widths[c] = headers[c].Length;
            foreach (var row in plainRows) widths[c] = Math.Max(widths[c], row[c].Length);
        }

        void Border(char edge, char joint)
        {
            writer.Write(edge);
            for (var c = 0; c < widths.Length; c++)
            {
                writer.Write(new string('-', widths[c] + 2));
                writer.Write(c == widths.Length - 1 ? edge : joint);
            }

            writer.WriteLine();
        }

        void Row(string[] cells)
        {
            writer.Write('|');
            for (var c = 0; c < cells.Length; c++)
            {
                writer.Write(' ');
                writer.Write(cells[c].PadRight(widths[c]));
                writer.Write(" |");
            }

            writer.WriteLine();
        }

        Border('+', '+');
        Row(headers);
        writer.Write('|');
        for (var c = 0; c < widths.Length; c++)
        {
            writer.Write(new string('-', widths[c] + 2));
            writer.Write(c == widths.Length - 1 ? '|' : '+');
        }

        writer.WriteLine();
        foreach (var row in plainRows) Row(row);
        Border('+', '+');
    }
}

/// <summary>Spectre.Console on a terminal: markup, colour, wrapping to the width.</summary>
internal sealed class AnsiCheckLines : ICheckLines
{
    private readonly IAnsiConsole ansi;

    public AnsiCheckLines(IAnsiConsole ansi) => this.ansi = ansi;

    public void Line(string? markup, string plain) => ansi.MarkupLine(CliApp.Printable(markup ?? Markup.Escape(plain)));

    public void Heading(string markup, string plain) => ansi.Write(new Spectre.Console.Rule(markup) { Justification = Justify.Left });

    public void Table(string[] headers, string[][] markupRows, string[][] plainRows)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var header in headers) table.AddColumn(header);
        foreach (var row in markupRows) table.AddRow(row);
        ansi.Write(table);
    }
}

/// <summary>Writes lines with their control characters made visible (see <see cref="CliApp.Printable"/>).</summary>
internal sealed class PrintableWriter
{
    private readonly TextWriter inner;

    public PrintableWriter(TextWriter inner) => this.inner = inner;

    public void WriteLine() => inner.WriteLine();

    public void WriteLine(string text) => inner.WriteLine(CliApp.Printable(text));
}
