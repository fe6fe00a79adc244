using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using FluentAssertions;
using PxeRules.Evaluation;
using PxeRules.Facts;
using PxeRules.Loading;
using PxeRules.Model;
using PxeRules.Snapshots;
using Xunit;
using Xunit.Abstractions;

namespace PxeRules.Tests.BundledRules;

/// <summary>
/// The sample snapshots in samples/snapshots: realistic whole machines of ConfigMgr 2007 sites, evaluated with the
/// bundled knowledge base. Each sample must detect exactly the rules listed for it here, so a change to a rule that
/// makes it fire on a healthy server, or stop firing on its own issue, shows up as a failing sample.
/// </summary>
public class SampleSnapshotTests
{
    /// <summary>Sample file → the results it must give: "ruleId@MACHINE" of every detection, and of every inconclusive result.</summary>
    private static readonly IReadOnlyDictionary<string, Expectation> Expected = new Dictionary<string, Expectation>(StringComparer.Ordinal)
    {
        ["healthy-pxe-service-point.json"] = Healthy(),
        ["healthy-site-server.json"] = Healthy(),
        ["pxe-sp-osimage-access-denied.json"] = Detects("pxe-osimage-on-pxe-dp-access-denied@PXE01"),
        ["pxe-sp-reinstall-leftovers.json"] = Detects("pxe-uninstall-leaves-reminst@DP02"),
        ["remote-pxe-sp-old-wimgapi.json"] = Detects("pxe-remote-wimgapi-not-updated-sp1@PXE02"),
        ["pxe-sp-wds-crashing.json"] = Detects("wds-crash-duplicate-relays@PXE01"),
        ["dhcp-server-with-pxe-options.json"] = Detects("dhcp-options-60-66-67@DHCP01", "cross-subnet-tftp-access-violation@DHCP01"),
        ["pxe-sp-wds-stopped.json"] = Detects("wds-service-down@PXE01", "smspxe-provider-broken@PXE01", "wds-provider-shutdown@PXE01"),
        ["pxe-sp-dhcp-cohosted.json"] = Detects("dhcp-wds-cohosted-misconfig@BRPXE01"),
        ["pxe-role-removed-collected-as-pxe-sp.json"] = Detects("pxe-uninstall-leaves-reminst@DP02"),
        ["site-pxe-sp-not-collected.json"] = NotCollected(
            "PXE02",
            "boot-images-missing-on-pxe-dp",
            "dhcp-wds-cohosted-misconfig",
            "network-no-ip-helper",
            "no-advertisement-for-device",
            "pxe-bootfiles-locked-latent",
            "pxe-cache-expire",
            "pxe-dp-holds-os-image",
            "pxe-e78-boot-server",
            "pxe-osimage-on-pxe-dp-access-denied",
            "pxe-remote-wimgapi-not-updated-sp1",
            "pxe-sp-unsupported-host",
            "reminst-share-stale-pointer",
            "smspxe-provider-broken",
            "wds-configured-natively",
            "wds-crash-duplicate-relays",
            "wds-dc-unavailable",
            "wds-dns-udp-port-conflict",
            "wds-provider-shutdown",
            "wds-service-down",
            "wds-tftp-blocksize",
            "wds-tftp-root-stale-pointer",
            "wds-transport-role-missing",
            "wdstftp-rootfolder-missing"),
        ["pxe-sp-stale-pointer.json"] = Detects("wds-tftp-root-stale-pointer@PXE03", "wdstftp-rootfolder-missing@PXE03"),
    };

    private static readonly Lazy<KnowledgeBase> Bundled = new(KnowledgeBase.LoadBundled);

    private readonly ITestOutputHelper output;

    public SampleSnapshotTests(ITestOutputHelper output) => this.output = output;

    public static TheoryData<string> Samples => Data(SampleNames());

    public static TheoryData<string> HealthySamples => Data(Expected.Where(e => e.Value.IsHealthy).Select(e => e.Key));

    [Theory]
    [MemberData(nameof(Samples))]
    public void A_sample_detects_exactly_its_expected_rules(string name)
    {
        var report = Evaluate(name);

        Expected.Should().ContainKey(name);
        Ids(report, Outcome.Detected).Should().BeEquivalentTo(Expected[name].Detected, "these are the issues {0} shows", name);
        Ids(report, Outcome.Inconclusive).Should().BeEquivalentTo(Expected[name].Inconclusive, "every other rule is decided on {0}", name);
        Ids(report, Outcome.Error).Should().BeEmpty();
    }

    [Fact]
    public void Every_sample_in_the_folder_is_in_the_table_and_every_entry_has_a_sample()
    {
        SampleNames().Should().BeEquivalentTo(Expected.Keys);
    }

    [Theory]
    [MemberData(nameof(HealthySamples))]
    public void A_healthy_sample_decides_every_rule_and_detects_nothing(string name)
    {
        var report = Evaluate(name);

        report.Results.Should().NotContain(r => r.Outcome == Outcome.Inconclusive || r.Outcome == Outcome.Error);
        report.Detected.Should().BeEmpty();
        report.Coverage!.IsComplete.Should().BeTrue("a healthy site is only healthy when every server it lists was seen");
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void A_sample_says_which_machines_the_site_lists_and_which_were_not_collected(string name)
    {
        var report = Evaluate(name);
        var coverage = report.Coverage!;
        var missing = Expected[name].NotCollected;

        coverage.Machines.Where(m => !m.Collected).Select(m => m.Name).Should().Equal(missing is null ? Array.Empty<string>() : new[] { missing });
        if (missing is not null)
        {
            coverage.IsComplete.Should().BeFalse();
            coverage.Gaps.Should().ContainSingle().Which.Should().Be($"{missing} is a PXE service point and a distribution point of site CEN and was not collected.");
            report.Results.Where(r => r.Machine?.Name == missing).Should().OnlyContain(r => r.Outcome == Outcome.Inconclusive || r.Outcome == Outcome.NotApplicable)
                .And.Contain(r => r.Outcome == Outcome.Inconclusive);
            report.Results.First(r => r.Machine?.Name == missing && r.Outcome == Outcome.Inconclusive).NextSteps
                .Should().ContainSingle().Which.Should().StartWith($"collect {missing}:");
        }
        else if (report.Facts.Machines.Any(m => m.HasRole(PxeRules.Probes.MachineRoles.SiteServer)))
        {
            coverage.IsComplete.Should().BeTrue("the site server's list names only machines of the sample");
        }
        else
        {
            coverage.Gaps.Should().ContainSingle().Which.Should().StartWith("No site server is in this run");
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task A_sample_holds_every_probe_call_the_knowledge_base_makes_on_its_machines_and_no_other(string name)
    {
        // The same check 'pxerules lint' and 'pxerules test' run; its message names the command that updates the samples.
        var problems = await RuleChecks.CheckSampleAsync(Bundled.Value, Read(name), Repository.Path("samples", "snapshots", name), wholeKnowledgeBase: true);

        problems.Select(p => p.ToString()).Should().BeEmpty();
    }

    private EvaluationReport Evaluate(string name)
    {
        var report = RuleEngine.CreateBuilder().AddRules(Bundled.Value).WithTimeProvider(new FixedClock()).Build().Evaluate(Read(name));
        foreach (var result in report.Results.Where(r => r.Outcome != Outcome.NotApplicable || r.Machine is not null))
        {
            output.WriteLine($"{result.Rule.Id}@{result.Machine?.Name}: {result.Outcome}: {result.Explanation}");
        }

        return report;
    }

    private static FactTable Read(string name)
    {
        var read = SnapshotFile.Read(Repository.Path("samples", "snapshots", name));
        read.Diagnostics.Select(d => d.ToString()).Should().BeEmpty();
        return read.Facts!;
    }

    private static IEnumerable<string> Ids(EvaluationReport report, Outcome outcome) =>
        report.Results.Where(r => r.Outcome == outcome).Select(r => $"{r.Rule.Id}@{r.Machine?.Name}");

    private static string[] SampleNames() =>
        Directory.GetFiles(Repository.Path("samples", "snapshots"), "*.json").Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToArray()!;

    private static TheoryData<string> Data(IEnumerable<string> names)
    {
        var data = new TheoryData<string>();
        foreach (var name in names)
        {
            data.Add(name);
        }

        return data;
    }

    private static Expectation Healthy() => new(Array.Empty<string>(), Array.Empty<string>(), IsHealthy: true, null);

    private static Expectation Detects(params string[] detected) => new(detected, Array.Empty<string>(), IsHealthy: false, null);

    /// <summary>A site whose server lists <paramref name="machine"/>, which was not collected: the rules for it are inconclusive.</summary>
    private static Expectation NotCollected(string machine, params string[] inconclusive) =>
        new(Array.Empty<string>(), inconclusive.Select(id => $"{id}@{machine}").ToArray(), IsHealthy: false, machine);

    private sealed record Expectation(string[] Detected, string[] Inconclusive, bool IsHealthy, string? NotCollected);
}
