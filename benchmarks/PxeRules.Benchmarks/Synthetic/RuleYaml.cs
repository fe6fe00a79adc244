using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace PxeRules.Benchmarks.Synthetic;

/// <summary>
/// Writes synthetic rules in our rule format (docs/rule-format.md): each rule defines the facts it reads, with the
/// same names and arguments across rules so the engine runs each probe call once, and its condition in <c>when</c>.
/// </summary>
public static class RuleYaml
{
    /// <summary>Rules per file: our loader reads at most 4 MiB and 10,000 documents per file.</summary>
    public const int RulesPerFile = 1_000;

    /// <summary>One YAML text per <see cref="RulesPerFile"/> rules, documents separated by <c>---</c>.</summary>
    public static IReadOnlyList<string> Files(IReadOnlyList<RuleDef> rules)
    {
        var files = new List<string>();
        for (var start = 0; start < rules.Count; start += RulesPerFile)
        {
            var text = new StringBuilder();
            for (var i = start; i < Math.Min(rules.Count, start + RulesPerFile); i++)
            {
                text.Append("---\n");
                Write(text, rules[i]);
            }

            files.Add(text.ToString());
        }

        return files;
    }

    public static string Text(RuleDef rule)
    {
        var text = new StringBuilder();
        Write(text, rule);
        return text.ToString();
    }

    public static void Write(StringBuilder text, RuleDef rule)
    {
        text.Append("apiVersion: pxerules/v1\nkind: Rule\n");
        text.Append("id: ").Append(rule.Id).Append('\n');
        text.Append("title: ").Append(rule.Title).Append('\n');
        text.Append("summary: A generated check of a PXE service point's services, files, registry and logs.\n");
        text.Append("severity: ").Append(rule.Severity).Append('\n');
        text.Append("confidence: documented\n");
        text.Append("facts:\n");
        foreach (var slot in rule.Slots)
        {
            var fact = SyntheticSnapshot.Facts[slot];
            text.Append("  ").Append(fact.Name).Append(": { probe: ").Append(fact.Probe).Append(", args: { ");
            text.Append(string.Join(", ", fact.Args.Select(a => a.Key + ": " + Scalar((string)a.Value!))));
            text.Append(" } }\n");
        }

        text.Append("when:\n");
        Condition(text, rule.Condition, 2);
        text.Append("remediation:\n");
        foreach (var step in rule.Remediation)
        {
            text.Append("  - text: ").Append(step).Append('\n');
        }
    }

    private static void Condition(StringBuilder text, CondDef condition, int indent)
    {
        // Writes the condition as a mapping whose first key starts at the current position (after "- " or the indent).
        var pad = new string(' ', indent);
        switch (condition)
        {
            case AllDef all:
                Group(text, "all", all.Members, indent);
                return;
            case AnyDef any:
                Group(text, "any", any.Members, indent);
                return;
            case NotDef not:
                text.Append(pad).Append("not:\n");
                Condition(text, not.Operand, indent + 2);
                return;
        }

        var leaf = (LeafDef)condition;
        text.Append(pad).Append("fact: ").Append(leaf.Fact.Path).Append('\n');
        text.Append(pad);
        switch (leaf.Op)
        {
            case "==" when leaf.Kind == LeafKind.Registry: text.Append("equals: '").Append(leaf.Literal).Append("'\n"); break;
            case "==": text.Append("equals: ").Append(leaf.Literal).Append('\n'); break;
            case "!=": text.Append("notEquals: ").Append(leaf.Literal).Append('\n'); break;
            case "<": text.Append("less: ").Append(leaf.Literal).Append('\n'); break;
            case "<=": text.Append("lessOrEqual: ").Append(leaf.Literal).Append('\n'); break;
            case ">": text.Append("greater: ").Append(leaf.Literal).Append('\n'); break;
            case ">=": text.Append("greaterOrEqual: ").Append(leaf.Literal).Append('\n'); break;
            case "exists": text.Append("exists: true\n"); break;
            default:
                // The design's patterns are case-sensitive unless they say (?i); our default ignores case.
                text.Append("matches: ").Append(Scalar(leaf.Literal, always: true)).Append('\n');
                text.Append(pad).Append("caseSensitive: true\n");
                break;
        }
    }

    private static void Group(StringBuilder text, string key, CondDef[] members, int indent)
    {
        var pad = new string(' ', indent);
        text.Append(pad).Append(key).Append(":\n");
        foreach (var member in members)
        {
            // "- " then the member's first key on the same line; its other keys line up under it.
            var item = new StringBuilder();
            Condition(item, member, indent + 4);
            text.Append(pad).Append("  - ").Append(item.ToString(indent + 4, item.Length - indent - 4));
        }
    }

    private static string Scalar(string value, bool always = false) =>
        always || value.IndexOfAny(new[] { ':', '\\', '%', '{', '}', '[', ']', ',', '#', '\'', '"', '*', '&', '!', '|', '>', '@', '`' }) >= 0
            ? "'" + value.Replace("'", "''") + "'"
            : value;
}
