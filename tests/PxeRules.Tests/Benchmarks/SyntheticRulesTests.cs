using System.Linq;
using System.Threading.Tasks;
using FluentAssertions;
using PxeRules.Benchmarks.Synthetic;
using PxeRules.Evaluation;
using PxeRules.Loading;
using Xunit;

namespace PxeRules.Tests.Benchmarks;

/// <summary>
/// The benchmarks' synthetic rules (benchmarks/PxeRules.Benchmarks/Synthetic, compiled into these tests) reproduce
/// the performance design's generator and checksums, and our engine gives the same answers on them as the
/// hand-written interpreter, so the benchmarks compare systems that agree.
/// </summary>
public class SyntheticRulesTests
{
    [Theory]
    [InlineData(100, 388, 47)]
    [InlineData(1_000, 3_996, 400)]
    [InlineData(10_000, 39_987, 3_969)]
    public void The_generator_draws_the_leaves_of_the_design(int count, int leaves, int regexLeaves)
    {
        var all = SyntheticRules.Generate(count).SelectMany(r => Leaves(r.Condition)).ToArray();

        all.Should().HaveCount(leaves);
        all.Count(l => l.Kind == LeafKind.Regex).Should().Be(regexLeaves);
    }

    [Theory]
    [InlineData(100, 42)]
    [InlineData(1_000, 483)]
    [InlineData(10_000, 4_713)]
    public void The_hand_written_interpreter_finds_the_checksum_of_true_rules(int count, int expected)
    {
        var interpreter = AstSlots.Build(SyntheticRules.Generate(count));

        AstSlots.CountTrue(interpreter.Evaluate(SyntheticSnapshot.Slots())).Should().Be(expected);
        SyntheticRules.Checksums[count].Should().Be(expected);
    }

    [Theory]
    [InlineData(100, 42)]
    [InlineData(1_000, 483)]
    [InlineData(10_000, 4_713)]
    public async Task Our_engine_loads_the_generated_yaml_and_detects_the_same_rules(int count, int expected)
    {
        var rules = SyntheticRules.Generate(count);
        var loader = new RuleLoader();
        var files = RuleYaml.Files(rules);
        for (var i = 0; i < files.Count; i++) loader.AddText(files[i], $"synthetic-{i:00}.yaml");
        var engine = RuleEngine.CreateBuilder().AddRules(loader.LoadOrThrow()).AddProvider(SyntheticSnapshot.Provider()).Build();

        var report = await engine.EvaluateAsync(new[] { SyntheticSnapshot.Machine });

        var truth = AstSlots.Build(rules).Evaluate(SyntheticSnapshot.Slots());
        report.Detected.Count().Should().Be(expected);
        report.Results.Select(r => r.Outcome == Model.Outcome.Detected).Should().Equal(truth, "every rule has the outcome the interpreter gives it");
        report.Facts.Records.Where(r => r.Call.Kind is not ("configmgr.site" or "configmgr.pxe"))
            .Should().HaveCount(rules.SelectMany(r => r.Slots).Distinct().Count(), "each distinct fact is read once, besides the calls that discover roles");
    }

    [Fact]
    public void A_generated_rule_reads_as_our_rule_format_shows_it()
    {
        var text = RuleYaml.Text(SyntheticRules.Generate(3)[2]);

        var rule = new RuleLoader().AddText(text, "one.yaml").LoadOrThrow().Rules.Single();

        rule.Id.Should().Be("pxe-00003");
        rule.Title.Should().Be("Synthetic PXE deployment check 3");
        rule.Remediation.Should().HaveCount(3);
    }

    private static System.Collections.Generic.IEnumerable<LeafDef> Leaves(CondDef condition) => condition switch
    {
        AllDef all => all.Members.SelectMany(Leaves),
        AnyDef any => any.Members.SelectMany(Leaves),
        NotDef not => Leaves(not.Operand),
        _ => new[] { (LeafDef)condition },
    };
}
