using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using FluentAssertions;
using PxeRules.Evaluation;
using PxeRules.Facts;
using PxeRules.Loading;
using PxeRules.Model;
using PxeRules.Probes;
using PxeRules.Reporting;
using PxeRules.Snapshots;
using Xunit;

namespace PxeRules.Tests.Reporting;

/// <summary><see cref="ReportDiff"/> through the library: what a host that compares two evaluations reads.</summary>
public class ReportDiffTests
{
    private const string Seed3 = "pxe-remote-wimgapi-not-updated-sp1";
    private static readonly Lazy<KnowledgeBase> Bundled = new(KnowledgeBase.LoadBundled);

    [Fact]
    public void A_cleared_finding_carries_the_fact_that_changed_with_its_call_and_values()
    {
        var diff = ReportDiff.Compute(Evaluate(Read("remote-pxe-sp-old-wimgapi.json")), Evaluate(Read("after/remote-pxe-sp-old-wimgapi.json")));

        var change = diff.Changes.Should().ContainSingle().Which;
        change.Kind.Should().Be(ResultChangeKind.Cleared);
        change.Rule.Id.Should().Be(Seed3);
        change.Machine.Should().Be("PXE02");
        change.BeforeOutcome.Should().Be(Outcome.Detected);
        change.AfterOutcome.Should().Be(Outcome.NotDetected);
        change.Unconfirmed.Should().BeFalse();
        var cause = change.Causes.Should().ContainSingle().Which;
        cause.Subject.Should().Be("wimgapi.version");
        cause.Call.Describe().Should().Be("file(path: %windir%\\System32\\wimgapi.dll)");
        (cause.Before, cause.After, cause.Machine).Should().Be(("6.0.6000.16386", "6.0.6001.18000", "PXE02"));
        change.Summary.Should().Be("wimgapi.version 6.0.6000.16386 → 6.0.6001.18000 on PXE02 cleared pxe-remote-wimgapi-not-updated-sp1");
        diff.FactsWithoutOutcomeChange.Should().BeEmpty();
        diff.Fails(Severity.Info).Should().BeFalse();
    }

    [Fact]
    public void A_fact_no_rule_compares_changes_no_outcome_and_is_listed_apart()
    {
        var before = Read("remote-pxe-sp-old-wimgapi.json");
        var record = before.Records.Single(r => r.Call.Machine.Name == "PXE02" && r.Call.Kind == "file" && r.Call.GetString("path") == "%windir%\\System32\\wimgapi.dll");
        var value = new Dictionary<string, object?>((IReadOnlyDictionary<string, object?>)record.Result.Value!) { ["size"] = 417793 };
        var after = before.With(new[] { FactRecord.From(record.Call, ProbeResult.Found(value)) });

        var diff = ReportDiff.Compute(Evaluate(before), Evaluate(after));

        var change = diff.Changes.Should().ContainSingle().Which;
        change.Kind.Should().Be(ResultChangeKind.Remains);
        change.Causes.Should().BeEmpty("the rule compares the version, not the size");
        change.NextSteps.Should().Equal("wimgapi.version at least 6.0.6001.18000 (now 6.0.6000.16386) on PXE02");
        diff.FactsWithoutOutcomeChange.Select(f => f.ToString()).Should().Equal("file(path: %windir%\\System32\\wimgapi.dll).size 417792 → 417793 on PXE02");
        diff.Fails(Severity.Warning).Should().BeTrue();
        diff.Fails(Severity.Critical).Should().BeFalse("the finding is an error, below critical");
        diff.Fails(null).Should().BeFalse();
    }

    [Fact]
    public void A_waived_finding_that_remains_fails_no_run()
    {
        var facts = Read("remote-pxe-sp-old-wimgapi.json");
        var waived = RuleEngine.CreateBuilder().AddRules(Bundled.Value).AddWaiver(new Waiver(Seed3, "PXE02", "Replacement server on order.", DateTimeOffset.Parse("2030-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture)))
            .Build().Evaluate(facts);

        var diff = ReportDiff.Compute(waived, waived);

        diff.Changes.Should().ContainSingle().Which.Waived.Should().BeTrue();
        diff.Fails(Severity.Info).Should().BeFalse();
    }

    [Fact]
    public void A_machine_missing_after_is_listed_once_and_its_finding_is_unconfirmed_not_cleared()
    {
        var diff = ReportDiff.Compute(Evaluate(Read("remote-pxe-sp-old-wimgapi.json")), Evaluate(Read("site-pxe-sp-not-collected.json")));

        diff.MachinesOnlyBefore.Should().Equal("PXE02");
        diff.MachinesOnlyAfter.Should().BeEmpty();
        diff.MachinesAfter.Should().Equal("SITE01");
        var change = diff.Changes.Should().ContainSingle().Which;
        change.Kind.Should().Be(ResultChangeKind.ChangedOutcome);
        change.AfterOutcome.Should().BeNull();
        change.Unconfirmed.Should().BeTrue();
        diff.OfKind(ResultChangeKind.Cleared).Should().BeEmpty();
    }

    private static EvaluationReport Evaluate(FactTable facts) => RuleEngine.CreateBuilder().AddRules(Bundled.Value).Build().Evaluate(facts);

    private static FactTable Read(string name) => SnapshotFile.Read(Repository.Path("samples", "snapshots", name)).Facts!;
}
