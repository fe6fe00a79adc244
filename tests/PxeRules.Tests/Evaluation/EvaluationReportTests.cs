using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using FluentAssertions;
using PxeRules.Evaluation;
using PxeRules.Model;
using PxeRules.Probes;
using Xunit;
using static PxeRules.Tests.Evaluation.EngineHarness;

namespace PxeRules.Tests.Evaluation;

/// <summary>Results are made when read: order, identity and the detected ones must not depend on how they are read.</summary>
public class EvaluationReportTests
{
    private static readonly Machine Site = new("SITE01", MachineRoles.SiteServer);
    private static readonly Machine Pxe = new("PXE02", MachineRoles.PxeServicePoint);

    private static async Task<EvaluationReport> Report()
    {
        var rules = new[]
        {
            Rule("fact: a\nequals: 1\n", RegistryFacts, id: "any-machine"),
            Rule("fact: a\nequals: 1\n", RegistryFacts, "appliesTo:\n  roles: [pxe-service-point]\n", id: "pxe-only"),
            Rule("fact: a\nequals: 1\n", RegistryFacts, "appliesTo:\n  roles: [dhcp-server]\n", id: "no-subject"),
            Rule("fact: b\nequals: 1\n", RegistryFacts, id: "never"),
            Rule("fact: folder\nexists: false\n", RegistryFacts + "  folder: { probe: folder, args: { path: '{{ a }}' } }\n", id: "templated"),
        };
        var provider = new InMemoryProbeProvider();
        foreach (var machine in new[] { Site, Pxe })
        {
            provider.Add(machine, "registry.value", Registry("a"), ProbeResult.Found(1));
            provider.Add(machine, "registry.value", Registry("b"), ProbeResult.Found(0));
            provider.Add(machine, "folder", new Dictionary<string, object?> { ["path"] = "1" }, ProbeResult.NotFound());
        }

        var engine = RuleEngine.CreateBuilder().AddRules(Load(rules)).AddProvider(provider).Build();
        return await engine.EvaluateAsync(new[] { Site, Pxe });
    }

    [Fact]
    public async Task Results_come_in_rule_order_then_machine_order_with_one_result_for_a_rule_no_machine_holds()
    {
        var report = await Report();

        report.Results.Select(r => $"{r.Rule.Id}@{r.Machine?.Name}:{r.Outcome}").Should().Equal(
            "any-machine@SITE01:Detected", "any-machine@PXE02:Detected", "pxe-only@PXE02:Detected", "no-subject@:NotApplicable",
            "never@SITE01:NotDetected", "never@PXE02:NotDetected", "templated@SITE01:Detected", "templated@PXE02:Detected");
        Enumerable.Range(0, report.Results.Count).Select(i => report.Results[i]).Should().Equal(report.Results);
    }

    [Fact]
    public async Task Detected_gives_the_same_result_objects_as_results_whichever_is_read_first()
    {
        var report = await Report();

        var detected = report.Detected.ToArray();

        detected.Should().HaveCount(5);
        detected.Should().Equal(report.Results.Where(r => r.Outcome == Outcome.Detected), (a, b) => ReferenceEquals(a, b));
        report.Results[2].Should().BeSameAs(detected[2]);
        detected[0].Explanation.Should().Be("Detected: looked for a equal to 1; seen 1.");
    }
}
