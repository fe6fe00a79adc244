using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using PxeRules.Evaluation;
using PxeRules.Model;

namespace PxeRules.Reporting;

// HTML: one self-contained page for people (admins, their managers, a customer a report is sent to). Its only style
// sheet is inline and named by hash in the page's Content-Security-Policy, which refuses every other source, so the
// page cannot load anything and runs no script. Every string from a rule, a snapshot or a machine goes through
// DisplayText.ForHtml; links only when they are http or https (DisplayText.SafeLink).
public static partial class ReportWriter
{
    /// <summary>Findings on more machines than this get a table of contents per machine inside a collapsed list.</summary>
    private const int MachinesListedOpen = 12;

    /// <summary>Below this many machines, passed and not applicable checks name their machines; above, they count them.</summary>
    private const int MachinesNamedInPassed = 10;

    private static readonly Regex LeadingTime = new(@"^(\d{4}-\d\d-\d\dT[0-9:.]+Z?|time unknown)\s", RegexOptions.CultureInvariant);

    /// <summary>
    /// The page's style sheet. Severity shows as a word and a shape as well as a colour, so it reads in black and white
    /// and to a colour-blind reader; print drops the navigation and keeps each finding on one page where it fits.
    /// </summary>
    internal const string HtmlStyle = """
:root { color-scheme: light dark; --fg: #1b1f24; --muted: #57606a; --bg: #ffffff; --panel: #f6f8fa; --line: #d0d7de;
  --critical: #a40e26; --error: #cf222e; --warning: #9a6700; --info: #0969da; --ok: #1a7f37; --unknown: #8250df; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --panel: #161b22; --line: #30363d;
    --critical: #ff7b72; --error: #ffa198; --warning: #d29922; --info: #58a6ff; --ok: #3fb950; --unknown: #bc8cff; }
}
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); background: var(--bg); }
.page { display: grid; grid-template-columns: 16rem minmax(0, 1fr); max-width: 78rem; margin: 0 auto; }
nav { position: sticky; top: 0; align-self: start; max-height: 100vh; overflow: auto; padding: 1.25rem 1rem; border-right: 1px solid var(--line); font-size: 14px; }
nav ol { list-style: none; padding-left: 0.75rem; margin: 0.25rem 0; }
nav > ol { padding-left: 0; }
nav a { color: var(--fg); text-decoration: none; }
nav a:hover { text-decoration: underline; }
main { padding: 1.25rem 2rem 3rem; min-width: 0; }
main.solo { max-width: 78rem; margin: 0 auto; }
ul.meta { padding-left: 1.2rem; }
h1 { font-size: 1.6rem; margin: 0 0 0.25rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 0.75rem; padding-bottom: 0.25rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.1rem; margin: 1.5rem 0 0.5rem; }
h4 { font-size: 1rem; margin: 0 0 0.25rem; }
h5 { font-size: 0.9rem; margin: 0.75rem 0 0.25rem; color: var(--muted); text-transform: uppercase; letter-spacing: 0.03em; }
p { margin: 0.35rem 0; }
.meta { color: var(--muted); font-size: 14px; }
code, pre, samp { font-family: ui-monospace, SFMono-Regular, Consolas, "Liberation Mono", Menlo, monospace; font-size: 13px; }
code { background: var(--panel); padding: 0.05rem 0.3rem; border-radius: 4px; overflow-wrap: anywhere; }
pre { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 0.5rem 0.75rem; margin: 0.25rem 0 0.5rem; white-space: pre-wrap; overflow-wrap: anywhere; }
pre code { background: none; padding: 0; }
.verdict { border: 2px solid var(--line); border-left-width: 0.6rem; border-radius: 6px; padding: 0.75rem 1rem; background: var(--panel); }
.verdict p.head { font-size: 1.2rem; font-weight: 600; margin: 0; }
.verdict.bad { border-color: var(--error); } .verdict.warn { border-color: var(--warning); }
.verdict.unknown { border-color: var(--unknown); } .verdict.ok { border-color: var(--ok); }
.verdict.unchanged { border-color: var(--muted); }
.counts { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; margin: 0.5rem 0 0; padding: 0; list-style: none; }
.counts b { font-size: 1.1rem; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0; font-size: 14px; }
th, td { border: 1px solid var(--line); padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
th { background: var(--panel); }
.finding { border: 1px solid var(--line); border-left: 0.4rem solid var(--line); border-radius: 6px; padding: 0.75rem 1rem; margin: 0.75rem 0; break-inside: avoid; }
.finding.critical { border-left-color: var(--critical); } .finding.error { border-left-color: var(--error); }
.finding.warning { border-left-color: var(--warning); } .finding.info { border-left-color: var(--info); }
.finding.undecided { border-left-color: var(--unknown); border-left-style: dashed; }
.sev { display: inline-block; font-weight: 700; font-size: 12px; letter-spacing: 0.04em; padding: 0 0.4rem; border: 1px solid currentColor; border-radius: 4px; margin-right: 0.4rem; white-space: nowrap; }
.sev.critical { color: var(--critical); } .sev.error { color: var(--error); } .sev.warning { color: var(--warning); } .sev.info { color: var(--info); }
.sev.inconclusive, .sev.failed { color: var(--unknown); } .sev.ok { color: var(--ok); }
.tag { display: inline-block; font-size: 12px; padding: 0 0.35rem; border-radius: 4px; background: var(--panel); border: 1px solid var(--line); margin-left: 0.3rem; }
.link { font-size: 14px; }
ul.items { list-style: none; padding-left: 1rem; margin: 0.2rem 0 0.4rem; }
ul.items li { font-family: ui-monospace, SFMono-Regular, Consolas, "Liberation Mono", Menlo, monospace; font-size: 13px; overflow-wrap: anywhere; }
ul.items time, ul.items .time { font-weight: 700; }
.withheld { color: var(--warning); }
details { margin: 0.5rem 0; }
summary { cursor: pointer; font-weight: 600; }
.none { color: var(--muted); }
@media (max-width: 60rem) { .page { display: block; } nav { position: static; max-height: none; border-right: 0; border-bottom: 1px solid var(--line); } }
@media print {
  nav { display: none; } .page { display: block; max-width: none; } main { padding: 0; }
  body { font-size: 11pt; } a { color: inherit; } details > summary { list-style: none; }
  .finding, .verdict, .sev { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2, h3, h4 { break-after: avoid; }
}
""";

    /// <summary>The Content-Security-Policy of the page: no source at all but the one style sheet, by its hash.</summary>
    internal static string HtmlPolicy(string style)
    {
        using var sha = SHA256.Create();
        var hash = Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(style)));
        return $"default-src 'none'; style-src 'sha256-{hash}'; img-src 'none'; base-uri 'none'; form-action 'none'";
    }

    /// <summary>The head of a self-contained page, up to and including the opening of <c>body</c>.</summary>
    internal static void WriteHtmlHead(TextWriter writer, string title)
    {
        writer.Write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        writer.Write($"<meta http-equiv=\"Content-Security-Policy\" content=\"{HtmlPolicy(HtmlStyle)}\">\n");
        writer.Write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        writer.Write($"<meta name=\"generator\" content=\"PxeRules {Html(ToolVersion)}\">\n");
        writer.Write($"<title>{Html(title)}</title>\n<style>{HtmlStyle}</style>\n</head>\n<body>\n");
    }

    /// <summary>Text for HTML element content or a quoted attribute; the one path (<see cref="DisplayText.ForHtml"/>).</summary>
    internal static string Html(string? text) => DisplayText.ForHtml(text);

    /// <summary>A severity as a word with a shape, so colour is never the only sign.</summary>
    internal static string HtmlSeverity(Severity severity)
    {
        var (shape, name) = severity switch
        {
            Severity.Critical => ("\u2716", "critical"),
            Severity.Error => ("\u25B2", "error"),
            Severity.Warning => ("\u25CF", "warning"),
            _ => ("\u25CB", "info"),
        };
        return $"<span class=\"sev {name}\"><span aria-hidden=\"true\">{shape}</span> {name.ToUpperInvariant()}</span>";
    }

    private static string HtmlOutcome(Outcome outcome) => outcome switch
    {
        Outcome.Inconclusive => "<span class=\"sev inconclusive\"><span aria-hidden=\"true\">?</span> INCONCLUSIVE</span>",
        Outcome.Error => "<span class=\"sev failed\"><span aria-hidden=\"true\">!</span> ERROR</span>",
        Outcome.NotDetected => "<span class=\"sev ok\"><span aria-hidden=\"true\">\u2713</span> NOT DETECTED</span>",
        Outcome.NotApplicable => "<span class=\"sev ok\">NOT APPLICABLE</span>",
        _ => "<span class=\"sev\">DETECTED</span>",
    };

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    private static void WriteHtml(EvaluationReport report, ReportOptions options, TextWriter writer)
    {
        // Passed and not applicable checks are shown by rule and machine alone: read from the outcomes, without their result objects.
        var problems = report.Problems;
        var findings = problems.Where(r => r.Outcome == Outcome.Detected).ToArray();
        var open = findings.Where(r => r.Waiver is null).ToArray();
        var undecided = problems.Where(r => r.Outcome is Outcome.Inconclusive or Outcome.Error).ToArray();
        var passed = report.Outcomes.Where(o => o.Outcome is Outcome.NotDetected or Outcome.NotApplicable).ToArray();
        var failing = open.Count(r => options.FailOn is { } least && r.Severity >= least);
        var coverage = report.Coverage;
        var complete = coverage is null || coverage.IsComplete;

        string head, kind;
        if (failing > 0 || undecided.Any(r => r.Outcome == Outcome.Error))
        {
            kind = "bad";
            head = failing > 0 ? $"{failing} finding(s) need attention" : "A rule could not be evaluated";
        }
        else if (open.Length > 0)
        {
            kind = "warn";
            head = $"{open.Length} finding(s) below the failing severity";
        }
        else if (undecided.Length > 0 || !complete)
        {
            kind = "unknown";
            head = "Not confirmed healthy: " + (undecided.Length > 0 ? $"{undecided.Length} check(s) could not be decided" : "coverage is incomplete");
        }
        else
        {
            kind = "ok";
            head = "No known issue was detected";
        }

        // Findings of each machine, root causes first, then by severity; machines in the order of the facts.
        var byMachine = findings.Concat(undecided)
            .GroupBy(r => r.Machine?.Name ?? "(no machine)", StringComparer.OrdinalIgnoreCase)
            .Select((g, i) => new HtmlMachine(g.Key, "m" + (i + 1).ToString(CultureInfo.InvariantCulture), g.ToArray()))
            .ToArray();
        var anchors = new Dictionary<RuleResult, string>();
        foreach (var result in findings.Concat(undecided)) anchors[result] = "f" + (anchors.Count + 1).ToString(CultureInfo.InvariantCulture);
        var rootCauses = report.RootCauses.Where(g => g.Consequences.Count > 0).ToArray();
        var ruleCount = report.Outcomes.Select(o => o.Rule).Distinct().Count();

        WriteHtmlHead(writer, $"PxeRules report: {head}");
        writer.Write("<div class=\"page\">\n<nav aria-label=\"Contents\">\n<p><b>Contents</b></p>\n<ol>\n");
        writer.Write("<li><a href=\"#verdict\">Verdict</a></li>\n");
        if (coverage is not null) writer.Write("<li><a href=\"#coverage\">Coverage</a></li>\n");
        if (rootCauses.Length > 0) writer.Write($"<li><a href=\"#root-causes\">Root causes ({rootCauses.Length})</a></li>\n");
        WriteNavMachines("findings", "Findings", byMachine, r => r.Outcome == Outcome.Detected, findings.Length);
        WriteNavMachines("undecided", "Could not be decided", byMachine, r => r.Outcome != Outcome.Detected, undecided.Length);
        writer.Write($"<li><a href=\"#passed\">Passed or not applicable ({passed.Length})</a></li>\n</ol>\n</nav>\n<main>\n");

        writer.Write("<header>\n<h1>PxeRules report</h1>\n");
        writer.Write($"<p class=\"meta\">PxeRules {Html(ToolVersion)}: {ruleCount} rule(s) on {report.Facts.Machines.Count} machine(s); facts collected {Time(report.Facts.CollectedAt)}, evaluated {Time(report.EvaluatedAt)}");
        if (options.Sources.Count > 0) writer.Write(" from " + string.Join(", ", options.Sources.Select(s => $"<code>{Html(s)}</code>")));
        writer.Write(".</p>\n</header>\n");

        // Verdict.
        writer.Write($"<section id=\"verdict\" aria-labelledby=\"verdict-h\">\n<h2 id=\"verdict-h\">Verdict</h2>\n<div class=\"verdict {kind}\" data-verdict=\"{kind}\">\n<p class=\"head\">{Html(head)}</p>\n<ul class=\"counts\">\n");
        void Count(string name, int value, string label) => writer.Write($"<li data-count=\"{name}\"><b>{value}</b> {label}</li>\n");
        Count("detected", findings.Length - findings.Count(r => r.Waiver is not null), "detected");
        if (findings.Any(r => r.Waiver is not null)) Count("waived", findings.Count(r => r.Waiver is not null), "waived");
        Count("inconclusive", undecided.Count(r => r.Outcome == Outcome.Inconclusive), "inconclusive");
        Count("error", undecided.Count(r => r.Outcome == Outcome.Error), "error");
        Count("notDetected", passed.Count(r => r.Outcome == Outcome.NotDetected), "not detected");
        Count("notApplicable", passed.Count(r => r.Outcome == Outcome.NotApplicable), "not applicable");
        writer.Write("</ul>\n");
        if (open.Length > 0)
        {
            var worst = open.Max(r => r.Severity);
            writer.Write($"<p>Worst: {HtmlSeverity(worst)} {open.Count(r => r.Severity == worst)} finding(s). ");
            writer.Write(rootCauses.Length > 0 ? "Fix the root causes first: their consequences may clear with them.</p>\n" : "</p>\n");
        }

        if (undecided.Length > 0) writer.Write("<p>A check that could not be decided is not a pass: its next step says what evidence would decide it.</p>\n");
        writer.Write("</div>\n</section>\n");

        if (coverage is not null) WriteHtmlCoverage(coverage, writer);

        if (rootCauses.Length > 0)
        {
            writer.Write("<section id=\"root-causes\" aria-labelledby=\"root-causes-h\">\n<h2 id=\"root-causes-h\">Root causes</h2>\n");
            writer.Write("<p>Each of these findings explains others on the same machine. Fix it first; the findings under it may clear with it.</p>\n<ul class=\"root-causes\">\n");
            foreach (var group in rootCauses)
            {
                writer.Write($"<li data-root-cause=\"{Html(group.Cause.Rule.Id)}\">{HtmlSeverity(group.Cause.Severity)}<a href=\"#{anchors[group.Cause]}\">{Html(group.Cause.Rule.Title)}</a> <code>{Html(group.Cause.Rule.Id)}</code> on <b>{Html(group.Cause.Machine?.Name ?? "-")}</b>, explains:\n<ul>\n");
                foreach (var consequence in group.Consequences)
                {
                    writer.Write($"<li><a href=\"#{anchors[consequence]}\">{Html(consequence.Rule.Title)}</a> <code>{Html(consequence.Rule.Id)}</code></li>\n");
                }

                writer.Write("</ul>\n</li>\n");
            }

            writer.Write("</ul>\n</section>\n");
        }

        WriteHtmlResults("findings", "Findings", "No known issue was detected.", r => r.Outcome == Outcome.Detected);
        WriteHtmlResults("undecided", "Could not be decided", "Every check was decided.", r => r.Outcome != Outcome.Detected);
        WriteHtmlPassed(passed, writer);
        writer.Write("</main>\n</div>\n</body>\n</html>\n");

        void WriteNavMachines(string id, string title, HtmlMachine[] machines, Func<RuleResult, bool> which, int total)
        {
            writer.Write($"<li><a href=\"#{id}\">{title} ({total})</a>");
            var listed = machines.Where(m => m.Results.Any(which)).ToArray();
            if (listed.Length > 1)
            {
                var many = listed.Length > MachinesListedOpen;
                if (many) writer.Write($"\n<details><summary>{listed.Length} machines</summary>");
                writer.Write("\n<ol>\n");
                foreach (var machine in listed) writer.Write($"<li><a href=\"#{id}-{machine.Anchor}\">{Html(machine.Name)}</a> ({machine.Results.Count(which)})</li>\n");
                writer.Write("</ol>");
                if (many) writer.Write("</details>");
            }

            writer.Write("</li>\n");
        }

        void WriteHtmlResults(string id, string title, string none, Func<RuleResult, bool> which)
        {
            writer.Write($"<section id=\"{id}\" aria-labelledby=\"{id}-h\">\n<h2 id=\"{id}-h\">{title}</h2>\n");
            var machines = byMachine.Where(m => m.Results.Any(which)).ToArray();
            if (machines.Length == 0) writer.Write($"<p class=\"none\">{none}</p>\n");
            foreach (var machine in machines)
            {
                writer.Write($"<section id=\"{id}-{machine.Anchor}\" class=\"machine\" aria-labelledby=\"{id}-{machine.Anchor}-h\">\n<h3 id=\"{id}-{machine.Anchor}-h\">{Html(machine.Name)}</h3>\n");
                var ordered = machine.Results.Where(which)
                    .OrderBy(r => report.ExplainedBy(r) is null ? 0 : 1)
                    .ThenByDescending(r => r.Severity)
                    .ThenBy(r => r.Rule.Id, StringComparer.Ordinal);
                foreach (var result in ordered) WriteHtmlResult(report, result, anchors, writer);
                writer.Write("</section>\n");
            }

            writer.Write("</section>\n");
        }
    }

    private static void WriteHtmlCoverage(SiteCoverage coverage, TextWriter writer)
    {
        writer.Write("<section id=\"coverage\" aria-labelledby=\"coverage-h\">\n<h2 id=\"coverage-h\">Coverage</h2>\n");
        var lines = CoverageLines(coverage);
        writer.Write($"<p data-coverage=\"{(coverage.IsComplete ? "complete" : "incomplete")}\">{(coverage.IsComplete ? "<span class=\"sev ok\"><span aria-hidden=\"true\">\u2713</span> COMPLETE</span>" : "<span class=\"sev inconclusive\"><span aria-hidden=\"true\">?</span> INCOMPLETE</span>")} {Html(CoverageSentence(lines[0]))}</p>\n");
        var gaps = lines.Skip(1).Where(l => l.StartsWith("  - ", StringComparison.Ordinal)).Select(l => l.Substring(4)).ToArray();
        if (gaps.Length > 0)
        {
            writer.Write("<ul class=\"gaps\">\n");
            foreach (var gap in gaps) writer.Write($"<li>{Html(gap)}</li>\n");
            writer.Write("</ul>\n");
        }

        writer.Write("<table class=\"machines\">\n<thead><tr><th scope=\"col\">Machine</th><th scope=\"col\">Roles</th><th scope=\"col\">Collected</th><th scope=\"col\">Facts read</th><th scope=\"col\">Facts unavailable</th></tr></thead>\n<tbody>\n");
        foreach (var machine in coverage.Machines)
        {
            var unavailable = machine.UnavailableByReason.Sum(u => u.Value);
            writer.Write($"<tr><th scope=\"row\">{Html(machine.Name)}</th><td>{Html(string.Join(", ", machine.Roles))}</td>");
            writer.Write(machine.Collected ? "<td>yes</td>" : $"<td><b>no</b>: {Html(machine.NotCollectedReason)}</td>");
            writer.Write($"<td>{machine.FactsRead}</td><td>{unavailable}");
            if (unavailable > 0)
            {
                writer.Write(": " + string.Join("; ", machine.UnavailableByReason.Take(3).Select(u => $"{u.Value} \u00D7 {Html(u.Key.TrimEnd('.'))}")));
                if (machine.UnavailableByReason.Count > 3) writer.Write($"; and {machine.UnavailableByReason.Count - 3} other reason(s)");
            }

            writer.Write("</td></tr>\n");
        }

        writer.Write("</tbody>\n</table>\n</section>\n");
    }

    /// <summary>"Coverage: complete: 2 of 2 …" without its two labels, which the badge shows.</summary>
    private static string CoverageSentence(string line)
    {
        foreach (var label in new[] { "Coverage: complete: ", "Coverage: incomplete: " })
        {
            if (line.StartsWith(label, StringComparison.Ordinal)) return line.Substring(label.Length);
        }

        return line;
    }

    private static void WriteHtmlResult(EvaluationReport report, RuleResult result, IReadOnlyDictionary<RuleResult, string> anchors, TextWriter writer)
    {
        var rule = result.Rule;
        var detected = result.Outcome == Outcome.Detected;
        var css = detected ? Name(result.Severity) : "undecided";
        writer.Write($"<article id=\"{anchors[result]}\" class=\"finding {css}\" data-rule=\"{Html(rule.Id)}\" data-machine=\"{Html(result.Machine?.Name)}\" data-outcome=\"{Name(result.Outcome)}\">\n");
        writer.Write($"<h4>{HtmlSeverity(result.Severity)}{(detected ? string.Empty : HtmlOutcome(result.Outcome))}{Html(rule.Title)}</h4>\n");
        writer.Write($"<p class=\"meta\"><code>{Html(rule.Id)}</code> on <b>{Html(result.Machine?.Name ?? "-")}</b>, confidence {rule.Confidence.ToString().ToLowerInvariant()}");
        if (result.Waiver is not null) writer.Write($"<span class=\"tag\">waived until {result.Waiver.Expires.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}: {Html(result.Waiver.Justification)}</span>");
        writer.Write("</p>\n");
        if (detected && report.ExplainedBy(result) is { } cause)
        {
            writer.Write($"<p class=\"explained\">Explained by <a href=\"#{anchors[cause]}\"><code>{Html(cause.Rule.Id)}</code></a>: fix that first; this may clear with it.</p>\n");
        }
        else if (detected && report.RootCauses.FirstOrDefault(g => ReferenceEquals(g.Cause, result)) is { Consequences.Count: > 0 } group)
        {
            writer.Write("<p class=\"explains\">Root cause of " + string.Join(", ", group.Consequences.Select(c => $"<a href=\"#{anchors[c]}\"><code>{Html(c.Rule.Id)}</code></a>")) + ".</p>\n");
        }

        writer.Write($"<p>{Html(result.Explanation)}</p>\n");
        if (!detected && result.NextSteps.Count > 0)
        {
            writer.Write("<h5>Next step</h5>\n<ul class=\"next\">\n");
            foreach (var step in result.NextSteps) writer.Write($"<li>{Html(step)}</li>\n");
            writer.Write("</ul>\n");
        }

        if (result.Evidence.Count > 0)
        {
            writer.Write("<h5>Evidence</h5>\n<ul class=\"evidence\">\n");
            foreach (var evidence in result.Evidence)
            {
                writer.Write($"<li><code>{Html(evidence.Subject)}</code> = <code>{Html(evidence.Observed)}</code>, {Html(evidence.Operator)} <code>{Html(evidence.Expected)}</code>: {evidence.Result.ToString().ToLowerInvariant()}");
                if (evidence.Note is not null) writer.Write($" ({Html(evidence.Note)})");
                if (evidence.Call is not null) writer.Write($" <span class=\"meta\">[{Html(evidence.Call.ToString())}]</span>");
                if (evidence.Items.Count > 0)
                {
                    writer.Write("\n<ul class=\"items\">\n");
                    foreach (var item in evidence.Items)
                    {
                        var time = LeadingTime.Match(item);
                        writer.Write(time.Success
                            ? time.Groups[1].Value == "time unknown"
                                ? $"<li><span class=\"time\">time unknown</span> {Html(item.Substring(time.Length))}</li>\n"
                                : $"<li><time datetime=\"{Html(time.Groups[1].Value)}\">{Html(time.Groups[1].Value)}</time> {Html(item.Substring(time.Length))}</li>\n"
                            : $"<li>{Html(item)}</li>\n");
                    }

                    writer.Write("</ul>\n");
                }

                writer.Write("</li>\n");
            }

            writer.Write("</ul>\n");
        }

        if (result.WouldClear.Count > 0)
        {
            writer.Write(detected ? "<h5>What would clear it</h5>\n<ul class=\"would-clear\">\n" : "<h5>What would decide it</h5>\n<ul class=\"would-decide\">\n");
            foreach (var change in result.WouldClear) writer.Write($"<li>{Html(change)}</li>\n");
            writer.Write("</ul>\n");
        }

        if (detected && result.Remediation.Count > 0)
        {
            writer.Write("<h5>What to do</h5>\n<ol class=\"remediation\">\n");
            foreach (var step in result.Remediation)
            {
                writer.Write($"<li>{Html(step.Text.Trim())}");
                if (step.Disruptive) writer.Write("<span class=\"tag\">disruptive</span>");
                if (step.RequiresRestart) writer.Write("<span class=\"tag\">may require a restart</span>");
                if (step.Command is not null) writer.Write($"\n<pre><code data-shell=\"{(step.Shell == CommandShell.PowerShell ? "powershell" : "cmd")}\">{Html(step.Command)}</code></pre>");
                if (step.CommandWithheld is not null) writer.Write($"\n<p class=\"withheld\"><b>Command withheld:</b> {Html(step.CommandWithheld)}</p>");
                writer.Write("</li>\n");
            }

            writer.Write("</ol>\n");
        }

        if (detected && rule.References.Count > 0)
        {
            writer.Write("<h5>References</h5>\n<ul class=\"references\">\n");
            foreach (var reference in rule.References)
            {
                var link = DisplayText.SafeLink(reference.Url);
                writer.Write(link is null
                    ? $"<li>{Html(reference.Title)}"
                    : $"<li><a class=\"link\" href=\"{Html(link.AbsoluteUri)}\" rel=\"noopener noreferrer\">{Html(reference.Title)}</a>");
                if (reference.Kb is not null) writer.Write($" ({Html(reference.Kb)})");
                writer.Write("</li>\n");
            }

            writer.Write("</ul>\n");
        }

        writer.Write("</article>\n");
    }

    private static void WriteHtmlPassed(ResultOutcome[] passed, TextWriter writer)
    {
        writer.Write("<section id=\"passed\" aria-labelledby=\"passed-h\">\n<h2 id=\"passed-h\">Passed or not applicable</h2>\n");
        if (passed.Length == 0)
        {
            writer.Write("<p class=\"none\">None.</p>\n</section>\n");
            return;
        }

        // One row per rule, so a site of a thousand machines does not get a thousand rows per rule.
        var rows = passed.GroupBy(r => r.Rule).OrderBy(g => g.Key.Id, StringComparer.Ordinal).ToArray();
        writer.Write($"<details>\n<summary>{passed.Count(r => r.Outcome == Outcome.NotDetected)} not detected, {passed.Count(r => r.Outcome == Outcome.NotApplicable)} not applicable, over {rows.Length} rule(s)</summary>\n");
        writer.Write("<table class=\"passed\">\n<thead><tr><th scope=\"col\">Rule</th><th scope=\"col\">Not detected on</th><th scope=\"col\">Not applicable on</th></tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            writer.Write($"<tr data-rule=\"{Html(row.Key.Id)}\"><th scope=\"row\"><code>{Html(row.Key.Id)}</code><br>{Html(row.Key.Title)}</th><td>{Machines(row.Where(r => r.Outcome == Outcome.NotDetected))}</td><td>{Machines(row.Where(r => r.Outcome == Outcome.NotApplicable))}</td></tr>\n");
        }

        writer.Write("</tbody>\n</table>\n</details>\n</section>\n");

        static string Machines(IEnumerable<ResultOutcome> results)
        {
            var names = results.Select(r => r.Machine?.Name ?? "-").ToArray();
            if (names.Length == 0) return "<span class=\"none\">-</span>";
            return names.Length <= MachinesNamedInPassed ? Html(string.Join(", ", names)) : $"{names.Length} machines";
        }
    }

    private sealed class HtmlMachine
    {
        public HtmlMachine(string name, string anchor, RuleResult[] results)
        {
            Name = name;
            Anchor = anchor;
            Results = results;
        }

        public string Name { get; }

        public string Anchor { get; }

        public RuleResult[] Results { get; }
    }
}
