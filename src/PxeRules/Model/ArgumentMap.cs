using System;
using System.Collections;
using System.Collections.Generic;

namespace PxeRules.Model;

/// <summary>
/// A fact's arguments: a small read-only map kept as an array sorted by name (ordinal), so the engine can walk
/// it without allocating and find a name by binary search. Immutable.
/// </summary>
internal sealed class ArgumentMap : IReadOnlyDictionary<string, object?>
{
    public static readonly ArgumentMap Empty = new(Array.Empty<KeyValuePair<string, object?>>());

    private ArgumentMap(KeyValuePair<string, object?>[] pairs) => Pairs = pairs;

    /// <summary>The arguments in ordinal order of their names; never written.</summary>
    public KeyValuePair<string, object?>[] Pairs { get; }

    public int Count => Pairs.Length;

    public IEnumerable<string> Keys
    {
        get
        {
            foreach (var pair in Pairs) yield return pair.Key;
        }
    }

    public IEnumerable<object?> Values
    {
        get
        {
            foreach (var pair in Pairs) yield return pair.Value;
        }
    }

    public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No argument '{key}'.");

    /// <summary>A map of <paramref name="arguments"/>; a later value for the same name replaces an earlier one.</summary>
    public static ArgumentMap From(List<KeyValuePair<string, object?>> arguments)
    {
        if (arguments.Count == 0) return Empty;

        // A stable insertion sort: a probe takes a handful of arguments.
        var pairs = arguments.ToArray();
        for (var i = 1; i < pairs.Length; i++)
        {
            var pair = pairs[i];
            var j = i - 1;
            while (j >= 0 && string.CompareOrdinal(pairs[j].Key, pair.Key) > 0)
            {
                pairs[j + 1] = pairs[j];
                j--;
            }

            pairs[j + 1] = pair;
        }

        var count = 0;
        for (var i = 0; i < pairs.Length; i++)
        {
            if (count > 0 && string.Equals(pairs[count - 1].Key, pairs[i].Key, StringComparison.Ordinal)) pairs[count - 1] = pairs[i];
            else pairs[count++] = pairs[i];
        }

        if (count < pairs.Length) Array.Resize(ref pairs, count);
        return new ArgumentMap(pairs);
    }

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, out object? value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? Pairs[index].Value : null;
        return index >= 0;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)Pairs).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        int low = 0, high = Pairs.Length - 1;
        while (low <= high)
        {
            var middle = (low + high) >> 1;
            var order = string.CompareOrdinal(Pairs[middle].Key, key);
            if (order == 0) return middle;
            if (order < 0) low = middle + 1;
            else high = middle - 1;
        }

        return -1;
    }
}
