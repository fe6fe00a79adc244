using System;
using System.IO;
using System.Linq;
using FluentAssertions;
using PxeRules.Evaluation;
using PxeRules.Model;
using PxeRules.Snapshots;
using PxeRules.Tests.Browser;
using Xunit;

namespace PxeRules.Tests.Evaluation;

/// <summary>
/// <see cref="EvaluationReport.Outcomes"/> reads the outcomes without making results: it must say exactly what the
/// results say, in the same order, for every sample site, a site of many machines and a rule that applies nowhere.
/// </summary>
public sealed class ResultOutcomesTests : IDisposable
{
    private static readonly KnowledgeBase Rules = KnowledgeBase.LoadBundled();
    private readonly string folder = Directory.CreateTempSubdirectory("pxerules-outcomes-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    public static TheoryData<string> Samples() => new(Directory.GetFiles(Repository.Path("samples", "snapshots"), "*.json").Select(Path.GetFileName)!);

    private static void ShouldAgree(EvaluationReport report)
    {
        var outcomes = report.Outcomes;
        var expected = report.Results.Select(r => $"{r.Rule.Id}|{r.Machine?.Name}|{r.Outcome}").ToArray();

        outcomes.Select(o => $"{o.Rule.Id}|{o.Machine?.Name}|{o.Outcome}").Should().Equal(expected);
        Enumerable.Range(0, outcomes.Count).Select(i => $"{outcomes[i].Rule.Id}|{outcomes[i].Machine?.Name}|{outcomes[i].Outcome}").Should().Equal(expected);
        foreach (Outcome outcome in Enum.GetValues(typeof(Outcome)))
        {
            outcomes.CountOf(outcome).Should().Be(report.Results.Count(r => r.Outcome == outcome), outcome.ToString());
        }

        // The problems are the same result objects as in Results (so root causes and waivers found on one are on the
        // other), in the same order.
        report.Problems.Should().Equal(report.Results.Where(r => r.Outcome is Outcome.Detected or Outcome.Inconclusive or Outcome.Error), ReferenceEquals);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void On_every_sample_the_outcomes_are_those_of_the_results_in_their_order(string sample)
    {
        // Read the outcomes first, on a report no result was made of, then compare with the results.
        var report = RuleEngine.CreateBuilder().AddRules(Rules).Build().Evaluate(SnapshotFile.Read(Repository.Path("samples", "snapshots", sample)).Facts!);
        var first = report.Outcomes.Select(o => o.Outcome).ToArray();
        var problems = report.Problems.Select(r => $"{r.Rule.Id}|{r.Machine?.Name}|{r.Outcome}").ToArray();

        ShouldAgree(report);
        first.Should().Equal(report.Results.Select(r => r.Outcome));
        problems.Should().Equal(report.Results.Where(r => r.Outcome is Outcome.Detected or Outcome.Inconclusive or Outcome.Error).Select(r => $"{r.Rule.Id}|{r.Machine?.Name}|{r.Outcome}"));
    }

    [Fact]
    public void On_a_site_of_many_machines_and_for_a_rule_no_machine_holds_they_agree()
    {
        var report = RuleEngine.CreateBuilder().AddRules(Rules).Build().Evaluate(SnapshotFile.Read(LargeSite.Write(folder, machines: 40, brokenEvery: 7)).Facts!);

        ShouldAgree(report);
        report.Outcomes.CountOf(Outcome.Detected).Should().BeGreaterThan(0);
        report.Outcomes.Where(o => o.Machine is null).Should().OnlyContain(o => o.Outcome == Outcome.NotApplicable);
        report.Outcomes.Should().Contain(o => o.Machine == null, "rules for roles no machine holds (the DHCP server) give one not-applicable result");
    }
}
