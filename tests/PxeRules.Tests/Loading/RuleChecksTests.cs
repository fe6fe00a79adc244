using System.Linq;
using FluentAssertions;
using PxeRules.Loading;
using PxeRules.Model;
using Xunit;

namespace PxeRules.Tests.Loading;

/// <summary>The checks lint, test and the suite run on rules beyond the format: example kinds, placeholders, ids and dead logic.</summary>
public class RuleChecksTests
{
    private const string Examples =
        "references:\n  - title: WDS\n    kb: KB2510665\n" +
        "examples:\n" +
        "  - name: down\n    expect: detected\n    facts:\n      wds: { name: WDSServer, state: Stopped, startMode: Auto }\n" +
        "  - name: up\n    expect: notDetected\n    facts:\n      wds: { name: WDSServer, state: Running, startMode: Auto }\n" +
        "  - name: unreadable\n    expect: inconclusive\n    unavailable:\n      wds: Access is denied.\n";

    /// <summary>A rule that passes every check, with <paramref name="when"/> as its condition (lines 12 on).</summary>
    private static string Rule(string id, string when, string facts = "", string extra = "") =>
        $"apiVersion: pxerules/v1\nkind: Rule\nid: {id}\ntitle: WDS is down\nsummary: The WDS service is not running.\nseverity: warning\nconfidence: inferred\n{extra}" +
        $"facts:\n  wds:\n    probe: service\n    args: {{ name: WDSServer }}\n{facts}when:\n{when}" +
        "remediation:\n  - text: Start {{ wds.name }} on {{ machine.name }}.\n    command: net start WDSServer\n" + Examples;

    private static string[] Check(string yaml, KnowledgeBase? others = null, bool coverage = false)
    {
        var rules = new RuleLoader().AddText(yaml, "r.yaml").LoadOrThrow();
        return RuleChecks.Check(rules, others, coverage).Select(d => d.ToString()).ToArray();
    }

    [Fact]
    public void A_complete_rule_passes_every_check()
    {
        Check(Rule("wds-down", "  fact: wds.state\n  notEquals: Running\n")).Should().BeEmpty();
    }

    [Fact]
    public void A_rule_without_an_inconclusive_or_not_applicable_example_is_an_error()
    {
        var yaml = Rule("wds-down", "  fact: wds.state\n  notEquals: Running\n", extra: "appliesTo:\n  roles: [pxe-service-point]\n")
            .Replace("  - name: unreadable\n    expect: inconclusive\n    unavailable:\n      wds: Access is denied.\n", string.Empty);

        Check(yaml).Should().Equal(
            "r.yaml(24,5): error PXR0051: The rule 'wds-down' has no example expecting notApplicable (a machine or level 'appliesTo' excludes), inconclusive (a needed fact listed under 'unavailable:'); every outcome the rule can reach needs an example (docs/authoring.md, step 5).");
    }

    [Fact]
    public void The_scaffold_placeholders_are_errors()
    {
        var yaml = Rule("wds-down", "  fact: wds.state\n  notEquals: Running\n").Replace("title: WDS is down", "title: TODO one line").Replace("    kb: KB2510665\n", "    url: https://example.com/TODO\n");

        Check(yaml).Should().Equal(
            "r.yaml(3,5): error PXR0052: The title of the rule 'wds-down' still holds the scaffold's 'TODO'; write it in your own words.",
            "r.yaml(3,5): error PXR0052: The reference 'WDS' of the rule 'wds-down' points at the placeholder https://example.com/TODO; give the URL of the document (or its KB number).");
    }

    [Fact]
    public void An_id_a_bundled_rule_uses_is_an_error_unless_it_is_the_same_file()
    {
        var yaml = Rule("wds-service-down", "  fact: wds.state\n  notEquals: Running\n");
        var bundled = KnowledgeBase.LoadBundled();

        Check(yaml, bundled).Should().Equal(
            "r.yaml(3,5): error PXR0053: The rule id 'wds-service-down' is already used by the rule 'wds-service-down' at rules/wds-service-down.yaml; choose another id ('pxerules check --rules' would refuse the two together).");
        RuleChecks.Check(new RuleLoader().AddText(yaml, "rules/wds-service-down.yaml").LoadOrThrow(), bundled).Should().BeEmpty();
    }

    [Fact]
    public void Equals_two_values_under_all_can_never_be_true()
    {
        Check(Rule("wds-down", "  all:\n    - fact: wds.state\n      equals: Stopped\n    - fact: wds.state\n      equals: Running\n")).Should().Equal(
            "r.yaml(16,7): warning PXR0055: This 'all' can never be true: 'wds.state' cannot equal both 'Stopped' (line 14) and 'Running'.");
    }

    [Fact]
    public void Ranges_that_do_not_meet_under_all_can_never_be_true()
    {
        var facts = "  tftp:\n    probe: registry.value\n    args: { key: 'HKLM\\SOFTWARE\\Microsoft\\WDSServer', name: BlockSize }\n";
        var when = "  all:\n    - fact: wds.state\n      notEquals: Running\n    - fact: tftp.data\n      greater: 1456\n    - fact: tftp.data\n      less: 1024\n";

        Check(Rule("wds-down", when, facts)).Should().Contain(
            "r.yaml(21,7): warning PXR0055: This 'all' can never be true: no value of 'tftp.data' is greater than 1456 and less than 1024 (line 19): the ranges do not meet.");
    }

    [Fact]
    public void A_field_test_after_exists_false_can_never_be_true()
    {
        Check(Rule("wds-down", "  all:\n    - fact: wds\n      exists: false\n    - fact: wds.state\n      notEquals: Running\n")).Should().Equal(
            "r.yaml(16,7): warning PXR0055: This 'all' can never be true: 'wds' must not be found ('exists: false', line 14), and this member needs 'wds.state' to have a value.");
    }

    [Fact]
    public void A_regex_that_cannot_match_is_reported()
    {
        Check(Rule("wds-down", "  fact: wds.state\n  matches: 'Stopped$Now'\n")).Should().Equal(
            "r.yaml(13,3): warning PXR0057: The pattern 'Stopped$Now' can match no text: '$' (the end of the text) is followed by 'N'; 'matches' is then never true.");
    }

    [Fact]
    public void Not_equals_two_values_under_any_is_always_true()
    {
        Check(Rule("wds-down", "  any:\n    - fact: wds.state\n      notEquals: Running\n    - fact: wds.state\n      notEquals: Stopped\n")).Should().Equal(
            "r.yaml(16,7): warning PXR0056: This 'any' is true whenever the value is found: every value of 'wds.state' differs from 'Running' (line 14) or from 'Stopped'.");
    }

    [Fact]
    public void A_fact_no_condition_uses_is_reported()
    {
        var facts = "  dhcp:\n    probe: service\n    args: { name: DHCPServer }\n";

        Check(Rule("wds-down", "  fact: wds.state\n  notEquals: Running\n", facts)).Should().Equal(
            "r.yaml(12,3): warning PXR0058: The fact 'dhcp' is defined but no condition, fact argument or remediation step uses it; it is read on every machine for nothing. Use it or remove it.");
    }

    [Fact]
    public void A_member_of_any_no_example_makes_true_is_reported_when_coverage_is_asked_for()
    {
        var yaml = Rule("wds-down", "  any:\n    - fact: wds.state\n      notEquals: Running\n    - fact: wds.startMode\n      equals: Disabled\n");

        Check(yaml).Should().BeEmpty();
        Check(yaml, coverage: true).Should().Equal(
            "r.yaml(16,7): warning PXR0059: No example of the rule 'wds-down' makes this member of 'any' true, so this way of detecting the issue is never tested; add an example where it holds (or remove the member if it cannot).");
    }

    [Fact]
    public void Two_rules_with_the_same_condition_on_the_same_facts_are_reported()
    {
        var first = Rule("wds-down", "  fact: wds.state\n  notEquals: Running\n");
        var second = Rule("wds-not-running", "  fact: wds.state\n  notEquals: Running\n").Replace("  wds:\n    probe: service", "  w:\n    probe: service").Replace("wds.", "w.").Replace("      wds:", "      w:").Replace("{{ wds.name }}", "{{ w.name }}");

        Check(first + "---\n" + second).Should().Equal(
            "r.yaml(47,3): warning PXR0060: The rule 'wds-not-running' has the same condition as the rule 'wds-down' at r.yaml(3,5), on the same facts: the two always give the same outcome. Merge them, or make one condition tell them apart.");
    }

    [Fact]
    public void The_old_key_on_is_read_with_a_warning_and_onRole_without()
    {
        var facts = "  site2:\n    probe: configmgr.site\n    {0}: site-server\n";
        var when = "  all:\n    - fact: wds.state\n      notEquals: Running\n    - fact: site2\n      exists: true\n";

        var old = new RuleLoader().AddText(Rule("wds-down", when, string.Format(facts, "on")), "r.yaml").Load();
        var current = new RuleLoader().AddText(Rule("wds-down", when, string.Format(facts, "onRole")), "r.yaml").Load();

        old.Diagnostics.Select(d => d.ToString()).Should().Equal(
            "r.yaml(14,5): warning PXR0050: 'on' is the old spelling of 'onRole' (YAML 1.1 tools read the key 'on' as the boolean true); write 'onRole: site-server'.");
        old.KnowledgeBase!.Rules.Single().FindFact("site2")!.On.Should().Be("site-server");
        current.Diagnostics.Should().BeEmpty();
        current.KnowledgeBase!.Rules.Single().FindFact("site2")!.On.Should().Be("site-server");
    }

    [Fact]
    public void A_tab_used_for_indentation_is_reported_on_its_line()
    {
        var yaml = Rule("wds-down", "  fact: wds.state\n  notEquals: Running\n").Replace("    probe: service", "\tprobe: service");

        new RuleLoader().AddText(yaml, "r.yaml").Load().Diagnostics.Select(d => d.ToString()).Should().Equal(
            "r.yaml(10,1): error PXR0001: Line 10 is indented with a tab; YAML indents with spaces only. Replace the tab with spaces (and set the editor to insert spaces in .yaml files).");
    }

    [Fact]
    public void A_key_that_does_not_line_up_is_reported_with_a_hint()
    {
        var yaml = Rule("wds-down", "  fact: wds.state\n  notEquals: Running\n").Replace("severity: warning", " severity: warning");

        new RuleLoader().AddText(yaml, "r.yaml").Load().Diagnostics.Select(d => d.ToString()).Should().Equal(
            "r.yaml(6,10): error PXR0001: The indentation of line 6 does not line up: the keys of one mapping start in the same column, and what belongs to a key is indented further, with spaces. Compare line 6 with the lines above it. (The YAML parser said: While scanning a plain scalar value, found invalid mapping.)");
    }
}
