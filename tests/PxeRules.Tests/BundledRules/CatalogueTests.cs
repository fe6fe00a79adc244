using System.IO;
using FluentAssertions;
using PxeRules.Loading;
using PxeRules.Reporting;
using Xunit;
using PxeRules.Model;

namespace PxeRules.Tests.BundledRules;

public class CatalogueTests
{
    [Fact]
    public void The_known_issues_catalogue_in_docs_is_generated_from_the_current_rules()
    {
        var writer = new StringWriter();
        CatalogWriter.Write(KnowledgeBase.LoadBundled(), writer);

        var committed = File.ReadAllText(Repository.Path("docs", "known-issues.md"));

        committed.Should().Be(writer.ToString(), "docs/known-issues.md is out of date: run 'dotnet run --project src/PxeRules.Cli -- docs -o docs/known-issues.md'");
    }

    [Fact]
    public void Every_bundled_rule_has_an_example_of_each_outcome_it_can_reach_and_a_reference()
    {
        foreach (var rule in KnowledgeBase.LoadBundled().Rules)
        {
            var outcomes = System.Linq.Enumerable.ToHashSet(System.Linq.Enumerable.Select(rule.Examples, e => e.Expect));
            outcomes.Should().Contain(PxeRules.Model.Outcome.Detected, $"{rule.Id} needs an example that fires");
            outcomes.Should().Contain(PxeRules.Model.Outcome.NotDetected, $"{rule.Id} needs an example that stays quiet");
            outcomes.Should().Contain(PxeRules.Model.Outcome.Inconclusive, $"{rule.Id} needs an example with an unavailable fact");
            if (rule.AppliesTo.Roles.Count > 0 || rule.AppliesTo.Versions.Count > 0 || rule.AppliesTo.When is not null)
            {
                outcomes.Should().Contain(PxeRules.Model.Outcome.NotApplicable, $"{rule.Id} can be not applicable");
            }

            rule.References.Should().NotBeEmpty($"{rule.Id} needs a reference");
        }
    }
}
