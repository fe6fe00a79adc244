using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using FluentAssertions;
using Json.Schema;
using PxeRules.Cli;
using Xunit;

namespace PxeRules.Tests.Cli;

/// <summary>The pxerules tool run in process, end to end: commands, formats, exit codes and console behaviour.</summary>
public sealed class CliTests : IDisposable
{
    private static readonly string Snapshot = Repository.Path("tests", "PxeRules.Tests", "TestData", "snapshots", "old-wimgapi-site.json");
    private static readonly string BrokenRule = Repository.Path("tests", "PxeRules.Tests", "TestData", "rules", "broken-rule.yaml");
    private const string Seed3 = "pxe-remote-wimgapi-not-updated-sp1";
    private readonly string folder = Directory.CreateTempSubdirectory("pxerules-cli-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static async Task<(int Code, string Out, string Err)> Run(bool terminal, IDictionary<string, string>? environment, params string[] args) =>
        await Run(terminal, environment, null, args);

    private static async Task<(int Code, string Out, string Err)> Run(bool terminal, IDictionary<string, string>? environment, PxeRules.Probes.IProbeProvider? live, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole(output, error, terminal, name => environment is not null && environment.TryGetValue(name, out var v) ? v : null);
        var app = live is null
            ? new CliApp(console)
            : new CliApp(console) { LiveProviders = builder => builder.AddProvider(live), Clock = new FixedClock() };
        var code = await app.RunAsync(args);
        return (code, output.ToString(), error.ToString());
    }

    private static Task<(int Code, string Out, string Err)> Run(params string[] args) => Run(false, null, args);

    [Fact]
    public async Task Check_on_a_snapshot_prints_the_finding_with_evidence_and_remediation_and_exits_1()
    {
        var (code, output, error) = await Run("check", "--snapshot", Snapshot, "--id", Seed3);

        code.Should().Be(1);
        error.Should().BeEmpty();
        output.Should().Contain("| ERROR    | pxe-remote-wimgapi-not-updated-sp1 | PXE02   | detected |")
            .And.Contain("Why: Detected: looked for wimgapi.version less than 6.0.6001.18000; seen 6.0.6000.16386.")
            .And.Contain("  - wimgapi.version = 6.0.6000.16386, less 6.0.6001.18000: true [file(path: %windir%\\System32\\wimgapi.dll) on PXE02]")
            .And.Contain("  2. On PXE02, stop the Windows Deployment Services Server service. (disruptive)")
            .And.Contain("     > net stop WDSServer")
            .And.Contain("1 detected, 0 inconclusive, 0 error, 0 not detected, 0 not applicable.");
        output.Should().NotContain("\u001b[", "redirected output has no colour");
    }

    [Fact]
    public async Task Fail_on_sets_the_threshold_of_the_exit_code()
    {
        (await Run("check", "-s", Snapshot, "--id", Seed3, "--fail-on", "critical")).Code.Should().Be(0);
        (await Run("check", "-s", Snapshot, "--id", Seed3, "--fail-on", "none")).Code.Should().Be(0);
        (await Run("check", "-s", Snapshot, "--id", Seed3, "--fail-on", "error")).Code.Should().Be(1);
    }

    [Fact]
    public async Task Colour_is_used_on_a_terminal_unless_no_color_is_set()
    {
        var coloured = await Run(true, null, "check", "-s", Snapshot, "--id", Seed3);
        var plain = await Run(true, new Dictionary<string, string> { ["NO_COLOR"] = "1" }, "check", "-s", Snapshot, "--id", Seed3);

        coloured.Out.Should().Contain("\u001b[");
        plain.Out.Should().NotContain("\u001b[");
    }

    [Fact]
    public async Task Json_output_is_the_versioned_report()
    {
        var (code, output, _) = await Run("check", "-s", Snapshot, "--id", Seed3, "--format", "json");

        code.Should().Be(1);
        var json = JsonNode.Parse(output)!;
        json["schema"]!.GetValue<string>().Should().Be("pxerules-report");
        json["schemaVersion"]!.GetValue<int>().Should().Be(1);
        json["summary"]!["detected"]!.GetValue<int>().Should().Be(1);
        var result = json["results"]![0]!;
        result["ruleId"]!.GetValue<string>().Should().Be(Seed3);
        result["machine"]!.GetValue<string>().Should().Be("PXE02");
        result["evidence"]![0]!["observed"]!.GetValue<string>().Should().Be("6.0.6000.16386");
        result["remediation"]![1]!["command"]!.GetValue<string>().Should().Be("net stop WDSServer");
    }

    [Fact]
    public async Task Sarif_output_validates_against_the_official_sarif_2_1_0_schema()
    {
        var path = Path.Combine(folder, "out.sarif");
        var (code, _, _) = await Run("check", "-s", Snapshot, "--format", "sarif", "--output", path, "--all");

        code.Should().Be(1);
        var schema = JsonSchema.FromText(File.ReadAllText(Repository.Path("tests", "PxeRules.Tests", "TestData", "sarif-schema-2.1.0.json")));
        var text = File.ReadAllText(path);
        using var document = System.Text.Json.JsonDocument.Parse(text);
        var validation = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        validation.IsValid.Should().BeTrue(string.Join("\n", (validation.Details ?? new List<EvaluationResults>()).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
        var sarif = JsonNode.Parse(text);
        sarif!["runs"]![0]!["results"]!.AsArray().Should().Contain(r => r!["ruleId"]!.GetValue<string>() == Seed3 && r["kind"]!.GetValue<string>() == "fail" && r["level"]!.GetValue<string>() == "error");
    }

    [Fact]
    public async Task Junit_output_has_a_failure_per_detection()
    {
        var (_, output, _) = await Run("check", "-s", Snapshot, "--id", Seed3, "--format", "junit");

        var xml = System.Xml.Linq.XDocument.Parse(output);
        xml.Root!.Attribute("failures")!.Value.Should().Be("1");
        xml.Descendants("testcase").Single(t => t.Attribute("name")!.Value == Seed3).Element("failure")!.Attribute("type")!.Value.Should().Be("error");
    }

    [Fact]
    public async Task Markdown_output_has_a_section_per_finding()
    {
        var (_, output, _) = await Run("check", "-s", Snapshot, "--id", Seed3, "--format", "markdown");

        output.Should().StartWith("# PxeRules report").And.Contain("| error | `pxe-remote-wimgapi-not-updated-sp1` | PXE02 | detected |").And.Contain("   `net stop WDSServer`");
    }

    [Fact]
    public async Task A_bad_snapshot_is_one_located_line_and_exit_code_2()
    {
        var path = Path.Combine(folder, "bad.json");
        File.WriteAllText(path, "{\"format\": \"pxerules-snapshot\", \"formatVersion\": 9}");

        var (code, output, error) = await Run("check", "--snapshot", path);

        code.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().Be($"pxerules: error: {path}(1,50): error PXR0040: The snapshot's formatVersion is 9; this version of PxeRules reads formatVersion 1.\n");
    }

    [Fact]
    public async Task A_broken_rule_file_stops_check_with_its_diagnostics()
    {
        var (code, _, error) = await Run("check", "-s", Snapshot, "--rules", BrokenRule);

        code.Should().Be(2);
        error.Should().Contain($"{BrokenRule}(6,1): error PXR0012: Unknown key 'severty' in a rule. Did you mean 'severity'?")
            .And.EndWith("pxerules: error: the rules have 2 error(s); nothing was evaluated.\n");
    }

    [Fact]
    public async Task Lint_prints_msbuild_style_diagnostics_and_exits_1_on_errors()
    {
        var broken = await Run("lint", BrokenRule);
        var good = await Run("lint", Repository.Path("rules"));

        broken.Code.Should().Be(1);
        broken.Out.Should().Be(
            $"{BrokenRule}(6,1): error PXR0012: Unknown key 'severty' in a rule. Did you mean 'severity'?\n" +
            $"{BrokenRule}(1,1): error PXR0011: A rule is missing the required key 'severity'.\n" +
            "2 error(s), 0 warning(s).\n");
        good.Code.Should().Be(0);
        good.Out.Should().MatchRegex(@"^\d+ rule\(s\) valid, 0 warning\(s\)\.\n$");
    }

    [Fact]
    public async Task Test_runs_every_example_and_shows_a_failing_one_with_the_difference()
    {
        var path = Path.Combine(folder, "wrong.yaml");
        File.WriteAllText(path, File.ReadAllText(Repository.Path("rules", Seed3 + ".yaml")).Replace("    expect: notDetected", "    expect: detected"));

        var bundled = await Run("test");
        var wrong = await Run("test", path);

        bundled.Code.Should().Be(0);
        bundled.Out.Should().Contain($"PASS {Seed3} (").And.MatchRegex(@"\d+ passed, 0 failed; 0 check error\(s\), 0 warning\(s\) \(\d+\.\d\d s\)\n$");
        wrong.Code.Should().Be(1);
        wrong.Out.Should().Contain($"FAIL {Seed3}").And.Contain("expected detected, got notDetected");
    }

    [Fact]
    public async Task New_scaffolds_a_rule_that_lints_and_whose_examples_run()
    {
        var (code, output, _) = await Run("new", "wds-tftp-port-blocked", "--output", folder);
        var path = Path.Combine(folder, "wds-tftp-port-blocked.yaml");

        code.Should().Be(0);
        output.Should().StartWith($"Wrote {path}.");
        var lint = await Run("lint", path);
        lint.Code.Should().Be(1, "an untouched scaffold still holds its TODOs");
        lint.Out.Should().Contain($"{path}(4,5): error PXR0052: The title of the rule 'wds-tftp-port-blocked' still holds the scaffold's 'TODO'; write it in your own words.")
            .And.EndWith("0 warning(s).\n");
        (await Run("test", path)).Out.Should().Contain("4 passed, 0 failed;");
        (await Run("new", "wds-tftp-port-blocked", "--output", folder)).Code.Should().Be(2);
        (await Run("new", "Bad_Id", "--output", folder)).Err.Should().Be("pxerules: error: 'Bad_Id' is not a rule id; use lower-case words joined by '-', such as wds-tftp-port-blocked.\n");
    }

    [Fact]
    public async Task List_and_explain_show_the_knowledge_base()
    {
        var list = await Run("list");
        var explain = await Run("explain", "seed-3");
        var missing = await Run("explain", "no-such-rule");

        list.Out.Should().Contain(Seed3).And.MatchRegex(@"\d+ rules\.\n$");
        explain.Out.Should().StartWith($"{Seed3}: ").And.Contain("detected when:").And.Contain("     > net stop WDSServer");
        missing.Code.Should().Be(2);
        missing.Err.Should().Be("pxerules: error: no rule has the id 'no-such-rule'; run 'pxerules list' to see them.\n");
    }

    [Fact]
    public async Task Docs_writes_the_catalogue()
    {
        var path = Path.Combine(folder, "known-issues.md");

        (await Run("docs", "-o", path)).Code.Should().Be(0);

        File.ReadAllText(path).Should().StartWith("# Known issues").And.Contain($"## {Seed3}");
    }

    [Fact]
    public async Task Bad_usage_exits_2_and_help_shows_examples()
    {
        (await Run("check", "--format", "pdf")).Code.Should().Be(2);
        (await Run("frobnicate")).Code.Should().Be(2);
        var help = await Run("check", "--help");
        help.Code.Should().Be(0);
        help.Out.Should().Contain("Examples:").And.Contain("--fail-on");
        (await Run("--version")).Out.Should().MatchRegex(@"^\d+\.\d+\.\d+");
    }

    /// <summary>A remote PXE service point with the pre-SP1 wimgapi.dll, and a site server at SP1, as live providers see them.</summary>
    private static PxeRules.Probes.InMemoryProbeProvider LiveSite()
    {
        var provider = new PxeRules.Probes.InMemoryProbeProvider();
        provider.Add(new PxeRules.Probes.Machine("SITE01"), "configmgr.site", null,
            PxeRules.Probes.ProbeResult.Found(new Dictionary<string, object?> { ["siteCode"] = "CEN", ["version"] = new Version(4, 0, 6221, 1000) }));
        provider.Add(new PxeRules.Probes.Machine("PXE02"), "file", new Dictionary<string, object?> { ["path"] = @"%windir%\System32\wimgapi.dll" },
            PxeRules.Probes.ProbeResult.Found(new Dictionary<string, object?> { ["path"] = @"C:\WINDOWS\system32\wimgapi.dll", ["version"] = new Version(6, 0, 6000, 16386) }));
        return provider;
    }

    [Fact]
    public async Task Check_probes_named_servers_live_as_one_site()
    {
        var (code, output, _) = await Run(false, null, LiveSite(), "check", "--computer", "SITE01=site-server,sms-provider", "--computer", "PXE02", "--id", Seed3);

        code.Should().Be(1);
        output.Should().Contain("| ERROR    | pxe-remote-wimgapi-not-updated-sp1 | PXE02   | detected |");
    }

    [Fact]
    public async Task Collect_writes_a_snapshot_that_check_evaluates_with_the_reported_symptoms()
    {
        var path = Path.Combine(folder, "site.json");

        var collect = await Run(false, null, LiveSite(), "collect", "-c", "SITE01=site-server,sms-provider", "-c", "PXE02=pxe-service-point", "-o", path);
        var plain = await Run("check", "-s", path, "--id", "winpe-missing-nic-driver", "--all", "--format", "json");
        var reported = await Run("check", "-s", path, "--id", "winpe-missing-nic-driver", "--all", "--format", "json", "--symptom", "winpe-no-network");

        collect.Code.Should().Be(0);
        collect.Out.Should().StartWith($"Wrote {path}: ").And.Contain("probe calls on 2 machine(s)");
        PxeRules.Snapshots.SnapshotFile.Read(path).Facts!.Machines.Select(m => m.Name).Should().Equal("SITE01", "PXE02");
        JsonNode.Parse(plain.Out)!["results"]![0]!["outcome"]!.GetValue<string>().Should().Be("notDetected", "nothing was reported and the packages are unavailable");
        JsonNode.Parse(reported.Out)!["results"]![0]!["outcome"]!.GetValue<string>().Should().Be("inconclusive", "the symptom is reported but the package list could not be read");
    }

    [Fact]
    public async Task Check_starts_with_coverage_and_a_site_with_a_server_not_collected_fails_only_when_coverage_is_required()
    {
        var site = Repository.Path("samples", "snapshots", "site-pxe-sp-not-collected.json");

        var (code, output, _) = await Run("check", "-s", site);
        var required = await Run("check", "-s", site, "--require-coverage", "--format", "json");
        var complete = await Run("check", "-s", Repository.Path("samples", "snapshots", "healthy-pxe-service-point.json"), "--require-coverage");

        code.Should().Be(0, "inconclusive results are not findings");
        var lines = output.Split('\n');
        lines[1].Should().Be("Coverage: incomplete: 1 of 2 machine(s) collected.");
        lines[2].Should().Be("  - PXE02 is a PXE service point and a distribution point of site CEN and was not collected. Next: collect PXE02: 'pxerules collect --computer PXE02' from a Windows machine, or collectors\\collect-pxe.cmd run on it, and check it with this run's other evidence.");
        output.Should().Contain("| ERROR    | pxe-remote-wimgapi-not-updated-sp1  | PXE02   | inconclusive |")
            .And.Contain("What would decide it:\n  - a known value of wimgapi (file(path: %windir%\\System32\\wimgapi.dll) on PXE02)");
        required.Code.Should().Be(1);
        var coverage = JsonNode.Parse(required.Out)!["coverage"]!;
        ((bool)coverage["complete"]!).Should().BeFalse();
        coverage["machines"]!.AsArray().Select(m => (string?)m!["notCollectedReason"]).Should().Equal(null, "PXE02 is a PXE service point and a distribution point of site CEN and was not collected");
        complete.Code.Should().Be(0, "every machine the site lists was collected and nothing was found");
        complete.Out.Split('\n')[1].Should().StartWith("Coverage: complete: 2 of 2 machine(s) collected");
    }

    [Fact]
    public async Task Collector_writes_the_in_box_collector_byte_for_byte()
    {
        var path = Path.Combine(folder, "collect-pxe.cmd");

        var (code, output, _) = await Run("collector", "-o", path);

        code.Should().Be(0);
        output.Should().StartWith($"Wrote {path}.");
        File.ReadAllBytes(path).Should().Equal(File.ReadAllBytes(Repository.Path("collectors", "collect-pxe.cmd")), "CR LF line ends and all, as cmd.exe needs them");
    }

    [Fact]
    public void Control_characters_from_files_are_shown_not_sent_to_the_terminal()
    {
        CliApp.Printable("Title \u001b]0;owned\u0007 end").Should().Be("Title \\u001b]0;owned\\u0007 end");
        CliApp.Printable("plain text").Should().Be("plain text");
    }

    [Fact]
    public async Task Live_checks_need_live_providers()
    {
        var (code, _, error) = await Run("check", "--computer", "PXE01");

        code.Should().Be(2);
        error.Should().Be("pxerules: error: this build of pxerules cannot probe live machines; use --snapshot.\n");
    }
}
