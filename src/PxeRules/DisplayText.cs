using System;
using System.Globalization;
using System.Text;

namespace PxeRules;

/// <summary>
/// The one way text from rules, snapshots, bundles, logs and machines is made safe for where it is shown. A machine
/// name, a log line or a rule title may hold an escape sequence that drives a terminal, a right-to-left override that
/// makes text read backwards, Markdown or HTML that injects headings, links or scripts, or characters XML cannot hold.
/// Every report and every command of the tool passes such text through here.
/// </summary>
public static class DisplayText
{
    /// <summary>
    /// Shows control characters (C0, DEL, C1), bidirectional and invisible format controls (U+061C, U+200B–U+200F,
    /// U+202A–U+202E, U+2060–U+2069, U+FEFF) and line or paragraph separators as <c>\uXXXX</c>; the text is otherwise
    /// unchanged. A line feed is kept when <paramref name="keepLineBreaks"/> is set.
    /// </summary>
    /// <param name="text">The text; null gives an empty string.</param>
    /// <param name="keepLineBreaks">Keep <c>\n</c> (for multi-line output); a lone <c>\r</c> is always escaped.</param>
    public static string Escape(string? text, bool keepLineBreaks = false)
    {
        if (string.IsNullOrEmpty(text)) return string.Empty;
        var first = FirstUnsafe(text!, keepLineBreaks);
        if (first < 0) return text!;
        var builder = new StringBuilder(text!.Length + 8);
        builder.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (IsUnsafe(c, keepLineBreaks)) AppendEscape(builder, c);
            else builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>
    /// Text for one line of Markdown: <see cref="Escape"/> (so it stays on its line), then the characters that open
    /// inline Markdown or HTML (<c>\ ` * _ [ ] | ~</c>) escaped with a backslash and <c>&lt; &gt; &amp;</c> written as
    /// entities, so the text cannot make a link, an image, emphasis, a table cell or an HTML element; a leading
    /// <c># - + = &gt;</c> or number-and-dot is escaped too, so it cannot start a heading, a list or a quote.
    /// </summary>
    /// <param name="text">The text; null gives an empty string.</param>
    public static string ForMarkdown(string? text)
    {
        var escaped = Escape(text);
        var builder = new StringBuilder(escaped.Length + 16);
        var start = 0;
        while (start < escaped.Length && escaped[start] == ' ') start++;
        for (var i = 0; i < escaped.Length; i++)
        {
            var c = escaped[i];
            if (i == start && (c is '#' or '-' or '+' or '=' || (char.IsDigit(c) && StartsNumberedItem(escaped, i))))
            {
                builder.Append('\\');
            }

            switch (c)
            {
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '&': builder.Append("&amp;"); break;
                case '\\' or '`' or '*' or '_' or '[' or ']' or '|' or '~':
                    builder.Append('\\').Append(c);
                    break;
                default: builder.Append(c); break;
            }
        }

        return builder.ToString();
    }

    private static bool StartsNumberedItem(string text, int at)
    {
        var i = at;
        while (i < text.Length && char.IsDigit(text[i])) i++;
        return i < text.Length && text[i] is '.' or ')';
    }

    /// <summary>Text for Markdown code spans: <see cref="Escape"/>, wrapped in enough backticks that none inside closes it.</summary>
    /// <param name="text">The text; null gives an empty code span.</param>
    public static string ForMarkdownCode(string? text)
    {
        var escaped = Escape(text);
        var fence = new string('`', LongestBacktickRun(escaped) + 1);
        var pad = escaped.StartsWith("`", StringComparison.Ordinal) || escaped.EndsWith("`", StringComparison.Ordinal) ? " " : string.Empty;
        return fence + pad + escaped + pad + fence;
    }

    /// <summary>
    /// A fenced Markdown code block holding <paramref name="text"/> (<see cref="Escape"/> with line breaks kept), with a
    /// fence longer than any run of backticks inside, so the text cannot close it.
    /// </summary>
    /// <param name="text">The text; null gives an empty block.</param>
    /// <param name="language">The info string, such as <c>text</c>.</param>
    public static string ForMarkdownCodeBlock(string? text, string language = "text")
    {
        var escaped = Escape(text, keepLineBreaks: true);
        var fence = new string('`', Math.Max(3, LongestBacktickRun(escaped) + 1));
        return $"{fence}{language}\n{escaped}\n{fence}";
    }

    /// <summary>Text for HTML element content or a quoted attribute: <see cref="Escape"/> (line breaks kept), then <c>&amp; &lt; &gt; " '</c> as entities.</summary>
    /// <param name="text">The text; null gives an empty string.</param>
    public static string ForHtml(string? text)
    {
        var escaped = Escape(text, keepLineBreaks: true);
        var builder = new StringBuilder(escaped.Length + 16);
        foreach (var c in escaped)
        {
            switch (c)
            {
                case '&': builder.Append("&amp;"); break;
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '"': builder.Append("&quot;"); break;
                case '\'': builder.Append("&#39;"); break;
                default: builder.Append(c); break;
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Text XML 1.0 can hold, escaped for element content and attributes: tab, line feed and carriage return stay,
    /// every other control, bidirectional control, lone surrogate and U+FFFE/U+FFFF becomes <c>\uXXXX</c>, and
    /// <c>&amp; &lt; &gt; " '</c> become entities.
    /// </summary>
    /// <param name="text">The text; null gives an empty string.</param>
    public static string ForXml(string? text)
    {
        if (string.IsNullOrEmpty(text)) return string.Empty;
        var builder = new StringBuilder(text!.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
                continue;
            }

            if (c is '\t' or '\n' or '\r')
            {
                builder.Append(c);
            }
            else if (char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF' || IsUnsafe(c, keepLineBreaks: false))
            {
                AppendEscape(builder, c);
            }
            else
            {
                switch (c)
                {
                    case '&': builder.Append("&amp;"); break;
                    case '<': builder.Append("&lt;"); break;
                    case '>': builder.Append("&gt;"); break;
                    case '"': builder.Append("&quot;"); break;
                    case '\'': builder.Append("&apos;"); break;
                    default: builder.Append(c); break;
                }
            }
        }

        return builder.ToString();
    }

    /// <summary>The link when it is an absolute http or https URL; anything else (<c>javascript:</c>, <c>file:</c>, <c>data:</c>) gives null.</summary>
    /// <param name="url">The link, or null.</param>
    public static Uri? SafeLink(Uri? url) =>
        url is not null && url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) ? url : null;

    private static int LongestBacktickRun(string text)
    {
        int longest = 0, run = 0;
        foreach (var c in text)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return longest;
    }

    private static int FirstUnsafe(string text, bool keepLineBreaks)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsUnsafe(text[i], keepLineBreaks)) return i;
        }

        return -1;
    }

    private static bool IsUnsafe(char c, bool keepLineBreaks)
    {
        if (c == '\n') return !keepLineBreaks;
        if (c < ' ' || (c >= '\u007F' && c <= '\u009F')) return true;
        return c is '\u061C' or (>= '\u200B' and <= '\u200F') or (>= '\u202A' and <= '\u202E') or (>= '\u2060' and <= '\u2069')
            or '\u2028' or '\u2029' or '\uFEFF';
    }

    private static void AppendEscape(StringBuilder builder, char c) =>
        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
}
