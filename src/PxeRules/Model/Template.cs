using System;
using System.Collections.Generic;
using System.Text;

namespace PxeRules.Model;

/// <summary>A text with <c>{{ fact }}</c> or <c>{{ fact.field }}</c> references, parsed once.</summary>
internal sealed class Template
{
    private Template(string text, IReadOnlyList<object> parts)
    {
        Text = text;
        Parts = parts;
    }

    public string Text { get; }

    /// <summary>Literal strings and <see cref="FactPath"/> references, in order.</summary>
    public IReadOnlyList<object> Parts { get; }

    public bool HasReferences
    {
        get
        {
            foreach (var part in Parts)
            {
                if (part is FactPath) return true;
            }

            return false;
        }
    }

    public IEnumerable<FactPath> References
    {
        get
        {
            foreach (var part in Parts)
            {
                if (part is FactPath path) yield return path;
            }
        }
    }

    /// <summary>Parses <paramref name="text"/>; on failure returns null and a message with the offending offset.</summary>
    public static Template? TryParse(string text, out string? error, out int errorOffset)
    {
        error = null;
        errorOffset = 0;
        var parts = new List<object>();
        var position = 0;
        while (position < text.Length)
        {
            var open = text.IndexOf("{{", position, StringComparison.Ordinal);
            if (open < 0)
            {
                parts.Add(text.Substring(position));
                break;
            }

            if (open > position)
            {
                parts.Add(text.Substring(position, open - position));
            }

            var close = text.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                error = "A '{{' reference is not closed with '}}'.";
                errorOffset = open;
                return null;
            }

            var name = text.Substring(open + 2, close - open - 2).Trim();
            if (!IsPath(name))
            {
                error = $"'{{{{ {name} }}}}' is not a fact reference; expected a fact name or fact.field, such as {{{{ wimgapi.version }}}}.";
                errorOffset = open;
                return null;
            }

            parts.Add(FactPath.Parse(name, isItemField: false));
            position = close + 2;
        }

        return new Template(text, parts);
    }

    public string Render(Func<FactPath, string> resolve)
    {
        if (Parts.Count == 1 && Parts[0] is string only)
        {
            return only;
        }

        var builder = new StringBuilder(Text.Length + 16);
        foreach (var part in Parts)
        {
            builder.Append(part is FactPath path ? resolve(path) : (string)part);
        }

        return builder.ToString();
    }

    internal static bool IsName(string text)
    {
        if (text.Length == 0 || text.Length > 64 || !IsLetter(text[0]))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!IsLetter(c) && !(c >= '0' && c <= '9') && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    internal static bool IsPath(string text)
    {
        foreach (var segment in text.Split('.'))
        {
            if (!IsName(segment)) return false;
        }

        return true;
    }

    private static bool IsLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
