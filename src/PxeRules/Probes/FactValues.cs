using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace PxeRules.Probes;

/// <summary>
/// Helpers for the values facts hold: parsing the text forms of versions, date-times and durations, comparing
/// versions numerically, and displaying values the way evidence and remediation show them.
/// </summary>
public static class FactValues
{
    /// <summary>
    /// Parses a version of two to four numeric parts (<c>6.0.6001.18000</c>, <c>4.00.6221.1000</c>). Stricter than
    /// <see cref="Version.TryParse(string, out Version)"/>: no signs, no spaces, no empty parts.
    /// </summary>
    public static bool TryParseVersion(string? text, out Version version)
    {
        version = new Version(0, 0);
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var parts = text!.Split('.');
        if (parts.Length is < 2 or > 4)
        {
            return false;
        }

        var numbers = new int[4];
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part.Length == 0 || part.Length > 10 || !part.All(c => c >= '0' && c <= '9')
                || !int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                return false;
            }
        }

        version = parts.Length switch
        {
            2 => new Version(numbers[0], numbers[1]),
            3 => new Version(numbers[0], numbers[1], numbers[2]),
            _ => new Version(numbers[0], numbers[1], numbers[2], numbers[3]),
        };
        return true;
    }

    /// <summary>
    /// Compares two versions part by part, numerically, treating a missing part as 0 (so 6.0 equals 6.0.0.0,
    /// and 6.0.6000.16386 is less than 6.0.6001.18000).
    /// </summary>
    public static int CompareVersions(Version left, Version right)
    {
        if (left is null) throw new ArgumentNullException(nameof(left));
        if (right is null) throw new ArgumentNullException(nameof(right));
        var c = left.Major.CompareTo(right.Major);
        if (c != 0) return c;
        c = left.Minor.CompareTo(right.Minor);
        if (c != 0) return c;
        c = Math.Max(left.Build, 0).CompareTo(Math.Max(right.Build, 0));
        return c != 0 ? c : Math.Max(left.Revision, 0).CompareTo(Math.Max(right.Revision, 0));
    }

    /// <summary>Parses a duration written as <c>7d</c>, <c>12h</c>, <c>30m</c>, <c>45s</c> or a combination such as <c>1d12h</c>.</summary>
    public static bool TryParseDuration(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text) || text!.Length > 64)
        {
            return false;
        }

        var units = "dhms";
        var lastUnit = -1;
        long number = -1;
        double totalSeconds = 0;
        foreach (var c in text)
        {
            if (c >= '0' && c <= '9')
            {
                number = (number < 0 ? 0 : number * 10) + (c - '0');
                if (number > 1_000_000_000)
                {
                    return false;
                }

                continue;
            }

            var unit = units.IndexOf(c);
            if (unit < 0 || number < 0 || unit <= lastUnit)
            {
                return false;
            }

            totalSeconds += number * unit switch { 0 => 86400d, 1 => 3600d, 2 => 60d, _ => 1d };
            lastUnit = unit;
            number = -1;
        }

        if (number >= 0 || lastUnit < 0 || totalSeconds > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(totalSeconds);
        return true;
    }

    /// <summary>Parses an ISO 8601 date-time; a value without an offset is taken as UTC.</summary>
    public static bool TryParseDateTime(string? text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(
            text,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces,
            out value)
        && !string.IsNullOrEmpty(text) && char.IsDigit(text![0]);

    /// <summary>Formats a duration in the form rules write it (<c>7d</c>, <c>1d12h</c>, <c>90s</c>).</summary>
    public static string FormatDuration(TimeSpan duration)
    {
        if (duration == TimeSpan.Zero)
        {
            return "0s";
        }

        var builder = new StringBuilder();
        if (duration < TimeSpan.Zero)
        {
            builder.Append('-');
            duration = duration.Negate();
        }

        if (duration.Days > 0) builder.Append(duration.Days).Append('d');
        if (duration.Hours > 0) builder.Append(duration.Hours).Append('h');
        if (duration.Minutes > 0) builder.Append(duration.Minutes).Append('m');
        if (duration.Seconds > 0 || duration.Milliseconds > 0)
        {
            var seconds = duration.Seconds + (duration.Milliseconds / 1000d);
            builder.Append(seconds.ToString("0.###", CultureInfo.InvariantCulture)).Append('s');
        }

        return builder.ToString();
    }

    /// <summary>Formats a scalar invariantly: numbers without exponent noise, date-times in ISO 8601, durations as rules write them.</summary>
    public static string ToInvariantString(object value) => value switch
    {
        null => string.Empty,
        string s => s,
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => ((double)f).ToString("R", CultureInfo.InvariantCulture),
        DateTimeOffset dto => dto.ToString(dto.Offset == TimeSpan.Zero ? "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
        DateTime dt => ToInvariantString(new DateTimeOffset(dt.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(dt, DateTimeKind.Utc) : dt.ToUniversalTime())),
        TimeSpan ts => FormatDuration(ts),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>Displays a value for evidence: scalars as text, lists as <c>[a, b]</c>, records as <c>{ k: v }</c>; long output is cut.</summary>
    public static string Display(object? value)
    {
        // Scalars, the common case, need no builder.
        switch (value)
        {
            case null:
                return "(none)";
            case IReadOnlyDictionary<string, object?> or IEnumerable<object?>:
                break;
            default:
                var text = ToInvariantString(value);
                if (text.Length <= 300) return text;
                break;
        }

        var builder = new StringBuilder();
        AppendDisplay(builder, value, 0);
        return builder.Length > 300 ? builder.ToString(0, 297) + "..." : builder.ToString();
    }

    private static void AppendDisplay(StringBuilder builder, object? value, int depth)
    {
        if (builder.Length > 300)
        {
            return;
        }

        switch (value)
        {
            case null:
                builder.Append("(none)");
                break;
            case string s:
                builder.Append(s);
                break;
            case IReadOnlyDictionary<string, object?> record:
                if (depth > 3)
                {
                    builder.Append("{...}");
                    break;
                }

                builder.Append("{ ");
                var first = true;
                foreach (var pair in record)
                {
                    if (!first) builder.Append(", ");
                    first = false;
                    builder.Append(pair.Key).Append(": ");
                    AppendDisplay(builder, pair.Value, depth + 1);
                }

                builder.Append(" }");
                break;
            case IEnumerable<object?> items:
                if (depth > 3)
                {
                    builder.Append("[...]");
                    break;
                }

                builder.Append('[');
                var count = 0;
                foreach (var item in items)
                {
                    if (count++ > 0) builder.Append(", ");
                    AppendDisplay(builder, item, depth + 1);
                    if (builder.Length > 300) break;
                }

                builder.Append(']');
                break;
            default:
                builder.Append(ToInvariantString(value));
                break;
        }
    }

    /// <summary>
    /// Brings a value a provider returned into the engine's types for <paramref name="shape"/>: numbers become
    /// <see cref="double"/>, <see cref="DateTime"/> becomes <see cref="DateTimeOffset"/>, text of a typed field is
    /// parsed, lists and records are converted item by item.
    /// </summary>
    /// <returns><see langword="null"/> on success, else a sentence saying what did not fit.</returns>
    internal static string? Conform(object? raw, ValueShape shape, string path, out object? value) =>
        Conform(raw, shape, path, new ValueBudget(int.MaxValue), out value);

    /// <summary>Like <see cref="Conform(object?, ValueShape, string, out object?)"/>, within <paramref name="budget"/>.</summary>
    /// <exception cref="ValueTooLargeException">The value holds more items or nests deeper than the budget allows.</exception>
    internal static string? Conform(object? raw, ValueShape shape, string path, ValueBudget budget, out object? value) =>
        Conform(raw, shape, path, budget, 0, out value);

    private static string? Conform(object? raw, ValueShape shape, string path, ValueBudget budget, int depth, out object? value)
    {
        value = null;
        if (raw is null)
        {
            return null;
        }

        switch (shape.Type)
        {
            case FactType.String:
                if (raw is string s) { value = s; return null; }
                return Mismatch(path, shape, raw);
            case FactType.Number:
                if (TryNumber(raw, out var d)) { value = d; return null; }
                if (raw is string ns && double.TryParse(ns, NumberStyles.Float, CultureInfo.InvariantCulture, out d)) { value = d; return null; }
                return Mismatch(path, shape, raw);
            case FactType.Boolean:
                if (raw is bool b) { value = b; return null; }
                if (raw is string bs && bool.TryParse(bs, out b)) { value = b; return null; }
                return Mismatch(path, shape, raw);
            case FactType.Version:
                if (raw is Version v) { value = v; return null; }
                if (raw is string vs && TryParseVersion(vs, out v)) { value = v; return null; }
                return Mismatch(path, shape, raw);
            case FactType.DateTime:
                if (raw is DateTimeOffset dto) { value = dto; return null; }
                if (raw is DateTime dt) { value = new DateTimeOffset(dt.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(dt, DateTimeKind.Utc) : dt); return null; }
                if (raw is string ds && TryParseDateTime(ds, out dto)) { value = dto; return null; }
                return Mismatch(path, shape, raw);
            case FactType.Duration:
                if (raw is TimeSpan ts) { value = ts; return null; }
                if (raw is string tss && TryParseDuration(tss, out ts)) { value = ts; return null; }
                return Mismatch(path, shape, raw);
            case FactType.List:
                if (raw is string || raw is IReadOnlyDictionary<string, object?> || raw is not System.Collections.IEnumerable sequence)
                {
                    return Mismatch(path, shape, raw);
                }

                budget.Enter(depth);
                var list = new List<object?>();
                var index = 0;
                foreach (var item in sequence)
                {
                    budget.Take();
                    var error = Conform(item, shape.Item!, $"{path}[{index}]", budget, depth + 1, out var converted);
                    if (error is not null) return error;
                    list.Add(converted);
                    index++;
                }

                value = list.ToArray();
                return null;
            case FactType.Record:
                if (raw is not IReadOnlyDictionary<string, object?> record)
                {
                    return Mismatch(path, shape, raw);
                }

                budget.Enter(depth);
                var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var pair in record)
                {
                    budget.Take();
                    if (shape.Fields.TryGetValue(pair.Key, out var fieldShape))
                    {
                        var error = Conform(pair.Value, fieldShape, path + "." + pair.Key, budget, depth + 1, out var converted);
                        if (error is not null) return error;
                        if (converted is not null) fields[pair.Key] = converted;
                    }
                    else
                    {
                        // Fields the catalogue does not declare are kept as they came, for display.
                        fields[pair.Key] = ConformAny(pair.Value, budget, depth + 1);
                    }
                }

                value = fields;
                return null;
            default:
                value = ConformAny(raw, budget, depth);
                return null;
        }
    }

    private static object? ConformAny(object? raw, ValueBudget budget, int depth)
    {
        if (raw is null || raw is string || raw is bool || raw is Version || raw is DateTimeOffset || raw is TimeSpan)
        {
            return raw;
        }

        if (TryNumber(raw, out var d))
        {
            return d;
        }

        if (raw is DateTime dt)
        {
            return new DateTimeOffset(dt.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(dt, DateTimeKind.Utc) : dt);
        }

        if (raw is IReadOnlyDictionary<string, object?> record)
        {
            budget.Enter(depth);
            var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var pair in record)
            {
                budget.Take();
                fields[pair.Key] = ConformAny(pair.Value, budget, depth + 1);
            }

            return fields;
        }

        if (raw is System.Collections.IEnumerable sequence)
        {
            budget.Enter(depth);
            var items = new List<object?>();
            foreach (var item in sequence)
            {
                budget.Take();
                items.Add(ConformAny(item, budget, depth + 1));
            }

            return items.ToArray();
        }

        return raw.ToString();
    }

    internal static bool TryNumber(object raw, out double number)
    {
        switch (raw)
        {
            case double d: number = d; return true;
            case int i: number = i; return true;
            case long l: number = l; return true;
            case uint ui: number = ui; return true;
            case ulong ul: number = ul; return true;
            case short sh: number = sh; return true;
            case ushort us: number = us; return true;
            case byte by: number = by; return true;
            case sbyte sb: number = sb; return true;
            case float f: number = f; return true;
            case decimal m: number = (double)m; return true;
            default: number = 0; return false;
        }
    }

    internal static string TypeOf(object? value) => value switch
    {
        null => "nothing",
        string => "a string",
        bool => "a boolean",
        Version => "a version",
        DateTimeOffset or DateTime => "a date-time",
        TimeSpan => "a duration",
        IReadOnlyDictionary<string, object?> => "a record",
        System.Collections.IEnumerable => "a list",
        _ when TryNumber(value, out _) => "a number",
        _ => "a " + value.GetType().Name,
    };

    private static string Mismatch(string path, ValueShape shape, object raw) =>
        $"'{path}' should be {Article(shape)} but the provider returned {TypeOf(raw)} ('{Display(raw)}').";

    internal static string Article(ValueShape shape) => shape.Type switch
    {
        FactType.Any => "a scalar",
        FactType.List => "a list",
        FactType.Record => "a record",
        _ => "a " + ValueShape.TypeName(shape.Type),
    };
}

/// <summary>
/// How much of a provider's value the engine takes in: at most a number of list items and record fields in all,
/// nested at most <see cref="MaxDepth"/> deep. A value that contains itself, never ends or is merely enormous stops
/// here instead of exhausting the stack, the memory or the run's time.
/// </summary>
internal sealed class ValueBudget
{
    /// <summary>The deepest nesting of lists and records a value may have; the catalogue's deepest is three.</summary>
    public const int MaxDepth = 32;

    private readonly int maxItems;
    private int items;

    public ValueBudget(int maxItems) => this.maxItems = maxItems;

    public void Enter(int depth)
    {
        if (depth >= MaxDepth)
        {
            throw new ValueTooLargeException($"The provider returned a value nested deeper than {MaxDepth} levels (a value that contains itself?).");
        }
    }

    public void Take()
    {
        if (++items > maxItems)
        {
            throw new ValueTooLargeException($"The provider returned more than {maxItems} items, the limit; narrow the probe's arguments.");
        }
    }
}

/// <summary>A provider's value exceeded the <see cref="ValueBudget"/>; the fact is unavailable with this message.</summary>
internal sealed class ValueTooLargeException : Exception
{
    public ValueTooLargeException(string message)
        : base(message)
    {
    }
}
