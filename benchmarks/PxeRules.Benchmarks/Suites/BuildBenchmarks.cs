using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using PxeRules.Benchmarks.Baselines;
using PxeRules.Benchmarks.Synthetic;

namespace PxeRules.Benchmarks.Suites;

/// <summary>
/// Build + first result: from rules already loaded (our knowledge base; RulesEngine's workflow and the neutral rules
/// of the hand-written interpreter, made in setup) to a ready engine and one evaluation of every rule, in a warm
/// process. RulesEngine compiles on its first evaluation, so the first result is part of the price for everyone.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class BuildBenchmarks
{
    private Workload work = null!;

    [Params(100, 1_000, 10_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        work = Workload.For(N);
        work.Check("Ast_Slots", AstSlots_HandWritten());
        work.Check("PxeRules", PxeRules_BuildAndEvaluate());
    }

    [Benchmark(Baseline = true)]
    public int AstSlots_HandWritten() => AstSlots.CountTrue(AstSlots.Build(work.Rules).Evaluate(work.Slots));

    [Benchmark]
    public int PxeRules_BuildAndEvaluate() =>
        PxeRulesSystem.CountDetected(PxeRulesSystem.Build(work.KnowledgeBase).Evaluate(work.Facts));

    [Benchmark]
    public Task<int> RulesEngine_Default() => RulesEngineSystem.CountTrueAsync(RulesEngineSystem.Create(work.Rules, tuned: false), work.Poco);

    [Benchmark]
    public Task<int> RulesEngine_Tuned() => RulesEngineSystem.CountTrueAsync(RulesEngineSystem.Create(work.Rules, tuned: true), work.Poco);
}
