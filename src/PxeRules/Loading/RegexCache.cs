using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace PxeRules.Loading;

/// <summary>Builds each distinct pattern once per load; rules often share patterns.</summary>
internal sealed class RegexCache
{
    private readonly Dictionary<string, Regex> cache = new(StringComparer.Ordinal);
    private readonly TimeSpan timeout;

    public RegexCache(TimeSpan timeout) => this.timeout = timeout;

    public Regex? Get(string pattern, bool caseSensitive, out string? error)
    {
        error = null;
        var key = (caseSensitive ? "1" : "0") + pattern;
        if (cache.TryGetValue(key, out var regex))
        {
            return regex;
        }

        try
        {
            var options = RegexOptions.CultureInvariant | (caseSensitive ? RegexOptions.None : RegexOptions.IgnoreCase);
            regex = new Regex(pattern, options, timeout);
            cache[key] = regex;
            return regex;
        }
        catch (ArgumentException ex)
        {
            error = ex.Message;
            return null;
        }
    }
}
