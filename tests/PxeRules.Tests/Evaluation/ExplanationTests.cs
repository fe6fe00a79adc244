using System.Threading.Tasks;
using FluentAssertions;
using PxeRules.Model;
using Xunit;
using static PxeRules.Tests.Evaluation.EngineHarness;

namespace PxeRules.Tests.Evaluation;

/// <summary>What an inconclusive result says: each reason once, with the facts it kept from being known.</summary>
public class ExplanationTests
{
    [Fact]
    public async Task Facts_unknown_for_the_same_reason_are_named_together_and_the_reason_once()
    {
        var rule = Rule("all:\n  - fact: a\n    equals: 1\n  - fact: b\n    equals: 1\n  - fact: c\n    equals: 1\n", RegistryFacts);

        var result = await EvaluateOne(rule, RegistryProvider("UN", "UN", "UN"));

        result.Outcome.Should().Be(Outcome.Inconclusive);
        result.Explanation.Should().Be("Inconclusive: a fact the rule needs is unavailable: 'a', 'b', 'c' (Access is denied.). Next: run the check as an administrator of PXE01 (an elevated prompt; remotely, an account in its local Administrators group).");
    }
}
