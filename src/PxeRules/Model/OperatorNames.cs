using System;
using System.Collections.Generic;

namespace PxeRules.Model;

/// <summary>
/// The names rules use for comparison operators and quantifiers, in both directions: the reader maps names to the
/// vocabulary, evaluation and reports map it back to the names an author wrote.
/// </summary>
internal static class OperatorNames
{
    /// <summary>Comparison operators by the name rules write.</summary>
    public static readonly Dictionary<string, ComparisonOperator> Comparisons = new(StringComparer.Ordinal)
    {
        ["equals"] = ComparisonOperator.Equals, ["notEquals"] = ComparisonOperator.NotEquals,
        ["in"] = ComparisonOperator.In, ["notIn"] = ComparisonOperator.NotIn,
        ["exists"] = ComparisonOperator.Exists,
        ["matches"] = ComparisonOperator.Matches, ["notMatches"] = ComparisonOperator.NotMatches,
        ["contains"] = ComparisonOperator.Contains, ["notContains"] = ComparisonOperator.NotContains,
        ["startsWith"] = ComparisonOperator.StartsWith, ["endsWith"] = ComparisonOperator.EndsWith,
        ["less"] = ComparisonOperator.Less, ["lessOrEqual"] = ComparisonOperator.LessOrEqual,
        ["greater"] = ComparisonOperator.Greater, ["greaterOrEqual"] = ComparisonOperator.GreaterOrEqual,
        ["within"] = ComparisonOperator.Within, ["olderThan"] = ComparisonOperator.OlderThan,
        ["unreadable"] = ComparisonOperator.Unreadable, ["sameComputer"] = ComparisonOperator.SameComputer,
    };

    /// <summary>Quantifiers by the name rules write.</summary>
    public static readonly Dictionary<string, QuantifierKind> Quantifiers = new(StringComparer.Ordinal)
    {
        ["anyItem"] = QuantifierKind.AnyItem, ["allItems"] = QuantifierKind.AllItems, ["noItem"] = QuantifierKind.NoItem, ["count"] = QuantifierKind.Count,
    };

    private static readonly Dictionary<ComparisonOperator, string> ComparisonNames = Invert(Comparisons);

    private static readonly Dictionary<QuantifierKind, string> QuantifierNames = Invert(Quantifiers);

    /// <summary>The name of <paramref name="op"/> as rules write it.</summary>
    public static string Of(ComparisonOperator op) => ComparisonNames[op];

    /// <summary>The name of <paramref name="kind"/> as rules write it.</summary>
    public static string Of(QuantifierKind kind) => QuantifierNames[kind];

    private static Dictionary<TValue, string> Invert<TValue>(Dictionary<string, TValue> byName)
        where TValue : notnull
    {
        var names = new Dictionary<TValue, string>();
        foreach (var pair in byName)
        {
            names[pair.Value] = pair.Key;
        }

        return names;
    }
}
