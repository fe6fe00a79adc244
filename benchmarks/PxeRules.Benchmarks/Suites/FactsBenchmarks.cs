using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using PxeRules.Evaluation;
using PxeRules.Facts;
using PxeRules.Loading;
using PxeRules.Probes;
using PxeRules.Model;

namespace PxeRules.Benchmarks.Suites;

/// <summary>
/// Facts: what the engine adds around probing (planning each rule's calls, running each distinct call once,
/// concurrency, timeouts, recording) with a provider that answers at once. The baseline calls the provider once per
/// distinct call itself. Each rule reads three facts, two of them shared with other rules.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class FactsBenchmarks
{
    private InMemoryProbeProvider provider = null!;
    private ProbeCall[] calls = null!;
    private RuleEngine engine = null!;
    private Machine[] machines = null!;

    /// <summary>Distinct probe calls (and rules).</summary>
    [Params(10, 100, 1_000)]
    public int Calls { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var workload = FactsWorkload.Create(Calls);
        provider = workload.Provider;
        calls = workload.Calls;
        machines = new[] { FactsWorkload.Machine };
        engine = workload.Engine();
        var collected = engine.CollectAsync(machines).GetAwaiter().GetResult();
        if (collected.Records.Count != Calls) throw new InvalidOperationException($"{collected.Records.Count} calls were made; expected {Calls}.");
    }

    [Benchmark(Baseline = true)]
    public async Task<int> Provider_Direct()
    {
        var found = 0;
        foreach (var call in calls)
        {
            var result = await provider.ProbeAsync(call, CancellationToken.None).ConfigureAwait(false);
            if (result.Status == ProbeStatus.Value) found++;
        }

        return found;
    }

    [Benchmark]
    public async Task<int> PxeRules_Collect() => (await engine.CollectAsync(machines).ConfigureAwait(false)).Records.Count;
}

/// <summary>Rules that need a given number of distinct probe calls, a provider that answers them, and the calls.</summary>
public sealed class FactsWorkload
{
    public static readonly Machine Machine = new("PXE01", MachineRoles.PxeServicePoint);

    private FactsWorkload(KnowledgeBase knowledgeBase, InMemoryProbeProvider provider, ProbeCall[] calls)
    {
        KnowledgeBase = knowledgeBase;
        Provider = provider;
        Calls = calls;
    }

    public KnowledgeBase KnowledgeBase { get; }

    public InMemoryProbeProvider Provider { get; }

    public ProbeCall[] Calls { get; }

    /// <summary>
    /// An engine that makes exactly the workload's calls: without role discovery, whose own calls (the site, PXE
    /// and DHCP settings of the machine) would be measured and recorded besides them.
    /// </summary>
    public RuleEngine Engine() => RuleEngine.CreateBuilder().AddRules(KnowledgeBase).AddProvider(Provider).WithRoleDiscovery(false).Build();

    /// <summary>
    /// Fact j is a service (j % 3 == 0), a file with a version (1) or a registry value (2), so a snapshot of them holds
    /// records, versions and strings. Rule i reads facts i, i + 1 and i + 7 (mod count).
    /// </summary>
    public static FactsWorkload Create(int count)
    {
        var provider = new InMemoryProbeProvider();
        var calls = new ProbeCall[count];
        for (var j = 0; j < count; j++)
        {
            var (kind, args, result) = Fact(j);
            calls[j] = new ProbeCall(Machine, kind, args);
            provider.Add(calls[j], result);
        }

        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var used = new[] { i, (i + 1) % count, (i + 7) % count }.Distinct().ToArray();
            text.Append("---\napiVersion: pxerules/v1\nkind: Rule\n");
            text.Append(CultureInfo.InvariantCulture, $"id: facts-{i:0000}\ntitle: Facts check {i}\nsummary: Reads three facts.\nseverity: info\nconfidence: documented\nfacts:\n");
            foreach (var j in used) text.Append(CultureInfo.InvariantCulture, $"  f{j}: {Definition(j)}\n");
            text.Append("when:\n  any:\n");
            foreach (var j in used) text.Append(CultureInfo.InvariantCulture, $"    - fact: f{j}\n      exists: true\n");
            text.Append("remediation:\n  - text: Nothing to do.\n");
        }

        var knowledgeBase = new RuleLoader().AddText(text.ToString(), "facts.yaml").LoadOrThrow();
        return new FactsWorkload(knowledgeBase, provider, calls);
    }

    private static string Definition(int j) => (j % 3) switch
    {
        0 => $"{{ probe: service, args: {{ name: Service{j:0000} }} }}",
        1 => $"{{ probe: file, args: {{ path: 'C:\\Program Files\\Vendor\\bin\\module{j:0000}.dll' }} }}",
        _ => $"{{ probe: registry.value, args: {{ key: 'HKLM\\SOFTWARE\\Vendor\\Settings\\Group{j / 100:00}', name: Value{j:0000} }} }}",
    };

    private static (string Kind, Dictionary<string, object?> Args, ProbeResult Result) Fact(int j) => (j % 3) switch
    {
        0 => ("service", new Dictionary<string, object?> { ["name"] = $"Service{j:0000}" },
            ProbeResult.Found(new Dictionary<string, object?> { ["name"] = $"Service{j:0000}", ["state"] = "Running", ["startMode"] = "Automatic" })),
        1 => ("file", new Dictionary<string, object?> { ["path"] = $"C:\\Program Files\\Vendor\\bin\\module{j:0000}.dll" },
            ProbeResult.Found(new Dictionary<string, object?> { ["path"] = $"C:\\Program Files\\Vendor\\bin\\module{j:0000}.dll", ["version"] = new Version(6, 1, 7600, 16385 + j), ["size"] = 123456L + j })),
        _ => ("registry.value", new Dictionary<string, object?> { ["key"] = $"HKLM\\SOFTWARE\\Vendor\\Settings\\Group{j / 100:00}", ["name"] = $"Value{j:0000}" },
            ProbeResult.Found($"value {j}")),
    };
}
