using System;
using System.Collections.Generic;
using System.Linq;
using PxeRules.Loading;
using PxeRules.Model;

namespace PxeRules.Evaluation;

/// <summary>
/// A recorded decision to accept a detected issue on a machine for a while: who decided, why, and until
/// when. A waived finding still shows in reports, as waived; once <see cref="Expires"/> has passed the
/// waiver stops applying. Immutable.
/// </summary>
public sealed class Waiver
{
    /// <summary>Creates a waiver.</summary>
    /// <param name="ruleId">The rule's id (or a former id).</param>
    /// <param name="machine">The machine's name, ignoring case, or <c>*</c> for every machine.</param>
    /// <param name="justification">Why the finding is accepted; required.</param>
    /// <param name="expires">When the waiver stops applying.</param>
    public Waiver(string ruleId, string machine, string justification, DateTimeOffset expires)
    {
        RuleId = string.IsNullOrWhiteSpace(ruleId) ? throw new ArgumentException("A waiver names a rule.", nameof(ruleId)) : ruleId;
        Machine = string.IsNullOrWhiteSpace(machine) ? throw new ArgumentException("A waiver names a machine, or '*'.", nameof(machine)) : machine;
        Justification = string.IsNullOrWhiteSpace(justification) ? throw new ArgumentException("A waiver needs a justification.", nameof(justification)) : justification;
        Expires = expires;
    }

    /// <summary>The rule's id.</summary>
    public string RuleId { get; }

    /// <summary>The machine's name, or <c>*</c>.</summary>
    public string Machine { get; }

    /// <summary>Why the finding is accepted.</summary>
    public string Justification { get; }

    /// <summary>When the waiver stops applying.</summary>
    public DateTimeOffset Expires { get; }

    /// <summary>Who is answerable for the decision (a person or team), when given.</summary>
    public string? Owner { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"waived until {Expires.UtcDateTime:yyyy-MM-dd}: {Justification}";

    internal bool Covers(RuleResult result, DateTimeOffset now) =>
        result.Outcome == Outcome.Detected
        && now < Expires
        && (RuleId == result.Rule.Id || result.Rule.Aliases.Contains(RuleId, StringComparer.Ordinal))
        && (Machine == "*" || string.Equals(Machine, result.Machine?.Name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>Severity overrides and waivers, applied to every result of an engine.</summary>
internal sealed class ResultPolicy
{
    public ResultPolicy(IReadOnlyDictionary<string, Severity> severities, IReadOnlyList<Waiver> waivers)
    {
        Severities = severities;
        Waivers = waivers;
    }

    public IReadOnlyDictionary<string, Severity> Severities { get; }

    public IReadOnlyList<Waiver> Waivers { get; }

    public bool IsEmpty => Severities.Count == 0 && Waivers.Count == 0;

    /// <summary>Sets a result's severity and waiver; results are made on first read, so this runs as each is made.</summary>
    public void Apply(RuleResult result, DateTimeOffset now)
    {
        if (Severities.TryGetValue(result.Rule.Id, out var severity))
        {
            result.Severity = severity;
        }

        foreach (var waiver in Waivers)
        {
            if (waiver.Covers(result, now))
            {
                result.Waiver = waiver;
                break;
            }
        }
    }
}

/// <summary>Layering: a host's own rules on top of the bundled ones, disabled rules, severity overrides and waivers.</summary>
public sealed partial class RuleEngineBuilder
{
    private readonly List<KnowledgeBase> replacements = new();
    private readonly HashSet<string> disabledIds = new(StringComparer.Ordinal);
    private readonly HashSet<string> disabledTags = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Severity> severities = new(StringComparer.Ordinal);
    private readonly List<Waiver> waivers = new();

    /// <summary>
    /// Adds rules that replace rules of the same id (or former id) added with <see cref="AddRules"/>, keeping
    /// their place in the order; rules with new ids are added at the end. This is how a host changes a bundled
    /// rule without forking the files.
    /// </summary>
    public RuleEngineBuilder ReplaceRules(KnowledgeBase knowledgeBase)
    {
        replacements.Add(knowledgeBase ?? throw new ArgumentNullException(nameof(knowledgeBase)));
        return this;
    }

    /// <summary>Leaves out the rule with this id (or former id).</summary>
    public RuleEngineBuilder DisableRule(string id)
    {
        disabledIds.Add(string.IsNullOrEmpty(id) ? throw new ArgumentException("A rule id is needed.", nameof(id)) : id);
        return this;
    }

    /// <summary>Leaves out every rule carrying this tag (ignoring case), such as <c>advisory</c>.</summary>
    public RuleEngineBuilder DisableRulesTagged(string tag)
    {
        disabledTags.Add(string.IsNullOrEmpty(tag) ? throw new ArgumentException("A tag is needed.", nameof(tag)) : tag);
        return this;
    }

    /// <summary>Reports the rule with this id at <paramref name="severity"/> instead of its own.</summary>
    public RuleEngineBuilder OverrideSeverity(string id, Severity severity)
    {
        severities[string.IsNullOrEmpty(id) ? throw new ArgumentException("A rule id is needed.", nameof(id)) : id] = severity;
        return this;
    }

    /// <summary>Records a waiver: a detection it covers is reported as waived until the waiver expires.</summary>
    public RuleEngineBuilder AddWaiver(Waiver waiver)
    {
        waivers.Add(waiver ?? throw new ArgumentNullException(nameof(waiver)));
        return this;
    }

    private IReadOnlyList<Rule> ApplyLayers(List<Rule> rules)
    {
        foreach (var replacement in replacements.SelectMany(k => k.Rules))
        {
            var index = rules.FindIndex(r => r.Id == replacement.Id || r.Aliases.Contains(replacement.Id, StringComparer.Ordinal) || replacement.Aliases.Contains(r.Id, StringComparer.Ordinal));
            if (index >= 0) rules[index] = replacement;
            else rules.Add(replacement);
        }

        bool Disabled(Rule rule) =>
            disabledIds.Contains(rule.Id) || rule.Aliases.Any(disabledIds.Contains) || rule.Tags.Any(disabledTags.Contains);

        var kept = rules.Where(r => !Disabled(r)).ToList();
        var known = new HashSet<string>(kept.SelectMany(r => new[] { r.Id }.Concat(r.Aliases)), StringComparer.Ordinal);
        foreach (var id in severities.Keys.Concat(waivers.Select(w => w.RuleId)))
        {
            if (!known.Contains(id) && !rules.Any(r => r.Id == id || r.Aliases.Contains(id, StringComparer.Ordinal)))
            {
                throw new InvalidOperationException($"No rule has the id '{id}' named by a severity override or waiver.");
            }
        }

        return kept;
    }

    private ResultPolicy Policy(IReadOnlyList<Rule> rules)
    {
        var byId = new Dictionary<string, Severity>(StringComparer.Ordinal);
        foreach (var pair in severities)
        {
            var rule = rules.FirstOrDefault(r => r.Id == pair.Key || r.Aliases.Contains(pair.Key, StringComparer.Ordinal));
            if (rule is not null) byId[rule.Id] = pair.Value;
        }

        return new ResultPolicy(byId, waivers.ToArray());
    }
}
