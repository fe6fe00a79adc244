using System.Linq;
using FluentAssertions;
using PxeRules.Loading;
using Xunit;

namespace PxeRules.Tests.Loading;

/// <summary>Every diagnostic the loader gives, with its whole message, line and column.</summary>
public class LoaderDiagnosticsTests
{
    private const string Head = "apiVersion: pxerules/v1\nkind: Rule\nid: test-rule\ntitle: T\nsummary: S\nseverity: error\nconfidence: documented\n";
    private const string Fact = "facts:\n  wimgapi:\n    probe: file\n    args:\n      path: 'C:\\w.dll'\n";
    private const string Fix = "remediation:\n  - text: Do it.\n";
    private const string When = "when:\n  fact: wimgapi.version\n  less: 6.0.6001.18000\n";

    private static string[] Diagnose(string yaml) =>
        new RuleLoader().AddText(yaml, "r.yaml").Load().Diagnostics.Select(d => d.ToString()).ToArray();

    [Theory]
    [InlineData("a: [1, 2\n", "r.yaml(2,1): error PXR0001: The text is not valid YAML: While parsing a flow sequence, did not find expected ',' or ']'.")]
        [InlineData("apiVersion: pxerules/v9\nkind: Rule\n", "r.yaml(1,13): error PXR0009: Unknown apiVersion 'pxerules/v9'; this engine reads 'pxerules/v1'.")]
    [InlineData("kind: Rule\nid: x\n", "r.yaml(1,1): error PXR0009: The document has no 'apiVersion'; expected 'pxerules/v1'.")]
    [InlineData("apiVersion: pxerules/v1\nkind: Baseline\n", "r.yaml(2,7): error PXR0010: Unknown kind 'Baseline'; expected 'Rule'.")]
    [InlineData("- a\n- b\n", "r.yaml(1,1): error PXR0013: A rule document should be a mapping, but found a sequence.")]
    public void Envelope_problems_are_reported_with_their_place(string yaml, string expected)
    {
        Diagnose(yaml).Should().Equal(expected);
    }

    [Fact]
    public void A_key_given_twice_is_reported_at_the_second()
    {
        var yaml = Head + "title: U\n" + Fact + When + Fix;

        Diagnose(yaml).Should().Equal("r.yaml(8,1): error PXR0008: The key 'title' appears more than once in this mapping.");
    }

    [Fact]
    public void A_misspelt_key_is_reported_with_a_suggestion()
    {
        var yaml = Head.Replace("severity: error", "severty: error") + Fact + When + Fix;

        Diagnose(yaml).Should().Equal(
            "r.yaml(6,1): error PXR0012: Unknown key 'severty' in a rule. Did you mean 'severity'?",
            "r.yaml(1,1): error PXR0011: A rule is missing the required key 'severity'.");
    }

    [Fact]
    public void An_unknown_key_far_from_any_known_one_lists_the_expected_keys()
    {
        var yaml = Head + Fact + When + Fix + "colour: red\n";

        Diagnose(yaml).Should().Equal(
            "r.yaml(18,1): error PXR0012: Unknown key 'colour' in a rule; expected one of: apiVersion, kind, id, aliases, explains, inputs, title, summary, status, tags, severity, confidence, appliesTo, symptoms, cause, facts, when, remediation, references, examples.");
    }

    [Theory]
    [InlineData("severity: error", "severity: severe", "r.yaml(6,11): error PXR0014: 'severity' should be one of info, warning, error, critical, but found 'severe'.")]
    [InlineData("confidence: documented", "confidence: [documented]", "r.yaml(7,13): error PXR0013: 'confidence' should be a string, but found a sequence.")]
    [InlineData("id: test-rule", "id: Test_Rule", "r.yaml(3,5): error PXR0026: The id 'Test_Rule' should be lower-case words joined by '-', such as 'pxe-remote-wimgapi-not-updated-sp1' (at most 100 characters).")]
    [InlineData("title: T", "title:", "r.yaml(4,7): error PXR0013: 'title' should be a string, but found nothing.")]
    public void Field_values_of_the_wrong_type_or_word_are_reported(string original, string replacement, string expected)
    {
        var yaml = Head.Replace(original, replacement) + Fact + When + Fix;

        Diagnose(yaml).Should().Equal(expected);
    }

    [Theory]
    [InlineData("      path: 'C:\\w.dll'\n", "      path: 'C:\\w.dll'\n      paht: x\n", "r.yaml(13,7): error PXR0021: The probe 'file' has no argument 'paht'; expected one of: path. Did you mean 'path'?")]
    [InlineData("    args:\n      path: 'C:\\w.dll'\n", "", "r.yaml(10,5): error PXR0021: The probe 'file' needs the argument 'path' (The file's path; environment variables are expanded on the probed machine).")]
    [InlineData("probe: file", "probe: files", "r.yaml(10,12): error PXR0020: Unknown probe kind 'files'. Did you mean 'file'?")]
    [InlineData("probe: file\n", "probe: file\n    onRole: pxe-server\n", "r.yaml(11,13): error PXR0031: Unknown role 'pxe-server'; expected one of: site-server, pxe-service-point, dhcp-server, distribution-point, management-point, sms-provider.")]
    [InlineData("  wimgapi:", "  site:", "r.yaml(9,3): error PXR0033: The fact name 'site' is reserved: the engine defines 'site' itself.")]
    public void Fact_definitions_are_checked_against_the_catalogue(string original, string replacement, string expected)
    {
        var yaml = Head + Fact.Replace(original, replacement) + When.Replace("wimgapi.version", "machine.name").Replace("less: 6.0.6001.18000", "equals: x") + Fix;

        Diagnose(yaml).Should().Equal(expected);
    }

    [Theory]
    [InlineData("  fact: wimgapi.version\n  less: 6.0.6001.18000\n", "  fact: wimgapy.version\n  less: 6.0.6001.18000\n", "r.yaml(14,9): error PXR0017: The fact 'wimgapy' is not defined in 'facts'. Did you mean 'wimgapi'?")]
    [InlineData("  fact: wimgapi.version\n  less: 6.0.6001.18000\n", "  fact: wimgapi.verison\n  less: 6.0.6001.18000\n", "r.yaml(14,9): error PXR0022: 'wimgapi.verison' names the field 'verison', which the value does not have; expected one of: path, size, created, modified, version, productVersion, hidden. Did you mean 'version'?")]
    [InlineData("  less: 6.0.6001.18000\n", "  less: 6.0.x\n", "r.yaml(15,9): error PXR0015: 'less' needs a version (two to four numeric parts, such as 6.0.6001.18000), but found the scalar '6.0.x'.")]
    [InlineData("  fact: wimgapi.version\n  less: 6.0.6001.18000\n", "  fact: wimgapi.path\n  less: abc\n", "r.yaml(15,9): error PXR0023: 'less' applies to numbers, versions, date-times and durations, but 'wimgapi.path' is a string; add 'type: version' if the text is a version.")]
    [InlineData("  less: 6.0.6001.18000\n", "  less: 6.0.6001.18000\n  greater: 1.0\n", "r.yaml(14,3): error PXR0025: The comparison of 'wimgapi.version' has 2 operators (less, greater); write one comparison per operator inside 'all'.")]
    [InlineData("  fact: wimgapi.version\n  less: 6.0.6001.18000\n", "  fact: wimgapi.path\n  matches: '(unclosed'\n", "r.yaml(15,12): error PXR0016: The regular expression '(unclosed' does not compile: Invalid pattern '(unclosed' at offset 9. Not enough )'s.")]
    [InlineData("  fact: wimgapi.version\n  less: 6.0.6001.18000\n", "  fact: wimgapi.modified\n  within: 7 days\n", "r.yaml(15,11): error PXR0024: 'within' needs a duration (such as 7d, 12h, 30m, 45s or 1d12h), but found the scalar '7 days'.")]
    [InlineData("  fact: wimgapi.version\n  less: 6.0.6001.18000\n", "  fact: wimgapi\n  anyItem:\n    field: name\n    equals: x\n", "r.yaml(15,3): error PXR0023: 'anyItem' tests the items of a list, but 'wimgapi' is a record.")]
    [InlineData("  fact: wimgapi.version\n  less: 6.0.6001.18000\n", "  field: name\n  equals: x\n", "r.yaml(14,10): error PXR0025: 'field' names a field of a collection's item and is only valid inside anyItem, allItems, noItem or count.")]
    [InlineData("  fact: wimgapi.version\n  less: 6.0.6001.18000\n", "  all: []\n", "r.yaml(14,8): error PXR0025: 'all' needs at least one condition.")]
    [InlineData("  fact: wimgapi.version\n  less: 6.0.6001.18000\n", "  fact: wimgapi.version\n", "r.yaml(14,3): error PXR0025: The comparison of 'wimgapi.version' has no operator; expected one of: equals, notEquals, in, notIn, exists, matches, notMatches, contains, notContains, startsWith, endsWith, less, lessOrEqual, greater, greaterOrEqual, within, olderThan, unreadable, sameComputer.")]
    public void Conditions_are_checked_against_the_facts_and_their_types(string original, string replacement, string expected)
    {
        var yaml = Head + Fact + When.Replace(original, replacement) + Fix;

        Diagnose(yaml).Should().Equal(expected);
    }

    [Fact]
    public void A_template_that_names_an_undefined_fact_is_reported()
    {
        var yaml = Head + Fact + When + "remediation:\n  - text: Replace {{ wimgapi.path }} on {{ machin.name }}.\n";

        Diagnose(yaml).Should().Equal("r.yaml(17,11): error PXR0017: The fact 'machin' is not defined in 'facts'. Did you mean 'machine'?");
    }

    [Fact]
    public void An_unclosed_template_is_reported()
    {
        var yaml = Head + Fact + When + "remediation:\n  - text: Replace {{ wimgapi.path.\n";

        Diagnose(yaml).Should().Equal("r.yaml(17,11): error PXR0030: A '{{' reference is not closed with '}}'.");
    }

    [Fact]
    public void Facts_that_depend_on_each_other_in_a_cycle_are_reported()
    {
        var facts = "facts:\n  a:\n    probe: folder\n    args:\n      path: '{{ b.path }}'\n  b:\n    probe: folder\n    args:\n      path: '{{ a.path }}'\n";
        var yaml = Head + facts + "when:\n  fact: a\n  exists: true\n" + Fix;

        Diagnose(yaml).Should().Equal("r.yaml(9,3): error PXR0018: The facts a -> b -> a depend on each other in a cycle.");
    }

    [Fact]
    public void References_need_a_valid_url_or_kb_number()
    {
        var yaml = Head + Fact + When + Fix + "references:\n  - title: A\n    url: ftp://x/y\n  - title: B\n    kb: 2510665\n  - title: C\n";

        Diagnose(yaml).Should().Equal(
            "r.yaml(20,10): error PXR0032: 'ftp://x/y' is not an absolute http or https URL.",
            "r.yaml(22,9): error PXR0032: '2510665' is not a KB number; expected 'KB' followed by digits, such as KB2510665.",
            "r.yaml(23,5): error PXR0032: A reference needs a 'url' or a 'kb'.");
    }

    [Fact]
    public void Examples_are_checked_against_the_rule()
    {
        var yaml = Head + Fact + When + Fix + "examples:\n  - name: e\n    expect: found\n    facts:\n      wimgapy: { version: 6.0 }\n  - name: f\n    expect: detected\n    facts:\n      wimgapi: { version: six }\n";

        Diagnose(yaml).Should().Equal(
            "r.yaml(20,13): error PXR0014: 'expect' should be one of detected, notDetected, notApplicable, inconclusive, error, but found 'found'.",
            "r.yaml(22,7): error PXR0029: The example gives the fact 'wimgapy', which the rule does not define. Did you mean 'wimgapi'?",
            "r.yaml(26,27): error PXR0029: wimgapi.version should be a version (two to four numeric parts, such as 6.0.6001.18000), but found the scalar 'six'.");
    }

    [Fact]
    public void Two_rules_with_one_id_in_different_files_are_reported_at_the_second()
    {
        var rule = Head + Fact + When + Fix;

        var diagnostics = new RuleLoader().AddText(rule, "a.yaml").AddText(rule, "b.yaml").Load().Diagnostics;

        diagnostics.Select(d => d.ToString()).Should().Equal(
            "b.yaml(3,5): error PXR0019: The rule id 'test-rule' is already used by the rule 'test-rule' at a.yaml(3,5).");
    }

    [Fact]
    public void One_file_with_many_errors_reports_them_all_in_one_load()
    {
        var yaml = Head.Replace("severity: error", "severity: bad").Replace("title: T", "titel: T")
            + Fact.Replace("probe: file", "probe: fil")
            + "when:\n  all:\n    - fact: nothing\n      exists: true\n    - fact: machine.name\n      matches: '['\n"
            + "remediation:\n  - text: x\n    colour: red\n"
            + "---\n" + Head.Replace("id: test-rule", "id: second-rule").Replace("confidence: documented", "confidence: sure") + Fact + When + Fix;

        var result = new RuleLoader().AddText(yaml, "r.yaml").Load();

        result.Success.Should().BeFalse();
        result.KnowledgeBase.Should().BeNull();
        result.Diagnostics.Select(d => d.Code).Should().Equal(
            "PXR0012", "PXR0011", "PXR0014", "PXR0020", "PXR0017", "PXR0016", "PXR0012", "PXR0014");
        result.Diagnostics.Select(d => d.Location.Line).Should().Equal(4, 1, 6, 10, 15, 18, 21, 29);
    }
}
