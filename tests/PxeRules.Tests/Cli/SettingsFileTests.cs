using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using FluentAssertions;
using PxeRules.Cli;
using PxeRules.Settings;
using Xunit;

namespace PxeRules.Tests.Cli;

/// <summary>
/// A site keeps its decisions in pxerules.yaml beside its evidence: rules switched off, severities changed, findings
/// waived with a justification, an owner and an expiry, the severity that fails a run. Checked strictly.
/// </summary>
public sealed class SettingsFileTests : IDisposable
{
    private static readonly string Sample = Repository.Path("samples", "snapshots", "pxe-sp-wds-stopped.json");
    private readonly string folder = Directory.CreateTempSubdirectory("pxerules-settings-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await new CliApp(new CliConsole(output, error, false, _ => null)).RunAsync(args);
        return (code, output.ToString(), error.ToString());
    }

    private string Settings(string yaml)
    {
        var path = Path.Combine(folder, "pxerules.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public async Task Waivers_severities_and_switched_off_rules_apply_and_failOn_decides_the_exit_code()
    {
        var config = Settings("""
            apiVersion: pxerules/v1
            kind: Settings
            disable:
              ids: [wds-provider-shutdown]
            severity:
              smspxe-provider-broken: warning
            waivers:
              - rule: wds-service-down
                machine: PXE01
                justification: WDS is stopped on purpose while the PXE service point is rebuilt (change 4711).
                owner: OSD team
                expires: 2027-01-31
            failOn: error
            """);

        var (code, output, _) = await Run("check", "-s", Sample, "--config", config, "--format", "json");

        var results = JsonNode.Parse(output)!["results"]!.AsArray();
        results.Select(r => (string?)r!["ruleId"]).Should().NotContain("wds-provider-shutdown");
        ((string?)results.Single(r => (string?)r!["ruleId"] == "smspxe-provider-broken")!["severity"]).Should().Be("warning");
        ((string?)results.Single(r => (string?)r!["ruleId"] == "wds-service-down")!["waiver"]!["justification"]).Should().StartWith("WDS is stopped on purpose");
        code.Should().Be(0, "what remains is a warning and a waived finding, below failOn: error");
        (await Run("check", "-s", Sample, "--config", config, "--fail-on", "warning")).Code.Should().Be(1, "--fail-on on the command line wins over the file");
    }

    [Fact]
    public async Task Every_mistake_in_the_file_is_reported_at_once_with_its_line()
    {
        var config = Settings("""
            apiVersion: pxerules/v1
            kind: Settings
            severity:
              smspxe-provider-broken: urgent
            waivers:
              - rule: wds-service-down
                justification: because
                expires: soon
            colour: blue
            """);

        var (code, _, error) = await Run("check", "-s", Sample, "--config", config);

        code.Should().Be(2);
        error.Should().Contain("pxerules.yaml(4,")
            .And.Contain("(6,")
            .And.Contain("'owner'")
            .And.Contain("(9,1)").And.Contain("Unknown key 'colour'");
    }

    [Fact]
    public void The_example_in_the_docs_reads_cleanly_and_matches_the_published_schema()
    {
        var markdown = File.ReadAllText(Repository.Path("docs", "settings.md"));
        var start = markdown.IndexOf("```yaml\n", StringComparison.Ordinal) + 8;
        var yaml = markdown.Substring(start, markdown.IndexOf("```", start, StringComparison.Ordinal) - start);
        var path = Settings(yaml);
        Directory.CreateDirectory(Path.Combine(folder, "site-rules"));

        RunSettings.Read(path).Diagnostics.Should().BeEmpty();
        var data = new YamlDotNet.Serialization.DeserializerBuilder().Build().Deserialize<object>(yaml);
        var json = new YamlDotNet.Serialization.SerializerBuilder().JsonCompatible().Build().Serialize(data!)
            .Replace("\"bundled\": \"true\"", "\"bundled\": true", StringComparison.Ordinal);
        using var document = System.Text.Json.JsonDocument.Parse(json);
        Json.Schema.JsonSchema.FromText(File.ReadAllText(Repository.Path("schemas", "settings.schema.json"))).Evaluate(document.RootElement).IsValid.Should().BeTrue(json);
    }

    [Fact]
    public async Task A_baseline_accepts_the_findings_known_before_and_a_new_one_still_fails()
    {
        var old = Repository.Path("samples", "snapshots", "remote-pxe-sp-old-wimgapi.json");
        var baseline = Path.Combine(folder, "baseline.json");
        (await Run("check", "-s", old, "--format", "json", "-o", baseline, "--fail-on", "none")).Code.Should().Be(0);
        var config = Settings("apiVersion: pxerules/v1\nkind: Settings\nbaseline: baseline.json\n");

        var known = await Run("check", "-s", old, "--config", config, "--format", "json");
        var other = await Run("check", "-s", Sample, "--config", config);

        known.Code.Should().Be(0, "the only finding was in the baseline");
        var waived = JsonNode.Parse(known.Out)!["results"]!.AsArray().Single(r => (string?)r!["outcome"] == "detected")!["waiver"]!;
        ((string?)waived["justification"]).Should().StartWith("In the baseline baseline.json of ");
        other.Code.Should().Be(1, "findings the baseline does not hold are new");
    }

    [Fact]
    public async Task A_site_sets_a_rules_time_window_and_a_misnamed_input_is_refused()
    {
        // The access-denied line of the seed-1 sample is from 2026-11-24; the snapshot was collected a day later.
        var sample = Repository.Path("samples", "snapshots", "pxe-sp-osimage-access-denied.json");
        var rule = new PxeRules.Loading.RuleLoader().AddBundled().LoadOrThrow().Find("pxe-osimage-on-pxe-dp-access-denied")!;
        rule.Inputs.Should().Equal(new System.Collections.Generic.Dictionary<string, string> { ["window"] = "7d" });

        var shorter = Settings("apiVersion: pxerules/v1\nkind: Settings\ninputs:\n  pxe-osimage-on-pxe-dp-access-denied:\n    window: 1h\n");
        var set = RunSettings.Read(shorter).Settings!.ApplyTo(new PxeRules.Loading.RuleLoader().AddBundled()).LoadOrThrow().Find("pxe-osimage-on-pxe-dp-access-denied")!;
        var check = await Run("check", "-s", sample, "--config", shorter, "--id", "pxe-osimage-on-pxe-dp-access-denied");
        var misnamed = Settings("apiVersion: pxerules/v1\nkind: Settings\ninputs:\n  pxe-osimage-on-pxe-dp-access-denied:\n    windw: 1h\n");
        var refused = await Run("check", "-s", sample, "--config", misnamed);

        set.Inputs["window"].Should().Be("1h");
        var condition = PxeRules.Reporting.ConditionText.Format(set.Condition);
        condition.Should().Contain("within 1h", "the window the site set is the one compared").And.NotContain("within 7d");
        check.Code.Should().Be(1, "the OS image on the PXE share still shows the issue");
        refused.Code.Should().Be(2);
        refused.Err.Should().Contain("The input 'windw' is set for the rule 'pxe-osimage-on-pxe-dp-access-denied', which declares no such input; it has: window.");
    }

    [Fact]
    public void A_waiver_keeps_its_owner_and_expiry()
    {
        var read = RunSettings.Read(Settings("apiVersion: pxerules/v1\nkind: Settings\nwaivers:\n  - rule: wds-service-down\n    justification: rebuild\n    owner: OSD team\n    expires: 2027-01-31\n"));

        read.Diagnostics.Should().BeEmpty();
        var waiver = read.Settings!.Waivers.Single();
        waiver.Owner.Should().Be("OSD team");
        waiver.Machine.Should().Be("*");
        waiver.Expires.UtcDateTime.Should().Be(new DateTime(2027, 1, 31, 0, 0, 0, DateTimeKind.Utc));
    }
}
