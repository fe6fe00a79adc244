using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using PxeRules.Model;
using PxeRules.Probes;

namespace PxeRules.Loading;

/// <summary>Reading rules: 'appliesTo' and the condition tree, with its literals.</summary>
internal sealed partial class RuleReader
{
    // ---- appliesTo ---------------------------------------------------------------------------------------------

    private Applicability ReadAppliesTo(YNode? node, Scope scope)
    {
        var mapping = reader.Mapping(node, "'appliesTo'");
        if (mapping is null)
        {
            return new Applicability(Array.Empty<ProductLevel>(), Array.Empty<string>(), null);
        }

        reader.CheckKeys(mapping, "'appliesTo'", new[] { "versions", "roles", "when" }, Array.Empty<string>());
        var versions = new List<ProductLevel>();
        if (mapping.Find("versions") is { } versionsNode && reader.Sequence(versionsNode, "'versions'") is { } versionList)
        {
            foreach (var item in versionList.Items)
            {
                if (reader.Enum(item, "A version of 'appliesTo'", Levels) is { } level && !versions.Contains(level))
                {
                    versions.Add(level);
                }
            }
        }

        var roles = new List<string>();
        if (mapping.Find("roles") is { } rolesNode && reader.Sequence(rolesNode, "'roles'") is { } roleList)
        {
            foreach (var item in roleList.Items)
            {
                var role = reader.String(item, "A role");
                if (role is null)
                {
                    continue;
                }

                if (!MachineRoles.IsKnown(role))
                {
                    var suggestion = NodeReader.Suggest(role, MachineRoles.All);
                    reader.Error(DiagnosticCodes.UnknownRole, $"Unknown role '{YScalar.Shorten(role)}'; expected one of: {string.Join(", ", MachineRoles.All)}." + (suggestion is null ? string.Empty : $" Did you mean '{suggestion}'?"), item);
                }
                else if (!roles.Contains(role))
                {
                    roles.Add(role);
                }
            }
        }

        var when = mapping.Find("when") is { } whenNode ? ReadCondition(whenNode, scope) : null;
        return new Applicability(versions, roles, when);
    }

    // ---- conditions --------------------------------------------------------------------------------------------

    private Condition? ReadCondition(YNode node, Scope scope)
    {
        var mapping = reader.Mapping(node, "A condition");
        if (mapping is null)
        {
            return null;
        }

        var location = reader.At(mapping);
        var logic = Entries(mapping, e => e.Key.Value is "all" or "any" or "not");
        if (logic.Length > 0)
        {
            if (mapping.Entries.Count > 1)
            {
                reader.Error(DiagnosticCodes.BadCondition, $"'{logic[0].Key.Value}' must be the only key of its condition; put other conditions inside it.", mapping);
                return null;
            }

            var entry = logic[0];
            if (entry.Key.Value == "not")
            {
                var operand = ReadCondition(entry.Value, scope);
                return operand is null ? null : new NotCondition(operand, location);
            }

            var sequence = reader.Sequence(entry.Value, $"'{entry.Key.Value}'");
            if (sequence is null)
            {
                return null;
            }

            if (sequence.Items.Count == 0)
            {
                reader.Error(DiagnosticCodes.BadCondition, $"'{entry.Key.Value}' needs at least one condition.", entry.Value);
                return null;
            }

            var members = new List<Condition>();
            var ok = true;
            foreach (var item in sequence.Items)
            {
                var member = ReadCondition(item, scope);
                if (member is null) ok = false;
                else members.Add(member);
            }

            if (!ok)
            {
                return null;
            }

            return entry.Key.Value == "all" ? new AllCondition(members, location) : new AnyCondition(members, location);
        }

        var factNode = mapping.Find("fact");
        var fieldNode = mapping.Find("field");
        if (factNode is null && fieldNode is null)
        {
            var keys = string.Join(", ", mapping.Entries.Select(e => "'" + YScalar.Shorten(e.Key.Value) + "'"));
            var suggestion = mapping.Entries.Select(e => NodeReader.Suggest(e.Key.Value, new[] { "all", "any", "not", "fact", "field" })).FirstOrDefault(s => s is not null);
            reader.Error(
                DiagnosticCodes.BadCondition,
                $"A condition needs 'all', 'any', 'not', or 'fact' with an operator, but has {(keys.Length == 0 ? "no keys" : keys)}." + (suggestion is null ? string.Empty : $" Did you mean '{suggestion}'?"),
                mapping);
            return null;
        }

        if (factNode is not null && fieldNode is not null)
        {
            reader.Error(DiagnosticCodes.BadCondition, "A comparison names either 'fact' or 'field', not both.", mapping);
            return null;
        }

        var isField = fieldNode is not null;
        var pathNode = (factNode ?? fieldNode)!;
        var pathText = reader.String(pathNode, isField ? "'field'" : "'fact'");
        if (pathText is null)
        {
            return null;
        }

        if (!Template.IsPath(pathText))
        {
            reader.Error(DiagnosticCodes.BadCondition, $"'{YScalar.Shorten(pathText)}' is not a fact path; expected a name or name.field, such as 'wimgapi.version'.", pathNode);
            return null;
        }

        if (isField && scope.ItemShape is null)
        {
            reader.Error(DiagnosticCodes.BadCondition, "'field' names a field of a collection's item and is only valid inside anyItem, allItems, noItem or count.", pathNode);
            return null;
        }

        var path = FactPath.Parse(pathText, isField);
        ValueShape? rootShape;
        if (isField)
        {
            rootShape = scope.ItemShape;
            path = new FactPath(path.Root, path.Fields, true);
        }
        else
        {
            rootShape = scope.Resolve(path.Root);
            if (rootShape is null)
            {
                ReportUndefined(path.Root, scope.Facts, pathNode);
                return null;
            }
        }

        var valueShape = isField ? ResolveFieldPath(path, rootShape!, pathNode) : CheckPath(path, rootShape!, pathNode);
        if (valueShape is null)
        {
            return null;
        }

        var quantifierKeys = Entries(mapping, e => Quantifiers.ContainsKey(e.Key.Value));
        if (quantifierKeys.Length > 0)
        {
            return ReadQuantifier(mapping, path, valueShape, quantifierKeys, scope, location);
        }

        return ReadComparison(mapping, path, valueShape, location, scope);
    }

    private ValueShape? ResolveFieldPath(FactPath path, ValueShape itemShape, YNode node)
    {
        var shape = itemShape;
        foreach (var field in new[] { path.Root }.Concat(path.Fields))
        {
            shape = Field(shape, field, path, node);
            if (shape is null) return null;
        }

        return shape;
    }

    private ValueShape? CheckPath(FactPath path, ValueShape rootShape, YNode node)
    {
        var shape = rootShape;
        foreach (var field in path.Fields)
        {
            shape = Field(shape, field, path, node);
            if (shape is null) return null;
        }

        return shape;
    }

    private ValueShape? Field(ValueShape shape, string field, FactPath path, YNode node)
    {
        if (shape.Type == FactType.Any)
        {
            return ValueShape.Any;
        }

        if (shape.Type != FactType.Record)
        {
            reader.Error(DiagnosticCodes.UnknownField, $"'{path}' reads the field '{field}' of {FactValues.Article(shape)}, which has no fields.", node);
            return null;
        }

        if (shape.Fields.TryGetValue(field, out var fieldShape))
        {
            return fieldShape;
        }

        var suggestion = NodeReader.Suggest(field, shape.Fields.Keys);
        reader.Error(
            DiagnosticCodes.UnknownField,
            $"'{path}' names the field '{field}', which the value does not have; expected one of: {string.Join(", ", shape.Fields.Keys)}." + (suggestion is null ? string.Empty : $" Did you mean '{suggestion}'?"),
            node);
        return null;
    }

    private Condition? ReadQuantifier(YMapping mapping, FactPath path, ValueShape valueShape, KeyValuePair<YScalar, YNode>[] keys, Scope scope, SourceLocation location)
    {
        reader.CheckKeys(mapping, "a quantifier", new[] { "fact", "field", "anyItem", "allItems", "noItem", "count" }, Array.Empty<string>());
        if (keys.Length > 1)
        {
            reader.Error(DiagnosticCodes.BadCondition, $"A quantifier takes one of anyItem, allItems, noItem or count, but has {string.Join(", ", keys.Select(k => k.Key.Value))}.", mapping);
            return null;
        }

        if (valueShape.Type != FactType.List && valueShape.Type != FactType.Any)
        {
            reader.Error(DiagnosticCodes.OperatorTypeMismatch, $"'{keys[0].Key.Value}' tests the items of a list, but '{path}' is {FactValues.Article(valueShape)}.", keys[0].Key);
            return null;
        }

        var kind = Quantifiers[keys[0].Key.Value];
        var itemScope = new Scope(scope.Facts, valueShape.Item ?? ValueShape.Any, scope);
        if (kind != QuantifierKind.Count)
        {
            var where = ReadCondition(keys[0].Value, itemScope);
            return where is null ? null : new Quantifier(path, kind, where, ComparisonOperator.Equals, 0, location);
        }

        var count = reader.Mapping(keys[0].Value, "'count'");
        if (count is null)
        {
            return null;
        }

        var allowed = new[] { "where", "equals", "notEquals", "less", "lessOrEqual", "greater", "greaterOrEqual" };
        reader.CheckKeys(count, "'count'", allowed, Array.Empty<string>());
        var comparisons = count.Entries.Where(e => e.Key.Value != "where" && allowed.Contains(e.Key.Value)).ToArray();
        if (comparisons.Length != 1)
        {
            reader.Error(DiagnosticCodes.BadCondition, "'count' needs exactly one of equals, notEquals, less, lessOrEqual, greater or greaterOrEqual with a number.", count);
            return null;
        }

        var number = reader.Number(comparisons[0].Value, $"'{comparisons[0].Key.Value}' of 'count'");
        Condition? whereCondition = null;
        if (count.Find("where") is { } whereNode)
        {
            whereCondition = ReadCondition(whereNode, itemScope);
            if (whereCondition is null)
            {
                return null;
            }
        }

        return number is null ? null : new Quantifier(path, kind, whereCondition, Operators[comparisons[0].Key.Value], number.Value, location);
    }

    private static (string[] Keys, HashSet<string> Set) ComparisonKeys(string pathKey)
    {
        var keys = new[] { pathKey, "caseSensitive", "type" }.Concat(Operators.Keys).ToArray();
        return (keys, new HashSet<string>(keys, StringComparer.Ordinal));
    }

    private static KeyValuePair<YScalar, YNode>[] Entries(YMapping mapping, Func<KeyValuePair<YScalar, YNode>, bool> predicate)
    {
        var count = 0;
        foreach (var entry in mapping.Entries) if (predicate(entry)) count++;
        if (count == 0) return Array.Empty<KeyValuePair<YScalar, YNode>>();
        var found = new KeyValuePair<YScalar, YNode>[count];
        count = 0;
        foreach (var entry in mapping.Entries) if (predicate(entry)) found[count++] = entry;
        return found;
    }

    private Condition? ReadComparison(YMapping mapping, FactPath path, ValueShape valueShape, SourceLocation location, Scope scope)
    {
        var (allowed, allowedSet) = path.IsItemField ? FieldComparisonKeys : FactComparisonKeys;
        reader.CheckKeys(mapping, "a comparison", allowed, Array.Empty<string>(), allowedSet);
        var operatorEntries = Entries(mapping, e => Operators.ContainsKey(e.Key.Value));
        if (operatorEntries.Length != 1)
        {
            reader.Error(
                DiagnosticCodes.BadCondition,
                operatorEntries.Length == 0
                    ? $"The comparison of '{path}' has no operator; expected one of: {string.Join(", ", Operators.Keys)}."
                    : $"The comparison of '{path}' has {operatorEntries.Length} operators ({string.Join(", ", operatorEntries.Select(e => e.Key.Value))}); write one comparison per operator inside 'all'.",
                mapping);
            return null;
        }

        var caseSensitive = mapping.Find("caseSensitive") is { } caseNode && (reader.Boolean(caseNode, "'caseSensitive'") ?? false);
        if (mapping.Find("caseSensitive") is { } caseKey && Operators[operatorEntries[0].Key.Value] is ComparisonOperator.Exists or ComparisonOperator.Unreadable or ComparisonOperator.SameComputer or ComparisonOperator.Less or ComparisonOperator.LessOrEqual
            or ComparisonOperator.Greater or ComparisonOperator.GreaterOrEqual or ComparisonOperator.Within or ComparisonOperator.OlderThan)
        {
            reader.Error(DiagnosticCodes.BadCondition, $"'caseSensitive' applies to string comparisons, not to '{operatorEntries[0].Key.Value}'.", caseKey);
            return null;
        }
        FactType? overrideType = mapping.Find("type") is { } typeNode ? reader.Enum(typeNode, "'type'", LiteralTypes) : null;
        var op = Operators[operatorEntries[0].Key.Value];
        var literalNode = operatorEntries[0].Value;
        var literal = op switch
        {
            ComparisonOperator.Unreadable => ReadUnreadable(literalNode, path),
            ComparisonOperator.SameComputer => ReadSameComputer(literalNode, path, valueShape, scope),
            _ => ReadLiteral(op, operatorEntries[0].Key.Value, literalNode, path, valueShape, overrideType, caseSensitive),
        };
        return literal is null ? null : new Comparison(path, op, literal, caseSensitive, valueShape.Type, location);
    }

    /// <summary><c>unreadable: true</c>, or a regex over the reason; only on a whole fact, whose reading can fail.</summary>
    private Literal? ReadUnreadable(YNode node, FactPath path)
    {
        if (path.IsItemField || path.Fields.Count > 0)
        {
            reader.Error(DiagnosticCodes.BadCondition, $"'unreadable' tests whether a fact could be read; write it on the fact '{path.Root}', not on '{(path.IsItemField ? "field " : string.Empty)}{path}'.", node);
            return null;
        }

        var text = reader.String(node, "'unreadable'");
        if (text is null) return null;
        if (text is "true") return new Literal(FactType.Boolean, true, "true");
        if (text is "false")
        {
            reader.Error(DiagnosticCodes.BadCondition, "'unreadable: false' would be true for a fact not found; write 'exists' for that, or 'not' around 'unreadable: true'.", node);
            return null;
        }

        var regex = regexes.Get(text, caseSensitive: false, out var regexError);
        if (regex is null)
        {
            reader.Error(DiagnosticCodes.BadRegex, $"The regular expression '{YScalar.Shorten(text)}' does not compile: {regexError}", node);
            return null;
        }

        return new Literal(FactType.String, regex, text);
    }

    /// <summary><c>sameComputer: machine.name</c>: a fact path of a string, compared as a computer name.</summary>
    private Literal? ReadSameComputer(YNode node, FactPath path, ValueShape valueShape, Scope scope)
    {
        if (valueShape.Type is not (FactType.String or FactType.Any))
        {
            return Mismatch("sameComputer", path, valueShape, node, "strings");
        }

        var text = reader.String(node, "'sameComputer'");
        if (text is null) return null;
        var other = FactPath.Parse(text, isItemField: false);
        var rootShape = scope.Resolve(other.Root);
        if (rootShape is null)
        {
            ReportUndefined(other.Root, scope.Facts, node);
            return null;
        }

        var otherShape = CheckPath(other, rootShape, node);
        if (otherShape is null) return null;
        if (otherShape.Type is not (FactType.String or FactType.Any))
        {
            reader.Error(DiagnosticCodes.BadCondition, $"'sameComputer' compares with a computer name, but '{other}' is {FactValues.Article(otherShape)}.", node);
            return null;
        }

        return new Literal(FactType.String, other, text);
    }

    private Literal? ReadLiteral(ComparisonOperator op, string opName, YNode node, FactPath path, ValueShape valueShape, FactType? overrideType, bool caseSensitive)
    {
        node = Input(node);
        var valueType = valueShape.Type;
        switch (op)
        {
            case ComparisonOperator.Exists:
                var exists = reader.Boolean(node, "'exists'");
                return exists is null ? null : new Literal(FactType.Boolean, exists.Value, exists.Value ? "true" : "false");

            case ComparisonOperator.Matches:
            case ComparisonOperator.NotMatches:
                if (!(valueType is FactType.String or FactType.Any || (valueType == FactType.List && valueShape.Item!.Type is FactType.String or FactType.Any)))
                {
                    return Mismatch(opName, path, valueShape, node, "strings");
                }

                var pattern = reader.String(node, $"'{opName}'");
                if (pattern is null)
                {
                    return null;
                }

                var regex = regexes.Get(pattern, caseSensitive, out var regexError);
                if (regex is null)
                {
                    reader.Error(DiagnosticCodes.BadRegex, $"The regular expression '{YScalar.Shorten(pattern)}' does not compile: {regexError}", node);
                    return null;
                }

                return new Literal(FactType.String, regex, pattern);

            case ComparisonOperator.Within:
            case ComparisonOperator.OlderThan:
                if (valueType is not (FactType.DateTime or FactType.Any))
                {
                    return Mismatch(opName, path, valueShape, node, "date-times");
                }

                return Scalar(node, FactType.Duration, opName);

            case ComparisonOperator.In:
            case ComparisonOperator.NotIn:
                if (valueType is FactType.List or FactType.Record)
                {
                    return Mismatch(opName, path, valueShape, node, "scalars");
                }

                var sequence = reader.Sequence(node, $"'{opName}'");
                if (sequence is null)
                {
                    return null;
                }

                var items = new List<object?>();
                var ok = true;
                foreach (var item in sequence.Items)
                {
                    var itemLiteral = ScalarFor(item, overrideType ?? valueType, opName, ordering: false);
                    if (itemLiteral is null) ok = false;
                    else items.Add(itemLiteral.Value);
                }

                return ok ? new Literal(FactType.List, items.ToArray(), "[" + string.Join(", ", sequence.Items.OfType<YScalar>().Select(s => s.Value)) + "]") : null;

            case ComparisonOperator.Contains:
            case ComparisonOperator.NotContains:
                if (valueType == FactType.List)
                {
                    return ScalarFor(node, overrideType ?? valueShape.Item!.Type, opName, ordering: false);
                }

                if (valueType is not (FactType.String or FactType.Any))
                {
                    return Mismatch(opName, path, valueShape, node, "strings and lists");
                }

                return ScalarFor(node, overrideType ?? FactType.String, opName, ordering: false);

            case ComparisonOperator.StartsWith:
            case ComparisonOperator.EndsWith:
                if (valueType is not (FactType.String or FactType.Any))
                {
                    return Mismatch(opName, path, valueShape, node, "strings");
                }

                return Scalar(node, FactType.String, opName);

            case ComparisonOperator.Less:
            case ComparisonOperator.LessOrEqual:
            case ComparisonOperator.Greater:
            case ComparisonOperator.GreaterOrEqual:
                var orderType = overrideType ?? valueType;
                if (orderType is not (FactType.Number or FactType.Version or FactType.DateTime or FactType.Duration or FactType.Any))
                {
                    return Mismatch(opName, path, valueShape, node, "numbers, versions, date-times and durations", "; add 'type: version' if the text is a version");
                }

                return ScalarFor(node, orderType, opName, ordering: true);

            default: // Equals, NotEquals
                if (valueType is FactType.List or FactType.Record)
                {
                    return Mismatch(opName, path, valueShape, node, "scalars", valueType == FactType.List ? "; use 'contains' to test a list's items" : string.Empty);
                }

                return ScalarFor(node, overrideType ?? valueType, opName, ordering: false);
        }
    }

    private Literal? ScalarFor(YNode node, FactType type, string opName, bool ordering)
    {
        if (type != FactType.Any)
        {
            return Scalar(node, type, opName);
        }

        if (node is not YScalar scalar || scalar.IsNull)
        {
            reader.Error(DiagnosticCodes.BadLiteral, $"'{opName}' needs a value, but found {node.Describe()}.", node);
            return null;
        }

        var inferred = NodeValues.Infer(scalar);
        if (ordering && inferred is string text)
        {
            // An untyped value (a registry value, say) ordered against text: only versions and dates order.
            if (FactValues.TryParseVersion(text, out var version)) return new Literal(FactType.Version, version, text);
            if (FactValues.TryParseDateTime(text, out var dateTime)) return new Literal(FactType.DateTime, dateTime, text);
            reader.Error(DiagnosticCodes.BadLiteral, $"'{opName}' orders numbers, versions, date-times and durations, but '{YScalar.Shorten(text)}' is none of these.", node);
            return null;
        }

        if (ordering && inferred is bool)
        {
            reader.Error(DiagnosticCodes.BadLiteral, $"'{opName}' orders numbers, versions, date-times and durations, but '{scalar.Value}' is a boolean.", node);
            return null;
        }

        var inferredType = inferred switch { double => FactType.Number, bool => FactType.Boolean, _ => FactType.String };
        return new Literal(inferredType, inferred, scalar.Value);
    }

    private Literal? Scalar(YNode node, FactType type, string opName)
    {
        if (node is YScalar scalar && !scalar.IsNull && NodeValues.TryScalar(scalar.Value, scalar.IsPlain, type, out var value))
        {
            return new Literal(type, value, scalar.Value);
        }

        reader.Error(
            type == FactType.Version ? DiagnosticCodes.BadVersion : DiagnosticCodes.BadLiteral,
            $"'{opName}' needs a {ValueShape.TypeName(type)}{NodeValues.Hint(type)}, but found {node.Describe()}.",
            node);
        return null;
    }

    private Literal? Mismatch(string opName, FactPath path, ValueShape valueShape, YNode node, string applies, string hint = "")
    {
        reader.Error(DiagnosticCodes.OperatorTypeMismatch, $"'{opName}' applies to {applies}, but '{path}' is {FactValues.Article(valueShape)}{hint}.", node);
        return null;
    }
}
