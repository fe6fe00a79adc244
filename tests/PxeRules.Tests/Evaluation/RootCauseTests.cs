using System.Linq;
using FluentAssertions;
using PxeRules.Evaluation;
using PxeRules.Loading;
using PxeRules.Model;
using PxeRules.Snapshots;
using Xunit;
using static PxeRules.Tests.Evaluation.EngineHarness;

namespace PxeRules.Tests.Evaluation;

/// <summary>
/// Root cause first: a rule declares which findings its own explains; the report groups them under it on the same
/// machine, and the loader refuses unknown ids and circles.
/// </summary>
public class RootCauseTests
{
    [Fact]
    public void On_the_wds_stopped_sample_the_provider_failure_is_the_root_and_the_stopped_service_its_consequence()
    {
        var facts = SnapshotFile.Read(Repository.Path("samples", "snapshots", "pxe-sp-wds-stopped.json")).Facts!;

        var report = RuleEngine.CreateBuilder().AddRules(KnowledgeBase.LoadBundled()).Build().Evaluate(facts);

        report.RootCauses.Select(g => g.ToString()).Should().Equal(
            "smspxe-provider-broken on PXE01: Detected → wds-provider-shutdown, wds-service-down");
        var stopped = report.Detected.Single(r => r.Rule.Id == "wds-service-down");
        report.ExplainedBy(stopped)!.Rule.Id.Should().Be("smspxe-provider-broken");
        report.ExplainedBy(report.Detected.Single(r => r.Rule.Id == "smspxe-provider-broken")).Should().BeNull();
    }

    [Fact]
    public void A_finding_is_only_grouped_under_a_cause_detected_on_the_same_machine()
    {
        var cause = Rule("fact: a\nequals: 1\n", RegistryFacts, "explains: [consequence]\n", id: "cause");
        var consequence = Rule("fact: b\nequals: 1\n", RegistryFacts, id: "consequence");
        var facts = new PxeRules.Facts.FactTable(new[] { Server }, new[]
        {
            PxeRules.Facts.FactRecord.From(new PxeRules.Probes.ProbeCall(Server, "registry.value", Registry("a")), PxeRules.Probes.ProbeResult.Found(0d)),
            PxeRules.Facts.FactRecord.From(new PxeRules.Probes.ProbeCall(Server, "registry.value", Registry("b")), PxeRules.Probes.ProbeResult.Found(1d)),
        }, System.DateTimeOffset.UnixEpoch);

        var report = RuleEngine.CreateBuilder().AddRules(Load(cause, consequence)).WithRoleDiscovery(false).Build().Evaluate(facts);

        report.RootCauses.Should().ContainSingle().Which.Cause.Rule.Id.Should().Be("consequence", "its cause was not detected, so it stands alone");
    }

    [Fact]
    public void An_unknown_id_is_an_error_at_its_line_with_a_suggestion()
    {
        var result = new RuleLoader()
            .AddText(Rule("fact: a\nequals: 1\n", RegistryFacts, "explains:\n  - consequnce\n", id: "cause") + "---\n" + Rule("fact: b\nequals: 1\n", RegistryFacts, id: "consequence"), "rules.yaml")
            .Load();

        result.KnowledgeBase.Should().BeNull();
        var error = result.Diagnostics.Should().ContainSingle(d => d.Code == DiagnosticCodes.UnknownExplainedRule).Which;
        error.Message.Should().Be("'explains' names 'consequnce', which is no rule of this knowledge base; did you mean 'consequence'?");
        error.Location.Line.Should().BeGreaterThan(1);
    }

    [Fact]
    public void Rules_that_explain_each_other_in_a_circle_are_refused()
    {
        var result = new RuleLoader()
            .AddText(Rule("fact: a\nequals: 1\n", RegistryFacts, "explains: [b-rule]\n", id: "a-rule") + "---\n" + Rule("fact: b\nequals: 1\n", RegistryFacts, "explains: [a-rule]\n", id: "b-rule"), "rules.yaml")
            .Load();

        result.KnowledgeBase.Should().BeNull();
        result.Diagnostics.Where(d => d.Code == DiagnosticCodes.ExplainsCycle).Select(d => d.Message).Should().Contain(
            "The rules explain each other in a circle (a-rule → b-rule → a-rule): a cause cannot be its own consequence.");
    }
}
