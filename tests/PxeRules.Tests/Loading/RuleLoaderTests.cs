using System;
using System.IO;
using System.Linq;
using System.Text;
using FluentAssertions;
using PxeRules.Loading;
using PxeRules.Model;
using Xunit;

namespace PxeRules.Tests.Loading;

public sealed class RuleLoaderTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("pxerules-loader-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    internal static string Rule(string id, string extra = "") =>
        $"apiVersion: pxerules/v1\nkind: Rule\nid: {id}\ntitle: T\nsummary: S\nseverity: warning\nconfidence: inferred\n{extra}" +
        "facts:\n  wds:\n    probe: service\n    args: { name: WDSServer }\nwhen:\n  fact: wds.state\n  notEquals: Running\nremediation:\n  - text: Start {{ wds.name }} on {{ machine.name }}.\n    command: net start WDSServer\n";

    private string Write(string relative, string text)
    {
        var path = Path.Combine(folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void A_loaded_rule_remembers_every_field_and_its_source()
    {
        var path = Write("a.yaml", Rule("wds-down", "aliases: [old-wds-down]\ntags: [wds]\nstatus: experimental\nsymptoms: [PXE-E53]\ncause: C\nappliesTo:\n  versions: [SP1, R2]\n  roles: [pxe-service-point]\nreferences:\n  - title: KB\n    kb: KB2510665\n    url: https://support.microsoft.com/kb/2510665\n"));

        var knowledgeBase = new RuleLoader().AddFile(path).LoadOrThrow();

        var rule = knowledgeBase.Rules.Should().ContainSingle().Subject;
        rule.Id.Should().Be("wds-down");
        rule.Aliases.Should().Equal("old-wds-down");
        rule.Status.Should().Be(RuleStatus.Experimental);
        rule.Severity.Should().Be(Severity.Warning);
        rule.Confidence.Should().Be(Confidence.Inferred);
        rule.Tags.Should().Equal("wds");
        rule.Symptoms.Should().Equal("PXE-E53");
        rule.AppliesTo.Versions.Should().Equal(ProductLevel.Sp1, ProductLevel.R2);
        rule.AppliesTo.Roles.Should().Equal("pxe-service-point");
        rule.References.Single().Kb.Should().Be("KB2510665");
        rule.Remediation.Single().Command.Should().Be("net start WDSServer");
        rule.Facts.Select(f => f.Name).Should().Equal("site", "wds");
        rule.Source.ToString().Should().Be($"{path}(3,5)");
        knowledgeBase.Find("old-wds-down").Should().BeSameAs(rule);
        rule.Condition.Should().BeOfType<Comparison>().Which.Operator.Should().Be(ComparisonOperator.NotEquals);
    }

    [Fact]
    public void A_folder_is_read_in_ordinal_order_with_include_and_exclude_patterns()
    {
        Write("b.yaml", Rule("rule-b"));
        Write("a.yaml", Rule("rule-a"));
        Write("sub/C.yml", Rule("rule-c"));
        Write("sub/draft.yaml", Rule("rule-draft"));
        Write("notes.txt", "not a rule");

        var knowledgeBase = new RuleLoader().AddDirectory(folder, exclude: new[] { "**/draft.yaml" }).LoadOrThrow();

        knowledgeBase.Rules.Select(r => r.Id).Should().Equal("rule-a", "rule-b", "rule-c");
    }

    [Fact]
    public void Patterns_respect_case_unless_told_otherwise()
    {
        Write("Upper.YAML", Rule("upper"));

        new RuleLoader().AddDirectory(folder, new[] { "*.yaml" }).Load().Diagnostics.Single().Code.Should().Be(DiagnosticCodes.NoFilesMatched);
        new RuleLoader().AddDirectory(folder, new[] { "*.yaml" }, comparison: StringComparison.OrdinalIgnoreCase).LoadOrThrow().Rules.Should().ContainSingle();
    }

    [Fact]
    public void A_glob_path_loads_the_files_it_matches()
    {
        Write("x/one.yaml", Rule("one"));
        Write("x/two.yaml", Rule("two"));

        var knowledgeBase = new RuleLoader().AddPath(folder + "/x/t*.yaml").LoadOrThrow();

        knowledgeBase.Rules.Select(r => r.Id).Should().Equal("two");
    }

    [Fact]
    public void Sources_of_every_kind_mix_in_the_order_they_were_added()
    {
        var file = Write("f.yaml", Rule("from-file"));
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Rule("from-stream")));

        var knowledgeBase = new RuleLoader()
            .AddText(Rule("from-text"), "memory.yaml")
            .AddFile(file)
            .AddStream(stream, "stream.yaml")
            .AddBundled()
            .LoadOrThrow();

        knowledgeBase.Rules.Take(3).Select(r => r.Id).Should().Equal("from-text", "from-file", "from-stream");
        knowledgeBase.Find("pxe-remote-wimgapi-not-updated-sp1").Should().NotBeNull();
    }

    [Fact]
    public void Several_rules_in_one_file_are_separate_documents()
    {
        var knowledgeBase = new RuleLoader().AddText(Rule("first") + "---\n" + Rule("second"), "two.yaml").LoadOrThrow();

        knowledgeBase.Rules.Select(r => (r.Id, r.Source.Line)).Should().Equal(("first", 3), ("second", 21));
    }

    [Fact]
    public void The_bundled_knowledge_base_holds_the_rules_folder()
    {
        var bundled = KnowledgeBase.LoadBundled();
        var folderRules = new RuleLoader().AddDirectory(Repository.Path("rules")).LoadOrThrow();

        bundled.Rules.Select(r => r.Id).Should().BeEquivalentTo(folderRules.Rules.Select(r => r.Id));
        bundled.Rules.Should().OnlyContain(r => r.Source.Source.StartsWith("rules/", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_file_is_a_diagnostic_not_an_exception()
    {
        var result = new RuleLoader().AddFile(Path.Combine(folder, "none.yaml")).Load();

        result.Diagnostics.Select(d => d.ToString()).Should().Equal($"{Path.Combine(folder, "none.yaml")}: error PXR0027: The file does not exist.");
    }

    [Fact]
    public void Load_or_throw_lists_every_error()
    {
        var act = () => new RuleLoader().AddText("apiVersion: pxerules/v2\n", "a.yaml").AddText("kind: Rule\n", "b.yaml").LoadOrThrow();

        act.Should().Throw<RuleLoadException>().WithMessage(
            "The rules have 2 error(s) in 2 file(s):" + Environment.NewLine +
            "  a.yaml(1,13): error PXR0009: Unknown apiVersion 'pxerules/v2'; this engine reads 'pxerules/v1'." + Environment.NewLine +
            "  b.yaml(1,1): error PXR0009: The document has no 'apiVersion'; expected 'pxerules/v1'.")
            .Which.Diagnostics.Should().HaveCount(2);
    }

    [Fact]
    public void A_knowledge_base_is_shared_safely_and_can_be_filtered()
    {
        var knowledgeBase = new RuleLoader().AddText(Rule("a") + "---\n" + Rule("b"), "x.yaml").LoadOrThrow();

        var filtered = knowledgeBase.Where(r => r.Id == "b");

        filtered.Rules.Select(r => r.Id).Should().Equal("b");
        knowledgeBase.Rules.Should().HaveCount(2);
    }
}
