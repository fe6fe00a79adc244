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
