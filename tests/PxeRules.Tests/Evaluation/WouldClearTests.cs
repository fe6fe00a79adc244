using System.Threading.Tasks;
using FluentAssertions;
using PxeRules.Evaluation;
using PxeRules.Model;
using Xunit;
using static PxeRules.Tests.Evaluation.EngineHarness;

namespace PxeRules.Tests.Evaluation;

/// <summary>
/// What would clear a finding: the smallest set of fact changes, computed from the condition tree and the values seen,
/// that would make the rule not detected; and for an inconclusive result, the facts that would decide it.
/// </summary>
public class WouldClearTests
{
    [Fact]
    public async Task For_all_one_member_suffices_and_the_one_needing_fewest_changes_is_named()
    {
        var rule = Rule("all:\n  - any:\n      - fact: a\n        equals: 1\n      - fact: b\n        equals: 1\n  - fact: c\n    equals: 1\n", RegistryFacts);

        var result = await EvaluateOne(rule, RegistryProvider(1d, 1d, 1d));

        result.Outcome.Should().Be(Outcome.Detected);
        result.WouldClear.Should().Equal("c not equal to 1 (now 1) on PXE01");
    }

    [Fact]
    public async Task For_any_every_member_that_holds_must_change()
    {
        var rule = Rule("any:\n  - fact: a\n    greater: 5\n  - fact: b\n    equals: 1\n  - fact: c\n    equals: 1\n", RegistryFacts);

        var result = await EvaluateOne(rule, RegistryProvider(9d, 1d, 0d));

        result.WouldClear.Should().Equal("a at most 5 (now 9) on PXE01", "b not equal to 1 (now 1) on PXE01");
    }

    [Fact]
    public async Task Not_turns_the_change_around_and_exists_reads_as_words()
    {
        var rule = Rule("not:\n  fact: a\n  exists: false\n", RegistryFacts);

        var result = await EvaluateOne(rule, RegistryProvider(1d));

        result.Outcome.Should().Be(Outcome.Detected);
        result.WouldClear.Should().Equal("a does not exist on PXE01");
    }

    [Fact]
    public async Task A_result_that_is_not_detected_has_nothing_to_clear_and_says_what_it_looked_for()
    {
        var result = await EvaluateOne(Rule("fact: a\nless: 2\n", RegistryFacts), RegistryProvider(7d));

        result.Outcome.Should().Be(Outcome.NotDetected);
        result.WouldClear.Should().BeEmpty();
        result.Explanation.Should().Be("Not detected: looked for a less than 2; seen 7.");
    }

    [Fact]
    public async Task An_inconclusive_result_names_the_facts_that_would_decide_it_and_keeps_what_was_found()
    {
        var rule = Rule("all:\n  - fact: a\n    equals: 1\n  - fact: b\n    equals: 1\n", RegistryFacts);

        var result = await EvaluateOne(rule, RegistryProvider(1d, "UN"));

        result.Outcome.Should().Be(Outcome.Inconclusive);
        result.WouldClear.Should().Equal("a known value of b (registry.value(key: HKLM\\T, name: b) on PXE01)");
        result.Evidence.Should().Contain(e => e.Subject == "a" && e.Result == Truth.True, "the evidence that was found is kept");
        result.NextSteps.Should().Equal("run the check as an administrator of PXE01 (an elevated prompt; remotely, an account in its local Administrators group)");
    }
}
