using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using PxeRules.Benchmarks.Baselines;
using PxeRules.Benchmarks.Synthetic;

namespace PxeRules.Benchmarks.Suites;

/// <summary>
/// Build + first result, in a warm process. From rule text on both sides: our YAML loaded, validated and built, and
/// RulesEngine's workflow JSON read and its expressions parsed and compiled (it compiles on its first evaluation, so
/// the first result, every outcome read, is part of everyone's price). The <c>_Loaded</c> rows start from rules
/// already loaded (our knowledge base; RulesEngine's workflow objects, whose expressions are still text it parses).
/// Baseline: the hand-written interpreter built from neutral rule objects. Every checksum is verified in set-up.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class BuildBenchmarks
{
    private Workload work = null!;
    private string json = null!;

    [Params(1_000, 10_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        work = Workload.For(N);
        json = RulesEngineSystem.Json(work.Rules);
        work.Check("Ast_Slots", AstSlots_HandWritten());
        work.Check("PxeRules from text", PxeRules_FromText());
        work.Check("PxeRules loaded", PxeRules_Loaded());
        work.Check("RulesEngine default from text", RulesEngine_Default_FromText().GetAwaiter().GetResult());
        work.Check("RulesEngine tuned from text", RulesEngine_Tuned_FromText().GetAwaiter().GetResult());
        work.Check("RulesEngine tuned loaded", RulesEngine_Tuned_Loaded().GetAwaiter().GetResult());
    }

    [Benchmark(Baseline = true)]
    public int AstSlots_HandWritten() => AstSlots.CountTrue(AstSlots.Build(work.Rules).Evaluate(SyntheticSnapshot.Slots()));

    [Benchmark]
    public int PxeRules_FromText() =>
        PxeRulesSystem.ReadOutcomes(PxeRulesSystem.Build(PxeRulesSystem.Load(work.Yaml)).Evaluate(work.NewTable()));

    [Benchmark]
    public Task<int> RulesEngine_Default_FromText() => RulesEngineSystem.CountTrueAsync(RulesEngineSystem.FromJson(json, tuned: false), work.Poco);

    [Benchmark]
    public Task<int> RulesEngine_Tuned_FromText() => RulesEngineSystem.CountTrueAsync(RulesEngineSystem.FromJson(json, tuned: true), work.Poco);

    [Benchmark]
    public int PxeRules_Loaded() =>
        PxeRulesSystem.ReadOutcomes(PxeRulesSystem.Build(work.KnowledgeBase).Evaluate(work.NewTable()));

    [Benchmark]
    public Task<int> RulesEngine_Tuned_Loaded() => RulesEngineSystem.CountTrueAsync(RulesEngineSystem.Create(work.Rules, tuned: true), work.Poco);
}
