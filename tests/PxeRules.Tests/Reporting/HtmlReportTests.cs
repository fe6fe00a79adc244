using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using FluentAssertions;
using PxeRules.Evaluation;
using PxeRules.Model;
using PxeRules.Reporting;
using PxeRules.Snapshots;
using Xunit;

namespace PxeRules.Tests.Reporting;

/// <summary>
/// The HTML report as a file: self-contained (its policy allows its one style sheet and nothing else), in the order a
/// reader needs it, with not-detected results collapsed. Its behaviour in a browser is in HtmlReportBrowserTests.
/// </summary>
public sealed class HtmlReportTests
{
    private static string Html(string sample, ReportOptions? options = null)
    {
        var facts = SnapshotFile.Read(Repository.Path("samples", "snapshots", sample + ".json")).Facts!;
        var report = RuleEngine.CreateBuilder().AddRules(KnowledgeBase.LoadBundled()).Build().Evaluate(facts);
        var writer = new StringWriter();
        ReportWriter.Write(report, ReportFormat.Html, writer, options);
        return writer.ToString();
    }

    [Fact]
    public void The_page_allows_only_its_own_style_sheet_by_hash_and_has_no_script_or_resource()
    {
        var html = Html("pxe-sp-wds-stopped");

        var style = Regex.Match(html, "<style>(.*?)</style>", RegexOptions.Singleline).Groups[1].Value;
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(style)));
        var policy = Regex.Match(html, "<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]+)\">").Groups[1].Value;
        policy.Should().StartWith("default-src 'none';").And.Contain($"style-src 'sha256-{hash}'");
        html.Should().NotContainAny("<script", "<img", "<link", "<iframe", "src=", "@import", "url(");
        Regex.Matches(html, "href=\"([^\"]*)\"").Select(m => m.Groups[1].Value)
            .Should().OnlyContain(h => h.StartsWith("#", StringComparison.Ordinal) || h.StartsWith("http://", StringComparison.Ordinal) || h.StartsWith("https://", StringComparison.Ordinal));
    }

    [Fact]
    public void Verdict_and_coverage_come_before_root_causes_findings_undecided_and_the_collapsed_passes()
    {
        var html = Html("pxe-sp-wds-stopped");

        var order = new[] { "id=\"verdict\"", "id=\"coverage\"", "id=\"root-causes\"", "id=\"findings\"", "id=\"undecided\"", "id=\"passed\"" }
            .Select(id => html.IndexOf(id, StringComparison.Ordinal)).ToArray();
        order.Should().OnlyContain(i => i > 0).And.BeInAscendingOrder();
        html.Should().Contain("<p class=\"head\">3 finding(s) need attention</p>");
        html.Should().Contain("<details>\n<summary>22 not detected, 11 not applicable, over 32 rule(s)</summary>", "passes are collapsed, one row per rule");
        html.Should().Contain("<pre><code data-shell=\"cmd\">net start WDSServer</code></pre>", "commands are shown as code");
        html.Should().Contain("<time datetime=\"2026-11-24T09:12:18Z\">", "log lines keep their times");
    }

    [Fact]
    public void A_site_with_a_machine_not_collected_is_not_called_healthy()
    {
        var html = Html("site-pxe-sp-not-collected");

        html.Should().Contain("data-verdict=\"unknown\"").And.Contain("Not confirmed healthy: 23 check(s) could not be decided");
        html.Should().Contain("data-coverage=\"incomplete\"").And.Contain("<h5>Next step</h5>");
        html.Should().NotContain("No known issue was detected</p>\n<ul class=\"counts\">");
    }

    [Fact]
    public void Findings_below_fail_on_are_reported_but_do_not_make_the_verdict_fail()
    {
        var html = Html("remote-pxe-sp-old-wimgapi", new ReportOptions { FailOn = Severity.Critical });

        html.Should().Contain("data-verdict=\"warn\"").And.Contain("finding(s) below the failing severity");
    }
}
