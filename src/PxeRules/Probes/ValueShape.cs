using System;
using System.Collections.Generic;
using System.Linq;

namespace PxeRules.Probes;

/// <summary>The type of a fact value, a field of a record or an item of a list.</summary>
public enum FactType
{
    /// <summary>Any scalar or list: a string, a number, a boolean or a list of them (registry values).</summary>
    Any = 0,

    /// <summary>A <see cref="string"/>.</summary>
    String,

    /// <summary>A number, held as <see cref="double"/>.</summary>
    Number,

    /// <summary>A <see cref="bool"/>.</summary>
    Boolean,

    /// <summary>A <see cref="System.Version"/>, compared part by part.</summary>
    Version,

    /// <summary>A <see cref="DateTimeOffset"/>.</summary>
    DateTime,

    /// <summary>A <see cref="TimeSpan"/>.</summary>
    Duration,

    /// <summary>A list, held as <see cref="IReadOnlyList{T}"/> of values.</summary>
    List,

    /// <summary>A record of named fields, held as <see cref="IReadOnlyDictionary{TKey, TValue}"/>.</summary>
    Record,
}

/// <summary>
/// The shape of a probe's result: a scalar type, a record with named fields, or a list of items.
/// Immutable; field names are compared ordinally.
/// </summary>
public sealed class ValueShape
{
    private static readonly IReadOnlyDictionary<string, ValueShape> NoFields = new Dictionary<string, ValueShape>(0);

    private ValueShape(FactType type, IReadOnlyDictionary<string, ValueShape> fields, ValueShape? item)
    {
        Type = type;
        Fields = fields;
        Item = item;
    }

    /// <summary>The type.</summary>
    public FactType Type { get; }

    /// <summary>The fields of a record; empty for other types.</summary>
    public IReadOnlyDictionary<string, ValueShape> Fields { get; }

    /// <summary>The shape of a list's items; <see langword="null"/> for other types.</summary>
    public ValueShape? Item { get; }

    /// <summary>A value of any scalar type or a list of scalars.</summary>
    public static ValueShape Any { get; } = new(FactType.Any, NoFields, null);

    /// <summary>A string.</summary>
    public static ValueShape String { get; } = new(FactType.String, NoFields, null);

    /// <summary>A number.</summary>
    public static ValueShape Number { get; } = new(FactType.Number, NoFields, null);

    /// <summary>A boolean.</summary>
    public static ValueShape Boolean { get; } = new(FactType.Boolean, NoFields, null);

    /// <summary>A version.</summary>
    public static ValueShape Version { get; } = new(FactType.Version, NoFields, null);

    /// <summary>A date and time.</summary>
    public static ValueShape DateTime { get; } = new(FactType.DateTime, NoFields, null);

    /// <summary>A duration.</summary>
    public static ValueShape Duration { get; } = new(FactType.Duration, NoFields, null);

    /// <summary>Returns the shape of a list whose items have <paramref name="item"/>'s shape.</summary>
    public static ValueShape ListOf(ValueShape item) =>
        new(FactType.List, NoFields, item ?? throw new ArgumentNullException(nameof(item)));

    /// <summary>Returns the shape of a record with the given fields.</summary>
    /// <param name="fields">Pairs of field name and shape.</param>
    public static ValueShape Record(params (string Name, ValueShape Shape)[] fields)
    {
        var map = new Dictionary<string, ValueShape>(StringComparer.Ordinal);
        foreach (var (name, shape) in fields ?? throw new ArgumentNullException(nameof(fields)))
        {
            map.Add(name, shape);
        }

        return new ValueShape(FactType.Record, map, null);
    }

    /// <summary>The type's name as rule authors write it (<c>string</c>, <c>version</c>, <c>list of record</c>…).</summary>
    public override string ToString() => Type switch
    {
        FactType.List => "list of " + Item,
        FactType.Record => "record { " + string.Join(", ", Fields.Keys.OrderBy(k => k, StringComparer.Ordinal)) + " }",
        _ => TypeName(Type),
    };

    internal static string TypeName(FactType type) => type switch
    {
        FactType.Any => "any",
        FactType.String => "string",
        FactType.Number => "number",
        FactType.Boolean => "boolean",
        FactType.Version => "version",
        FactType.DateTime => "datetime",
        FactType.Duration => "duration",
        FactType.List => "list",
        _ => "record",
    };
}
