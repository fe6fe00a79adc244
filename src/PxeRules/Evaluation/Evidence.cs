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

    /// <summary>A sentence such as <c>wimgapi.version = 6.0.6000.16386, less 6.0.6001.18000: true (file(path: …) on PXE01)</c>.</summary>
    public override string ToString()
    {
        var text = $"{Subject} = {Observed}, {Operator} {Expected}: {Result.ToString().ToLowerInvariant()}";
        if (Note is not null) text += $" ({Note})";
        if (Call is not null) text += $" [{Call}]";
        return text;
    }
}
