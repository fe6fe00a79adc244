using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using PxeRules.Model;

namespace PxeRules.Loading;

/// <summary>Typed access to YAML nodes for the mappers, reporting each mismatch as a located diagnostic.</summary>
internal sealed class NodeReader
{
    public NodeReader(string source, DiagnosticBag diagnostics, bool json = false)
    {
        Source = source;
        Diagnostics = diagnostics;
        IsJson = json;
    }

    public string Source { get; }

    /// <summary>
    /// Whether the text is JSON read through the YAML reader: then strings must be written in double quotes and
    /// numbers and booleans without, so that <c>"name": 42</c> or <c>"size": "42"</c> is a wrong type, not a guess.
    /// </summary>
    public bool IsJson { get; }

    public DiagnosticBag Diagnostics { get; }

    public SourceLocation At(YNode node) => new(Source, node.Line, node.Column);

    public SourceLocation At(int line, int column) => new(Source, line, column);

    public void Error(string code, string message, YNode node) => Diagnostics.Error(code, message, At(node));

    public YMapping? Mapping(YNode? node, string what)
    {
        if (node is YMapping mapping)
        {
            return mapping;
        }

        if (node is not null)
        {
            Error(DiagnosticCodes.WrongType, $"{what} should be a mapping, but found {node.Describe()}.", node);
        }

        return null;
    }

    public YSequence? Sequence(YNode? node, string what)
    {
        if (node is YSequence sequence)
        {
            return sequence;
        }

        if (node is not null)
        {
            Error(DiagnosticCodes.WrongType, $"{what} should be a sequence, but found {node.Describe()}.", node);
        }

        return null;
    }

    public string? String(YNode? node, string what)
    {
        if (node is YScalar scalar && !scalar.IsNull)
        {
            if (IsJson && scalar.IsPlain)
            {
                Error(DiagnosticCodes.WrongType, $"{what} should be a JSON string in double quotes, but found {YScalar.Shorten(scalar.Value)}.", node);
                return null;
            }

            return scalar.Value;
        }

        if (node is not null)
        {
            Error(DiagnosticCodes.WrongType, $"{what} should be a string, but found {node.Describe()}.", node);
        }

        return null;
    }

    public bool? Boolean(YNode? node, string what)
    {
        if (node is YScalar scalar && scalar.IsPlain)
        {
            switch (scalar.Value)
            {
                case "true":
                case "True":
                case "TRUE":
                    return true;
                case "false":
                case "False":
                case "FALSE":
                    return false;
            }
        }

        if (node is not null)
        {
            Error(DiagnosticCodes.WrongType, $"{what} should be true or false, but found {node.Describe()}.", node);
        }

        return null;
    }

    public double? Number(YNode? node, string what)
    {
        if (node is YScalar scalar && scalar.IsPlain && TryNumber(scalar.Value, out var number))
        {
            return number;
        }

        if (node is not null)
        {
            Error(DiagnosticCodes.WrongType, $"{what} should be a number, but found {node.Describe()}.", node);
        }

        return null;
    }

    public List<string> Strings(YNode? node, string what)
    {
        var result = new List<string>();
        var sequence = Sequence(node, what);
        if (sequence is null)
        {
            return result;
        }

        foreach (var item in sequence.Items)
        {
            var text = String(item, $"An item of {what}");
            if (text is not null)
            {
                result.Add(text);
            }
        }

        return result;
    }

    public T? Enum<T>(YNode? node, string what, IReadOnlyDictionary<string, T> words)
        where T : struct
    {
        var text = String(node, what);
        if (text is null)
        {
            return null;
        }

        if (words.TryGetValue(text, out var value))
        {
            return value;
        }

        var suggestion = Suggest(text, words.Keys);
        Error(
            DiagnosticCodes.BadEnumValue,
            $"{what} should be one of {string.Join(", ", words.Keys)}, but found '{YScalar.Shorten(text)}'." + (suggestion is null ? string.Empty : $" Did you mean '{suggestion}'?"),
            node!);
        return null;
    }

    /// <summary>Reports keys of <paramref name="mapping"/> not in <paramref name="allowed"/> and required keys that are missing.</summary>
    /// <param name="mapping">The mapping.</param>
    /// <param name="what">What it is, for messages.</param>
    /// <param name="allowed">The keys it may have, in the order messages list them.</param>
    /// <param name="required">The keys it must have.</param>
    /// <param name="allowedSet">The same keys as a set, for long lists checked often.</param>
    public void CheckKeys(YMapping mapping, string what, IReadOnlyCollection<string> allowed, IReadOnlyCollection<string> required, HashSet<string>? allowedSet = null)
    {
        foreach (var entry in mapping.Entries)
        {
            var key = entry.Key.Value;
            if (allowedSet?.Contains(key) ?? allowed.Contains(key))
            {
                continue;
            }

            var suggestion = Suggest(key, allowed);
            Diagnostics.Error(
                DiagnosticCodes.UnknownKey,
                suggestion is not null
                    ? $"Unknown key '{YScalar.Shorten(key)}' in {what}. Did you mean '{suggestion}'?"
                    : $"Unknown key '{YScalar.Shorten(key)}' in {what}; expected one of: {string.Join(", ", allowed)}.",
                At(entry.Key));
        }

        foreach (var key in required)
        {
            if (mapping.Find(key) is null)
            {
                Diagnostics.Error(DiagnosticCodes.MissingKey, $"{Capitalize(what)} is missing the required key '{key}'.", At(mapping));
            }
        }
    }

    public static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);

    public static bool TryNumber(string text, out double number) =>
        double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out number)
        && !double.IsNaN(number) && !double.IsInfinity(number);

    /// <summary>
    /// The closest candidate within an edit distance (insertions, deletions, substitutions and swaps of two
    /// neighbours) of a quarter of the word's length, at least 1 and at most 3; or null when none is that close.
    /// </summary>
    public static string? Suggest(string word, IEnumerable<string> candidates)
    {
        if (word.Length > 100)
        {
            return null;
        }

        string? best = null;
        var bestDistance = int.MaxValue;
        var threshold = Math.Min(3, Math.Max(1, word.Length / 4));
        var lower = word.ToLowerInvariant();
        foreach (var candidate in candidates)
        {
            // The distance is at least the difference in length: skip the table for words that cannot be close.
            if (Math.Abs(candidate.Length - word.Length) > threshold)
            {
                continue;
            }

            var distance = Distance(lower, candidate.ToLowerInvariant());
            if (distance <= threshold && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    private static int Distance(string a, string b)
    {
        // Optimal string alignment: a swapped pair of letters ("paht") counts as one edit.
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
