using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using PxeRules.Benchmarks.Baselines;
using PxeRules.Benchmarks.Synthetic;
using PxeRules.Evaluation;
using PxeRules.Facts;

namespace PxeRules.Benchmarks.Suites;

/// <summary>
/// Warm cache, not the caller's path (see <see cref="CallerPathBenchmarks"/>): every rule once over a fact table the
/// engine has already evaluated in set-up, so the resolved facts and regex results it keeps per table are reused. Each system returns per-rule
/// results (our report, RulesEngine's result list, a new bool[] for the hand-written ones) and the count of rules
/// that are true, which must be the design's checksum.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class EvaluateBenchmarks
{
    private Workload work = null!;
    private AstSlots ast = null!;
    private CompiledPoco compiled = null!;
    private RulesEngine.RulesEngine reDefault = null!;
    private RulesEngine.RulesEngine reTuned = null!;
    private RuleEngine engine = null!;

    [Params(100, 1_000, 10_000)]
    public int N { get; set; }

    [GlobalSetup(Target = nameof(AstSlots_HandWritten))]
    public void SetupAst()
    {
        work = Workload.For(N);
        ast = AstSlots.Build(work.Rules);
        work.Check("Ast_Slots", AstSlots.CountTrue(ast.Evaluate(work.Slots)));
    }

    [GlobalSetup(Target = nameof(CompiledPoco_HandWritten))]
    public void SetupCompiled()
    {
        work = Workload.For(N);
        compiled = CompiledPoco.Build(work.Rules);
        work.Check("Compiled_Poco", AstSlots.CountTrue(compiled.Evaluate(work.Poco)));
    }

    [GlobalSetup(Target = nameof(RulesEngine_Default))]
    public void SetupDefault()
    {
        work = Workload.For(N);
        reDefault = RulesEngineSystem.Create(work.Rules, tuned: false);
        work.Check("RulesEngine default", RulesEngineSystem.CountTrueAsync(reDefault, work.Poco).GetAwaiter().GetResult());
    }

    [GlobalSetup(Target = nameof(RulesEngine_Tuned))]
    public void SetupTuned()
    {
        work = Workload.For(N);
        reTuned = RulesEngineSystem.Create(work.Rules, tuned: true);
        work.Check("RulesEngine tuned", RulesEngineSystem.CountTrueAsync(reTuned, work.Poco).GetAwaiter().GetResult());
    }

    [GlobalSetup(Targets = new[] { nameof(PxeRules_Evaluate), nameof(PxeRules_EvaluateAndReadDetected), nameof(PxeRules_EvaluateNewTable) })]
    public void SetupPxeRules()
    {
        work = Workload.For(N);
        engine = PxeRulesSystem.Build(work.KnowledgeBase);
        work.Check("PxeRules", PxeRules_Evaluate());
        work.Check("PxeRules new table", PxeRules_EvaluateNewTable());
        work.Check("PxeRules Detected", PxeRules_EvaluateAndReadDetected());
    }

    [Benchmark(Baseline = true)]
    public int AstSlots_HandWritten() => AstSlots.CountTrue(ast.Evaluate(work.Slots));

    [Benchmark]
    public int CompiledPoco_HandWritten() => AstSlots.CountTrue(compiled.Evaluate(work.Poco));

    [Benchmark]
    public Task<int> RulesEngine_Default() => RulesEngineSystem.CountTrueAsync(reDefault, work.Poco);

    [Benchmark]
    public Task<int> RulesEngine_Tuned() => RulesEngineSystem.CountTrueAsync(reTuned, work.Poco);

    /// <summary>Every rule evaluated over the warm table, every outcome read.</summary>
    [Benchmark]
    public int PxeRules_Evaluate() => PxeRulesSystem.ReadOutcomes(engine.Evaluate(work.Facts));

    /// <summary>
    /// Evaluating a table the engine has not seen: the engine keeps what it worked out per fact table (shared slots,
    /// regex results), so this pays for that too, plus building a 50-record FactTable.
    /// </summary>
    [Benchmark]
    public int PxeRules_EvaluateNewTable() =>
        PxeRulesSystem.ReadOutcomes(engine.Evaluate(work.NewTable()));

    /// <summary>The same, then reading the detected results (RuleResult objects), as a host does next.</summary>
    [Benchmark]
    public int PxeRules_EvaluateAndReadDetected() => PxeRulesSystem.CountDetected(engine.Evaluate(work.Facts));
}
