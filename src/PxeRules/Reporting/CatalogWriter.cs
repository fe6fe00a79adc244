using System;
using System.IO;
using System.Linq;
using PxeRules.Loading;
using PxeRules.Model;

namespace PxeRules.Reporting;

/// <summary>Writes the known-issues catalogue of a knowledge base as Markdown (<c>docs/known-issues.md</c> is generated with it).</summary>
public static class CatalogWriter
{
    /// <summary>Writes one section per rule: id, title, severity, where it applies, symptoms, how it is detected, remediation and references.</summary>
    public static void Write(KnowledgeBase knowledgeBase, TextWriter writer)
    {
        if (knowledgeBase is null) throw new ArgumentNullException(nameof(knowledgeBase));
        if (writer is null) throw new ArgumentNullException(nameof(writer));
        var rules = knowledgeBase.Rules.OrderBy(r => r.Id, StringComparer.Ordinal).ToArray();
        writer.Write("# Known issues\n\n");
        writer.Write("<!-- Generated from rules/ by `pxerules docs`; edit the rules, not this file. -->\n\n");
        writer.Write($"{rules.Length} known issues of PXE-initiated operating system deployment in Configuration Manager 2007.\n\n");
        writer.Write("| Id | Title | Severity | Confidence | Applies to |\n|---|---|---|---|---|\n");
        foreach (var rule in rules)
        {
            writer.Write($"| [`{rule.Id}`](#{rule.Id}) | {Md(rule.Title)} | {ReportWriter.Name(rule.Severity)} | {rule.Confidence.ToString().ToLowerInvariant()} | {Md(AppliesTo(rule))} |\n");
        }

        foreach (var rule in rules)
        {
            writer.Write($"\n## {rule.Id}\n\n**{Md(rule.Title)}** — {ReportWriter.Name(rule.Severity)}, confidence {rule.Confidence.ToString().ToLowerInvariant()}");
            if (rule.Status != RuleStatus.Stable) writer.Write($", {rule.Status.ToString().ToLowerInvariant()}");
            if (rule.Tags.Count > 0) writer.Write($"; tags: {string.Join(", ", rule.Tags)}");
            writer.Write($"\n\n{Md(rule.Summary.Trim())}\n\n*Applies to:* {Md(AppliesTo(rule))}\n");
            if (rule.Symptoms.Count > 0)
            {
                writer.Write("\n*Symptoms:*\n\n");
                foreach (var symptom in rule.Symptoms) writer.Write($"- {Md(symptom.Trim())}\n");
            }

            if (rule.Cause is not null) writer.Write($"\n*Cause:* {Md(rule.Cause.Trim())}\n");
            writer.Write("\n*How it is detected:*\n\n");
            foreach (var fact in rule.Facts) writer.Write($"- `{fact.Name}`: {Describe(fact)}\n");
            writer.Write($"\n{DisplayText.ForMarkdownCodeBlock(ConditionText.Format(rule.Condition))}\n");
            writer.Write("\n*What to do:*\n\n");
            var number = 0;
            foreach (var step in rule.Remediation)
            {
                writer.Write($"{++number}. {Md(step.Text.Trim())}{(step.Disruptive ? " *(disruptive)*" : string.Empty)}{(step.RequiresRestart ? " *(may require a restart)*" : string.Empty)}\n");
                if (step.Command is not null) writer.Write($"   {DisplayText.ForMarkdownCode(step.Command)}\n");
            }

            if (rule.References.Count > 0)
            {
                writer.Write("\n*References:*\n\n");
                foreach (var reference in rule.References)
                {
                    var link = DisplayText.SafeLink(reference.Url);
                    var title = link is null ? Md(reference.Title) : $"[{Md(reference.Title)}]({link.AbsoluteUri.Replace("(", "%28").Replace(")", "%29").Replace(" ", "%20")})";
                    writer.Write($"- {title}{(reference.Kb is null ? string.Empty : $" ({Md(reference.Kb)})")}\n");
                }
            }
        }
    }

    /// <summary>Where a rule applies, in words: levels, roles and whether a precondition applies.</summary>
    public static string AppliesTo(Rule rule)
    {
        if (rule is null) throw new ArgumentNullException(nameof(rule));
        var versions = rule.AppliesTo.Versions.Count == 0 ? "all levels" : string.Join(", ", rule.AppliesTo.Versions.Select(Evaluation.RuleEngine.LevelName));
        var roles = rule.AppliesTo.Roles.Count == 0 ? "any machine" : string.Join(", ", rule.AppliesTo.Roles);
        return $"ConfigMgr 2007 {versions}; {roles}" + (rule.AppliesTo.When is null ? string.Empty : "; when its precondition holds");
    }

    /// <summary>A fact definition in words: its probe kind, arguments and the role it is read on.</summary>
    public static string Describe(FactDefinition fact) =>
        (fact.IsBuiltIn ? "built-in, " : string.Empty) + $"`{fact.Kind.Name}`"
        + (fact.Arguments.Count == 0 ? string.Empty : " (" + string.Join(", ", fact.Arguments.Select(a => $"{a.Key}: {DisplayText.ForMarkdownCode(Probes.FactValues.Display(a.Value))}")) + ")")
        + (fact.On is null ? string.Empty : $" on the {fact.On}");

    /// <summary>Text from a rule, as Markdown that shows it and cannot add structure, links or HTML.</summary>
    private static string Md(string text) => DisplayText.ForMarkdown(text.Replace("\n", " ").Trim());
}
