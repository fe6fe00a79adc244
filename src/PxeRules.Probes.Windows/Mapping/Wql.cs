using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace PxeRules.Probes.Windows.Mapping;

/// <summary>Helpers for WQL text and WMI values.</summary>
internal static class Wql
{
    private static readonly Regex FromClass = new(@"\bFROM\s+(\w+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>The class a <c>SELECT … FROM Class</c> query reads, or <see langword="null"/>.</summary>
    public static string? ClassOf(string query) => FromClass.Match(query) is { Success: true } match ? match.Groups[1].Value : null;

    /// <summary>Quotes a string literal for a WQL WHERE clause.</summary>
    public static string Quote(string value) => "'" + value.Replace("\\", "\\\\").Replace("'", "\\'") + "'";

    public static string? String(IReadOnlyDictionary<string, object?> row, string name) =>
        row.TryGetValue(name, out var value) && value is not null ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;

    public static long? Number(IReadOnlyDictionary<string, object?> row, string name)
    {
        if (!row.TryGetValue(name, out var value) || value is null)
        {
            return null;
        }

        return value switch
        {
            string s => long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null,
            bool b => b ? 1 : 0,
            ulong u => unchecked((long)u),
            IConvertible convertible => convertible.ToInt64(CultureInfo.InvariantCulture),
            _ => null,
        };
    }

    public static bool? Boolean(IReadOnlyDictionary<string, object?> row, string name) =>
        row.TryGetValue(name, out var value) && value is bool b ? b : Number(row, name) is { } n ? n != 0 : null;
}
