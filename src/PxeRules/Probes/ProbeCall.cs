using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace PxeRules.Probes;

/// <summary>
/// One probe call: a kind, its arguments (with every <c>{{ }}</c> reference filled in) and the machine it runs
/// on. Two calls with the same <see cref="Key"/> are the same call and run once per evaluation. Immutable.
/// </summary>
public sealed class ProbeCall : IEquatable<ProbeCall>
{
    private static readonly IReadOnlyDictionary<string, object?> NoArguments = new Dictionary<string, object?>(0);

    /// <summary>Creates a probe call.</summary>
    /// <param name="machine">The machine to read the fact on.</param>
    /// <param name="kind">The probe kind's name.</param>
    /// <param name="arguments">Argument name to value: a string, number, boolean, or a list of those.</param>
    public ProbeCall(Machine machine, string kind, IReadOnlyDictionary<string, object?>? arguments = null)
    {
        Machine = machine ?? throw new ArgumentNullException(nameof(machine));
        Kind = string.IsNullOrEmpty(kind) ? throw new ArgumentException("A probe call needs a kind.", nameof(kind)) : kind;
        Arguments = arguments is null || arguments.Count == 0
            ? NoArguments
            : new SortedDictionary<string, object?>(arguments.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), StringComparer.Ordinal);
        Key = BuildKey(machine.Name, Kind, Arguments);
    }

    /// <summary>The machine to read the fact on.</summary>
    public Machine Machine { get; }

    /// <summary>The probe kind's name.</summary>
    public string Kind { get; }

    /// <summary>The arguments, sorted by name.</summary>
    public IReadOnlyDictionary<string, object?> Arguments { get; }

    /// <summary>
    /// The call's identity: machine, kind and arguments, compared ignoring case because Windows names, paths,
    /// registry keys and service names ignore case.
    /// </summary>
    public string Key { get; }

    /// <summary>Returns an argument as a string, or <see langword="null"/> when it was not given.</summary>
    public string? GetString(string name) =>
        Arguments.TryGetValue(name, out var value) && value is not null ? FactValues.ToInvariantString(value) : null;

    /// <summary>
    /// Reads a numeric argument without throwing: true with its value when it was given as a number, or as text that
    /// holds one (invariant culture); false when it was not given or is not a number.
    /// </summary>
    public bool TryGetNumber(string name, out double value)
    {
        value = 0;
        if (!Arguments.TryGetValue(name, out var given) || given is null) return false;
        switch (given)
        {
            case double d: value = d; return true;
            case int or long or float or decimal or short or byte: value = Convert.ToDouble(given, CultureInfo.InvariantCulture); return true;
            case string text: return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
            default: return false;
        }
    }

    /// <summary>Reads a boolean argument without throwing: true with its value when it was given as a boolean (or as <c>true</c>/<c>false</c>); false otherwise.</summary>
    public bool TryGetBoolean(string name, out bool value)
    {
        value = false;
        if (!Arguments.TryGetValue(name, out var given) || given is null) return false;
        if (given is bool b)
        {
            value = b;
            return true;
        }

        return given is string text && bool.TryParse(text, out value);
    }

    /// <summary>Returns a numeric argument, or <paramref name="defaultValue"/> when it was not given.</summary>
    /// <exception cref="FormatException">The argument is text that is not a number (see <see cref="TryGetNumber"/>).</exception>
    /// <exception cref="InvalidCastException">The argument is not a number (see <see cref="TryGetNumber"/>).</exception>
    public double GetNumber(string name, double defaultValue) =>
        Arguments.TryGetValue(name, out var value) && value is not null ? Convert.ToDouble(value, CultureInfo.InvariantCulture) : defaultValue;

    /// <summary>Returns a boolean argument, or <paramref name="defaultValue"/> when it was not given.</summary>
    public bool GetBoolean(string name, bool defaultValue) =>
        Arguments.TryGetValue(name, out var value) && value is bool b ? b : defaultValue;

    /// <summary>Returns a list argument as strings; a single value becomes a one-item list; absent is empty.</summary>
    public IReadOnlyList<string> GetStrings(string name)
    {
        if (!Arguments.TryGetValue(name, out var value) || value is null)
        {
            return Array.Empty<string>();
        }

        if (value is IEnumerable<object?> items && value is not string)
        {
            return items.Where(i => i is not null).Select(i => FactValues.ToInvariantString(i!)).ToArray();
        }

        return new[] { FactValues.ToInvariantString(value) };
    }

    // The call is immutable; explanations and reports show it many times. Racing threads may both make it.
    private string? shown;

    /// <summary>Calls are equal when their keys are, ignoring case.</summary>
    public bool Equals(ProbeCall? other) => other is not null && string.Equals(Key, other.Key, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ProbeCall);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Key);

    /// <summary>The call as a person reads it: <c>file(path: C:\x.dll) on PXE01</c>.</summary>
    public override string ToString() => shown ??= $"{Describe()} on {Machine.Name}";

    /// <summary>The kind and arguments without the machine: <c>file(path: C:\x.dll)</c>.</summary>
    public string Describe()
    {
        if (Arguments.Count == 0)
        {
            return Kind;
        }

        return Kind + "(" + string.Join(", ", Arguments.Select(p => p.Key + ": " + FactValues.Display(p.Value))) + ")";
    }

    private static string BuildKey(string machine, string kind, IReadOnlyDictionary<string, object?> arguments)
    {
        var builder = new StringBuilder();
        builder.Append(machine);
        AppendSuffix(builder, kind, arguments);
        return builder.ToString();
    }

    /// <summary>
    /// The part of <see cref="Key"/> after the machine name for <paramref name="kind"/> and <paramref name="arguments"/>
    /// (in any order), so the engine can find a call's record for any machine without building the call.
    /// </summary>
    internal static string KeySuffix(string kind, IReadOnlyDictionary<string, object?> arguments)
    {
        var builder = new StringBuilder();
        if (arguments.Count <= 1 || arguments is Model.ArgumentMap || (arguments is SortedDictionary<string, object?> sorted && ReferenceEquals(sorted.Comparer, StringComparer.Ordinal)))
        {
            // Already in ordinal order, as the loader keeps arguments.
            AppendSuffix(builder, kind, arguments);
        }
        else
        {
            var pairs = new List<KeyValuePair<string, object?>>(arguments);
            pairs.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
            AppendSuffix(builder, kind, pairs);
        }

        return builder.ToString();
    }

    private static void AppendSuffix(StringBuilder builder, string kind, IEnumerable<KeyValuePair<string, object?>> arguments)
    {
        builder.Append('|').Append(kind);
        foreach (var pair in arguments)
        {
            builder.Append('|').Append(pair.Key).Append('=');
            AppendCanonical(builder, pair.Value);
        }
    }

    private static void AppendCanonical(StringBuilder builder, object? value)
    {
        if (value is IEnumerable<object?> items && value is not string)
        {
            builder.Append('[');
            foreach (var item in items)
            {
                AppendCanonical(builder, item);
                builder.Append(';');
            }

            builder.Append(']');
            return;
        }

        builder.Append(value is null ? "~" : FactValues.ToInvariantString(value));
    }
}
