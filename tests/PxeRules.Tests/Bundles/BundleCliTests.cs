using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using FluentAssertions;
using PxeRules.Cli;
using PxeRules.Snapshots;
using Xunit;

namespace PxeRules.Tests.Bundles;

/// <summary>check --bundle / --logs and import, run in process end to end.</summary>
public sealed class BundleCliTests : IDisposable
{
    private static readonly string Seed1 = Repository.Path("samples", "bundles", "pxe01-osimage-access-denied");
    private static readonly string Seed3 = Repository.Path("samples", "bundles", "pxe02-remote-old-wimgapi");
    private readonly string folder = Directory.CreateTempSubdirectory("pxerules-bundle-cli-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static Task<(int Code, string Out, string Err)> Run(params string[] args) => PxeRules.Tests.Cli.InProcessCli.RunAsync(args);

    /// <summary>The SITE01 part of a sample snapshot, as the site server's own snapshot.</summary>
    private string SiteSnapshot(string sample)
    {
        var facts = SnapshotFile.Read(Repository.Path("samples", "snapshots", sample + ".json")).Facts!;
        var site = new PxeRules.Facts.FactTable(facts.Machines.Where(m => m.Name == "SITE01"), facts.Records.Where(r => r.Call.Machine.Name == "SITE01"), facts.CollectedAt);
        var path = Path.Combine(folder, "site01.json");
        SnapshotFile.Write(site, path);
        return path;
    }

    [Fact]
    public async Task Check_of_a_bundle_with_the_site_servers_snapshot_reports_the_seed_finding_and_exits_1()
    {
        var (code, output, error) = await Run("check", "--bundle", Seed3, "--snapshot", SiteSnapshot("remote-pxe-sp-old-wimgapi"), "--format", "json");

        code.Should().Be(1);
        error.Should().BeEmpty();
        var report = JsonNode.Parse(output)!;
        report["sources"]!.AsArray().Select(s => s!.GetValue<string>()).Should().Contain(Seed3);
        report["collectedAt"]!.GetValue<string>().Should().Be("2026-11-25T10:00:00Z", "the earlier of the snapshot's and the bundle's times");
        report["results"]!.AsArray().Where(r => r!["outcome"]!.GetValue<string>() == "detected").Select(r => $"{r!["ruleId"]} {r["machine"]}")
            .Should().Equal("pxe-remote-wimgapi-not-updated-sp1 PXE02");
    }

    [Fact]
    public async Task Check_of_a_zipped_bundle_alone_says_which_evidence_would_decide_the_rest()
    {
        var zip = Path.Combine(folder, "pxerules-bundle-PXE02.zip");
        System.IO.Compression.ZipFile.CreateFromDirectory(Seed3, zip, System.IO.Compression.CompressionLevel.Fastest, includeBaseDirectory: true);

        var (code, output, _) = await Run("check", "--bundle", zip, "--id", "pxe-remote-wimgapi-not-updated-sp1", "--all");

        code.Should().Be(0);
        output.Should().Contain("pxe-remote-wimgapi-not-updated-sp1").And.Contain("inconclusive")
            .And.Contain("the site's version is unavailable: No machine in this run holds the role 'site-server'.");
    }

    [Fact]
    public async Task Check_of_a_folder_of_logs_decides_what_the_logs_can_and_reports_what_is_not_in_them()
    {
        var (code, output, error) = await Run("check", "--logs", "PXE02=" + Repository.Path("samples", "logs", "pxe02-ticket"), "--id", "smspxe-provider-broken", "--id", "wds-service-down", "--all", "--format", "json");

        code.Should().Be(1, "the WDSPXE events in the folder show the SMSPXE provider failing");
        error.Should().Contain("pxerules: not read: SOURCES.md: neither an SMSPXE, distmgr, smsts or SMSdpprov log nor a wevtutil or eventquery export");
        var results = JsonNode.Parse(output)!["results"]!.AsArray();
        results.Select(r => r!["machine"]!.GetValue<string>()).Should().OnlyContain(m => m == "PXE02");
        var broken = results.Single(r => r!["ruleId"]!.GetValue<string>() == "smspxe-provider-broken")!;
        broken["outcome"]!.GetValue<string>().Should().Be("detected", "the provider's settings cannot be read from logs, so the events decide");
        var down = results.Single(r => r!["ruleId"]!.GetValue<string>() == "wds-service-down")!;
        down["outcome"]!.GetValue<string>().Should().Be("inconclusive");
        down["explanation"]!.GetValue<string>().Should().Contain(" is not in the logs (").And.Contain("a bundle from collect-pxe.cmd or a snapshot (pxerules collect) of PXE02 would decide it");
    }

    [Fact]
    public async Task Import_writes_a_snapshot_that_checks_like_the_bundle()
    {
        var target = Path.Combine(folder, "pxe01.json");

        var (code, output, error) = await Run("import", Seed1, "-o", target);
        var fromSnapshot = await Run("check", "-s", target, "-s", SiteSnapshot("pxe-sp-osimage-access-denied"), "--format", "json");
        var fromBundle = await Run("check", "--bundle", Seed1, "-s", SiteSnapshot("pxe-sp-osimage-access-denied"), "--format", "json");

        code.Should().Be(0);
        error.Should().BeEmpty();
        output.Should().StartWith($"Wrote {target}: ").And.Contain("probe calls on PXE01 (pxe-service-point, distribution-point)");
        SnapshotFile.Read(target).Success.Should().BeTrue();
        static string[] Detected(string json) => JsonNode.Parse(json)!["results"]!.AsArray().Where(r => r!["outcome"]!.GetValue<string>() == "detected").Select(r => $"{r!["ruleId"]} {r["machine"]}").ToArray();
        Detected(fromSnapshot.Out).Should().Equal(Detected(fromBundle.Out)).And.Equal("pxe-osimage-on-pxe-dp-access-denied PXE01");
    }

    [Fact]
    public async Task A_logs_folder_and_a_computer_cannot_be_combined()
    {
        var (code, _, error) = await Run("check", "--logs", Repository.Path("samples", "logs", "pxe02-ticket"), "--computer", "PXE02");

        code.Should().Be(2);
        error.Should().Be("pxerules: error: give --snapshot, --bundle or --logs, or --computer, not both." + Environment.NewLine);
    }

    [Fact]
    public async Task A_bundle_whose_manifest_is_malformed_is_refused_naming_the_line()
    {
        // As Wine's cmd writes it: 'echo(' prints the parenthesis, so a manifest line has no key.
        var bundle = Directory.CreateDirectory(Path.Combine(folder, "malformed")).FullName;
        File.WriteAllText(Path.Combine(bundle, "manifest.txt"), "# PxeRules bundle manifest. Format: docs/bundle-format.md\r\nformat=pxerules-bundle/1\r\ncomputer=PXE01\r\n(\r\n");

        var (code, output, error) = await Run("check", "--bundle", bundle);

        code.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().Contain("manifest.txt line 4 is not in a form this reader knows: expected 'key=value', a '[file]', '[value]' or '[end]' line; found '('.")
            .And.NotContain("   at ", "a bad bundle is a clear error, not a stack trace");
    }

    [Fact]
    public async Task A_missing_bundle_is_a_clear_error()
    {
        var missing = Path.Combine(folder, "nope");

        var (code, _, error) = await Run("check", "--bundle", missing);

        code.Should().Be(2);
        error.Should().Be($"pxerules: error: --bundle {missing} cannot be read: '{missing}' does not exist." + Environment.NewLine);
    }
}
