using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PxeRules.Evaluation;
using PxeRules.Extensions.Hosting;
using PxeRules.Loading;
using PxeRules.Model;
using PxeRules.Probes;
using PxeRules.Snapshots;
using Xunit;

namespace PxeRules.Tests.Hosting;

/// <summary>PxeRules in a service collection: options validated at start with every problem listed, logging of engine events.</summary>
public class HostingTests
{
    private sealed class ListLogger : ILogger, ILoggerFactory, ILoggerProvider
    {
        public ConcurrentQueue<(string Category, LogLevel Level, EventId Id, string Text)> Lines { get; } = new();

        private string category = string.Empty;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Enqueue((category, logLevel, eventId, formatter(state, exception)));

        public ILogger CreateLogger(string categoryName)
        {
            category = categoryName;
            return this;
        }

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }
    }

    private sealed class FailingInventory : IProbeProvider
    {
        public System.Collections.Generic.IReadOnlyCollection<ProbeKind> Kinds { get; } = new[] { DefaultProbeKinds.ReportedSymptoms };

        public Task<ProbeResult> ProbeAsync(ProbeCall call, CancellationToken cancellationToken) =>
            throw new System.IO.FileNotFoundException("Could not find file 'tickets/PXE02.txt'.");
    }

    [Fact]
    public void Every_problem_of_the_options_is_listed_at_once_when_the_host_starts()
    {
        var broken = Repository.Path("tests", "PxeRules.Tests", "TestData", "rules", "broken-rule.yaml");
        var services = new ServiceCollection().AddPxeRules(o =>
        {
            o.MaxConcurrency = 0;
            o.ProbeTimeout = TimeSpan.Zero;
            o.RulePaths.Add(broken);
            o.DisabledRules.Add("no-such-rule");
        });
        using var provider = services.BuildServiceProvider();
        var diagnostics = new RuleLoader().AddBundled().AddPath(broken).Load().Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => "PxeRules:RulePaths: " + d);

        // What the generic host does before it starts the hosted services.
        var start = () => provider.GetRequiredService<IStartupValidator>().Validate();

        var failures = start.Should().Throw<OptionsValidationException>().Which.Failures;
        failures.Should().Equal(new[]
        {
            "PxeRules:MaxConcurrency is 0; at least one probe call must be allowed at a time.",
            "PxeRules:ProbeTimeout is 00:00:00; it must be above zero.",
        }.Concat(diagnostics));
        diagnostics.Should().NotBeEmpty();
    }

    [Fact]
    public void A_disabled_rule_that_does_not_exist_is_named()
    {
        using var provider = new ServiceCollection().AddPxeRules(o => o.DisabledRules.Add("no-such-rule")).BuildServiceProvider();

        var read = () => provider.GetRequiredService<IOptions<PxeRulesOptions>>().Value;

        read.Should().Throw<OptionsValidationException>().Which.Failures.Should().Equal("PxeRules:DisabledRules names 'no-such-rule', which is not a rule.");
    }

    [Fact]
    public async Task A_provider_that_fails_is_logged_as_a_warning_with_its_event_id_and_the_run_goes_on()
    {
        var logger = new ListLogger();
        var services = new ServiceCollection()
            .AddSingleton<ILoggerFactory>(logger)
            .AddSingleton<IProbeProvider, FailingInventory>()
            .AddPxeRules(o => o.DisabledRules.Add("pxe-cache-expire"));
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        var snapshot = SnapshotFile.Read(Repository.Path("samples", "snapshots", "remote-pxe-sp-old-wimgapi.json")).Facts!;

        var engine = provider.GetRequiredService<PxeRulesEngineFactory>().CreateBuilder().AddSnapshot(snapshot).Build();
        var report = await engine.EvaluateAsync(snapshot.Machines);

        report.Findings.Select(f => $"{f.Rule.Id}@{f.Machine?.Name}").Should().Equal("pxe-remote-wimgapi-not-updated-sp1@PXE02");
        report.Results.Should().NotContain(r => r.Rule.Id == "pxe-cache-expire", "the options disable it");
        var warnings = logger.Lines.Where(l => l.Level == LogLevel.Warning).ToArray();
        warnings.Should().NotBeEmpty().And.OnlyContain(l => l.Category == "PxeRules" && l.Id.Id == 1 && l.Id.Name == "ProbeFailed");
        warnings.Select(l => l.Text).Should().Contain("PxeRules ProbeFailed on PXE02: symptoms.reported on PXE02: FailingInventory failed: FileNotFoundException: Could not find file 'tickets/PXE02.txt'.");
        provider.GetRequiredService<RuleEngine>().ProbeTimeout.Should().Be(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Text_from_machines_is_escaped_in_log_lines()
    {
        var logger = new ListLogger();
        var listener = new LoggingEngineListener(logger);
        var engine = RuleEngine.CreateBuilder()
            .AddRules(new RuleLoader().AddText(Evaluation.EngineHarness.Rule("fact: v\nequals: 1\n", "  v: { probe: registry.value, args: { key: 'HKLM\\T', name: a } }\n"), "t.yaml").LoadOrThrow())
            .AddProvider(new Evaluation.ScriptedProvider((_, _) => throw new InvalidOperationException("bad\u001b[31m\nnews")))
            .WithRoleDiscovery(false).WithListener(listener).Build();

        await engine.EvaluateAsync(new[] { new Machine("PXE\u001b01", MachineRoles.PxeServicePoint) });

        logger.Lines.Single().Text.Should().NotContain("\u001b").And.NotContain("\n").And.Contain(DisplayText.Escape("bad\u001b[31m\nnews"));
    }
}
