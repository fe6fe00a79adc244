using PxeRules.Probes;

namespace PxeRules.Evaluation;

/// <summary>
/// One comparison that decided a rule: what was read, from which probe call, the value observed, the operator
/// and the value expected, and how it came out. Immutable.
/// </summary>
public sealed class Evidence
{
    internal Evidence(string subject, ProbeCall? call, string observed, string @operator, string expected, Truth result, string? note)
    {
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

    /// <summary>A sentence such as <c>wimgapi.version = 6.0.6000.16386, less 6.0.6001.18000: true (file(path: …) on PXE01)</c>.</summary>
    public override string ToString()
    {
        var text = $"{Subject} = {Observed}, {Operator} {Expected}: {Result.ToString().ToLowerInvariant()}";
        if (Note is not null) text += $" ({Note})";
        if (Call is not null) text += $" [{Call}]";
        return text;
    }
}
