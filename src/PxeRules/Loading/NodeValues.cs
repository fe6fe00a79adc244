using System;
using System.Collections.Generic;
using PxeRules.Probes;

namespace PxeRules.Loading;

/// <summary>Reads YAML nodes as values of a declared shape (example facts, snapshot values, literals).</summary>
internal static class NodeValues
{
    /// <summary>
    /// Reads <paramref name="node"/> as <paramref name="shape"/>. On a mismatch reports <paramref name="code"/> at the
    /// node and returns false. A null scalar reads as null (an absent field).
    /// </summary>
    public static bool TryRead(YNode node, ValueShape shape, string what, NodeReader reader, string code, out object? value)
    {
        value = null;
        if (node is YScalar scalar)
        {
            if (scalar.IsNull)
            {
                return true;
            }

            switch (shape.Type)
            {
                case FactType.Any:
                    value = Infer(scalar);
                    return true;
                case FactType.List:
                case FactType.Record:
                    break;
                default:
                    if (reader.IsJson && scalar.IsPlain != (shape.Type is FactType.Number or FactType.Boolean))
                    {
                        // JSON types are not guessed: "42" is a string and 42 a number, whatever their text.
                        reader.Error(
                            code,
                            scalar.IsPlain
                                ? $"{what} should be {FactValues.Article(shape)}{Hint(shape.Type)} written as a JSON string, but found {YScalar.Shorten(scalar.Value)}."
                                : $"{what} should be {FactValues.Article(shape)} written as a JSON {(shape.Type == FactType.Number ? "number" : "true or false")} without quotes, but found the string '{YScalar.Shorten(scalar.Value)}'.",
                            node);
                        return false;
                    }

                    if (TryScalar(scalar.Value, scalar.IsPlain, shape.Type, out value))
                    {
                        return true;
                    }

                    break;
            }

            reader.Error(code, $"{what} should be {FactValues.Article(shape)}{Hint(shape.Type)}, but found {node.Describe()}.", node);
            return false;
        }

        if (node is YSequence sequence && (shape.Type == FactType.List || shape.Type == FactType.Any))
        {
            var itemShape = shape.Item ?? ValueShape.Any;
            var items = new object?[sequence.Items.Count];
            var ok = true;
            for (var i = 0; i < items.Length; i++)
            {
                ok &= TryRead(sequence.Items[i], itemShape, $"{what}[{i}]", reader, code, out items[i]);
            }

            value = items;
            return ok;
        }

        if (node is YMapping mapping && (shape.Type == FactType.Record || shape.Type == FactType.Any))
        {
            var record = new Dictionary<string, object?>(StringComparer.Ordinal);
            var ok = true;
            foreach (var entry in mapping.Entries)
            {
                var key = entry.Key.Value;
                ValueShape fieldShape;
                if (shape.Type == FactType.Any)
                {
                    fieldShape = ValueShape.Any;
                }
                else if (!shape.Fields.TryGetValue(key, out fieldShape!))
                {
                    var suggestion = NodeReader.Suggest(key, shape.Fields.Keys);
                    reader.Error(
                        code,
                        $"{what} has no field '{YScalar.Shorten(key)}'; expected one of: {string.Join(", ", shape.Fields.Keys)}." + (suggestion is null ? string.Empty : $" Did you mean '{suggestion}'?"),
                        entry.Key);
                    ok = false;
                    continue;
                }

                ok &= TryRead(entry.Value, fieldShape, $"{what}.{key}", reader, code, out var fieldValue);
                if (fieldValue is not null)
                {
                    record[key] = fieldValue;
                }
            }

            value = record;
            return ok;
        }

        reader.Error(code, $"{what} should be {FactValues.Article(shape)}, but found {node.Describe()}.", node);
        return false;
    }

    /// <summary>YAML's own typing of a scalar: plain numbers and booleans, everything else a string.</summary>
    public static object Infer(YScalar scalar)
    {
        if (scalar.IsPlain)
        {
            if (NodeReader.TryNumber(scalar.Value, out var number))
            {
                return number;
            }

            if (scalar.Value is "true" or "True" or "TRUE")
            {
                return true;
            }

            if (scalar.Value is "false" or "False" or "FALSE")
            {
                return false;
            }
        }

        return scalar.Value;
    }

    public static bool TryScalar(string text, bool plain, FactType type, out object? value)
    {
        value = null;
        switch (type)
        {
            case FactType.String:
                value = text;
                return true;
            case FactType.Number:
                if (NodeReader.TryNumber(text, out var number))
                {
                    value = number;
                    return true;
                }

                return false;
            case FactType.Boolean:
                if (text is "true" or "True" or "TRUE") { value = true; return true; }
                if (text is "false" or "False" or "FALSE") { value = false; return true; }
                return false;
            case FactType.Version:
                if (FactValues.TryParseVersion(text, out var version)) { value = version; return true; }
                return false;
            case FactType.DateTime:
                if (FactValues.TryParseDateTime(text, out var dateTime)) { value = dateTime; return true; }
                return false;
            case FactType.Duration:
                if (FactValues.TryParseDuration(text, out var duration)) { value = duration; return true; }
                return false;
            default:
                return false;
        }
    }

    public static string Hint(FactType type) => type switch
    {
        FactType.Version => " (two to four numeric parts, such as 6.0.6001.18000)",
        FactType.DateTime => " (ISO 8601, such as 2026-11-20T08:15:00Z)",
        FactType.Duration => " (such as 7d, 12h, 30m, 45s or 1d12h)",
        FactType.Boolean => " (true or false)",
        _ => string.Empty,
    };
}
