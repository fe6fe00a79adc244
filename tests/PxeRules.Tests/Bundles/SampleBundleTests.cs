using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Threading.Tasks;
using FluentAssertions;
using PxeRules.Bundles;
using PxeRules.Evaluation;
using PxeRules.Facts;
using PxeRules.Model;
using PxeRules.Probes;
using PxeRules.Snapshots;
using Xunit;

namespace PxeRules.Tests.Bundles;

/// <summary>
/// Each sample bundle gives the findings of the matching sample snapshot. A bundle is one server: rules that apply by
/// the site's version (read on the site server) or read the site database need the site server's facts, so those
/// bundles are checked with the SITE01 part of the sample snapshot, as a support engineer would check them with the
/// site server's snapshot.
/// </summary>
public sealed class SampleBundleTests
{
    private static readonly KnowledgeBase Rules = KnowledgeBase.LoadBundled();

    private static FactTable Snapshot(string name) =>
        SnapshotFile.Read(Repository.Path("samples", "snapshots", name + ".json")).Facts!;

    private static FactTable Only(FactTable table, string machine) =>
        new(table.Machines.Where(m => m.Name == machine), table.Records.Where(r => r.Call.Machine.Name == machine), table.CollectedAt);

    private static async Task<FactTable> Collect(string bundlePath)
    {
        using var bundle = BundleProbeProvider.Open(bundlePath);
        var engine = RuleEngine.CreateBuilder().AddRules(Rules).AddBundle(bundle).AddProvider(new ReportedSymptomsProvider(Array.Empty<string>())).Build();
        return await engine.CollectAsync(new[] { bundle.Machine });
    }

    private static string[] Findings(FactTable facts) =>
        RuleEngine.CreateBuilder().AddRules(Rules).Build().Evaluate(facts).Findings.Select(r => $"{r.Rule.Id} on {r.Machine!.Name}").OrderBy(f => f, StringComparer.Ordinal).ToArray();

    [Theory]
    [InlineData("pxe01-osimage-access-denied", "pxe-sp-osimage-access-denied", "PXE01")]
    [InlineData("pxe02-remote-old-wimgapi", "remote-pxe-sp-old-wimgapi", "PXE02")]
    [InlineData("pxe01-healthy", "healthy-pxe-service-point", "PXE01")]
    public async Task A_bundle_with_the_site_servers_facts_gives_the_findings_of_the_sample_snapshot(string bundle, string snapshot, string server)
    {
        var sample = Snapshot(snapshot);
        var facts = FactTable.Combine(new[] { Only(sample, "SITE01"), await Collect(Repository.Path("samples", "bundles", bundle)) });

        var expected = Findings(sample).Where(f => f.EndsWith(" on " + server, StringComparison.Ordinal)).ToArray();
        Findings(facts).Should().Equal(expected);
        if (bundle != "pxe01-healthy") expected.Should().NotBeEmpty("the seed issue is detected");
    }

    [Fact]
    public async Task The_reinstall_leftovers_bundle_alone_gives_the_finding_of_its_snapshot()
    {
        var facts = await Collect(Repository.Path("samples", "bundles", "dp02-reinstall-leftovers"));

        Findings(facts).Should().Equal(Findings(Snapshot("pxe-sp-reinstall-leftovers"))).And.Equal("pxe-uninstall-leaves-reminst on DP02");
    }

    [Fact]
    public async Task Without_the_site_server_the_old_wimgapi_rule_is_inconclusive_because_the_sites_version_is_unknown()
    {
        var facts = await Collect(Repository.Path("samples", "bundles", "pxe02-remote-old-wimgapi"));

        var result = RuleEngine.CreateBuilder().AddRules(Rules).Build().Evaluate(facts).Results.Single(r => r.Rule.Id == "pxe-remote-wimgapi-not-updated-sp1");

        result.Outcome.Should().Be(Outcome.Inconclusive);
        result.Explanation.Should().Be("Inconclusive: the rule applies to SP1, SP2, and the site's version is unavailable: No machine in this run holds the role 'site-server'.");
    }

    [Fact]
    public async Task Time_windows_are_measured_from_when_the_bundle_was_collected()
    {
        var facts = await Collect(Repository.Path("samples", "bundles", "pxe01-osimage-access-denied"));

        facts.CollectedAt.Should().Be(new DateTimeOffset(2026, 11, 25, 10, 0, 0, 421, TimeSpan.Zero));
    }

    [Fact]
    public async Task A_zip_of_a_bundle_reads_as_its_folder()
    {
        var folder = Repository.Path("samples", "bundles", "pxe01-healthy");
        var zip = Path.Combine(Path.GetTempPath(), "pxerules-" + Guid.NewGuid().ToString("N") + ".zip");
        try
        {
            ZipFile.CreateFromDirectory(folder, zip, CompressionLevel.Fastest, includeBaseDirectory: true);
            var fromZip = await Collect(zip);
            var fromFolder = await Collect(folder);

            static string[] Shown(FactTable t) => t.Records.Select(r => r.Call.Key + " = " + r.Result).OrderBy(s => s, StringComparer.Ordinal).ToArray();
            Shown(fromZip).Should().Equal(Shown(fromFolder));
        }
        finally
        {
            File.Delete(zip);
        }
    }
}
