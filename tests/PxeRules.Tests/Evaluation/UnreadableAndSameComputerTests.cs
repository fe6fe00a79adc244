using System.Collections.Generic;
using System.Threading.Tasks;
using FluentAssertions;
using PxeRules.Loading;
using PxeRules.Model;
using PxeRules.Probes;
using Xunit;
using static PxeRules.Tests.Evaluation.EngineHarness;

namespace PxeRules.Tests.Evaluation;

/// <summary>
/// Two operators for evidence as engineers meet it: <c>unreadable</c>, where a fact that cannot be read is itself the
/// symptom (a folder even an administrator cannot open), and <c>sameComputer</c>, which narrows a site's list to the
/// machine judged, whatever form its name takes.
/// </summary>
public class UnreadableAndSameComputerTests
{
    private const string Folder = "  folder: { probe: folder, args: { path: 'C:\\Windows\\Temp\\PXEBootfiles' } }\n";

    [Theory]
    [InlineData("UN", Outcome.Detected)]
    [InlineData("timeout", Outcome.Inconclusive)]
    [InlineData("found", Outcome.NotDetected)]
    [InlineData("NF", Outcome.NotDetected)]
    public async Task Unreadable_is_true_for_the_reason_it_names_false_when_read_and_unknown_otherwise(string state, Outcome expected)
    {
        var provider = new InMemoryProbeProvider().Add(Server, "folder", new Dictionary<string, object?> { ["path"] = "C:\\Windows\\Temp\\PXEBootfiles" }, state switch
        {
            "UN" => ProbeResult.Unavailable("Access is denied."),
            "timeout" => ProbeResult.Unavailable("The probe did not answer within 30 s."),
            "found" => ProbeResult.Found(new Dictionary<string, object?> { ["path"] = "C:\\Windows\\Temp\\PXEBootfiles" }),
            _ => ProbeResult.NotFound(),
        });

        var result = await EvaluateOne(Rule("fact: folder\nunreadable: '(?i)access is denied'\n", Folder), provider);

        result.Outcome.Should().Be(expected);
    }

    [Fact]
    public void A_fact_the_evidence_does_not_hold_is_not_taken_for_an_unreadable_one()
    {
        // Nobody tried to read it: a snapshot without the call.
        var engine = PxeRules.Evaluation.RuleEngine.CreateBuilder().AddRules(Load(Rule("fact: folder\nunreadable: true\n", Folder))).WithRoleDiscovery(false).Build();

        var result = engine.Evaluate(new PxeRules.Facts.FactTable(new[] { Server }, System.Array.Empty<PxeRules.Facts.FactRecord>(), System.DateTimeOffset.UnixEpoch)).Results[0];

        result.Outcome.Should().Be(Outcome.Inconclusive);
    }

    [Fact]
    public void Unreadable_is_only_written_on_a_whole_fact()
    {
        var result = new RuleLoader().AddText(Rule("fact: folder.owner\nunreadable: true\n", Folder), "r.yaml").Load();

        result.Diagnostics.Should().Contain(d => d.Message == "'unreadable' tests whether a fact could be read; write it on the fact 'folder', not on 'folder.owner'.");
    }

    [Theory]
    [InlineData("pxe02.corp.contoso.com", Outcome.Detected)]
    [InlineData("PXE02", Outcome.Detected)]
    [InlineData("PXE03", Outcome.NotDetected)]
    public async Task Same_computer_compares_short_names_ignoring_case(string listed, Outcome expected)
    {
        var machine = new Machine("pxe02", MachineRoles.PxeServicePoint);
        var facts = "  points: { probe: configmgr.pxeServicePoints }\n";
        var when = "fact: points\nanyItem:\n  all:\n    - field: server\n      sameComputer: machine.name\n    - field: isActive\n      equals: false\n";
        var provider = new InMemoryProbeProvider().Add(machine, "configmgr.pxeServicePoints", null,
            ProbeResult.Found(new object?[] { new Dictionary<string, object?> { ["server"] = listed, ["isActive"] = false } }));
        var engine = PxeRules.Evaluation.RuleEngine.CreateBuilder().AddRules(Load(Rule(when, facts))).AddProvider(provider).WithRoleDiscovery(false).Build();

        var result = (await engine.EvaluateAsync(new[] { machine })).Results[0];

        result.Outcome.Should().Be(expected);
    }

    [Fact]
    public void Same_computer_needs_a_fact_the_rule_has()
    {
        var when = "fact: points\nanyItem:\n  field: server\n  sameComputer: mahcine.name\n";
        var result = new RuleLoader().AddText(Rule(when, "  points: { probe: configmgr.pxeServicePoints }\n"), "r.yaml").Load();

        result.KnowledgeBase.Should().BeNull();
        result.Diagnostics.Should().Contain(d => d.Code == DiagnosticCodes.UndefinedFact && d.Message.Contains("mahcine"));
    }
}
