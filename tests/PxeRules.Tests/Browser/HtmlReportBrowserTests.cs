using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using FluentAssertions;
using PxeRules.Evaluation;
using PxeRules.Loading;
using PxeRules.Model;
using PxeRules.Reporting;
using PxeRules.Snapshots;
using Xunit;

namespace PxeRules.Tests.Browser;

/// <summary>
/// The HTML report opened in headless Chromium, as the people it is sent to would open it: its sections and counts
/// agree with the evaluation, it makes no request beyond its own file and reports no error, it prints without its
/// navigation, hostile values stay text, and a site of a thousand machines opens and scrolls. Screenshots are kept
/// in <c>artifacts/browser/</c>; the README's picture is one of them.
/// </summary>
public sealed class HtmlReportBrowserTests : IDisposable
{
    /// <summary>A report of a thousand machines, a tenth of them broken, stays under this size (about 1.1 MB when it was written).</summary>
    private const long LargeSiteBound = 2 * 1024 * 1024;

    private static readonly KnowledgeBase Rules = KnowledgeBase.LoadBundled();
    private readonly string folder = Directory.CreateTempSubdirectory("pxerules-html-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static string Artifacts
    {
        get
        {
            var path = Repository.Path("artifacts", "browser");
            Directory.CreateDirectory(path);
            return path;
        }
    }

    private static EvaluationReport Evaluate(string snapshotPath) =>
        RuleEngine.CreateBuilder().AddRules(Rules).Build().Evaluate(SnapshotFile.Read(snapshotPath).Facts!);

    private string Write(EvaluationReport report, string name, params string[] sources)
    {
        var path = Path.Combine(folder, name + ".html");
        using (var writer = new StreamWriter(path))
        {
            ReportWriter.Write(report, ReportFormat.Html, writer, new ReportOptions { Sources = sources });
        }

        return path;
    }

    /// <summary>What the page shows, read from its DOM.</summary>
    private const string ReadPage = """
        (() => {
          const count = name => Number(document.querySelector(`[data-count="${name}"] b`)?.textContent ?? -1);
          return JSON.stringify({
            sections: [...document.querySelectorAll('main > section[id]')].map(s => s.id),
            headings: [...document.querySelectorAll('main h2')].map(h => h.textContent),
            verdict: document.querySelector('[data-verdict]')?.dataset.verdict ?? null,
            coverage: document.querySelector('[data-coverage]')?.dataset.coverage ?? null,
            detected: count('detected'), inconclusive: count('inconclusive'), notDetected: count('notDetected'), notApplicable: count('notApplicable'),
            findings: document.querySelectorAll('#findings article[data-outcome="detected"]').length,
            undecided: document.querySelectorAll('#undecided article').length,
            rootCauses: [...document.querySelectorAll('[data-root-cause]')].map(r => r.dataset.rootCause),
            severityWords: [...document.querySelectorAll('article.finding h4 .sev:first-child')].map(s => s.textContent.trim()),
            brokenAnchors: [...document.querySelectorAll('a[href^="#"]')].filter(a => !document.getElementById(a.getAttribute('href').slice(1))).length,
            active: document.querySelectorAll('script, iframe, object, embed, img, link, base, form').length,
            externalLinks: [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href')).filter(h => !h.startsWith('#') && !/^https?:\/\//.test(h)).length,
            styled: getComputedStyle(document.querySelector('nav')).position,
          });
        })()
        """;

    private sealed record Page(
        string[] Sections, string[] Headings, string? Verdict, string? Coverage, int Detected, int Inconclusive, int NotDetected, int NotApplicable,
        int Findings, int Undecided, string[] RootCauses, string[] SeverityWords, int BrokenAnchors, int Active, int ExternalLinks, string Styled);

    private static async Task<Page> Read(HeadlessChromium browser) =>
        System.Text.Json.JsonSerializer.Deserialize<Page>(await browser.EvaluateAsync<string>(ReadPage), new System.Text.Json.JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;

    [BrowserFact]
    public async Task Sample_reports_show_verdict_coverage_root_causes_and_findings_as_evaluated_and_load_nothing()
    {
        await using var browser = await HeadlessChromium.StartAsync();
        foreach (var (sample, verdict) in new[]
        {
            ("pxe-sp-wds-stopped", "bad"),
            ("remote-pxe-sp-old-wimgapi", "bad"),
            ("site-pxe-sp-not-collected", "unknown"),
            ("healthy-pxe-service-point", "ok"),
        })
        {
            var report = Evaluate(Repository.Path("samples", "snapshots", sample + ".json"));
            var path = Write(report, sample, $"samples/snapshots/{sample}.json");
            var before = browser.Requests.Count;

            await browser.OpenAsync(path);
            var page = await Read(browser);
            File.WriteAllBytes(Path.Combine(Artifacts, sample + ".png"), await browser.ScreenshotAsync());

            page.Sections.Should().Equal(new[] { "verdict", "coverage" }.Concat(report.RootCauses.Any(g => g.Consequences.Count > 0) ? new[] { "root-causes" } : Array.Empty<string>()).Concat(new[] { "findings", "undecided", "passed" }), sample);
            page.Verdict.Should().Be(verdict, sample);
            page.Coverage.Should().Be(report.Coverage!.IsComplete ? "complete" : "incomplete", sample);
            page.Detected.Should().Be(report.Findings.Count(), sample);
            page.Findings.Should().Be(report.Results.Count(r => r.Outcome == Outcome.Detected), sample);
            page.Inconclusive.Should().Be(report.Results.Count(r => r.Outcome == Outcome.Inconclusive), sample);
            page.Undecided.Should().Be(report.Results.Count(r => r.Outcome is Outcome.Inconclusive or Outcome.Error), sample);
            page.NotDetected.Should().Be(report.Results.Count(r => r.Outcome == Outcome.NotDetected), sample);
            page.NotApplicable.Should().Be(report.Results.Count(r => r.Outcome == Outcome.NotApplicable), sample);
            page.RootCauses.Should().Equal(report.RootCauses.Where(g => g.Consequences.Count > 0).Select(g => g.Cause.Rule.Id), sample);
            page.SeverityWords.Should().HaveCount(page.Findings + page.Undecided, sample);
            page.SeverityWords.Where(w => !(w.EndsWith("CRITICAL") || w.EndsWith("ERROR") || w.EndsWith("WARNING") || w.EndsWith("INFO"))).Should().BeEmpty("severity reads as a word, not only a colour");
            page.BrokenAnchors.Should().Be(0, sample);
            page.Active.Should().Be(0, "the page has no script, image, frame, form or linked resource");
            page.ExternalLinks.Should().Be(0, "links are in-page anchors or http(s) references");
            page.Styled.Should().Be("sticky", "the inline style sheet is allowed by the page's own policy");
            browser.Requests.Skip(before).Should().Equal(new[] { new Uri(path).AbsoluteUri }, "the report loads nothing but itself");
        }

        browser.Errors.Should().BeEmpty("no script error and no refused load");
    }

    [BrowserFact]
    public async Task Root_causes_come_first_and_link_to_their_consequences()
    {
        var report = Evaluate(Repository.Path("samples", "snapshots", "pxe-sp-wds-stopped.json"));
        var path = Write(report, "wds-stopped");
        await using var browser = await HeadlessChromium.StartAsync();
        await browser.OpenAsync(path);

        var order = (await browser.EvaluateAsync<string>("JSON.stringify([...document.querySelectorAll('#findings article')].map(a => a.dataset.rule))"));
        var consequences = await browser.EvaluateAsync<string>("JSON.stringify([...document.querySelectorAll('[data-root-cause=\"smspxe-provider-broken\"] li a')].map(a => document.querySelector(a.getAttribute('href')).dataset.rule))");

        JsonNode.Parse(order)!.AsArray().Select(n => (string?)n).First().Should().Be("smspxe-provider-broken");
        JsonNode.Parse(consequences)!.AsArray().Select(n => (string?)n).Should().BeEquivalentTo("wds-provider-shutdown", "wds-service-down");
        browser.Errors.Should().BeEmpty();
    }

    [BrowserFact]
    public async Task A_hostile_machine_value_stays_text_and_its_command_is_marked_withheld()
    {
        var snapshot = JsonNode.Parse(File.ReadAllText(Repository.Path("samples", "snapshots", "healthy-pxe-service-point.json")))!;
        var pxe = snapshot["machines"]!.AsArray().Single(m => (string?)m!["name"] == "PXE01")!;
        const string Hostile = "D:\\RemoteInstall\" & rd /s /q \"C:\\ <script>alert(1)</script><img src=\"http://127.0.0.1:9/x.png\"> <a href=\"javascript:alert(1)\">x</a>";
        var wds = pxe["probes"]!.AsArray().Single(p => (string?)p!["kind"] == "wds")!["value"]!;
        wds["rootFolder"] = Hostile;
        wds["answerRequests"] = true;
        var snapshotPath = Path.Combine(folder, "hostile.json");
        File.WriteAllText(snapshotPath, snapshot.ToJsonString());
        var path = Write(Evaluate(snapshotPath), "hostile", "<script>alert('source')</script>");

        await using var browser = await HeadlessChromium.StartAsync();
        await browser.OpenAsync(path);
        var page = await Read(browser);
        var text = await browser.EvaluateAsync<string>("document.body.innerText");
        var withheld = await browser.EvaluateAsync<int>("document.querySelectorAll('article[data-rule=\"wds-configured-natively\"] .withheld').length");
        var commands = await browser.EvaluateAsync<string>("[...document.querySelectorAll('article[data-rule=\"wds-configured-natively\"] pre code')].map(c => c.textContent).join('\\n')");

        page.Active.Should().Be(0, "markup in a value is shown, not run or loaded");
        page.ExternalLinks.Should().Be(0, "a javascript: link in a value is text");
        text.Should().Contain("<script>alert(1)</script>").And.Contain("<script>alert('source')</script>");
        withheld.Should().BeGreaterThan(0);
        commands.Should().NotContain("rd /s /q", "the command that would carry the value is withheld");
        browser.Requests.Should().Equal(new Uri(path).AbsoluteUri);
        browser.Errors.Should().BeEmpty();
    }

    [BrowserFact]
    public async Task It_prints_without_navigation_and_with_every_section()
    {
        var path = Write(Evaluate(Repository.Path("samples", "snapshots", "pxe-sp-wds-stopped.json")), "print");
        await using var browser = await HeadlessChromium.StartAsync();
        await browser.OpenAsync(path);
        await browser.EmulateMediaAsync("print");

        (await browser.EvaluateAsync<string>("getComputedStyle(document.querySelector('nav')).display")).Should().Be("none");
        (await browser.EvaluateAsync<string>("getComputedStyle(document.querySelector('#findings')).display")).Should().Be("block");
        var pdf = await browser.PrintAsync();
        System.Text.Encoding.ASCII.GetString(pdf, 0, 5).Should().Be("%PDF-");
        File.WriteAllBytes(Path.Combine(Artifacts, "pxe-sp-wds-stopped.pdf"), pdf);
        browser.Errors.Should().BeEmpty();
    }

    [BrowserFact]
    public async Task Diff_pages_of_each_seed_fix_show_the_cleared_finding_and_its_cause_and_load_nothing()
    {
        await using var browser = await HeadlessChromium.StartAsync();
        foreach (var (before, after, verdict, rule) in new[]
        {
            ("remote-pxe-sp-old-wimgapi", "remote-pxe-sp-old-wimgapi", "ok", "pxe-remote-wimgapi-not-updated-sp1"),
            ("pxe-sp-reinstall-leftovers", "pxe-sp-reinstall-leftovers", "ok", "pxe-uninstall-leaves-reminst"),
            ("pxe-sp-osimage-access-denied", "pxe-sp-osimage-access-denied", "ok", "pxe-osimage-on-pxe-dp-access-denied"),
            ("pxe-sp-reinstall-leftovers", "pxe-sp-reinstall-leftovers-share-only", "bad", "pxe-uninstall-leaves-reminst"),
            ("remote-pxe-sp-old-wimgapi", "remote-pxe-sp-old-wimgapi-access-denied", "unknown", "pxe-remote-wimgapi-not-updated-sp1"),
        })
        {
            var diff = ReportDiff.Compute(
                Evaluate(Repository.Path("samples", "snapshots", before + ".json")),
                Evaluate(Repository.Path("samples", "snapshots", "after", after + ".json")));
            var path = Path.Combine(folder, $"diff-{after}.html");
            using (var writer = new StreamWriter(path))
            {
                DiffWriter.Write(diff, DiffFormat.Html, writer);
            }

            var requests = browser.Requests.Count;
            await browser.OpenAsync(path);
            var page = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, System.Text.Json.JsonElement>>(await browser.EvaluateAsync<string>("""
                JSON.stringify({
                  verdict: document.querySelector('[data-verdict]').dataset.verdict,
                  cleared: Number(document.querySelector('[data-count="cleared"] b').textContent),
                  remain: Number(document.querySelector('[data-count="remain"] b').textContent),
                  rules: [...document.querySelectorAll('tr[data-rule]')].map(r => r.dataset.rule),
                  text: document.body.innerText,
                  active: document.querySelectorAll('script, iframe, object, embed, img, link, base, form').length,
                  styled: getComputedStyle(document.querySelector('.verdict')).borderLeftStyle,
                })
                """))!;
            File.WriteAllBytes(Path.Combine(Artifacts, $"diff-{after}.png"), await browser.ScreenshotAsync());

            page["verdict"].GetString().Should().Be(verdict, after);
            page["cleared"].GetInt32().Should().Be(diff.OfKind(ResultChangeKind.Cleared).Count(), after);
            page["remain"].GetInt32().Should().Be(diff.OfKind(ResultChangeKind.Remains).Count(), after);
            page["rules"].EnumerateArray().Select(r => r.GetString()).Should().Contain(rule, after);
            page["active"].GetInt32().Should().Be(0);
            page["styled"].GetString().Should().Be("solid", "the shared style sheet is allowed by the page's policy");
            foreach (var change in diff.Changes.Where(c => c.Rule.Id == rule))
            {
                page["text"].GetString().Should().Contain(change.Causes.Count > 0 ? change.Causes[0].ToString() : change.Rule.Id, after);
            }

            browser.Requests.Skip(requests).Should().Equal(new[] { new Uri(path).AbsoluteUri }, "the diff loads nothing but itself");
        }

        browser.Errors.Should().BeEmpty();
    }

    [BrowserFact]
    public async Task A_site_of_a_thousand_machines_opens_scrolls_and_stays_under_its_size_bound()
    {
        var snapshotPath = LargeSite.Write(folder, machines: 1000, brokenEvery: 10);
        var report = Evaluate(snapshotPath);
        var path = Write(report, "large-site");
        var size = new FileInfo(path).Length;

        size.Should().BeLessThan(LargeSiteBound, $"the report of {report.Facts.Machines.Count} machines is {size:N0} bytes");
        report.Findings.Count().Should().BeGreaterThanOrEqualTo(100, "a tenth of the machines are broken");

        await using var browser = await HeadlessChromium.StartAsync();
        await browser.OpenAsync(path);
        var page = await Read(browser);
        var rows = await browser.EvaluateAsync<int>("document.querySelectorAll('#coverage table.machines tbody tr').length");
        var navCollapsed = await browser.EvaluateAsync<bool>("document.querySelector('nav details') !== null");
        var scrolled = await browser.EvaluateAsync<string>("""
            new Promise(done => {
              const bottom = document.documentElement.scrollHeight - innerHeight;
              window.scrollTo(0, bottom);
              requestAnimationFrame(() => requestAnimationFrame(() => done(JSON.stringify({ y: scrollY, bottom, height: document.documentElement.scrollHeight }))));
            })
            """);
        File.WriteAllBytes(Path.Combine(Artifacts, "large-site-bottom.png"), await browser.ScreenshotAsync());

        rows.Should().Be(report.Coverage!.Machines.Count);
        page.Findings.Should().Be(report.Results.Count(r => r.Outcome == Outcome.Detected));
        page.BrokenAnchors.Should().Be(0);
        navCollapsed.Should().BeTrue("a long list of machines in the contents is collapsed");
        var position = JsonNode.Parse(scrolled)!;
        position["bottom"]!.GetValue<double>().Should().BeGreaterThan(10_000, "the page is long");
        position["y"]!.GetValue<double>().Should().BeApproximately(position["bottom"]!.GetValue<double>(), 2, "it scrolls to its end");
        browser.Errors.Should().BeEmpty();
    }
}

/// <summary>
/// A site of many PXE service points built from the samples: the healthy sample's server for most, the stopped-WDS
/// sample's for every <c>brokenEvery</c>-th, and the site server's lists naming them all.
/// </summary>
internal static class LargeSite
{
    public static string Write(string folder, int machines, int brokenEvery)
    {
        var healthy = JsonNode.Parse(File.ReadAllText(Repository.Path("samples", "snapshots", "healthy-pxe-service-point.json")))!;
        var broken = JsonNode.Parse(File.ReadAllText(Repository.Path("samples", "snapshots", "pxe-sp-wds-stopped.json")))!;
        JsonNode Pxe(JsonNode snapshot) => snapshot["machines"]!.AsArray().Single(m => (string?)m!["name"] == "PXE01")!;
        var site = healthy["machines"]!.AsArray().Single(m => (string?)m!["name"] == "SITE01")!.DeepClone();
        var names = Enumerable.Range(1, machines).Select(i => $"PXE{i:0000}").ToArray();

        // Every entry of the site's lists that names PXE01 is repeated for each server.
        foreach (var probe in site["probes"]!.AsArray())
        {
            if (probe!["value"] is not JsonArray list) continue;
            var copies = new JsonArray();
            foreach (var item in list)
            {
                if (item is JsonObject entry && (string?)entry["server"] == "PXE01")
                {
                    foreach (var name in names)
                    {
                        var copy = entry.DeepClone();
                        copy["server"] = name;
                        copies.Add(copy);
                    }
                }
                else
                {
                    copies.Add(item?.DeepClone());
                }
            }

            probe["value"] = copies;
        }

        var all = new JsonArray { site };
        for (var i = 0; i < names.Length; i++)
        {
            var machine = Pxe((i + 1) % brokenEvery == 0 ? broken : healthy).DeepClone();
            machine["name"] = names[i];
            all.Add(machine);
        }

        healthy["machines"] = all;
        var path = Path.Combine(folder, $"site-{machines}.json");
        File.WriteAllText(path, healthy.ToJsonString());
        return path;
    }
}
