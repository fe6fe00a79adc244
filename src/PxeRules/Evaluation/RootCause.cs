using System;
using System.Collections.Generic;
using System.Linq;
using PxeRules.Model;

namespace PxeRules.Evaluation;

/// <summary>
/// A finding that no other finding on its machine explains, with the findings it explains there, directly or through
/// others (rules declare this with <c>explains</c>): WDS shut down because its SMSPXE provider failed, so the service
/// is down. Fix the cause first; its consequences may clear with it. Immutable.
/// </summary>
public sealed class RootCause
{
    internal RootCause(RuleResult cause, IReadOnlyList<RuleResult> consequences)
    {
        Cause = cause;
        Consequences = consequences;
    }

    /// <summary>The finding to fix first.</summary>
    public RuleResult Cause { get; }

    /// <summary>The findings on the same machine it explains, in rule order; empty when it explains none.</summary>
    public IReadOnlyList<RuleResult> Consequences { get; }

    /// <inheritdoc />
    public override string ToString() =>
        Consequences.Count == 0 ? Cause.ToString() : $"{Cause} → {string.Join(", ", Consequences.Select(c => c.Rule.Id))}";

    /// <summary>Groups detected results: each under the root of the findings that explain it on its machine.</summary>
    internal static IReadOnlyList<RootCause> Group(IEnumerable<RuleResult> detected)
    {
        var results = detected.ToArray();
        var roots = new List<RootCause>();
        var consequencesOf = new Dictionary<RuleResult, List<RuleResult>>();
        foreach (var result in results)
        {
            var root = RootOf(result, results);
            if (ReferenceEquals(root, result))
            {
                consequencesOf[result] = new List<RuleResult>();
            }
        }

        foreach (var result in results)
        {
            var root = RootOf(result, results);
            if (!ReferenceEquals(root, result)) consequencesOf[root].Add(result);
        }

        foreach (var result in results)
        {
            if (consequencesOf.TryGetValue(result, out var consequences)) roots.Add(new RootCause(result, consequences));
        }

        return roots;
    }

    /// <summary>The detected result on the same machine that explains <paramref name="result"/>, or null.</summary>
    internal static RuleResult? CauseOf(RuleResult result, IReadOnlyList<RuleResult> detected)
    {
        foreach (var other in detected)
        {
            if (ReferenceEquals(other, result) || !SameMachine(other, result)) continue;
            if (Names(other.Rule.Explains, result.Rule)) return other;
        }

        return null;
    }

    private static RuleResult RootOf(RuleResult result, IReadOnlyList<RuleResult> detected)
    {
        // Rules are checked for circles when loaded; the bound keeps rules of separate knowledge bases safe too.
        var current = result;
        for (var steps = 0; steps < detected.Count; steps++)
        {
            var cause = CauseOf(current, detected);
            if (cause is null || ReferenceEquals(cause, result)) return current;
            current = cause;
        }

        return current;
    }

    private static bool SameMachine(RuleResult a, RuleResult b) =>
        a.Machine is not null && b.Machine is not null && string.Equals(a.Machine.Name, b.Machine.Name, StringComparison.OrdinalIgnoreCase);

    private static bool Names(IReadOnlyList<string> ids, Rule rule)
    {
        foreach (var id in ids)
        {
            if (string.Equals(id, rule.Id, StringComparison.Ordinal) || rule.Aliases.Contains(id, StringComparer.Ordinal)) return true;
        }

        return false;
    }
}
