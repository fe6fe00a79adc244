using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using PxeRules.Evaluation;
using PxeRules.Model;
using PxeRules.Probes;
using PxeRules.Tests.Evaluation;
using Xunit;
using static PxeRules.Tests.Evaluation.EngineHarness;

namespace PxeRules.Tests.Hardening;

/// <summary>
/// Providers that throw, hang, answer slowly, answer with the wrong type or huge data, or answer after their
/// timeout: the run finishes within its time budget, the rules that need the fact are inconclusive (or error)
/// with the reason, the others are unaffected, and a provider that honours cancellation is told to stop.
/// </summary>
public class FaultyProviderTests
{
    /// <summary>The probe timeout of runs whose providers hang; long enough that a busy machine does not time out the others.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    /// <summary>The probe timeout of runs whose providers answer: a time-out there would be a false failure.</summary>
    private static readonly TimeSpan Patient = TimeSpan.FromSeconds(30);

    /// <summary>The budget of a run whose providers hang: every call may use its timeout, four at a time, plus slack for a busy machine.</summary>
    private static TimeSpan Budget(int calls) => TimeSpan.FromTicks(Timeout.Ticks * ((calls + 3) / 4)) + TimeSpan.FromSeconds(15);

    /// <summary>The budget of a run whose providers answer at once: no call waits for a timeout.</summary>
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(10);

    private static string RegistryRule(string id, string name, string when = "equals: 1") =>
        Rule($"fact: v\n{when}\n", $"  v: {{ probe: registry.value, args: {{ key: 'HKLM\\T', name: {name} }} }}\n", id: id);

    private const string LogFacts = "  log: { probe: log.entries, args: { paths: ['C:\\SMSPXE.log'] } }\n";

    private static async Task<(IReadOnlyList<RuleResult> Results, TimeSpan Elapsed, EvaluationReport Report)> Run(IProbeProvider provider, TimeSpan timeout, Action<RuleEngineBuilder>? configure, params string[] rules)
    {
        // The scripted provider answers every call alike; role discovery's own calls would be scripted too.
        var builder = RuleEngine.CreateBuilder().AddRules(Load(rules)).AddProvider(provider).WithProbeTimeout(timeout).WithRoleDiscovery(false);
        configure?.Invoke(builder);
        var watch = Stopwatch.StartNew();
        var report = await builder.Build().EvaluateAsync(new[] { Server });
        return (report.Results, watch.Elapsed, report);
    }

    private static Dictionary<string, object?> Entry(string text) =>
        new() { ["time"] = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero), ["text"] = text, ["type"] = 1 };

    [Fact]
    public async Task Every_kind_of_faulty_provider_affects_only_its_own_rules_and_the_run_keeps_its_budget()
    {
        using var release = new ManualResetEventSlim();
        var provider = new ScriptedProvider((call, token) => call.GetString("name") switch
        {
            "throws" => throw new InvalidOperationException("The RPC server is unavailable."),
            "faults" => Task.FromException<ProbeResult>(new UnauthorizedAccessException("Access is denied.")),
            "hangs" => Task.Delay(System.Threading.Timeout.Infinite, token).ContinueWith(_ => ProbeResult.Found(1), TaskScheduler.Default),
            "blocks" => Task.FromResult(release.Wait(TimeSpan.FromSeconds(30)) ? ProbeResult.Found(1) : ProbeResult.Found(1)),
            "slow" => Task.Delay(50, token).ContinueWith(_ => ProbeResult.Found(1), TaskScheduler.Default),
            "cancels-itself" => throw new OperationCanceledException("The provider gave up."),
            "no-task" => null!,
            "no-result" => Task.FromResult<ProbeResult>(null!),
            "wrong-type" => Task.FromResult(ProbeResult.Found(new Uri("http://example.com/"))),
            _ => Task.FromResult(ProbeResult.Found(1)),
        });
        var names = new[] { "throws", "faults", "hangs", "blocks", "slow", "cancels-itself", "no-task", "no-result", "wrong-type", "healthy" };

        try
        {
            var (results, elapsed, _) = await Run(provider, Timeout, null, names.Select(n => RegistryRule(n, n)).ToArray());

            elapsed.Should().BeLessThan(Budget(names.Length));
            results.Select(r => $"{r.Rule.Id}: {r.Outcome}: {r.Explanation}").Should().Equal(
                "throws: Inconclusive: Inconclusive: a fact the rule needs is unavailable: 'v' (ScriptedProvider failed: InvalidOperationException: The RPC server is unavailable.; registry.value(key: HKLM\\T, name: throws) on PXE01). Next: make PXE01 reachable for remote administration: start its Remote Registry service and allow RPC, WMI and file sharing through its firewall, or collect on it locally.",
                "faults: Inconclusive: Inconclusive: a fact the rule needs is unavailable: 'v' (ScriptedProvider failed: UnauthorizedAccessException: Access is denied.; registry.value(key: HKLM\\T, name: faults) on PXE01). Next: run the check as an administrator of PXE01 (an elevated prompt; remotely, an account in its local Administrators group).",
                "hangs: Inconclusive: Inconclusive: a fact the rule needs is unavailable: 'v' (The probe did not answer within 1 s.; registry.value(key: HKLM\\T, name: hangs) on PXE01). Next: run again with a longer probe timeout, or collect on PXE01 locally where the call is faster.",
                "blocks: Inconclusive: Inconclusive: a fact the rule needs is unavailable: 'v' (The probe did not answer within 1 s.; registry.value(key: HKLM\\T, name: blocks) on PXE01). Next: run again with a longer probe timeout, or collect on PXE01 locally where the call is faster.",
                "slow: Detected: Detected: looked for v equal to 1; seen 1.",
                "cancels-itself: Inconclusive: Inconclusive: a fact the rule needs is unavailable: 'v' (ScriptedProvider failed: OperationCanceledException: The provider gave up.; registry.value(key: HKLM\\T, name: cancels-itself) on PXE01).",
                "no-task: Inconclusive: Inconclusive: a fact the rule needs is unavailable: 'v' (The provider returned no task.; registry.value(key: HKLM\\T, name: no-task) on PXE01).",
                "no-result: Inconclusive: Inconclusive: a fact the rule needs is unavailable: 'v' (ScriptedProvider returned no result.; registry.value(key: HKLM\\T, name: no-result) on PXE01).",
                "wrong-type: NotDetected: Not detected: looked for v equal to 1; seen http://example.com/.",
                "healthy: Detected: Detected: looked for v equal to 1; seen 1.");
        }
        finally
        {
            release.Set();
        }
    }

    [Fact]
    public async Task A_provider_that_honours_cancellation_sees_its_token_cancelled_when_its_timeout_elapses()
    {
        var observed = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = Stopwatch.StartNew();
        var provider = new ScriptedProvider(async (_, token) =>
        {
            using var registration = token.Register(() => observed.TrySetResult(started.Elapsed));
            await Task.Delay(System.Threading.Timeout.Infinite, token);
            return ProbeResult.Found(1);
        });

        var (results, _, _) = await Run(provider, Timeout, null, RegistryRule("hangs", "a"));

        results.Single().Outcome.Should().Be(Outcome.Inconclusive);

        // On a busy machine the provider's task may start only after the run gave up on it; it must then find its
        // token cancelled. Waiting for that (rather than expecting it already) keeps the test true under load.
        var seen = await Task.WhenAny(observed.Task, Task.Delay(TimeSpan.FromSeconds(60)));
        seen.Should().BeSameAs(observed.Task, "the engine cancels the provider's token when the call times out, so no probe keeps running");
        (await observed.Task).Should().BeGreaterThanOrEqualTo(Timeout - TimeSpan.FromMilliseconds(50), "the token is cancelled at the timeout, not before");
    }

    [Fact]
    public async Task An_answer_after_the_timeout_is_ignored_and_the_fact_stays_unavailable()
    {
        var lateAnswer = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var provider = new ScriptedProvider(async (_, _) =>
        {
            await Task.Delay(Timeout + TimeSpan.FromMilliseconds(500), CancellationToken.None); // ignores its token
            lateAnswer.SetResult(true);
            return ProbeResult.Found(1);
        });

        var (results, _, report) = await Run(provider, Timeout, null, RegistryRule("late", "a"));
        await lateAnswer.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(100);

        results.Single().Outcome.Should().Be(Outcome.Inconclusive);
        report.Facts.Records.Should().ContainSingle().Which.Result.Reason.Should().Be("The probe did not answer within 1 s.");
        report.Results.Single().Outcome.Should().Be(Outcome.Inconclusive, "the report cannot change after the run");
    }

    [Fact]
    public async Task A_million_log_entries_make_the_fact_unavailable_at_the_item_limit_without_touching_other_rules()
    {
        var entry = Entry("Access is denied.");
        var million = Enumerable.Repeat<object?>(entry, 1_000_000).ToArray();
        var provider = new ScriptedProvider((call, _) => Task.FromResult(call.Kind == "log.entries" ? ProbeResult.Found(million) : ProbeResult.Found(1)));

        var (results, elapsed, _) = await Run(
            provider,
            Patient,
            null,
            Rule("fact: log\nanyItem:\n  field: text\n  contains: denied\n", LogFacts, id: "reads-the-log"),
            RegistryRule("other", "a"));

        elapsed.Should().BeLessThan(Quick);
        results[0].Outcome.Should().Be(Outcome.Inconclusive);
        results[0].Evidence.Single().Note.Should().Be("The provider returned more than 100000 items, the limit; narrow the probe's arguments.");
        results[1].Outcome.Should().Be(Outcome.Detected);
    }

    [Fact]
    public async Task The_item_limit_is_the_hosts_to_raise()
    {
        var entries = Enumerable.Range(0, 150_000).Select(i => (object?)Entry(i == 149_999 ? "Access is denied." : "ok")).ToArray();
        var provider = new ScriptedProvider((_, _) => Task.FromResult(ProbeResult.Found(entries)));
        var rule = Rule("fact: log\nanyItem:\n  field: text\n  contains: denied\n", LogFacts);

        var (results, _, _) = await Run(provider, Patient, b => b.WithMaxValueItems(2_000_000), rule);

        results.Single().Outcome.Should().Be(Outcome.Detected);
    }

    [Fact]
    public async Task A_list_that_never_ends_is_cut_at_the_item_limit()
    {
        static IEnumerable<object?> Forever()
        {
            while (true) yield return Entry("again");
        }

        var provider = new ScriptedProvider((_, _) => Task.FromResult(ProbeResult.Found(Forever())));

        var (results, elapsed, _) = await Run(provider, Patient, null, Rule("fact: log\ncount:\n  greater: 0\n", LogFacts));

        elapsed.Should().BeLessThan(Quick);
        results.Single().Outcome.Should().Be(Outcome.Inconclusive);
    }

    [Fact]
    public async Task A_list_that_enumerates_slowly_is_bound_by_the_probe_timeout()
    {
        static IEnumerable<object?> Slowly()
        {
            for (var i = 0; i < 300; i++)
            {
                Thread.Sleep(10);
                yield return Entry("slow");
            }
        }

        var provider = new ScriptedProvider((_, _) => Task.FromResult(ProbeResult.Found(Slowly())));

        var (results, elapsed, _) = await Run(provider, Timeout, null, Rule("fact: log\ncount:\n  greater: 0\n", LogFacts));

        elapsed.Should().BeLessThan(Budget(1), "taking in the value counts toward the call's timeout");
        results.Single().Evidence.Single().Note.Should().Be("The probe did not answer within 1 s.");
    }

    [Fact]
    public async Task A_value_that_contains_itself_is_unavailable_instead_of_overflowing_the_stack()
    {
        var cycle = new List<object?> { "a" };
        cycle.Add(cycle);
        var record = new Dictionary<string, object?> { ["name"] = "WDSServer" };
        record["extra"] = record;
        var provider = new ScriptedProvider((call, _) => Task.FromResult(call.Kind == "service" ? ProbeResult.Found(record) : ProbeResult.Found(cycle)));

        var (results, _, _) = await Run(
            provider,
            Patient,
            null,
            RegistryRule("list-cycle", "a", "contains: a"),
            Rule("fact: wds.name\nequals: WDSServer\n", "  wds: { probe: service, args: { name: WDSServer } }\n", id: "record-cycle"));

        results.Should().OnlyContain(r => r.Outcome == Outcome.Inconclusive);
        results.Select(r => r.Evidence.Single().Note).Should().OnlyContain(n => n == "The provider returned a value nested deeper than 32 levels (a value that contains itself?).");
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_ends_its_rules_in_error_with_the_reason()
    {
        var provider = new ScriptedProvider((_, _) => Task.FromResult(ProbeResult.Found("not a list")));

        var (results, _, _) = await Run(provider, Patient, null, Rule("fact: log\ncount:\n  greater: 0\n", LogFacts));

        results.Single().Explanation.Should().Be("Error: the rule could not be evaluated: 'log.entries' should be a list but the provider returned a string ('not a list').");
        results.Single().Outcome.Should().Be(Outcome.Error);
    }

    [Fact]
    public async Task A_regex_that_times_out_on_thousands_of_log_lines_costs_one_timeout_not_one_per_line()
    {
        var lines = Enumerable.Range(0, 5000).Select(_ => (object?)Entry(new string('a', 30) + "!")).ToArray();
        var provider = new ScriptedProvider((_, _) => Task.FromResult(ProbeResult.Found(lines)));
        var yaml = Rule("fact: log\nanyItem:\n  field: text\n  matches: '^(a+)+$'\n", LogFacts);
        var knowledgeBase = new PxeRules.Loading.RuleLoader(limits: new PxeRules.Loading.LoadLimits { RegexTimeout = TimeSpan.FromMilliseconds(20) }).AddText(yaml, "slow.yaml").LoadOrThrow();
        var engine = RuleEngine.CreateBuilder().AddRules(knowledgeBase).AddProvider(provider).Build();
        var watch = Stopwatch.StartNew();

        var result = (await engine.EvaluateAsync(new[] { Server })).Results.Single();

        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10), "5000 timeouts of 20 ms would take 100 s");
        result.Outcome.Should().Be(Outcome.Error);
        result.Explanation.Should().Be("Error: the rule could not be evaluated: The regular expression '^(a+)+$' took longer than 0.02 s on 'text'.");
    }

    [Fact]
    public async Task Thirty_catastrophic_patterns_over_four_machines_cost_the_runs_regex_budget_not_one_timeout_each()
    {
        var lines = Enumerable.Range(0, 50).Select(_ => (object?)Entry(new string('a', 30) + "!")).ToArray();
        var provider = new ScriptedProvider((_, _) => Task.FromResult(ProbeResult.Found(lines)));
        var rules = Enumerable.Range(0, 30).Select(i => Rule($"fact: log\nanyItem:\n  field: text\n  matches: '^(a+)+{i}?$'\n", LogFacts, id: $"slow-{i}")).ToArray();
        var loader = new PxeRules.Loading.RuleLoader(limits: new PxeRules.Loading.LoadLimits { RegexTimeout = TimeSpan.FromMilliseconds(20) });
        for (var i = 0; i < rules.Length; i++) loader.AddText(rules[i], $"slow-{i}.yaml");
        var machines = Enumerable.Range(1, 4).Select(i => new Machine($"PXE0{i}", MachineRoles.PxeServicePoint)).ToArray();
        var engine = RuleEngine.CreateBuilder().AddRules(loader.LoadOrThrow()).AddProvider(provider).WithRegexBudget(TimeSpan.FromMilliseconds(100)).Build();

        var results = (await engine.EvaluateAsync(machines)).Results;

        results.Should().HaveCount(120).And.OnlyContain(r => r.Outcome == Outcome.Error);
        var timedOut = results.Count(r => r.Explanation.Contains("took longer than 0.02 s", StringComparison.Ordinal));
        timedOut.Should().BeLessThanOrEqualTo(5 * machines.Length, "each pattern that timed out is not run again, and 100 ms of budget holds five 20 ms timeouts");
        results.Where(r => !r.Explanation.Contains("took longer than", StringComparison.Ordinal))
            .Should().NotBeEmpty().And.OnlyContain(r => r.Explanation.Contains("used up this run's budget of 0.1 s", StringComparison.Ordinal));
    }
}
