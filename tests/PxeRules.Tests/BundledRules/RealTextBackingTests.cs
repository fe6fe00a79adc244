using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using FluentAssertions;
using PxeRules.Loading;
using PxeRules.Model;
using PxeRules.Probes.FileSystem;
using Xunit;

namespace PxeRules.Tests.BundledRules;

/// <summary>
/// Every log and event pattern of the bundled rules is backed by real text quoted in public material, or says
/// that it is not. A fact's <c>seenIn</c> URL must be the source of a file in tests/TestData/RealLogs (its
/// <c>.source.md</c> names the URL), and each of the fact's text patterns must match a line of that file.
/// </summary>
public class RealTextBackingTests
{
    private static readonly KnowledgeBase Bundled = KnowledgeBase.LoadBundled();

    private static readonly string RealLogs = Repository.Path("tests", "TestData", "RealLogs");

    /// <summary>Each data file of RealLogs by the URLs its source note names.</summary>
    private static readonly (string File, string Source)[] Sources = Directory.GetFiles(RealLogs, "*.source.md")
        .Select(note => (File: note.Substring(0, note.Length - ".source.md".Length), Source: File.ReadAllText(note)))
        .Select(pair => (Directory.GetFiles(RealLogs, Path.GetFileName(pair.File) + ".*").Single(f => !f.EndsWith(".source.md", StringComparison.Ordinal)), pair.Source))
        .ToArray();

    public static IEnumerable<object[]> TextFacts() =>
        from rule in Bundled.Rules
        from fact in rule.Facts
        where fact.Kind.Name is "log.entries" or "eventlog.entries"
        select new object[] { rule.Id, fact.Name };

    [Theory]
    [MemberData(nameof(TextFacts))]
    public void A_log_or_event_fact_is_backed_by_real_text_or_marked_unverified(string ruleId, string factName)
    {
        var fact = Fact(ruleId, factName);

        (fact.SeenIn.Count > 0 || fact.Unverified is not null).Should().BeTrue($"{ruleId}'s fact '{factName}' reads logs or events: give 'seenIn' or 'unverified'");
    }

    [Theory]
    [MemberData(nameof(TextFacts))]
    public void Every_pattern_of_a_backed_fact_matches_a_line_of_the_quoted_text(string ruleId, string factName)
    {
        var rule = Bundled.Rules.Single(r => r.Id == ruleId);
        var fact = Fact(ruleId, factName);
        if (fact.SeenIn.Count == 0) return;

        var files = fact.SeenIn.SelectMany(url => Sources.Where(s => s.Source.Contains(url, StringComparison.Ordinal)).Select(s => s.File)).Distinct().ToArray();
        files.Should().NotBeEmpty($"a RealLogs .source.md should name {string.Join(" or ", fact.SeenIn)}");
        var lines = files.SelectMany(Lines).ToArray();

        foreach (var pattern in Patterns(rule, fact))
        {
            lines.Should().Contain(line => pattern.IsMatch(line), $"{ruleId}/{factName}: the pattern '{pattern}' should match real text in {string.Join(", ", files.Select(Path.GetFileName))}");
        }
    }

    [Fact]
    public void A_pattern_no_real_text_backs_cannot_alone_make_an_error()
    {
        const string Rule = """
            apiVersion: pxerules/v1
            kind: Rule
            id: test-unverified-alone
            title: t
            summary: s
            severity: error
            confidence: inferred
            appliesTo:
              roles: [pxe-service-point]
            facts:
              wds:
                probe: service
                args: { name: WDSServer }
              errors:
                probe: log.entries
                args: { paths: ['C:\SMSPXE.log'], match: 'PXE-E99' }
                unverified: seen only in a description of the issue
            when:
              any:
                - fact: wds.state
                  equals: Stopped
                - fact: errors
                  count: { greaterOrEqual: 1 }
            remediation:
              - text: t
            """;

        var error = new RuleLoader().AddText(Rule, "rule.yaml").Load();
        var warning = new RuleLoader().AddText(Rule.Replace("severity: error", "severity: warning"), "rule.yaml").Load();
        var corroborating = new RuleLoader().AddText(Rule.Replace("any:", "all:"), "rule.yaml").Load();

        error.Diagnostics.Select(d => d.ToString()).Should().Equal(
            "rule.yaml(6,11): error PXR0044: The rule's severity is 'error', and its condition can be met by facts marked 'unverified' alone; lower 'severity' to warning, or back a pattern with real text ('seenIn').");
        warning.Diagnostics.Should().BeEmpty();
        corroborating.Diagnostics.Should().BeEmpty("with 'all' the unverified pattern only corroborates the service state");
    }

    [Theory]
    [InlineData("    seenIn: [ftp://example.org/x]\n", "rule.yaml(12,13): error PXR0043: 'seenIn' of the fact 'errors' should list http or https URLs of material quoting real text, but found 'ftp://example.org/x'.")]
    [InlineData("    seenIn: [https://example.org/x]\n    unverified: never seen\n", "rule.yaml(13,17): error PXR0043: The fact 'errors' has both 'seenIn' and 'unverified'; a pattern is either backed by real text or not.")]
    public void A_malformed_source_is_a_located_error(string keys, string expected)
    {
        var rule = "apiVersion: pxerules/v1\nkind: Rule\nid: test-source\ntitle: t\nsummary: s\nseverity: warning\nconfidence: inferred\n"
            + "facts:\n  errors:\n    probe: log.entries\n    args: { paths: ['C:\\SMSPXE.log'] }\n" + keys
            + "when:\n  fact: errors\n  count: { greaterOrEqual: 1 }\nremediation:\n  - text: t\n";

        new RuleLoader().AddText(rule, "rule.yaml").Load().Diagnostics.Select(d => d.ToString()).Should().Equal(expected);
    }

    private static FactDefinition Fact(string ruleId, string factName) =>
        Bundled.Rules.Single(r => r.Id == ruleId).Facts.Single(f => f.Name == factName);

    /// <summary>The fact's text patterns: its <c>match</c> argument and the text tests on its items, ignoring case as the engine does.</summary>
    private static IEnumerable<Regex> Patterns(Rule rule, FactDefinition fact)
    {
        if (fact.Arguments.TryGetValue("match", out var match) && match is string matchText)
        {
            yield return new Regex(matchText, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        }

        foreach (var comparison in ItemComparisons(rule.Condition, fact.Name, inside: false))
        {
            if (comparison.Path.Root is not ("text" or "message")) continue;
            switch (comparison.Operator)
            {
                case ComparisonOperator.Matches:
                    yield return new Regex(comparison.Literal.Text, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
                    break;
                case ComparisonOperator.Contains:
                case ComparisonOperator.StartsWith:
                case ComparisonOperator.EndsWith:
                    yield return new Regex(Regex.Escape(comparison.Literal.Text), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
                    break;
            }
        }
    }

    private static IEnumerable<Comparison> ItemComparisons(Condition condition, string factName, bool inside) => condition switch
    {
        AllCondition all => all.Members.SelectMany(m => ItemComparisons(m, factName, inside)),
        AnyCondition any => any.Members.SelectMany(m => ItemComparisons(m, factName, inside)),
        NotCondition not => ItemComparisons(not.Operand, factName, inside),
        Quantifier q when q.Path.Root == factName && q.Where is not null => ItemComparisons(q.Where, factName, inside: true),
        Comparison c when inside && c.Path.IsItemField => new[] { c },
        _ => Array.Empty<Comparison>(),
    };

    /// <summary>The file's lines, and for a log also each entry's text as the parser reads it (a message over several lines is one entry).</summary>
    private static IEnumerable<string> Lines(string file)
    {
        foreach (var line in File.ReadAllLines(file)) yield return line;
        foreach (var entry in new ConfigMgrLogParser().ReadFile(file)) yield return entry.Text;
    }
}
