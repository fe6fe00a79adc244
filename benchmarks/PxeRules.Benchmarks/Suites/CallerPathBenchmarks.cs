using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using PxeRules.Benchmarks.Baselines;
using PxeRules.Benchmarks.Synthetic;
using PxeRules.Evaluation;

namespace PxeRules.Benchmarks.Suites;

/// <summary>
/// The caller's path: facts the engine has not seen (a new fact table per operation, as a host evaluating a snapshot
/// or a collection once has), every rule evaluated and every outcome read. <c>PxeRules_AsTheTool</c> also reads what
/// <c>pxerules check</c> prints for each detected result (explanation, evidence, what would clear it, rendered
/// remediation); RulesEngine and the hand-written systems have nothing like it, so they are compared with
/// <c>PxeRules_Outcomes</c>. The hand-written interpreter builds its slot array from the facts per operation.
/// Every system's checksum is verified in set-up.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class CallerPathBenchmarks
{
    private Workload work = null!;
    private AstSlots ast = null!;
    private RulesEngine.RulesEngine reDefault = null!;
    private RulesEngine.RulesEngine reTuned = null!;
    private RuleEngine engine = null!;

    [Params(1_000, 10_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        work = Workload.For(N);
        ast = AstSlots.Build(work.Rules);
        reDefault = RulesEngineSystem.Create(work.Rules, tuned: false);
        reTuned = RulesEngineSystem.Create(work.Rules, tuned: true);
        engine = PxeRulesSystem.Build(work.KnowledgeBase);
        work.Check("Ast_Slots", AstSlots_HandWritten());
        work.Check("RulesEngine default", RulesEngine_Default().GetAwaiter().GetResult());
        work.Check("RulesEngine tuned", RulesEngine_Tuned().GetAwaiter().GetResult());
        work.Check("PxeRules outcomes", PxeRules_Outcomes());
        work.Check("PxeRules result objects", PxeRules_ResultObjects());
        work.Check("PxeRules as the tool", PxeRules_AsTheTool());
        work.Check("PxeRules warm table", PxeRules_WarmTable_Outcomes());
    }

    [Benchmark(Baseline = true)]
    public int AstSlots_HandWritten() => AstSlots.CountTrue(ast.Evaluate(SyntheticSnapshot.Slots()));

    [Benchmark]
    public Task<int> RulesEngine_Default() => RulesEngineSystem.CountTrueAsync(reDefault, work.Poco);

    [Benchmark]
    public Task<int> RulesEngine_Tuned() => RulesEngineSystem.CountTrueAsync(reTuned, work.Poco);

    /// <summary>A new table, every rule evaluated, every outcome read (<see cref="EvaluationReport.Outcomes"/>).</summary>
    [Benchmark]
    public int PxeRules_Outcomes() => PxeRulesSystem.ReadOutcomes(engine.Evaluate(work.NewTable()));

    /// <summary>The same, every outcome read through its result object (<see cref="EvaluationReport.Results"/>).</summary>
    [Benchmark]
    public int PxeRules_ResultObjects() => PxeRulesSystem.ReadResultObjects(engine.Evaluate(work.NewTable()));

    /// <summary>The same, then everything the tool prints for each detected result.</summary>
    [Benchmark]
    public int PxeRules_AsTheTool() => PxeRulesSystem.ReadAsTheTool(engine.Evaluate(work.NewTable()));

    /// <summary>Warm cache: the table evaluated in set-up again, so resolved facts and regex results are reused.</summary>
    [Benchmark]
    public int PxeRules_WarmTable_Outcomes() => PxeRulesSystem.ReadOutcomes(engine.Evaluate(work.Facts));
}
