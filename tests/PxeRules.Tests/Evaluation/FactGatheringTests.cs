using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using PxeRules.Evaluation;
using PxeRules.Facts;
using PxeRules.Model;
using PxeRules.Probes;
using Xunit;
using static PxeRules.Tests.Evaluation.EngineHarness;

namespace PxeRules.Tests.Evaluation;

/// <summary>A provider written outside the engine: counts calls and can hang, throw or answer with a wrong type.</summary>
internal sealed class ScriptedProvider : IProbeProvider
{
    private readonly Func<ProbeCall, CancellationToken, Task<ProbeResult>> answer;

    public ScriptedProvider(Func<ProbeCall, CancellationToken, Task<ProbeResult>> answer) => this.answer = answer;

    public ConcurrentDictionary<string, int> Calls { get; } = new();

    public IReadOnlyCollection<ProbeKind> Kinds => ProbeCatalog.Default.Kinds;

    public Task<ProbeResult> ProbeAsync(ProbeCall call, CancellationToken cancellationToken)
    {
        Calls.AddOrUpdate(call.Describe(), 1, (_, n) => n + 1);
        return answer(call, cancellationToken);
    }
}

public class FactGatheringTests
{
    private static RuleEngine Engine(IProbeProvider provider, TimeSpan? timeout = null, params string[] rules)
    {
        // Role discovery makes calls of its own (see SiteDiscoveryTests); these tests count the rules' calls.
        var builder = RuleEngine.CreateBuilder().AddRules(Load(rules)).AddProvider(provider).WithRoleDiscovery(false);
        if (timeout is not null) builder.WithProbeTimeout(timeout.Value);
        return builder.Build();
    }

    private const string WdsFact = "  wds: { probe: service, args: { name: WDSServer } }\n";

    private static ProbeResult Running() =>
        ProbeResult.Found(new Dictionary<string, object?> { ["name"] = "WDSServer", ["state"] = "Stopped", ["startMode"] = "Automatic" });

    [Fact]
    public async Task Each_distinct_probe_call_runs_once_however_many_rules_use_it()
    {
        var provider = new ScriptedProvider((_, _) => Task.FromResult(Running()));
        var rules = Enumerable.Range(1, 20).Select(i => Rule("fact: wds.state\nnotEquals: Running\n", WdsFact, id: $"rule-{i}")).ToArray();

        var report = await Engine(provider, null, rules).EvaluateAsync(new[] { Server });

        provider.Calls.Should().Equal(new Dictionary<string, int> { ["service(name: WDSServer)"] = 1 });
        report.Results.Should().HaveCount(20).And.OnlyContain(r => r.Outcome == Outcome.Detected);
        report.Facts.Records.Should().ContainSingle();
    }

    [Fact]
    public async Task A_fact_whose_arguments_use_another_fact_is_read_after_it()
    {
        var facts = "  root: { probe: registry.value, args: { key: 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\WDSServer\\Providers\\WDSTFTP', name: RootFolder } }\n"
            + "  folder: { probe: folder, args: { path: '{{ root }}\\SMSBoot' } }\n";
        var provider = new ScriptedProvider((call, _) => Task.FromResult(call.Kind == "registry.value"
            ? ProbeResult.Found("D:\\RemoteInstall")
            : call.GetString("path") == "D:\\RemoteInstall\\SMSBoot" ? ProbeResult.NotFound() : ProbeResult.Unavailable("wrong path " + call.GetString("path"))));

        var result = (await Engine(provider, null, Rule("fact: folder\nexists: false\n", facts)).EvaluateAsync(new[] { Server })).Results.Single();

        result.Outcome.Should().Be(Outcome.Detected);
        provider.Calls.Keys.Should().BeEquivalentTo("registry.value(key: HKLM\\SYSTEM\\CurrentControlSet\\Services\\WDSServer\\Providers\\WDSTFTP, name: RootFolder)", "folder(path: D:\\RemoteInstall\\SMSBoot)");
    }

    [Fact]
    public async Task A_fact_that_depends_on_a_fact_not_found_is_not_found_and_is_not_probed()
    {
        var facts = "  root: { probe: registry.value, args: { key: 'HKLM\\W', name: RootFolder } }\n  folder: { probe: folder, args: { path: '{{ root }}' } }\n";
        var provider = new ScriptedProvider((call, _) => Task.FromResult(ProbeResult.NotFound()));

        var result = (await Engine(provider, null, Rule("fact: folder\nexists: false\n", facts)).EvaluateAsync(new[] { Server })).Results.Single();

        result.Outcome.Should().Be(Outcome.Detected);
        provider.Calls.Keys.Should().Equal("registry.value(key: HKLM\\W, name: RootFolder)");
    }

    [Fact]
    public async Task A_hanging_provider_hits_its_timeout_and_the_rule_is_inconclusive()
    {
        var provider = new ScriptedProvider(async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return Running();
        });
        var watch = Stopwatch.StartNew();

        var result = (await Engine(provider, TimeSpan.FromMilliseconds(200), Rule("fact: wds.state\nequals: Stopped\n", WdsFact)).EvaluateAsync(new[] { Server })).Results.Single();

        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
        result.Outcome.Should().Be(Outcome.Inconclusive);
        result.Explanation.Should().Be("Inconclusive: a fact the rule needs is unavailable: 'wds.state' (The probe did not answer within 0.2 s.; service(name: WDSServer) on PXE01). Next: run again with a longer probe timeout, or collect on PXE01 locally where the call is faster.");
    }

    [Fact]
    public async Task A_provider_that_blocks_without_honouring_cancellation_is_abandoned_at_its_timeout()
    {
        using var release = new ManualResetEventSlim();
        var provider = new ScriptedProvider((_, _) =>
        {
            release.Wait(TimeSpan.FromSeconds(30));
            return Task.FromResult(Running());
        });

        try
        {
            var result = (await Engine(provider, TimeSpan.FromMilliseconds(200), Rule("fact: wds.state\nequals: Stopped\n", WdsFact)).EvaluateAsync(new[] { Server })).Results.Single();

            result.Outcome.Should().Be(Outcome.Inconclusive);
        }
        finally
        {
            release.Set();
        }
    }

    [Fact]
    public async Task Cancelling_the_run_stops_it_promptly()
    {
        var provider = new ScriptedProvider(async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return Running();
        });
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var watch = Stopwatch.StartNew();

        var act = () => Engine(provider, TimeSpan.FromMinutes(5), Rule("fact: wds.state\nequals: Stopped\n", WdsFact)).EvaluateAsync(new[] { Server }, cancellationToken: cancellation.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_throwing_provider_makes_its_rules_inconclusive_and_leaves_others_alone()
    {
        var provider = new ScriptedProvider((call, _) => call.Kind == "service"
            ? throw new InvalidOperationException("The RPC server is unavailable.")
            : Task.FromResult(ProbeResult.Found((object)"1")));
        var engine = Engine(provider, null, Rule("fact: wds.state\nequals: Stopped\n", WdsFact, id: "uses-service"), Rule("fact: a\nequals: 1\n", RegistryFacts, id: "uses-registry"));

        var results = (await engine.EvaluateAsync(new[] { Server })).Results;

        results[0].Outcome.Should().Be(Outcome.Inconclusive);
        results[0].Evidence.Single().Note.Should().Be("ScriptedProvider failed: InvalidOperationException: The RPC server is unavailable.");
        results[1].Outcome.Should().Be(Outcome.Detected);
    }

    [Fact]
    public async Task A_kind_no_provider_serves_is_unavailable_with_that_reason()
    {
        var provider = new InMemoryProbeProvider(new[] { DefaultProbeKinds.RegistryValue });
        var engine = Engine(provider, null, Rule("fact: wds.state\nequals: Stopped\n", WdsFact));

        var result = (await engine.EvaluateAsync(new[] { Server })).Results.Single();

        engine.UnservedKinds.Should().Equal("service");
        result.Evidence.Single().Note.Should().Be("No provider serves the probe kind 'service'.");
    }

    [Fact]
    public async Task Facts_of_a_site_are_read_on_the_machine_that_holds_the_role()
    {
        var siteServer = new Machine("SITE01", MachineRoles.SiteServer, MachineRoles.SmsProvider);
        var remote = new Machine("PXE02", MachineRoles.PxeServicePoint);
        var rule = Rule(
            "fact: wimgapi.version\nless: 6.0.6001.18000\n",
            "  wimgapi: { probe: file, args: { path: '%windir%\\System32\\wimgapi.dll' } }\n",
            "appliesTo:\n  versions: [SP1, SP2]\n  roles: [pxe-service-point]\n");
        var provider = new ScriptedProvider((call, _) => Task.FromResult(call.Kind switch
        {
            "configmgr.site" when call.Machine.Name == "SITE01" => ProbeResult.Found(new Dictionary<string, object?> { ["version"] = new Version(4, 0, 6221, 1000), ["siteCode"] = "CEN" }),
            "file" when call.Machine.Name == "PXE02" => ProbeResult.Found(new Dictionary<string, object?> { ["path"] = "C:\\WINDOWS\\system32\\wimgapi.dll", ["version"] = new Version(6, 0, 6000, 16386) }),
            _ => ProbeResult.Unavailable("unexpected " + call),
        }));

        var report = await Engine(provider, null, rule).EvaluateAsync(new[] { siteServer, remote });

        var result = report.Results.Single();
        result.Machine.Should().Be(remote);
        result.Outcome.Should().Be(Outcome.Detected);
        provider.Calls.Keys.Should().BeEquivalentTo("configmgr.site", "file(path: %windir%\\System32\\wimgapi.dll)");
    }

    [Fact]
    public async Task A_rule_whose_role_no_machine_holds_is_not_applicable_once()
    {
        var rule = Rule("fact: a\nequals: 1\n", RegistryFacts, "appliesTo:\n  roles: [dhcp-server]\n");

        var result = (await Engine(RegistryProvider(1), null, rule).EvaluateAsync(new[] { Server })).Results.Single();

        result.Outcome.Should().Be(Outcome.NotApplicable);
        result.Machine.Should().BeNull();
        result.Explanation.Should().Be("Not applicable: no machine in this run holds the role dhcp-server.");
    }

    [Fact]
    public async Task A_detected_rule_carries_evidence_and_rendered_remediation()
    {
        var yaml = EngineHarness.Rule("fact: wimgapi.version\nless: 6.0.6001.18000\n", "  wimgapi: { probe: file, args: { path: 'C:\\w.dll' } }\n")
            .Replace("  - text: Fix it.\n", "  - text: Replace {{ wimgapi.path }} ({{ wimgapi.version }}) on {{ machine.name }}.\n    command: msiexec /i wimgapi.msi /qb\n    requiresRestart: true\n");
        var provider = new InMemoryProbeProvider().Add(Server, "file", new Dictionary<string, object?> { ["path"] = "C:\\w.dll" },
            ProbeResult.Found(new Dictionary<string, object?> { ["path"] = "C:\\WINDOWS\\system32\\wimgapi.dll", ["version"] = new Version(6, 0, 6000, 16386) }));

        var result = await EvaluateOne(yaml, provider);

        result.Outcome.Should().Be(Outcome.Detected);
        var evidence = result.Evidence.Single();
        evidence.Subject.Should().Be("wimgapi.version");
        evidence.Observed.Should().Be("6.0.6000.16386");
        evidence.Operator.Should().Be("less");
        evidence.Expected.Should().Be("6.0.6001.18000");
        evidence.Result.Should().Be(Truth.True);
        evidence.Call!.ToString().Should().Be("file(path: C:\\w.dll) on PXE01");
        result.Explanation.Should().Be("Detected: looked for wimgapi.version less than 6.0.6001.18000; seen 6.0.6000.16386.");
        result.Remediation.Single().ToString().Should().Be("1. Replace C:\\WINDOWS\\system32\\wimgapi.dll (6.0.6000.16386) on PXE01. (msiexec /i wimgapi.msi /qb)");
        result.Remediation.Single().RequiresRestart.Should().BeTrue();
    }

    [Fact]
    public async Task One_built_engine_gives_identical_results_from_many_threads()
    {
        var rules = Enumerable.Range(1, 50).Select(i => Rule(i % 2 == 0 ? "fact: a\nequals: 1\n" : "any:\n  - fact: b\n    equals: 1\n  - fact: c\n    exists: true\n", RegistryFacts, id: $"rule-{i}")).ToArray();
        var engine = Engine(RegistryProvider(1, 0, "UN"), null, rules);
        async Task<string> Run() => string.Join("\n", (await engine.EvaluateAsync(new[] { Server })).Results.Select(r => $"{r.Rule.Id} {r.Outcome} {r.Explanation}"));
        var expected = await Run();

        var runs = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(Run)));

        runs.Should().OnlyContain(r => r == expected);
        expected.Should().Contain("rule-1 Inconclusive").And.Contain("rule-2 Detected");
    }
}
