using System;
using System.Collections.Generic;
using System.Text;
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
        var text = Text.Acquire();
        AppendPlain(text);
        return Text.Release(text);
    }

    /// <summary>Appends <see cref="Plain"/> to <paramref name="text"/>.</summary>
    internal void AppendPlain(StringBuilder text)
    {
        var seen = Operator == "exists"
            ? Observed is "not found" or "unavailable" or "invalid" or "unknown" ? Observed : "it exists"
            : Observed;
        text.Append("looked for ");
        AppendRequirement(text, true, withNow: false);
        text.Append("; seen ").Append(seen);
    }

    /// <summary>Whether <see cref="Plain"/> reads the same for <paramref name="other"/> (it is made of these four fields).</summary>
    internal bool ReadsAs(Evidence other) =>
        string.Equals(Subject, other.Subject, StringComparison.Ordinal)
        && string.Equals(Operator, other.Operator, StringComparison.Ordinal)
        && string.Equals(Expected, other.Expected, StringComparison.Ordinal)
        && string.Equals(Observed, other.Observed, StringComparison.Ordinal);

    /// <summary>
    /// The comparison as a requirement in words, held (<paramref name="holds"/>) or not:
    /// <c>wimgapi.version at least 6.0.6001.18000 (now 6.0.6000.16386) on PXE02</c>.
    /// </summary>
    internal string Requirement(bool holds, bool withNow = true)
    {
        var text = Text.Acquire();
        AppendRequirement(text, holds, withNow);
        return Text.Release(text);
    }

    private void AppendRequirement(StringBuilder text, bool holds, bool withNow)
    {
        switch (Operator)
        {
            case "exists":
                var exists = string.Equals(Expected, "true", StringComparison.OrdinalIgnoreCase) == holds;
                text.Append(Subject).Append(exists ? " exists" : " does not exist");
                break;
            case "unreadable":
                text.Append(Subject);
                if (!holds) text.Append(" can be read");
                else if (Expected == "true") text.Append(" cannot be read");
                else text.Append(" cannot be read for a reason matching ").Append(Expected);
                break;
            case "sameComputer":
                text.Append(Subject).Append(holds ? " names" : " does not name").Append(" the computer ").Append(Expected);
                break;
            case "anyItem":
                text.Append(holds ? "an item of " : "no item of ").Append(Subject).Append(" matches");
                break;
            case "noItem":
                text.Append(holds ? "no item of " : "an item of ").Append(Subject).Append(" matches");
                break;
            case "allItems":
                text.Append(holds ? "every item of " : "an item of ").Append(Subject).Append(holds ? " matches" : " does not match");
                break;
            case "count":
                text.Append("the number of matching items of ").Append(Subject).Append(holds ? " " : " not ").Append(Expected);
                break;
            default:
                text.Append(Subject).Append(' ');
                AppendWords(text, Operator, holds);
                text.Append(' ').Append(Expected);
                break;
        }

        if (withNow && Operator is not ("exists" or "unreadable")) text.Append(" (now ").Append(Observed).Append(')');
        if (withNow && Call is not null) text.Append(" on ").Append(Call.Machine.Name);
    }

    private static void AppendWords(StringBuilder text, string op, bool holds)
    {
        var words = Words(op, holds);
        if (words is not null) text.Append(words);
        else text.Append(holds ? string.Empty : "not ").Append(op);
    }

    private static string? Words(string op, bool holds) => (op, holds) switch
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
        _ => null,
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
