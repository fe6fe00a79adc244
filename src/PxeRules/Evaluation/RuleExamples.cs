using System;
using System.Collections.Generic;
using System.Linq;
using PxeRules.Loading;
using PxeRules.Model;
using PxeRules.Probes;

namespace PxeRules.Evaluation;

/// <summary>The result of running one example of a rule: the outcome it expects and the one the engine gave.</summary>
public sealed class ExampleResult
{
    internal ExampleResult(Rule rule, RuleExample example, RuleResult actual)
    {
        Rule = rule;
        Example = example;
        Actual = actual;
    }

    /// <summary>The rule.</summary>
    public Rule Rule { get; }

    /// <summary>The example.</summary>
    public RuleExample Example { get; }

    /// <summary>What the engine gave for the example's facts.</summary>
    public RuleResult Actual { get; }

    /// <summary>Whether the engine gave the expected outcome.</summary>
    public bool Passed => Actual.Outcome == Example.Expect;

    /// <summary>A line such as <c>rule-id / example name: expected Detected, got NotDetected (explanation)</c>.</summary>
    public override string ToString() =>
        Passed
            ? $"{Rule.Id} / {Example.Name}: {Example.Expect}"
            : $"{Rule.Id} / {Example.Name}: expected {Example.Expect}, got {Actual.Outcome} ({Actual.Explanation})";
}

/// <summary>
/// Runs the examples rules carry: each example's facts go through the same preparation and evaluation as live
/// facts, so a rule author gets tests by writing YAML.
/// </summary>
public static class RuleExamples
{
    /// <summary>
    /// The time examples are evaluated at: 2026-11-25T12:00:00Z. Example facts with times (log entries, events)
    /// are written relative to it, so examples give the same outcome on every day they run.
    /// </summary>
    public static DateTimeOffset ReferenceTime { get; } = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Runs every example of every rule of <paramref name="knowledgeBase"/>.</summary>
    /// <param name="knowledgeBase">The rules.</param>
    /// <param name="now">The time that windows such as <c>within: 7d</c> are measured from.</param>
    public static IReadOnlyList<ExampleResult> RunAll(KnowledgeBase knowledgeBase, DateTimeOffset now)
    {
        if (knowledgeBase is null) throw new ArgumentNullException(nameof(knowledgeBase));
        var results = new List<ExampleResult>();
        foreach (var rule in knowledgeBase.Rules)
        {
            var prepared = new PreparedRule(rule);
            results.AddRange(rule.Examples.Select(example => Run(prepared, example, now)));
        }

        return results;
    }

    /// <summary>Runs one example of a rule.</summary>
    public static ExampleResult Run(Rule rule, RuleExample example, DateTimeOffset now) =>
        Run(new PreparedRule(rule ?? throw new ArgumentNullException(nameof(rule))), example ?? throw new ArgumentNullException(nameof(example)), now);

    private static ExampleResult Run(PreparedRule prepared, RuleExample example, DateTimeOffset now)
    {
        var rule = prepared.Rule;
        if (!prepared.IsSubject(example.Machine))
        {
            return new ExampleResult(rule, example, new RuleResult(rule, example.Machine, Outcome.NotApplicable, null, Array.Empty<FactSlot>(), now, RuleResult.Stage.Roles,
                $"Not applicable: the machine holds none of the roles {string.Join(", ", rule.AppliesTo.Roles)}."));
        }

        var slots = Slots(prepared, example);
        return new ExampleResult(rule, example, RuleEngine.Decide(prepared, example.Machine, slots, now));
    }

    /// <summary>The fact slots an example gives a rule: its facts, those it says are not found or unavailable, and the rest unavailable.</summary>
    internal static FactSlot[] Slots(PreparedRule prepared, RuleExample example)
    {
        var slots = new FactSlot[prepared.SlotCount];
        slots[PreparedRule.MachineSlot] = FactSlot.Found(PreparedRule.MachineValue(example.Machine));
        foreach (var fact in prepared.Facts)
        {
            var slot = prepared.SlotOf(fact.Name);
            if (example.Facts.TryGetValue(fact.Name, out var value))
            {
                slots[slot] = value is null ? FactSlot.NotFound(null, "given as null in the example") : FactSlot.Found(value);
            }
            else if (example.NotFound.Contains(fact.Name, StringComparer.Ordinal))
            {
                slots[slot] = FactSlot.NotFound(null, "not found in the example");
            }
            else if (example.Unavailable.TryGetValue(fact.Name, out var reason))
            {
                slots[slot] = FactSlot.Unavailable(null, reason);
            }
            else
            {
                slots[slot] = FactSlot.Unavailable(null, "not given in the example");
            }
        }

        return slots;
    }
}
