using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using PxeRules.Model;

namespace PxeRules.Loading;

/// <summary>
/// The checks a rule of a knowledge base is held to beyond the format: an example of every outcome it can reach, no
/// placeholder left from the scaffold, a reference, an id no other rule it runs beside uses, and no dead logic
/// (conditions that can never be true or are always true, facts never used, branches no example tests, two rules
/// with one condition). <c>pxerules lint</c> and <c>pxerules test</c> run them, and so does the project's test suite,
/// so a rule that passes the tool passes the suite. Stateless and thread-safe.
/// </summary>
public static partial class RuleChecks
{
    private static readonly Regex TodoPattern = new(@"\bTODO\b", RegexOptions.CultureInvariant);

    /// <summary>
    /// Checks every rule of <paramref name="rules"/>. Errors (PXR0051, PXR0052, PXR0053, PXR0061) are what a rule of
    /// the knowledge base must not have; warnings (PXR0055–PXR0060, PXR0059 only when asked) point at logic that is likely a mistake.
    /// </summary>
    /// <param name="rules">The rules to check, as loaded.</param>
    /// <param name="others">
    /// Rules the checked ones run beside, such as the bundled knowledge base: an id or former id one of them already
    /// uses is an error, unless it is the same rule (the same file name), as when the bundled rules are checked from disk.
    /// </param>
    /// <param name="exampleCoverage">
    /// Whether to report each member of an <c>any</c> that no example makes true (PXR0059): a way of detecting the issue
    /// no example tests. Off by default; <c>pxerules lint --coverage</c> turns it on.
    /// </param>
    /// <returns>The problems found, in the order of the rules.</returns>
    public static IReadOnlyList<Diagnostic> Check(KnowledgeBase rules, KnowledgeBase? others = null, bool exampleCoverage = false)
    {
        if (rules is null) throw new ArgumentNullException(nameof(rules));
        var found = new List<Diagnostic>();
        foreach (var rule in rules.Rules)
        {
            CheckExamples(rule, found);
            CheckPlaceholders(rule, found);
            if (rule.References.Count == 0)
            {
                found.Add(Error(DiagnosticCodes.NoReference, $"The rule '{rule.Id}' has no reference; add one under 'references' with a title and a url or kb.", rule.Source));
            }

            if (others is not null) CheckIds(rule, others, found);
            RuleLogic.Check(rule, exampleCoverage, found);
        }

        RuleLogic.CheckSameConditions(rules.Rules, found);
        return found;
    }

    /// <summary>
    /// The knowledge base a run with <paramref name="rules"/> beside <paramref name="others"/> uses: every rule of
    /// <paramref name="rules"/>, and each rule of <paramref name="others"/> that none of them replaces (by id, former
    /// id or file name). The bundled rules and a folder of rules on disk give the rules as they are on disk.
    /// </summary>
    /// <param name="rules">The rules that win.</param>
    /// <param name="others">The rules they are added to, such as the bundled knowledge base.</param>
    public static KnowledgeBase Overlay(KnowledgeBase rules, KnowledgeBase others)
    {
        if (rules is null) throw new ArgumentNullException(nameof(rules));
        if (others is null) throw new ArgumentNullException(nameof(others));
        var names = new HashSet<string>(rules.Rules.SelectMany(r => r.Aliases.Prepend(r.Id)), StringComparer.Ordinal);
        var files = new HashSet<string>(rules.Rules.Select(r => Path.GetFileName(r.Source.Source.Replace('\\', '/'))), StringComparer.Ordinal);
        var kept = others.Rules.Where(r => !r.Aliases.Prepend(r.Id).Any(names.Contains) && !files.Contains(Path.GetFileName(r.Source.Source.Replace('\\', '/'))));
        return new KnowledgeBase(rules.Rules.Concat(kept).ToArray(), rules.Catalog);
    }

    /// <summary>The outcomes a rule needs an example of: detected, not detected, inconclusive, and not applicable when <c>appliesTo</c> can exclude a machine.</summary>
    private static void CheckExamples(Rule rule, List<Diagnostic> found)
    {
        var given = new HashSet<Outcome>(rule.Examples.Select(e => e.Expect));
        var missing = new List<string>();
        if (!given.Contains(Outcome.Detected)) missing.Add("detected (the issue is present)");
        if (!given.Contains(Outcome.NotDetected)) missing.Add("notDetected (a healthy machine)");
        if ((rule.AppliesTo.Roles.Count > 0 || rule.AppliesTo.Versions.Count > 0 || rule.AppliesTo.When is not null) && !given.Contains(Outcome.NotApplicable))
        {
            missing.Add("notApplicable (a machine or level 'appliesTo' excludes)");
        }

        if (!given.Contains(Outcome.Inconclusive)) missing.Add("inconclusive (a needed fact listed under 'unavailable:')");
        if (missing.Count == 0) return;
        var at = rule.Examples.Count > 0 ? rule.Examples[0].Location : rule.Source;
        found.Add(Error(
            DiagnosticCodes.MissingExampleKind,
            $"The rule '{rule.Id}' has no example expecting {string.Join(", ", missing)}; every outcome the rule can reach needs an example (docs/authoring.md, step 5).",
            at));
    }

    private static void CheckPlaceholders(Rule rule, List<Diagnostic> found)
    {
        var texts = new List<(string Where, string? Text, SourceLocation At)>
        {
            ("title", rule.Title, rule.Source),
            ("summary", rule.Summary, rule.Source),
            ("cause", rule.Cause, rule.Source),
        };
        texts.AddRange(rule.Symptoms.Select((s, i) => ($"symptom {i + 1}", (string?)s, rule.Source)));
        texts.AddRange(rule.Remediation.Select((s, i) => ($"remediation step {i + 1}", (string?)s.Text, rule.Source)));
        texts.AddRange(rule.Remediation.Select((s, i) => ($"the command of remediation step {i + 1}", s.Command, rule.Source)));
        texts.AddRange(rule.References.Select((r, i) => ($"reference {i + 1}", (string?)r.Title, rule.Source)));
        texts.AddRange(rule.Examples.Select(e => ($"the example '{e.Name}'", (string?)e.Name, e.Location)));
        texts.AddRange(rule.Facts.Where(f => !f.IsBuiltIn).Select(f => ($"the fact '{f.Name}'", f.Unverified, f.Location)));
        foreach (var (where, text, at) in texts)
        {
            if (text is not null && TodoPattern.IsMatch(text))
            {
                found.Add(Error(DiagnosticCodes.Placeholder, $"The {where} of the rule '{rule.Id}' still holds the scaffold's 'TODO'; write it in your own words.", at));
            }
        }

        foreach (var reference in rule.References)
        {
            var host = reference.Url?.Host;
            if (host is not null && (host.Equals("example.com", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".example.com", StringComparison.OrdinalIgnoreCase)
                || host.Equals("example.org", StringComparison.OrdinalIgnoreCase) || host.Equals("example.net", StringComparison.OrdinalIgnoreCase)))
            {
                found.Add(Error(DiagnosticCodes.Placeholder, $"The reference '{reference.Title}' of the rule '{rule.Id}' points at the placeholder {reference.Url}; give the URL of the document (or its KB number).", rule.Source));
            }
        }
    }

    private static void CheckIds(Rule rule, KnowledgeBase others, List<Diagnostic> found)
    {
        foreach (var name in new[] { rule.Id }.Concat(rule.Aliases))
        {
            var owner = others.Find(name);
            if (owner is null || SameFile(owner.Source.Source, rule.Source.Source)) continue;
            found.Add(Error(
                DiagnosticCodes.IdUsedElsewhere,
                $"The rule id '{name}' is already used by the rule '{owner.Id}' at {owner.Source.Source}; choose another id ('pxerules check --rules' would refuse the two together).",
                rule.Source));
        }
    }

    /// <summary>The same rule read from two places: the bundled copy ('rules/x.yaml') and the file on disk.</summary>
    private static bool SameFile(string a, string b) =>
        string.Equals(Path.GetFileName(a.Replace('\\', '/')), Path.GetFileName(b.Replace('\\', '/')), StringComparison.Ordinal);

    internal static Diagnostic Error(string code, string message, SourceLocation at) => new(code, DiagnosticSeverity.Error, message, at);

    internal static Diagnostic Warning(string code, string message, SourceLocation at) => new(code, DiagnosticSeverity.Warning, message, at);
}
