using System;
using System.Collections.Generic;
using PxeRules.Probes;

namespace PxeRules.Evaluation;

/// <summary>
/// One comparison that decided a rule: what was read, from which probe call, the value observed, the operator
/// and the value expected, and how it came out. Immutable.
/// </summary>
public sealed class Evidence
{
    internal Evidence(string subject, ProbeCall? call, string observed, string @operator, string expected, Truth result, string? note, IReadOnlyList<string>? items = null)
    {
        Items = items ?? Array.Empty<string>();
        Subject = subject;
        Call = call;
        Observed = observed;
        Operator = @operator;
        Expected = expected;
        Result = result;
        Note = note;
    }

    /// <summary>
    /// The file and line of the first item shown, when the items are log entries or events read from a file
    /// (<c>log</c> and <c>line</c> fields); reports point at it.
    /// </summary>
    internal (string File, int Line)? ItemAt { get; init; }

    /// <summary>The fact path compared (<c>wimgapi.version</c>), or a collection with a count of matching items.</summary>
    public string Subject { get; }

    /// <summary>The probe call the fact came from; <see langword="null"/> for built-in facts and example facts.</summary>
    public ProbeCall? Call { get; }

    /// <summary>The value observed, as text (<c>not found</c> or <c>unavailable</c> when there was none).</summary>
    public string Observed { get; }

    /// <summary>The operator as rules write it (<c>less</c>, <c>anyItem</c>…).</summary>
    public string Operator { get; }

    /// <summary>The value expected, as the rule wrote it.</summary>
    public string Expected { get; }

    /// <summary>How the comparison came out.</summary>
    public Truth Result { get; }

    /// <summary>Why a fact was unavailable or a comparison failed, when it was.</summary>
    public string? Note { get; }

    /// <summary>
    /// For a quantifier over log entries or events, the first items that decided it (at most three): those that
    /// matched, or, when it is unknown, those that could not be judged. Each reads
    /// <c>2026-11-23T08:00:00Z SMSPXE.log:12: text</c>, with <c>time unknown</c> where the entry has no time.
    /// Empty otherwise.
    /// </summary>
    public IReadOnlyList<string> Items { get; }

    /// <summary>
    /// What the rule looked for, in words, and what was seen: <c>looked for wimgapi.version less than 6.0.6001.18000;
    /// seen 6.0.6001.18000</c>.
    /// </summary>
    public string Plain()
    {
        var seen = Operator == "exists"
            ? Observed is "not found" or "unavailable" or "invalid" or "unknown" ? Observed : "it exists"
            : Observed;
        return $"looked for {Requirement(true, withNow: false)}; seen {seen}";
    }

    /// <summary>
    /// The comparison as a requirement in words, held (<paramref name="holds"/>) or not:
    /// <c>wimgapi.version at least 6.0.6001.18000 (now 6.0.6000.16386) on PXE02</c>.
    /// </summary>
    internal string Requirement(bool holds, bool withNow = true)
    {
        string text;
        switch (Operator)
        {
            case "exists":
                var exists = string.Equals(Expected, "true", StringComparison.OrdinalIgnoreCase) == holds;
                text = $"{Subject} {(exists ? "exists" : "does not exist")}";
                break;
            case "unreadable":
                var why = Expected == "true" ? string.Empty : $" for a reason matching {Expected}";
                text = holds ? $"{Subject} cannot be read{why}" : $"{Subject} can be read";
                break;
            case "sameComputer":
                text = $"{Subject} {(holds ? "names" : "does not name")} the computer {Expected}";
                break;
            case "anyItem":
                text = holds ? $"an item of {Subject} matches" : $"no item of {Subject} matches";
                break;
            case "noItem":
                text = holds ? $"no item of {Subject} matches" : $"an item of {Subject} matches";
                break;
            case "allItems":
                text = holds ? $"every item of {Subject} matches" : $"an item of {Subject} does not match";
                break;
            case "count":
                text = $"the number of matching items of {Subject} {(holds ? string.Empty : "not ")}{Expected}";
                break;
            default:
                text = $"{Subject} {Words(Operator, holds)} {Expected}";
                break;
        }

        if (withNow && Operator is not ("exists" or "unreadable")) text += $" (now {Observed})";
        if (withNow && Call is not null) text += $" on {Call.Machine.Name}";
        return text;
    }

    private static string Words(string op, bool holds) => (op, holds) switch
    {
        ("equals", true) or ("notEquals", false) => "equal to",
        ("equals", false) or ("notEquals", true) => "not equal to",
        ("in", true) or ("notIn", false) => "one of",
        ("in", false) or ("notIn", true) => "none of",
        ("less", true) or ("greaterOrEqual", false) => "less than",
        ("less", false) or ("greaterOrEqual", true) => "at least",
        ("lessOrEqual", true) or ("greater", false) => "at most",
        ("lessOrEqual", false) or ("greater", true) => "greater than",
        ("matches", true) or ("notMatches", false) => "matching",
        ("matches", false) or ("notMatches", true) => "not matching",
        ("contains", true) or ("notContains", false) => "containing",
        ("contains", false) or ("notContains", true) => "not containing",
        ("startsWith", true) => "starting with",
        ("startsWith", false) => "not starting with",
        ("endsWith", true) => "ending with",
        ("endsWith", false) => "not ending with",
        ("within", true) or ("olderThan", false) => "within",
        ("within", false) or ("olderThan", true) => "older than",
        _ => holds ? op : "not " + op,
    };

    /// <summary>Whether <paramref name="other"/> shows the same comparison with the same outcome: its text and items are the same.</summary>
    internal bool SameAs(Evidence other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (Result != other.Result
            || !string.Equals(Subject, other.Subject, StringComparison.Ordinal)
            || !string.Equals(Observed, other.Observed, StringComparison.Ordinal)
            || !string.Equals(Operator, other.Operator, StringComparison.Ordinal)
            || !string.Equals(Expected, other.Expected, StringComparison.Ordinal)
            || !string.Equals(Note, other.Note, StringComparison.Ordinal)
            || Items.Count != other.Items.Count)
        {
            return false;
        }

        if (!ReferenceEquals(Call, other.Call) && (Call is null || other.Call is null || !string.Equals(Call.ToString(), other.Call.ToString(), StringComparison.Ordinal)))
        {
            return false;
        }

        for (var i = 0; i < Items.Count; i++)
        {
            if (!string.Equals(Items[i], other.Items[i], StringComparison.Ordinal)) return false;
        }

        return true;
    }

    /// <summary>A sentence such as <c>wimgapi.version = 6.0.6000.16386, less 6.0.6001.18000: true (file(path: …) on PXE01)</c>.</summary>
    public override string ToString()
    {
        var text = $"{Subject} = {Observed}, {Operator} {Expected}: {Result.ToString().ToLowerInvariant()}";
        if (Note is not null) text += $" ({Note})";
        if (Call is not null) text += $" [{Call}]";
        return text;
    }
}
