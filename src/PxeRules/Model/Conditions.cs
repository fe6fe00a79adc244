using System;
using System.Collections.Generic;
using System.Linq;
using PxeRules.Probes;

namespace PxeRules.Model;

/// <summary>
/// A path to a value: a fact name followed by field names (<c>wimgapi.version</c>), or, inside a quantifier's
/// condition, a field of the current item (<see cref="IsItemField"/>). Immutable.
/// </summary>
public sealed class FactPath
{
    internal FactPath(string root, IReadOnlyList<string> fields, bool isItemField)
    {
        Root = root;
        Fields = fields;
        IsItemField = isItemField;
    }

    /// <summary>The fact's name, or the item's first field when <see cref="IsItemField"/>.</summary>
    public string Root { get; }

    /// <summary>The fields after the root.</summary>
    public IReadOnlyList<string> Fields { get; }

    /// <summary>Whether the path names a field of a collection's current item rather than a fact.</summary>
    public bool IsItemField { get; }

    /// <summary>The path as rules write it.</summary>
    public override string ToString() => shown ??= Fields.Count == 0 ? Root : Root + "." + string.Join(".", Fields);

    // Immutable, and shown in every piece of evidence; racing threads may both make it.
    private string? shown;

    internal static FactPath Parse(string text, bool isItemField)
    {
        var parts = text.Split('.');
        return new FactPath(parts[0], parts.Skip(1).ToArray(), isItemField);
    }
}

/// <summary>A typed literal of a comparison: the text as written and the value it was read as. Immutable.</summary>
public sealed class Literal
{
    internal Literal(FactType type, object? value, string text)
    {
        Type = type;
        Value = value;
        Text = text;
    }

    /// <summary>The type it was read as; <see cref="FactType.List"/> for the operand of <c>in</c>.</summary>
    public FactType Type { get; }

    /// <summary>
    /// The value: a string, <see cref="double"/>, <see cref="bool"/>, <see cref="Version"/>, <see cref="DateTimeOffset"/>,
    /// <see cref="TimeSpan"/>, a compiled <see cref="System.Text.RegularExpressions.Regex"/> for regex operators, or a list.
    /// </summary>
    public object? Value { get; }

    /// <summary>The literal as the rule wrote it.</summary>
    public string Text { get; }

    /// <inheritdoc />
    public override string ToString() => Text;
}

/// <summary>A node of a rule's condition tree.</summary>
public abstract class Condition
{
    private protected Condition(SourceLocation location) => Location = location;

    /// <summary>Where the node is written.</summary>
    public SourceLocation Location { get; }
}

/// <summary>True when every member is true; false when one is false; otherwise unknown.</summary>
public sealed class AllCondition : Condition
{
    internal AllCondition(IReadOnlyList<Condition> members, SourceLocation location)
        : base(location) => Members = members;

    /// <summary>The members.</summary>
    public IReadOnlyList<Condition> Members { get; }
}

/// <summary>True when a member is true; false when every member is false; otherwise unknown.</summary>
public sealed class AnyCondition : Condition
{
    internal AnyCondition(IReadOnlyList<Condition> members, SourceLocation location)
        : base(location) => Members = members;

    /// <summary>The members.</summary>
    public IReadOnlyList<Condition> Members { get; }
}

/// <summary>The negation of its operand; unknown stays unknown.</summary>
public sealed class NotCondition : Condition
{
    internal NotCondition(Condition operand, SourceLocation location)
        : base(location) => Operand = operand;

    /// <summary>The negated condition.</summary>
    public Condition Operand { get; }
}

/// <summary>A comparison of a fact (or an item's field) with a literal.</summary>
public sealed class Comparison : Condition
{
    internal Comparison(FactPath path, ComparisonOperator @operator, Literal literal, bool caseSensitive, FactType valueType, SourceLocation location)
        : base(location)
    {
        Path = path;
        Operator = @operator;
        Literal = literal;
        CaseSensitive = caseSensitive;
        ValueType = valueType;
    }

    /// <summary>What is compared.</summary>
    public FactPath Path { get; }

    /// <summary>The comparison made.</summary>
    public ComparisonOperator Operator { get; }

    /// <summary>The literal compared with.</summary>
    public Literal Literal { get; }

    /// <summary>Whether string comparisons respect case (default false).</summary>
    public bool CaseSensitive { get; }

    /// <summary>The type the catalogue declares for the compared value (<see cref="FactType.Any"/> when unknown).</summary>
    public FactType ValueType { get; }
}

/// <summary>A test over the items of a collection fact.</summary>
public sealed class Quantifier : Condition
{
    internal Quantifier(FactPath path, QuantifierKind kind, Condition? where, ComparisonOperator countOperator, double countLiteral, SourceLocation location)
        : base(location)
    {
        Path = path;
        Kind = kind;
        Where = where;
        CountOperator = countOperator;
        CountLiteral = countLiteral;
    }

    /// <summary>The collection.</summary>
    public FactPath Path { get; }

    /// <summary>How the items are tested.</summary>
    public QuantifierKind Kind { get; }

    /// <summary>The condition each item is tested with; for <see cref="QuantifierKind.Count"/> it may be absent (every item counts).</summary>
    public Condition? Where { get; }

    /// <summary>For <see cref="QuantifierKind.Count"/>: how the count is compared.</summary>
    public ComparisonOperator CountOperator { get; }

    /// <summary>For <see cref="QuantifierKind.Count"/>: the number the count is compared with.</summary>
    public double CountLiteral { get; }
}
