using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using PxeRules.Evaluation;
using PxeRules.Model;
using PxeRules.Probes;
using Xunit;
using static PxeRules.Tests.Evaluation.EngineHarness;

namespace PxeRules.Tests.Evaluation;

/// <summary>A host hears about probe failures, timeouts, slow calls and budget hits through <see cref="IEngineListener"/>.</summary>
public class EngineListenerTests
{
    private sealed class Recorder : IEngineListener
    {
        public ConcurrentQueue<EngineEvent> Events { get; } = new();

        public void OnEvent(EngineEvent engineEvent) => Events.Enqueue(engineEvent);
    }

    private sealed class Throwing : IEngineListener
    {
        public void OnEvent(EngineEvent engineEvent) => throw new InvalidOperationException("The log is full.");
    }

    private static string RegistryRule(string name) =>
        Rule("fact: v\nequals: 1\n", $"  v: {{ probe: registry.value, args: {{ key: 'HKLM\\T', name: {name} }} }}\n", id: name);

    private static readonly ScriptedProvider Faulty = new((call, token) => call.GetString("name") switch
    {
        "throws" => throw new InvalidOperationException("The RPC server is unavailable."),
        "hangs" => Task.Delay(Timeout.Infinite, token).ContinueWith(_ => ProbeResult.Found(1), TaskScheduler.Default),
        "huge" => Task.FromResult(ProbeResult.Found(Enumerable.Range(0, 50).Cast<object?>().ToArray())),
        "not-found" => Task.FromResult(ProbeResult.NotFound()),
        _ => Task.FromResult(ProbeResult.Found(1)),
    });

    private static async Task<(EvaluationReport Report, EngineEvent[] Events)> Run(IEngineListener? listener, Action<RuleEngineBuilder>? configure = null)
    {
        var recorder = new Recorder();
        var builder = RuleEngine.CreateBuilder()
            .AddRules(Load(new[] { "throws", "hangs", "huge", "not-found", "healthy" }.Select(RegistryRule).ToArray()))
            .AddProvider(Faulty).WithRoleDiscovery(false).WithProbeTimeout(TimeSpan.FromSeconds(1)).WithMaxValueItems(10)
            .WithListener(listener ?? recorder);
        configure?.Invoke(builder);
        var report = await builder.Build().EvaluateAsync(new[] { Server });
        return (report, recorder.Events.ToArray());
    }

    private static EngineEvent Of(IEnumerable<EngineEvent> events, string name) => events.Single(e => e.Call?.GetString("name") == name);

    [Fact]
    public async Task Each_failure_timeout_and_value_over_the_limit_is_heard_once_with_the_call_and_the_reason()
    {
        var (_, events) = await Run(null);

        events.Should().HaveCount(3, "a fact that is not found and a healthy one are not events: " + string.Join("; ", events.Select(e => e.ToString())));
        var thrown = Of(events, "throws");
        thrown.Kind.Should().Be(EngineEventKind.ProbeFailed);
        thrown.Message.Should().Be($"{thrown.Call!.Describe()} on PXE01: ScriptedProvider failed: InvalidOperationException: The RPC server is unavailable.");
        var hung = Of(events, "hangs");
        hung.Kind.Should().Be(EngineEventKind.ProbeTimedOut);
        hung.Message.Should().Be($"{hung.Call!.Describe()} on PXE01: The probe did not answer within 1 s.");
        Of(events, "huge").Kind.Should().Be(EngineEventKind.ValueLimitHit);
    }

    [Fact]
    public async Task A_call_that_takes_the_slow_threshold_is_heard_as_slow()
    {
        // Any call takes at least a tick: every answered call is slow against this threshold.
        var (_, events) = await Run(null, b => b.WithSlowProbeThreshold(TimeSpan.FromTicks(1)));

        Of(events, "healthy").Kind.Should().Be(EngineEventKind.ProbeSlow);
        Of(events, "not-found").Kind.Should().Be(EngineEventKind.ProbeSlow);
        Of(events, "throws").Kind.Should().Be(EngineEventKind.ProbeFailed, "a failure is told as a failure, however long it took");
    }

    [Fact]
    public async Task A_listener_that_throws_changes_no_outcome()
    {
        var quiet = await Run(new Recorder());
        var (report, _) = await Run(new Throwing());

        report.Results.Select(r => $"{r.Rule.Id}: {r.Outcome}").Should().Equal(quiet.Report.Results.Select(r => $"{r.Rule.Id}: {r.Outcome}"));
    }

    [Fact]
    public async Task A_regex_that_times_out_and_the_budget_used_up_are_heard()
    {
        var lines = Enumerable.Range(0, 50).Select(_ => (object?)new Dictionary<string, object?> { ["time"] = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero), ["text"] = new string('a', 30) + "!", ["type"] = 1 }).ToArray();
        var provider = new ScriptedProvider((_, _) => Task.FromResult(ProbeResult.Found(lines)));
        var loader = new PxeRules.Loading.RuleLoader(limits: new PxeRules.Loading.LoadLimits { RegexTimeout = TimeSpan.FromMilliseconds(20) });
        for (var i = 0; i < 10; i++) loader.AddText(Rule($"fact: log\nanyItem:\n  field: text\n  matches: '^(a+)+{i}?$'\n", "  log: { probe: log.entries, args: { paths: ['C:\\SMSPXE.log'] } }\n", id: $"slow-{i}"), $"slow-{i}.yaml");
        var recorder = new Recorder();
        var engine = RuleEngine.CreateBuilder().AddRules(loader.LoadOrThrow()).AddProvider(provider).WithRegexBudget(TimeSpan.FromMilliseconds(40)).WithListener(recorder).Build();

        await engine.EvaluateAsync(new[] { Server });

        recorder.Events.Should().Contain(e => e.Kind == EngineEventKind.RegexTimedOut && e.Message.StartsWith("The regular expression '^(a+)+", StringComparison.Ordinal));
        recorder.Events.Where(e => e.Kind == EngineEventKind.RegexBudgetExhausted).Select(e => e.Message)
            .Should().Equal("Regular expressions that timed out used up this run's budget of 0.04 s; no pattern runs any more in it.");
    }
}
