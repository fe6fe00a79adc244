using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using FluentAssertions;
using PxeRules.Evaluation;
using PxeRules.Facts;
using PxeRules.Model;
using PxeRules.Probes;
using Xunit;
using static PxeRules.Tests.Evaluation.EngineHarness;

namespace PxeRules.Tests.Evaluation;

/// <summary>
/// Roles from facts and the coverage of a site: what a machine holds decides its roles, the roles typed for it are
/// hints, and a server the site lists that the run did not collect makes its rules inconclusive, never not applicable.
/// </summary>
public class SiteDiscoveryTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private static readonly string PxeRule = Rule(
        "fact: wimgapi.version\nless: 6.0.6001.18000\n",
        "  wimgapi: { probe: file, args: { path: '%windir%\\System32\\wimgapi.dll' } }\n",
        "appliesTo:\n  roles: [pxe-service-point]\n",
        id: "old-wimgapi");

    private static readonly string LeftoverRule = Rule(
        "fact: share\nexists: true\n",
        "  share: { probe: share, args: { name: REMINST } }\n",
        "appliesTo:\n  when:\n    fact: machine.roles\n    notContains: pxe-service-point\n",
        id: "leftover-share");

    [Fact]
    public void A_role_the_facts_disprove_is_dropped_and_the_conflict_is_reported()
    {
        var dp = new Machine("DP02", MachineRoles.PxeServicePoint);
        var facts = Table(new[] { dp },
            Record(dp, "configmgr.pxe", null, ProbeResult.NotFound()),
            Record(dp, "share", new() { ["name"] = "REMINST" }, ProbeResult.Found(new Dictionary<string, object?> { ["name"] = "REMINST", ["path"] = "D:\\RemoteInstall" })),
            Record(dp, "file", new() { ["path"] = "%windir%\\System32\\wimgapi.dll" }, ProbeResult.Found(new Dictionary<string, object?> { ["version"] = new Version(6, 0, 6000, 16386) })));

        var report = Engine(PxeRule, LeftoverRule).Evaluate(facts);

        Outcomes(report).Should().Equal("old-wimgapi@-: NotApplicable", "leftover-share@DP02: Detected");
        var machine = report.Coverage!.Machines.Single();
        machine.TypedRoles.Should().Equal(MachineRoles.PxeServicePoint);
        machine.Roles.Should().BeEmpty();
        machine.Conflicts.Should().Equal("pxe-service-point: given as a role of DP02, but configmgr.pxe is not found on DP02; judged without it");
    }

    [Fact]
    public void A_role_the_facts_show_is_held_without_being_typed()
    {
        var pxe = new Machine("PXE02");
        var facts = Table(new[] { pxe },
            Record(pxe, "configmgr.pxe", null, ProbeResult.Found(new Dictionary<string, object?> { ["isActive"] = true })),
            Record(pxe, "file", new() { ["path"] = "%windir%\\System32\\wimgapi.dll" }, ProbeResult.Found(new Dictionary<string, object?> { ["version"] = new Version(6, 0, 6000, 16386) })));

        var report = Engine(PxeRule).Evaluate(facts);

        Outcomes(report).Should().Equal("old-wimgapi@PXE02: Detected");
        report.Coverage!.Machines.Single().RoleNotes.Should().Equal("pxe-service-point: configmgr.pxe answers on PXE02 (discovered)");
    }

    [Fact]
    public void A_server_the_site_lists_and_the_run_did_not_collect_makes_its_rules_inconclusive_with_the_next_step()
    {
        var site = new Machine("SITE01", MachineRoles.SiteServer);
        var facts = Table(new[] { site },
            Record(site, "configmgr.site", null, ProbeResult.Found(new Dictionary<string, object?> { ["siteCode"] = "CEN" })),
            Record(site, "configmgr.siteSystems", null, ProbeResult.Found(new object?[]
            {
                System("SITE01.corp.contoso.com", "SMS Site Server"),
                System("pxe02.corp.contoso.com", "SMS PXE Service Point"),
            })));

        var report = Engine(PxeRule).Evaluate(facts);

        var result = report.Results.Single();
        result.Machine!.Name.Should().Be("pxe02");
        result.Outcome.Should().Be(Outcome.Inconclusive);
        result.Explanation.Should().Contain("pxe02 is a PXE service point of site CEN and was not collected");
        result.NextSteps.Should().ContainSingle().Which.Should().StartWith("collect pxe02:");
        result.WouldClear.Should().Equal("a known value of wimgapi.version (file(path: %windir%\\System32\\wimgapi.dll) on pxe02)");
        report.Coverage!.IsComplete.Should().BeFalse();
        report.Coverage.Gaps.Should().Equal("pxe02 is a PXE service point of site CEN and was not collected.");
        report.Coverage.Machines.Select(m => (m.Name, m.Collected)).Should().Equal(("SITE01", true), ("pxe02", false));
    }

    [Fact]
    public void A_listed_server_is_matched_by_its_short_name_ignoring_case()
    {
        var site = new Machine("SITE01", MachineRoles.SiteServer);
        var pxe = new Machine("PXE02");
        var facts = Table(new[] { site, pxe },
            Record(site, "configmgr.site", null, ProbeResult.Found(new Dictionary<string, object?> { ["siteCode"] = "CEN" })),
            Record(site, "configmgr.pxeServicePoints", null, ProbeResult.Found(new object?[] { new Dictionary<string, object?> { ["server"] = "pxe02.corp.contoso.com" } })),
            Record(pxe, "file", new() { ["path"] = "%windir%\\System32\\wimgapi.dll" }, ProbeResult.Found(new Dictionary<string, object?> { ["version"] = new Version(6, 0, 6001, 18000) })));

        var report = Engine(PxeRule).Evaluate(facts);

        Outcomes(report).Should().Equal("old-wimgapi@PXE02: NotDetected");
        report.Coverage!.IsComplete.Should().BeTrue();
        report.Coverage.Machines.Single(m => m.Name == "PXE02").RoleNotes.Should().Equal("pxe-service-point: the site lists PXE02 as a PXE service point (discovered)");
    }

    [Fact]
    public void Registry_settings_left_on_a_server_the_site_does_not_list_keep_the_role_and_say_so()
    {
        var site = new Machine("SITE01", MachineRoles.SiteServer);
        var old = new Machine("PXE09", MachineRoles.PxeServicePoint);
        var facts = Table(new[] { site, old },
            Record(site, "configmgr.site", null, ProbeResult.Found(new Dictionary<string, object?> { ["siteCode"] = "CEN" })),
            Record(site, "configmgr.siteSystems", null, ProbeResult.Found(new object?[] { System("SITE01", "SMS Site Server") })),
            Record(old, "configmgr.pxe", null, ProbeResult.Found(new Dictionary<string, object?> { ["isActive"] = true })));

        var report = Engine(PxeRule).Evaluate(facts);

        report.Coverage!.Machines.Single(m => m.Name == "PXE09").Conflicts.Should().ContainSingle()
            .Which.Should().Be("pxe-service-point: configmgr.pxe answers on PXE09, but the site's list does not name PXE09 as a PXE service point; judged as a PXE service point (a role removed with leftovers, or a list not yet updated)");
    }

    [Fact]
    public void A_machine_given_no_role_whose_pxe_settings_cannot_be_read_is_judged_as_a_pxe_service_point()
    {
        var unknown = new Machine("PXE05");
        var facts = Table(new[] { unknown },
            Record(unknown, "configmgr.pxe", null, ProbeResult.Unavailable("Access is denied.")),
            Record(unknown, "file", new() { ["path"] = "%windir%\\System32\\wimgapi.dll" }, ProbeResult.Unavailable("Access is denied.")));

        var report = Engine(PxeRule).Evaluate(facts);

        Outcomes(report).Should().Equal("old-wimgapi@PXE05: Inconclusive");
        report.Coverage!.Machines.Single().Conflicts.Should().Equal("pxe-service-point: whether PXE05 is a PXE service point is not known (configmgr.pxe is unavailable: Access is denied)");
    }

    [Fact]
    public void Without_a_site_server_coverage_is_not_known_and_says_what_to_add()
    {
        var pxe = new Machine("PXE01", MachineRoles.PxeServicePoint);

        var coverage = Engine(PxeRule).Evaluate(Table(new[] { pxe })).Coverage!;

        coverage.IsComplete.Should().BeFalse();
        coverage.SiteListRead.Should().BeFalse();
        coverage.Gaps.Should().ContainSingle().Which.Should().StartWith("No site server is in this run");
    }

    [Fact]
    public async Task Collection_reads_the_facts_of_the_roles_it_discovers()
    {
        var pxe = new Machine("PXE02");
        var provider = new InMemoryProbeProvider()
            .Add(pxe, "configmgr.pxe", null, ProbeResult.Found(new Dictionary<string, object?> { ["isActive"] = true }))
            .Add(pxe, "file", new Dictionary<string, object?> { ["path"] = "%windir%\\System32\\wimgapi.dll" }, ProbeResult.Found(new Dictionary<string, object?> { ["version"] = new Version(6, 0, 6000, 16386) }));
        var engine = RuleEngine.CreateBuilder().AddRules(Load(PxeRule)).AddProvider(provider).Build();

        var report = await engine.EvaluateAsync(new[] { pxe });

        Outcomes(report).Should().Equal("old-wimgapi@PXE02: Detected");
    }

    [Fact]
    public void Without_discovery_the_roles_given_are_taken_as_they_are()
    {
        var dp = new Machine("DP02", MachineRoles.PxeServicePoint);
        var facts = Table(new[] { dp }, Record(dp, "configmgr.pxe", null, ProbeResult.NotFound()));

        var report = RuleEngine.CreateBuilder().AddRules(Load(PxeRule)).WithRoleDiscovery(false).Build().Evaluate(facts);

        report.Coverage.Should().BeNull();
        Outcomes(report).Should().Equal("old-wimgapi@DP02: Inconclusive");
    }

    private static RuleEngine Engine(params string[] rules) => RuleEngine.CreateBuilder().AddRules(Load(rules)).Build();

    private static FactTable Table(IEnumerable<Machine> machines, params FactRecord[] records) => new(machines, records, At);

    private static FactRecord Record(Machine machine, string kind, Dictionary<string, object?>? args, ProbeResult result) =>
        FactRecord.From(new ProbeCall(machine, kind, args), result);

    private static Dictionary<string, object?> System(string server, string role) => new() { ["server"] = server, ["role"] = role, ["siteCode"] = "CEN" };

    private static IEnumerable<string> Outcomes(EvaluationReport report) =>
        report.Results.Select(r => $"{r.Rule.Id}@{r.Machine?.Name ?? "-"}: {r.Outcome}");
}
