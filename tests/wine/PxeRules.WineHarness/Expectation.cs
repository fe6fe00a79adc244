using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using PxeRules.Probes;

namespace PxeRules.WineHarness;

/// <summary>One probe call and what it must answer.</summary>
internal sealed record Case(ProbeCall Call, Expectation Expected)
{
    public static Case Of(string kind, Expectation expected, params (string Name, object? Value)[] arguments) =>
        new(new ProbeCall(new Machine("."), kind, arguments.ToDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal)), expected);
}

/// <summary>
/// What a call must answer: a value whose fields read as given, not found, or unavailable with a reason that
/// matches. Fields are paths (<c>access[0].rights</c>, <c>count()</c> for a list's length); an expected text
/// starting with <c>~</c> is a regex the shown value must match.
/// </summary>
internal sealed class Expectation
{
    private readonly ProbeStatus status;
    private readonly (string Path, string Expected)[] fields;
    private readonly string? reason;

    private Expectation(ProbeStatus status, (string, string)[] fields, string? reason, string text)
    {
        this.status = status;
        this.fields = fields;
        this.reason = reason;
        Text = text;
    }

    /// <summary>How the table shows it.</summary>
    public string Text { get; }

    public static Expectation Value(params (string Path, string Expected)[] fields) =>
        new(ProbeStatus.Value, fields, null, "value: " + string.Join(", ", fields.Select(f => f.Path.Length == 0 ? f.Expected : f.Path + " " + f.Expected)));

    public static Expectation NotFound(string reasonPattern) => new(ProbeStatus.NotFound, Array.Empty<(string, string)>(), reasonPattern, "not found");

    public static Expectation Unavailable(string reasonPattern, string because) =>
        new(ProbeStatus.Unavailable, Array.Empty<(string, string)>(), reasonPattern, "unavailable (" + because + ")");

    public IReadOnlyList<string> Check(ProbeResult result)
    {
        var problems = new List<string>();
        if (result.Status != status)
        {
            problems.Add($"expected {status}, got {result.Status}: {(result.Status == ProbeStatus.Value ? Show.Value(result.Value, 300) : result.Reason)}");
            return problems;
        }

        if (reason is not null && !Regex.IsMatch(result.Reason ?? string.Empty, reason, RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            problems.Add($"the reason \"{result.Reason}\" does not match /{reason}/");
        }

        foreach (var (path, expected) in fields)
        {
            string shown;
            try
            {
                shown = Show.Value(Navigate(result.Value, path), 2000);
            }
            catch (KeyNotFoundException e)
            {
                problems.Add($"{path}: {e.Message}");
                continue;
            }

            var ok = expected.StartsWith('~')
                ? Regex.IsMatch(shown, expected.Substring(1), RegexOptions.None, TimeSpan.FromSeconds(1))
                : string.Equals(shown, expected, StringComparison.Ordinal);
            if (!ok)
            {
                problems.Add($"{path}: expected {expected}, got {shown}");
            }
        }

        return problems;
    }

    private static object? Navigate(object? value, string path)
    {
        foreach (var part in Regex.Split(path, @"\.(?![^\[]*\])"))
        {
            var match = Regex.Match(part, @"^(?<name>[^\[]*)(\[(?<index>\d+)\])?$");
            var name = match.Groups["name"].Value;
            if (name == "count()")
            {
                value = value is IList list ? list.Count : throw new KeyNotFoundException("not a list");
            }
            else if (name.Length > 0)
            {
                value = value is IReadOnlyDictionary<string, object?> record && record.TryGetValue(name, out var field)
                    ? field
                    : throw new KeyNotFoundException($"no field '{name}' in {Show.Value(value, 300)}");
            }

            if (match.Groups["index"].Success)
            {
                var index = int.Parse(match.Groups["index"].Value, CultureInfo.InvariantCulture);
                value = value is IList items && index < items.Count ? items[index] : throw new KeyNotFoundException($"no item {index} in {Show.Value(value, 300)}");
            }
        }

        return value;
    }
}

/// <summary>Shows fact values the way the expectations are written.</summary>
internal static class Show
{
    public static string Value(object? value, int max)
    {
        var text = Text(value);
        return text.Length <= max ? text : text.Substring(0, max) + "...";
    }

    private static string Text(object? value) => value switch
    {
        null => "null",
        string s => s,
        bool b => b ? "true" : "false",
        DateTimeOffset d => d.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
        IReadOnlyDictionary<string, object?> record => "{" + string.Join(", ", record.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + ": " + Text(p.Value))) + "}",
        IEnumerable list => "[" + string.Join(", ", list.Cast<object?>().Select(Text)) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
