using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using FluentAssertions;
using PxeRules.Model;
using PxeRules.Probes;
using Xunit;
using static PxeRules.Tests.Evaluation.EngineHarness;

namespace PxeRules.Tests.Evaluation;

/// <summary>The truth tables of all / any / not, every operator, quantifiers and time windows.</summary>
public class ConditionTests
{
    // a = 1 is true, a = 0 is false, a unavailable is unknown; the outcome names the truth.
    private static object? Truth(string t) => t switch { "T" => 1, "F" => 0, _ => "UN" };

    private static Outcome OutcomeOf(string t) => t switch { "T" => Outcome.Detected, "F" => Outcome.NotDetected, _ => Outcome.Inconclusive };

    [Theory]
    [InlineData("T", "T", "T")]
    [InlineData("T", "F", "F")]
    [InlineData("F", "U", "F")]
    [InlineData("U", "F", "F")]
    [InlineData("T", "U", "U")]
    [InlineData("U", "U", "U")]
    [InlineData("F", "F", "F")]
    public async Task All_is_false_with_a_false_member_whatever_else_is_unknown(string a, string b, string expected)
    {
        var rule = Rule("all:\n  - fact: a\n    equals: 1\n  - fact: b\n    equals: 1\n", RegistryFacts);

        var result = await EvaluateOne(rule, RegistryProvider(Truth(a), Truth(b)));

        result.Outcome.Should().Be(OutcomeOf(expected));
    }

    [Theory]
    [InlineData("T", "T", "T")]
    [InlineData("T", "U", "T")]
    [InlineData("U", "T", "T")]
    [InlineData("F", "U", "U")]
    [InlineData("U", "U", "U")]
    [InlineData("F", "F", "F")]
    public async Task Any_is_true_with_a_true_member_whatever_else_is_unknown(string a, string b, string expected)
    {
        var rule = Rule("any:\n  - fact: a\n    equals: 1\n  - fact: b\n    equals: 1\n", RegistryFacts);

        var result = await EvaluateOne(rule, RegistryProvider(Truth(a), Truth(b)));

        result.Outcome.Should().Be(OutcomeOf(expected));
    }

    [Theory]
    [InlineData("T", "F")]
    [InlineData("F", "T")]
    [InlineData("U", "U")]
    public async Task Not_negates_and_keeps_unknown(string a, string expected)
    {
        var rule = Rule("not:\n  fact: a\n  equals: 1\n", RegistryFacts);

        var result = await EvaluateOne(rule, RegistryProvider(Truth(a)));

        result.Outcome.Should().Be(OutcomeOf(expected));
    }

    [Fact]
    public async Task An_error_member_makes_all_an_error_unless_another_member_is_false()
    {
        const string facts = "  wds: { probe: service, args: { name: WDSServer } }\n" + RegistryFacts;
        var provider = RegistryProvider(1, 0);
        provider.Add(Server, "service", new Dictionary<string, object?> { ["name"] = "WDSServer" }, ProbeResult.Found(new Dictionary<string, object?> { ["state"] = 4 }));

        var error = await EvaluateOne(Rule("all:\n  - fact: wds.state\n    equals: Running\n  - fact: a\n    equals: 1\n", facts), provider);
        var decided = await EvaluateOne(Rule("all:\n  - fact: wds.state\n    equals: Running\n  - fact: b\n    equals: 1\n", facts), provider);

        error.Outcome.Should().Be(Outcome.Error);
        error.Explanation.Should().Be("Error: the rule could not be evaluated: 'service.state' should be a string but the provider returned a number ('4').");
        decided.Outcome.Should().Be(Outcome.NotDetected);
    }

    [Theory]
    [InlineData("equals: running", "Running", true)]
    [InlineData("equals: running\ncaseSensitive: true", "Running", false)]
    [InlineData("notEquals: Stopped", "Running", true)]
    [InlineData("in: [Stopped, Running]", "Running", true)]
    [InlineData("notIn: [Stopped, Paused]", "Running", true)]
    [InlineData("matches: '^Run+ing$'", "Running", true)]
    [InlineData("notMatches: '^Stop'", "Running", true)]
    [InlineData("contains: UNN", "Running", true)]
    [InlineData("notContains: stop", "Running", true)]
    [InlineData("startsWith: run", "Running", true)]
    [InlineData("endsWith: ing", "Running", true)]
    [InlineData("endsWith: ed", "Running", false)]
    [InlineData("equals: 3600", 3600, true)]
    [InlineData("equals: 3600", "3600", true)]
    [InlineData("greaterOrEqual: 3600", 3600, true)]
    [InlineData("greater: 3600", 3600, false)]
    [InlineData("less: 120.5", 120, true)]
    [InlineData("lessOrEqual: -1", -1, true)]
    [InlineData("less: 6.0.6001.18000", "6.0.6000.16386", true)]
    [InlineData("less: 6.0.9999.0", "6.0.10000.0", false)]
    [InlineData("greaterOrEqual: 4.00.6221.1000", "4.0.6221.1000", true)]
    [InlineData("equals: 6.0\ntype: version", "6.0.0.0", true)]
    [InlineData("contains: SMSPXE", new object[] { "BINLSVC", "SMSPXE" }, true)]
    [InlineData("matches: '^SMS'", new object[] { "BINLSVC", "SMSPXE" }, true)]
    [InlineData("exists: true", "x", true)]
    [InlineData("exists: false", "x", false)]
    public async Task Each_operator_compares_as_documented(string comparison, object value, bool expected)
    {
        var rule = Rule("fact: a\n" + comparison + "\n", RegistryFacts);

        var result = await EvaluateOne(rule, RegistryProvider(value));

        result.Outcome.Should().Be(expected ? Outcome.Detected : Outcome.NotDetected);
    }

    [Theory]
    [InlineData("equals: 1", Outcome.NotDetected)]
    [InlineData("notEquals: 1", Outcome.NotDetected)]
    [InlineData("exists: false", Outcome.Detected)]
    [InlineData("exists: true", Outcome.NotDetected)]
    public async Task A_comparison_on_a_fact_that_is_not_found_is_false_except_exists_false(string comparison, Outcome expected)
    {
        var result = await EvaluateOne(Rule("fact: a\n" + comparison + "\n", RegistryFacts), RegistryProvider("NF"));

        result.Outcome.Should().Be(expected);
    }

    [Theory]
    [InlineData("exists: false")]
    [InlineData("less: 6.0.6001.18000")]
    public async Task A_comparison_on_an_unavailable_fact_is_inconclusive_never_passed(string comparison)
    {
        var facts = "  wimgapi: { probe: file, args: { path: 'C:\\w.dll' } }\n";
        var provider = new InMemoryProbeProvider().Add(Server, "file", new Dictionary<string, object?> { ["path"] = "C:\\w.dll" }, ProbeResult.Unavailable("Access is denied."));

        var result = await EvaluateOne(Rule("fact: wimgapi.version\n" + comparison + "\n", facts), provider);

        result.Outcome.Should().Be(Outcome.Inconclusive);
        result.Explanation.Should().Be("Inconclusive: a fact the rule needs is unavailable: 'wimgapi.version' (Access is denied.; file(path: C:\\w.dll) on PXE01). Next: run the check as an administrator of PXE01 (an elevated prompt; remotely, an account in its local Administrators group).");
    }

    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static InMemoryProbeProvider Log(params (string Text, DateTimeOffset Time)[] entries)
    {
        var items = new List<object?>();
        foreach (var (text, time) in entries)
        {
            items.Add(new Dictionary<string, object?> { ["text"] = text, ["time"] = time, ["component"] = "SMSPXE", ["type"] = 1.0 });
        }

        return new InMemoryProbeProvider().Add(Server, "log.entries", new Dictionary<string, object?> { ["paths"] = new object?[] { "C:\\SMSPXE.log" } }, ProbeResult.Found(items.ToArray()));
    }

    private const string LogFact = "  log: { probe: log.entries, args: { paths: ['C:\\SMSPXE.log'] } }\n";

    [Theory]
    [InlineData(2, true)]
    [InlineData(6, true)]
    [InlineData(8, false)]
    public async Task A_time_window_is_measured_from_the_injected_clock(int daysAgo, bool expected)
    {
        var rule = Rule("fact: log\nanyItem:\n  all:\n    - field: text\n      matches: '0x80070005|Access is denied'\n    - field: time\n      within: 7d\n", LogFact);
        var provider = Log(("Opening image file failed: Access is denied. (0x80070005)", Now.AddDays(-daysAgo)));

        var result = await EvaluateOne(rule, provider, new FixedClock(Now));

        result.Outcome.Should().Be(expected ? Outcome.Detected : Outcome.NotDetected);
    }

    [Fact]
    public async Task Older_than_tests_the_other_side_of_the_window()
    {
        var rule = Rule("fact: log\nallItems:\n  field: time\n  olderThan: 7d\n", LogFact);

        (await EvaluateOne(rule, Log(("a", Now.AddDays(-8)), ("b", Now.AddDays(-30))), new FixedClock(Now))).Outcome.Should().Be(Outcome.Detected);
        (await EvaluateOne(rule, Log(("a", Now.AddDays(-8)), ("b", Now.AddHours(-1))), new FixedClock(Now))).Outcome.Should().Be(Outcome.NotDetected);
    }

    [Theory]
    [InlineData("anyItem", 0, false)]
    [InlineData("anyItem", 1, true)]
    [InlineData("allItems", 3, true)]
    [InlineData("allItems", 2, false)]
    [InlineData("noItem", 0, true)]
    [InlineData("noItem", 1, false)]
    public async Task Quantifiers_test_the_items_of_a_collection(string quantifier, int matching, bool expected)
    {
        var entries = new (string, DateTimeOffset)[3];
        for (var i = 0; i < 3; i++) entries[i] = (i < matching ? "PXE-E53 seen" : "ok", Now);
        var rule = Rule($"fact: log\n{quantifier}:\n  field: text\n  contains: PXE-E53\n", LogFact);

        var result = await EvaluateOne(rule, Log(entries), new FixedClock(Now));

        result.Outcome.Should().Be(expected ? Outcome.Detected : Outcome.NotDetected);
    }

    [Theory]
    [InlineData("greaterOrEqual: 2", 2, true)]
    [InlineData("greaterOrEqual: 2", 1, false)]
    [InlineData("equals: 0", 0, true)]
    [InlineData("less: 1", 1, false)]
    public async Task Count_compares_the_number_of_matching_items(string comparison, int matching, bool expected)
    {
        var entries = new (string, DateTimeOffset)[3];
        for (var i = 0; i < 3; i++) entries[i] = (i < matching ? "terminated unexpectedly" : "started", Now);
        var rule = Rule($"fact: log\ncount:\n  where:\n    field: text\n    contains: terminated\n  {comparison}\n", LogFact);

        var result = await EvaluateOne(rule, Log(entries), new FixedClock(Now));

        result.Outcome.Should().Be(expected ? Outcome.Detected : Outcome.NotDetected);
    }

    [Fact]
    public async Task A_collection_that_is_not_found_is_empty()
    {
        var provider = new InMemoryProbeProvider().Add(Server, "log.entries", new Dictionary<string, object?> { ["paths"] = new object?[] { "C:\\SMSPXE.log" } }, ProbeResult.NotFound());

        (await EvaluateOne(Rule("fact: log\nnoItem:\n  field: text\n  contains: x\n", LogFact), provider)).Outcome.Should().Be(Outcome.Detected);
        (await EvaluateOne(Rule("fact: log\ncount:\n  equals: 0\n", LogFact), provider)).Outcome.Should().Be(Outcome.Detected);
    }
}
