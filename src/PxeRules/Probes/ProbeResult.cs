using System;

namespace PxeRules.Probes;

/// <summary>What a probe call found out.</summary>
public enum ProbeStatus
{
    /// <summary>The fact has a value.</summary>
    Value = 0,

    /// <summary>The fact definitively does not exist (the service is not installed, the file is absent).</summary>
    NotFound = 1,

    /// <summary>Could not find out (access denied, timeout, the provider failed, wrong platform).</summary>
    Unavailable = 2,
}

/// <summary>
/// The result of a probe call: a value, not found, or unavailable with a reason. A troubleshooting tool must never
/// confuse the three: "the file is absent" is a finding, "I could not look" is not. Immutable.
/// </summary>
public sealed class ProbeResult
{
    private ProbeResult(ProbeStatus status, object? value, string? reason)
    {
        Status = status;
        Value = value;
        Reason = reason;
    }

    /// <summary>What the call found out.</summary>
    public ProbeStatus Status { get; }

    /// <summary>The value when <see cref="Status"/> is <see cref="ProbeStatus.Value"/>.</summary>
    public object? Value { get; }

    /// <summary>
    /// Why the fact is unavailable; for a value or not found, an optional note on how it was read (a log read's
    /// coverage: its form, lines, entries and what was left out), which evidence shows beside the value.
    /// </summary>
    public string? Reason { get; }

    /// <summary>The file the answer was read from (a bundle's command output), when a provider of this library knows it.</summary>
    internal Model.SourceLocation? Source { get; private init; }

    /// <summary>The same answer, read from <paramref name="source"/>.</summary>
    internal ProbeResult From(Model.SourceLocation source) => new(Status, Value, Reason) { Source = source };

    /// <summary>
    /// A value: a string, number (any numeric type), boolean, <see cref="System.Version"/>, <see cref="DateTimeOffset"/>,
    /// <see cref="DateTime"/>, <see cref="TimeSpan"/>, a list of values, or a record as
    /// <c>IReadOnlyDictionary&lt;string, object?&gt;</c>.
    /// </summary>
    public static ProbeResult Found(object value) =>
        new(ProbeStatus.Value, value ?? throw new ArgumentNullException(nameof(value)), null);

    /// <summary>A value, with a note on how it was read (what a log read covered, what was left out).</summary>
    /// <param name="value">The value, as for <see cref="Found(object)"/>.</param>
    /// <param name="note">The note, or <see langword="null"/>.</param>
    public static ProbeResult Found(object value, string? note) =>
        new(ProbeStatus.Value, value ?? throw new ArgumentNullException(nameof(value)), string.IsNullOrWhiteSpace(note) ? null : note);

    /// <summary>The fact definitively does not exist.</summary>
    /// <param name="note">An optional note, e.g. which path was looked at.</param>
    public static ProbeResult NotFound(string? note = null) => new(ProbeStatus.NotFound, null, note);

    /// <summary>The fact could not be read.</summary>
    /// <param name="reason">Why, in a sentence a person can act on.</param>
    public static ProbeResult Unavailable(string reason) =>
        new(ProbeStatus.Unavailable, null, string.IsNullOrWhiteSpace(reason) ? "unavailable" : reason);

    /// <inheritdoc />
    public override string ToString() => Status switch
    {
        ProbeStatus.Value => FactValues.Display(Value),
        ProbeStatus.NotFound => "not found" + (Reason is null ? string.Empty : $" ({Reason})"),
        _ => "unavailable: " + Reason,
    };
}
