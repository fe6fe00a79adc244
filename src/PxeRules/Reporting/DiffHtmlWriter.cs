using System.IO;
using System.Linq;

namespace PxeRules.Reporting;

/// <summary>
/// The diff as one self-contained HTML page, in the HTML report's style and under its policy (only the inline style
/// sheet, by hash: no script, no request). Every string from a rule, a snapshot or a machine goes through
/// <see cref="DisplayText.ForHtml"/>.
/// </summary>
internal static class DiffHtmlWriter
{
    public static void Write(ReportDiff diff, DiffOptions options, TextWriter writer)
    {
        static string H(string? text) => DisplayText.ForHtml(text);

        var verdict = DiffWriter.Verdict(diff, options.FailOn);
        var tone = diff.Fails(options.FailOn) ? "bad" : diff.Changes.Any(c => c.Unconfirmed) ? "unknown"
            : diff.OfKind(ResultChangeKind.Cleared).Any() ? "ok" : "unchanged";
        ReportWriter.WriteHtmlHead(writer, "PxeRules diff: " + verdict);
        writer.Write("<main class=\"solo\">\n<header>\n<h1>PxeRules diff</h1>\n<ul class=\"meta\">\n");
        writer.Write($"<li>Before: {H(DiffWriter.Side(diff.Before, diff.MachinesBefore, options.BeforeSources))}</li>\n");
        writer.Write($"<li>After: {H(DiffWriter.Side(diff.After, diff.MachinesAfter, options.AfterSources))}</li>\n");
        foreach (var line in DiffWriter.OneSided(diff)) writer.Write($"<li>{H(line)}</li>\n");
        writer.Write("</ul>\n</header>\n");
        writer.Write($"<section id=\"verdict\"><div class=\"verdict {tone}\" data-verdict=\"{tone}\">\n<p class=\"head\">{H(verdict)}</p>\n<ul class=\"counts\">\n");
        foreach (var (kind, label) in new[] { (ResultChangeKind.Cleared, "cleared"), (ResultChangeKind.Appeared, "appeared"), (ResultChangeKind.Remains, "remain"), (ResultChangeKind.ChangedOutcome, "changed outcome") })
        {
            writer.Write($"<li data-count=\"{label}\"><b>{diff.OfKind(kind).Count()}</b> {label}</li>\n");
        }

        writer.Write("</ul>\n</div>\n</section>\n");
        foreach (var section in DiffWriter.Sections(diff))
        {
            var id = section.Key.ToLowerInvariant().Replace(' ', '-');
            writer.Write($"<section id=\"{id}\">\n<h2>{H(section.Key)} ({section.Value.Length})</h2>\n");
            writer.Write("<table>\n<thead><tr><th scope=\"col\">Severity</th><th scope=\"col\">Rule</th><th scope=\"col\">Machine</th><th scope=\"col\">Before</th><th scope=\"col\">After</th><th scope=\"col\">Why</th></tr></thead>\n<tbody>\n");
            foreach (var change in section.Value)
            {
                writer.Write($"<tr data-rule=\"{H(change.Rule.Id)}\"><td>{ReportWriter.HtmlSeverity(change.Severity)}</td><td><code>{H(change.Rule.Id)}</code><br>{H(change.Rule.Title)}</td><td>{H(change.Machine ?? "-")}</td>");
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

            writer.Write("</tbody>\n</table>\n</section>\n");
        }

        writer.Write("<section id=\"unrelated-facts\">\n<h2>Facts that changed without changing any outcome</h2>\n");
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

        writer.Write("</section>\n</main>\n</body>\n</html>\n");
    }
}
