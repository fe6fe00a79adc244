using System;
using System.Text;

namespace PxeRules.Probes;

/// <summary>
/// Expands <c>%NAME%</c> in paths, the one expander the file-system and Windows providers share. A name is what lies
/// between two <c>%</c> that holds no <c>\</c> or <c>/</c> and is not empty; anything else is text (<c>100%</c>,
/// <c>C:\50%\x%y</c>), and the search goes on from the second <c>%</c>. Values may name variables themselves, expanded
/// up to <c>maxDepth</c> levels. Names are given to the lookup as written; the lookup decides about case. Thread-safe
/// when the lookup is.
/// </summary>
public static class PathVariables
{
    private static readonly char[] Separators = { '\\', '/' };

    /// <summary>
    /// Expands every variable of <paramref name="text"/> with <paramref name="lookup"/> (null: not defined). Returns
    /// false with the first name that is not defined in <paramref name="undefined"/>; <paramref name="expanded"/> is
    /// then <paramref name="text"/>.
    /// </summary>
    /// <param name="text">A path such as <c>%windir%\System32\wimgapi.dll</c>.</param>
    /// <param name="lookup">A variable's value, or null when it is not defined; may throw to refuse with a reason.</param>
    /// <param name="expanded">The text with every variable replaced.</param>
    /// <param name="undefined">The first name not defined, or null.</param>
    /// <param name="maxDepth">How many levels of variables inside values are expanded (default 0: values are taken as they are).</param>
    public static bool TryExpand(string text, Func<string, string?> lookup, out string expanded, out string? undefined, int maxDepth = 0)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        if (lookup is null) throw new ArgumentNullException(nameof(lookup));
        expanded = text;
        undefined = null;
        if (text.IndexOf('%') < 0) return true;

        var builder = new StringBuilder(text.Length + 32);
        var i = 0;
        while (i < text.Length)
        {
            var open = text.IndexOf('%', i);
            var close = open < 0 ? -1 : text.IndexOf('%', open + 1);
            if (close < 0)
            {
                builder.Append(text, i, text.Length - i);
                break;
            }

            var name = text.Substring(open + 1, close - open - 1);
            if (name.Length == 0 || name.IndexOfAny(Separators) >= 0)
            {
                // Not a variable (a lone % in a name): keep the first % and look again from the second.
                builder.Append(text, i, close - i);
                i = close;
                continue;
            }

            var value = lookup(name);
            if (value is null)
            {
                undefined = name;
                return false;
            }

            if (maxDepth > 0 && !TryExpand(value, lookup, out value, out undefined, maxDepth - 1))
            {
                return false;
            }

            builder.Append(text, i, open - i).Append(value);
            i = close + 1;
        }

        expanded = builder.ToString();
        return true;
    }
}
