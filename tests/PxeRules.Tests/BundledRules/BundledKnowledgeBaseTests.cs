using System.Linq;
using FluentAssertions;
using PxeRules.Evaluation;
using PxeRules.Loading;
using PxeRules.Model;
using Xunit;
using Xunit.Abstractions;

namespace PxeRules.Tests.BundledRules;

public class BundledKnowledgeBaseTests
{
    private readonly ITestOutputHelper output;

    public BundledKnowledgeBaseTests(ITestOutputHelper output) => this.output = output;

    [Fact]
    public void The_rules_folder_loads_without_diagnostics()
    {
        var result = new RuleLoader().AddDirectory(Repository.Path("rules")).Load();

        foreach (var diagnostic in result.Diagnostics)
        {
            output.WriteLine(diagnostic.ToString());
        }

        result.Diagnostics.Should().BeEmpty();
        result.KnowledgeBase!.Rules.Should().NotBeEmpty();
    }

    [Fact]
    public void Every_example_of_every_rule_gives_its_expected_outcome()
    {
        var knowledgeBase = new RuleLoader().AddDirectory(Repository.Path("rules")).LoadOrThrow();

        var results = RuleExamples.RunAll(knowledgeBase, FixedClock.ExampleNow);

        foreach (var failure in results.Where(r => !r.Passed))
        {
            output.WriteLine(failure.ToString());
        }

        results.Should().NotBeEmpty();
        results.Where(r => !r.Passed).Select(r => r.ToString()).Should().BeEmpty();
    }

    [Fact]
    public void The_rules_folder_passes_the_rule_checks_that_lint_and_test_run()
    {
        // One truth: example kinds, placeholders, references, unique ids and dead logic, as 'pxerules lint rules' reports them.
        var knowledgeBase = new RuleLoader().AddDirectory(Repository.Path("rules")).LoadOrThrow();

        var problems = RuleChecks.Check(knowledgeBase, KnowledgeBase.LoadBundled());

        problems.Select(p => p.ToString()).Should().BeEmpty();
    }
}
