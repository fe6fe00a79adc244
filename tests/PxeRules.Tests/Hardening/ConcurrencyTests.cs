using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using PxeRules.Evaluation;
using PxeRules.Facts;
using PxeRules.Loading;
using PxeRules.Snapshots;
using Xunit;
using PxeRules.Model;

namespace PxeRules.Tests.Hardening;

/// <summary>Tests that measure the whole process's memory run alone, after the others.</summary>
[CollectionDefinition(nameof(MemoryMeasurements), DisableParallelization = true)]
public sealed class MemoryMeasurements
{
}

/// <summary>
/// One built engine serves many evaluations at once: the bundled knowledge base over a site snapshot, from many
/// threads, gives exactly what a sequential run gives, and repeated runs do not keep memory.
/// </summary>
[Collection(nameof(MemoryMeasurements))]
public class ConcurrencyTests
{
    private const int Threads = 8;
    private const int RunsPerThread = 50;

    private static (RuleEngine Engine, FactTable Facts) Site()
    {
        var facts = SnapshotFile.Read(Repository.Path("tests", "PxeRules.Tests", "TestData", "snapshots", "old-wimgapi-site.json")).Facts!;
        var engine = RuleEngine.CreateBuilder().AddRules(KnowledgeBase.LoadBundled()).AddSnapshot(facts).WithTimeProvider(new FixedClock()).Build();
        return (engine, facts);
    }

    /// <summary>Everything a report says, evidence and rendered remediation included, as one text to compare.</summary>
    private static string Describe(EvaluationReport report) =>
        string.Join(
            "\n",
            report.Results.Select(r => $"{r.Rule.Id} {r.Machine?.Name} {r.Outcome} {r.Severity} {r.Explanation} | "
                + string.Join("; ", r.Evidence) + " | " + string.Join("; ", r.Remediation)));

    [Fact]
    public async Task Eight_threads_of_fifty_evaluations_each_give_exactly_the_sequential_results()
    {
        var (engine, facts) = Site();
        // Through the snapshot provider, and from the table directly (whose missing facts read "not in the snapshot").
        var expected = Describe(await engine.EvaluateAsync(facts.Machines));
        var expectedFromTable = Describe(engine.Evaluate(facts));
        var watch = Stopwatch.StartNew();
        using var start = new Barrier(Threads);

        var runs = await Task.WhenAll(Enumerable.Range(0, Threads).Select(thread => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait(TimeSpan.FromSeconds(30));
                return Enumerable.Range(0, RunsPerThread)
                    .Select(i => i % 2 == 0 ? (Describe(engine.EvaluateAsync(facts.Machines).GetAwaiter().GetResult()) == expected) : (Describe(engine.Evaluate(facts)) == expectedFromTable))
                    .ToArray();
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)));

        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(60), "the stress run is bounded in count and time");
        expected.Should().Contain("pxe-remote-wimgapi-not-updated-sp1 PXE02 Detected");
        expectedFromTable.Should().Contain("pxe-remote-wimgapi-not-updated-sp1 PXE02 Detected");
        runs.SelectMany(r => r).Should().HaveCount(Threads * RunsPerThread).And.OnlyContain(same => same, "every concurrent run equals the sequential one");
    }

    [Fact]
    public async Task Repeated_evaluations_do_not_grow_memory()
    {
        var (engine, facts) = Site();
        for (var i = 0; i < 20; i++)
        {
            Describe(await engine.EvaluateAsync(facts.Machines));
        }

        var before = Settled();
        for (var i = 0; i < 300; i++)
        {
            Describe(await engine.EvaluateAsync(facts.Machines));
            Describe(engine.Evaluate(facts));
        }

        var after = Settled();

        (after - before).Should().BeLessThan(4L << 20, "600 evaluations must not keep memory after warm-up ({0} bytes before, {1} after)", before, after);
    }

    private static long Settled()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
