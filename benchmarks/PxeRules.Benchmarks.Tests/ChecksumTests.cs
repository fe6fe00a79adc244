using System.Linq;
using FluentAssertions;
using PxeRules.Benchmarks.Baselines;
using PxeRules.Benchmarks.Synthetic;
using Xunit;

namespace PxeRules.Benchmarks.Tests;

/// <summary>
/// Every system the suites measure, run once at small sizes the way the suites run it, finds the design's checksum:
/// the count of rules true (or detected) on each machine.
/// </summary>
public class ChecksumTests
{
    [Theory]
    [InlineData(100)]
    [InlineData(1_000)]
    public void Every_system_finds_the_checksum(int count)
    {
        var work = Workload.For(count);

        var systems = Checksums.Systems(work);

        systems.Select(s => s.System).Should().Contain(new[]
        {
            "Ast_Slots", "Compiled_Poco", "RulesEngine default", "RulesEngine tuned", "RulesEngine default from JSON",
            "RulesEngine tuned from JSON", "PxeRules, warm table, Detected", "PxeRules, new table, outcomes",
            "PxeRules, new table, result objects", "PxeRules, new table, as the tool reads", "PxeRules, from text",
        });
        systems.Should().OnlyContain(s => s.Count == SyntheticRules.Checksums[count], "every system gives the same answer");
    }

    [Fact]
    public void The_load_facts_and_snapshot_suites_find_their_answer_in_set_up()
    {
        // Each set-up throws when its systems disagree: rules read by the baseline and by the loader, calls the engine
        // made against the distinct calls of the workload, facts written to and read from a snapshot.
        var run = Checksums.VerifySetUps;

        run.Should().NotThrow();
    }

    [Fact]
    public async System.Threading.Tasks.Task The_facts_workload_engine_makes_exactly_the_workload_calls()
    {
        var workload = Suites.FactsWorkload.Create(10);

        var collected = await workload.Engine().CollectAsync(new[] { Suites.FactsWorkload.Machine });

        collected.Records.Select(r => r.Call.Key).Should().BeEquivalentTo(workload.Calls.Select(c => c.Key), "the suite's baseline calls the provider for these and no others");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Over_several_machines_each_machine_detects_the_checksum(int machines)
    {
        var work = Workload.For(100);
        var engine = PxeRulesSystem.Build(work.KnowledgeBase);

        PxeRulesSystem.ReadOutcomes(engine.Evaluate(work.Fleet(machines))).Should().Be(42 * machines);
        PxeRulesSystem.ReadResultObjects(engine.Evaluate(work.Fleet(machines))).Should().Be(42 * machines);
        PxeRulesSystem.ReadAsTheTool(engine.Evaluate(work.Fleet(machines))).Should().Be(42 * machines);
        AstSlotsFleet.CountTrue(AstSlots.Build(work.Rules), machines).Should().Be(42 * machines);
    }

    [Fact]
    public void Reading_as_the_tool_reads_every_part_of_a_detected_result()
    {
        var work = Workload.For(100);
        var engine = PxeRulesSystem.Build(work.KnowledgeBase);

        PxeRulesSystem.ReadAsTheTool(engine.Evaluate(work.NewTable()), out var characters);

        characters.Should().BeGreaterThan(42 * 100, "each detected result has an explanation, evidence and remediation to read");
    }

    [Fact]
    public void A_new_table_holds_the_records_of_the_collected_one()
    {
        var work = Workload.For(100);

        var table = work.NewTable();

        table.Should().NotBeSameAs(work.Facts);
        table.Records.Should().Equal(work.Facts.Records);
    }

    [Fact]
    public void RulesEngine_tuned_uses_FastExpressionCompiler()
    {
        RulesEngineSystem.Tuned().UseFastExpressionCompiler.Should().BeTrue();
    }

    [Fact]
    public void The_verify_command_exits_zero()
    {
        Program.Main(new[] { "--verify" }).Should().Be(0);
    }
}
