using System.IO;
using System.Linq;

namespace PxeRules.Reporting;

/// <summary>
/// The diff as one self-contained HTML page: an inline stylesheet, no script, no external resource. Every string
/// from a rule, a snapshot or a machine goes through <see cref="DisplayText.ForHtml"/>.
/// </summary>
internal static class DiffHtmlWriter
{
    /// <summary>The page's stylesheet, kept apart so another HTML page can share it.</summary>
    internal const string Style =
        "body{font-family:Segoe UI,Helvetica,Arial,sans-serif;margin:2em;color:#1b1b1b;max-width:72em}"
        + "h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.5em}"
        + "table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}"
        + "th{background:#f3f3f3}.verdict{font-weight:bold;padding:.5em;border-left:4px solid #888}"
        + ".fails{border-color:#c50f1f}.unconfirmed{border-color:#c19c00}.fixed{border-color:#107c10}"
        + ".sev-critical,.sev-error{color:#c50f1f}.sev-warning{color:#8a6d00}code{font-family:Consolas,monospace}"
        + "ul.steps{margin:.2em 0}";

    public static void Write(ReportDiff diff, DiffOptions options, TextWriter writer)
    {
        static string H(string? text) => DisplayText.ForHtml(text);

        var verdict = DiffWriter.Verdict(diff, options.FailOn);
        var tone = diff.Fails(options.FailOn) ? "fails" : diff.Changes.Any(c => c.Unconfirmed) ? "unconfirmed"
            : diff.OfKind(ResultChangeKind.Cleared).Any() ? "fixed" : "unchanged";
        writer.Write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        writer.Write("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
        writer.Write("<title>PxeRules diff</title>\n<style>" + Style + "</style>\n</head>\n<body>\n");
        writer.Write("<h1>PxeRules diff</h1>\n<ul>\n");
        writer.Write($"<li>Before: {H(DiffWriter.Side(diff.Before, diff.MachinesBefore, options.BeforeSources))}</li>\n");
        writer.Write($"<li>After: {H(DiffWriter.Side(diff.After, diff.MachinesAfter, options.AfterSources))}</li>\n");
        foreach (var line in DiffWriter.OneSided(diff)) writer.Write($"<li>{H(line)}</li>\n");
        writer.Write("</ul>\n");
        writer.Write($"<p class=\"verdict {tone}\">{H(verdict)} {H(DiffWriter.Counts(diff))}</p>\n");
        foreach (var section in DiffWriter.Sections(diff))
        {
            writer.Write($"<h2>{H(section.Key)} ({section.Value.Length})</h2>\n");
            writer.Write("<table>\n<thead><tr><th>Severity</th><th>Rule</th><th>Machine</th><th>Before</th><th>After</th><th>Why</th></tr></thead>\n<tbody>\n");
            foreach (var change in section.Value)
            {
                var severity = ReportWriter.Name(change.Severity);
                writer.Write($"<tr><td class=\"sev-{severity}\">{severity}</td><td><code>{H(change.Rule.Id)}</code><br>{H(change.Rule.Title)}</td><td>{H(change.Machine ?? "-")}</td>");
                writer.Write($"<td>{H(ReportDiff.OutcomeText(change.BeforeOutcome))}</td><td>{H(ReportDiff.OutcomeText(change.AfterOutcome))}{(change.Waived ? " (waived)" : string.Empty)}</td>");
                if (change.Causes.Count <= 1)
                {
                    writer.Write($"<td>{H(change.Summary)}.");
                }
                else
                {
                    writer.Write($"<td>{H(DiffWriter.Lead(change))}:<ul class=\"steps\">");
                    foreach (var cause in change.Causes) writer.Write($"<li>{H(cause.ToString())}</li>");
                    writer.Write("</ul>");
                }

                if (change.NextSteps.Count > 0)
                {
                    writer.Write($"<br>{H(DiffWriter.StepsLabel(change))}:<ul class=\"steps\">");
                    foreach (var step in change.NextSteps) writer.Write($"<li>{H(step)}</li>");
                    writer.Write("</ul>");
                }

                writer.Write("</td></tr>\n");
            }

            writer.Write("</tbody>\n</table>\n");
        }

        writer.Write("<h2>Facts that changed without changing any outcome</h2>\n");
        if (diff.FactsWithoutOutcomeChange.Count == 0)
        {
            writer.Write("<p>None.</p>\n");
        }
        else
        {
            writer.Write("<ul>\n");
            foreach (var fact in diff.FactsWithoutOutcomeChange.Take(DiffWriter.FactsShown)) writer.Write($"<li>{H(fact.ToString())}</li>\n");
            if (diff.FactsWithoutOutcomeChange.Count > DiffWriter.FactsShown) writer.Write($"<li>and {diff.FactsWithoutOutcomeChange.Count - DiffWriter.FactsShown} more (the JSON diff lists every one)</li>\n");
            writer.Write("</ul>\n");
        }

        writer.Write("</body>\n</html>\n");
    }
}
