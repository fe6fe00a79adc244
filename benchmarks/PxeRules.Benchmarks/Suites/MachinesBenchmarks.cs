using BenchmarkDotNet.Attributes;
using PxeRules.Benchmarks.Synthetic;
using PxeRules.Evaluation;
using PxeRules.Facts;

namespace PxeRules.Benchmarks.Suites;

/// <summary>
/// Reading results as machines grow: 1,000 rules over 1, 10 and 100 machines with the same facts each, a new table
/// per operation, every outcome read (and, in <c>PxeRules_AsTheTool</c>, everything the tool prints per detected
/// result). Baseline: the hand-written interpreter over one slot array per machine. Checksums verified in set-up.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class MachinesBenchmarks
{
    private Workload work = null!;
    private AstSlots ast = null!;
    private RuleEngine engine = null!;
    private FactTable fleet = null!;

    [Params(1, 10, 100)]
    public int Machines { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        work = Workload.For(1_000);
        ast = AstSlots.Build(work.Rules);
        engine = PxeRulesSystem.Build(work.KnowledgeBase);
        fleet = work.Fleet(Machines);
        Checksums.Check(work, "Ast_Slots", Machines, AstSlots_HandWritten());
        Checksums.Check(work, "PxeRules outcomes", Machines, PxeRules_Outcomes());
        Checksums.Check(work, "PxeRules result objects", Machines, PxeRules_ResultObjects());
        Checksums.Check(work, "PxeRules as the tool", Machines, PxeRules_AsTheTool());
    }

    [Benchmark(Baseline = true)]
    public int AstSlots_HandWritten() => AstSlotsFleet.CountTrue(ast, Machines);

    /// <summary>A new table of the same records per operation, so nothing kept per table is reused.</summary>
    [Benchmark]
    public int PxeRules_Outcomes() => PxeRulesSystem.ReadOutcomes(engine.Evaluate(new FactTable(fleet.Machines, fleet.Records, fleet.CollectedAt)));

    /// <summary>The outcomes read through a result object per rule and machine.</summary>
    [Benchmark]
    public int PxeRules_ResultObjects() => PxeRulesSystem.ReadResultObjects(engine.Evaluate(new FactTable(fleet.Machines, fleet.Records, fleet.CollectedAt)));

    [Benchmark]
    public int PxeRules_AsTheTool() => PxeRulesSystem.ReadAsTheTool(engine.Evaluate(new FactTable(fleet.Machines, fleet.Records, fleet.CollectedAt)));
}
