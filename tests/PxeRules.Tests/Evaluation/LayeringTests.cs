using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using FluentAssertions;
using PxeRules.Evaluation;
using PxeRules.Model;
using PxeRules.Reporting;
using Xunit;
using static PxeRules.Tests.Evaluation.EngineHarness;

namespace PxeRules.Tests.Evaluation;

/// <summary>Hosts layer their own rules, disable or re-rate bundled ones and waive findings without forking rule files.</summary>
public class LayeringTests
{
    private static readonly PxeRules.Model.KnowledgeBase Base = Load(
        Rule("fact: a\nequals: 1\n", RegistryFacts, "tags: [advisory]\n", id: "rule-a"),
        Rule("fact: b\nequals: 1\n", RegistryFacts, "aliases: [old-b]\n", id: "rule-b"));

    private static async Task<EvaluationReport> Evaluate(Func<RuleEngineBuilder, RuleEngineBuilder> configure)
    {
        var builder = configure(RuleEngine.CreateBuilder().AddRules(Base).AddProvider(RegistryProvider(1, 1)).WithTimeProvider(new FixedClock()));
        return await builder.Build().EvaluateAsync(new[] { Server });
    }

    [Fact]
    public async Task A_host_rule_replaces_the_bundled_rule_of_the_same_id_in_place()
    {
        var mine = Load(Rule("fact: a\nequals: 2\n", RegistryFacts, id: "rule-a"), Rule("fact: c\nexists: false\n", RegistryFacts, id: "rule-c"));

        var report = await Evaluate(b => b.ReplaceRules(mine));

        report.Results.Select(r => $"{r.Rule.Id} {r.Outcome}").Should().Equal("rule-a NotDetected", "rule-b Detected", "rule-c Detected");
    }

    [Fact]
    public async Task Rules_are_disabled_by_id_former_id_or_tag()
    {
        (await Evaluate(b => b.DisableRule("old-b"))).Results.Select(r => r.Rule.Id).Should().Equal("rule-a");
        (await Evaluate(b => b.DisableRulesTagged("ADVISORY"))).Results.Select(r => r.Rule.Id).Should().Equal("rule-b");
    }

    [Fact]
    public async Task A_severity_override_changes_the_severity_reported()
    {
        var report = await Evaluate(b => b.OverrideSeverity("old-b", Severity.Info));
        var json = new StringWriter();
        ReportWriter.Write(report, ReportFormat.Json, json);

        report.Results[1].Severity.Should().Be(Severity.Info);
        report.Results[1].Rule.Severity.Should().Be(Severity.Error);
        json.ToString().Should().Contain("\"severity\": \"info\"");
    }

    [Fact]
    public async Task A_waived_finding_still_shows_as_waived_until_the_waiver_expires()
    {
        var current = new Waiver("rule-a", "pxe01", "Accepted until the router change in December.", FixedClock.ExampleNow.AddDays(10));
        var expired = new Waiver("rule-b", "*", "Old decision.", FixedClock.ExampleNow.AddDays(-1));

        var report = await Evaluate(b => b.AddWaiver(current).AddWaiver(expired));
        var junit = new StringWriter();
        ReportWriter.Write(report, ReportFormat.JUnit, junit);

        report.Detected.Select(r => r.Rule.Id).Should().Equal("rule-a", "rule-b");
        report.Results[0].Waiver.Should().BeSameAs(current);
        report.Results[1].Waiver.Should().BeNull();
        report.Findings.Select(r => r.Rule.Id).Should().Equal("rule-b");
        junit.ToString().Should().Contain("<skipped message=\"Waived: waived until 2026-12-05: Accepted until the router change in December.\" />");
    }

    [Fact]
    public void An_override_or_waiver_naming_no_rule_is_an_error_at_build()
    {
        var act = () => RuleEngine.CreateBuilder().AddRules(Base).OverrideSeverity("rule-x", Severity.Info).Build();

        act.Should().Throw<InvalidOperationException>().WithMessage("No rule has the id 'rule-x' named by a severity override or waiver.");
    }
}
