using BenchmarkDotNet.Attributes;
using PxeRules.Evaluation;
using PxeRules.Facts;

namespace PxeRules.Benchmarks.Suites;

/// <summary>
/// A fleet: 1,000 machines checked in one evaluation against ten evaluations of 100 machines (the baseline), with
/// 100 synthetic rules, reading everything the tool prints for each detected result. Memory held at the end is in
/// <c>dotnet PxeRules.Benchmarks.dll fleet</c> (peak working set); here, allocation and time.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class FleetBenchmarks
{
    private Workload work = null!;
    private RuleEngine engine = null!;
    private FactTable hundred = null!;
    private FactTable thousand = null!;

    [GlobalSetup]
    public void Setup()
    {
        work = Workload.For(100);
        engine = PxeRulesSystem.Build(work.KnowledgeBase);
        hundred = work.Fleet(100);
        thousand = work.Fleet(1_000);
        Checksums.Check(work, "100 machines × 10", 1_000, Hundred_Times10());
        Checksums.Check(work, "1,000 machines", 1_000, Thousand_Once());
    }

    [Benchmark(Baseline = true)]
    public int Hundred_Times10()
    {
        var detected = 0;
        for (var i = 0; i < 10; i++) detected += PxeRulesSystem.ReadAsTheTool(engine.Evaluate(new FactTable(hundred.Machines, hundred.Records, hundred.CollectedAt)));
        return detected;
    }

    [Benchmark]
    public int Thousand_Once() => PxeRulesSystem.ReadAsTheTool(engine.Evaluate(new FactTable(thousand.Machines, thousand.Records, thousand.CollectedAt)));
}
