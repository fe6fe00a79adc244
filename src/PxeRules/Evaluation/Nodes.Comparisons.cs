using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Threading;
using PxeRules.Model;
using PxeRules.Probes;

namespace PxeRules.Evaluation;

internal sealed class CompareNode : PathNode
{
    private readonly ComparisonOperator op;
    private readonly Literal literal;
    private readonly StringComparison comparison;
    private readonly string opName;
    private readonly int sharedMatch;
    private readonly Fast fast;

    // The literal unboxed, so the common comparisons touch no other object.
    private readonly string? stringLiteral;
    private readonly Version? versionLiteral;
    private readonly double numberLiteral;
    private readonly Regex? regex;
    private readonly bool expected;

    /// <param name="condition">The comparison.</param>
    /// <param name="slot">The rule's slot of the fact, or -1 for an item field.</param>
    /// <param name="sharedMatch">Where a regex result on a shared path is kept (<see cref="SharedCalls.InternMatch"/>), or -1.</param>
    public CompareNode(Comparison condition, int slot, int sharedMatch = -1)
        : base(condition.Path, slot)
    {
        op = condition.Operator;
        literal = condition.Literal;
        comparison = condition.CaseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        opName = OperatorNames.Of(op);
        var ordering = op is ComparisonOperator.Less or ComparisonOperator.LessOrEqual or ComparisonOperator.Greater or ComparisonOperator.GreaterOrEqual;
        expected = op is ComparisonOperator.Equals or ComparisonOperator.Matches || (op == ComparisonOperator.Exists && literal.Value is true);
        switch (literal.Value)
        {
            case string text when op is ComparisonOperator.Equals or ComparisonOperator.NotEquals:
                fast = Fast.String;
                stringLiteral = text;
                break;
            case Version version when ordering:
                fast = Fast.Version;
                versionLiteral = version;
                break;
            case double number when ordering:
                fast = Fast.Number;
                numberLiteral = number;
                break;
            case Regex pattern when op == ComparisonOperator.Matches:
                fast = Fast.Match;
                regex = pattern;
                break;
        }

        this.sharedMatch = fast == Fast.Match ? sharedMatch : -1;
    }

    /// <summary>Literal and operator pairs compared without the general type dispatch when the value has the literal's type.</summary>
    private enum Fast
    {
        None,
        String,
        Version,
        Number,
        Match,
    }

    public override Truth Eval(EvalContext context)
    {
        if (op == ComparisonOperator.Unreadable) return Unreadable(context);
        var read = Read(context, out var value);
        if (op == ComparisonOperator.Exists)
        {
            if (read is Truth.Unknown or Truth.Error) return read;
            return (read == Truth.True) == expected ? Truth.True : Truth.False;
        }

        if (read != Truth.True) return read == Absent ? Unknown(context) : read;
        return CompareValue(context, value!, null);
    }

    /// <summary>Compares a value that was found; <paramref name="memo"/> keeps the result of a regex on a shared path.</summary>
    internal Truth CompareValue(EvalContext context, object value, MachineFacts? memo)
    {
        switch (fast)
        {
            case Fast.String when value is string text:
                return Bool(string.Equals(text, stringLiteral, comparison) == expected);
            case Fast.Version when value is Version version:
                return Bool(Ordered(FactValues.CompareVersions(version, versionLiteral!)));
            case Fast.Number when value is double number:
                return Bool(Ordered(number.CompareTo(numberLiteral)));
            case Fast.Match when value is string text:
                // A shared path's text is the same for every rule on this machine: each pattern runs on it once.
                var matches = sharedMatch >= 0 ? memo?.Matches : null;
                if (matches is not null && matches[sharedMatch] != 0) return matches[sharedMatch] == 1 ? Truth.True : Truth.False;
                if (context.Budget.Refusal(regex!) is { } refused)
                {
                    return context.Fail(refused);
                }

                bool matched;
                try
                {
                    matched = regex!.IsMatch(text);
                }
                catch (RegexMatchTimeoutException)
                {
                    return TimedOut(context, regex!);
                }

                if (matches is not null) matches[sharedMatch] = matched ? (byte)1 : (byte)2;
                return Bool(matched);

            default:
                return Compare(context, value);
        }
    }

    /// <summary>The comparison of <paramref name="read"/> and <paramref name="value"/> as <see cref="Eval"/> decides it.</summary>
    internal Truth Decide(EvalContext context, Truth read, object? value, MachineFacts memo)
    {
        if (op == ComparisonOperator.Exists)
        {
            if (read is Truth.Unknown or Truth.Error) return read;
            return (read == Truth.True) == expected ? Truth.True : Truth.False;
        }

        if (read == Absent) return Unknown(context);
        return read != Truth.True ? read : CompareValue(context, value!, memo);
    }

    private bool Ordered(int order) => op switch
    {
        ComparisonOperator.Less => order < 0,
        ComparisonOperator.LessOrEqual => order <= 0,
        ComparisonOperator.Greater => order > 0,
        _ => order >= 0,
    };

    /// <summary>
    /// Whether the fact could not be read (for a reason the literal matches): false when it was read, unknown when the
    /// evidence does not hold it or it failed for another reason.
    /// </summary>
    private Truth Unreadable(EvalContext context)
    {
        ref readonly var slot = ref context.Slots[Slot];
        if (slot.InvalidReason is not null) return context.Fail(slot.InvalidReason);
        if (slot.Status != ProbeStatus.Unavailable) return Truth.False;
        if (slot.Missing) return Truth.Unknown;
        if (literal.Value is Regex pattern)
        {
            try
            {
                return pattern.IsMatch(slot.Reason ?? string.Empty) ? Truth.True : Truth.Unknown;
            }
            catch (RegexMatchTimeoutException)
            {
                return TimedOut(context, pattern);
            }
        }

        return Truth.True;
    }

    public override Truth Explain(EvalContext context, List<Evidence> evidence)
    {
        if (op == ComparisonOperator.Unreadable)
        {
            ref readonly var slot = ref context.Slots[Slot];
            var truth = Unreadable(context);
            var seen = slot.Status != ProbeStatus.Unavailable ? "read" : slot.Missing ? "not in the evidence" : "unreadable: " + slot.Reason;
            evidence.Add(new Evidence(Path.ToString(), slot.Call, seen, opName, literal.Text, truth, slot.Missing ? slot.Reason : null));
            return truth;
        }

        var read = Read(context, out var value);
        var result = Eval(context);
        evidence.Add(new Evidence(
            Path.IsItemField ? "item." + Path : Path.ToString(),
            CallOf(context),
            Observed(context, read, value),
            opName,
            literal.Text,
            result,
            result == Truth.Error ? context.ErrorReason : NoteOf(context, read)));
        return result;
    }

    private Truth Compare(EvalContext context, object value)
    {
        switch (op)
        {
            case ComparisonOperator.Equals:
                return Bool(Values.Equal(value, literal.Value!, comparison));
            case ComparisonOperator.NotEquals:
                return Bool(!Values.Equal(value, literal.Value!, comparison));
            case ComparisonOperator.In:
            case ComparisonOperator.NotIn:
                var found = false;
                foreach (var item in (object?[])literal.Value!)
                {
                    if (item is not null && Values.Equal(value, item, comparison))
                    {
                        found = true;
                        break;
                    }
                }

                return Bool(found == (op == ComparisonOperator.In));
            case ComparisonOperator.Matches:
            case ComparisonOperator.NotMatches:
                var matched = Match(context, value);
                if (matched is Truth.Error) return matched;
                return op == ComparisonOperator.Matches ? matched : Negate(matched);
            case ComparisonOperator.Contains:
            case ComparisonOperator.NotContains:
                Truth contains;
                if (value is string text)
                {
                    contains = Bool(text.IndexOf(Values.Text(literal.Value!), comparison) >= 0);
                }
                else if (value is IEnumerable items)
                {
                    contains = Truth.False;
                    foreach (var item in items)
                    {
                        if (item is not null && Values.Equal(item, literal.Value!, comparison))
                        {
                            contains = Truth.True;
                            break;
                        }
                    }
                }
                else
                {
                    return context.Fail($"'{opName}' needs a string or a list, but '{Path}' is {FactValues.TypeOf(value)}.");
                }

                return op == ComparisonOperator.Contains ? contains : Negate(contains);
            case ComparisonOperator.StartsWith:
            case ComparisonOperator.EndsWith:
                if (value is not string s) return context.Fail($"'{opName}' needs a string, but '{Path}' is {FactValues.TypeOf(value)}.");
                var part = Values.Text(literal.Value!);
                return Bool(op == ComparisonOperator.StartsWith ? s.StartsWith(part, comparison) : s.EndsWith(part, comparison));
            case ComparisonOperator.Within:
            case ComparisonOperator.OlderThan:
                if (!Values.TryDateTime(value, out var time)) return context.Fail($"'{opName}' needs a date-time, but '{Path}' is {FactValues.TypeOf(value)}.");
                var boundary = context.Now - (TimeSpan)literal.Value!;
                return Bool(op == ComparisonOperator.Within ? time >= boundary : time < boundary);
            default:
                if (!Values.TryOrder(value, literal.Value!, out var order))
                {
                    return context.Fail($"'{opName}' cannot compare '{Path}' ({FactValues.TypeOf(value)} '{FactValues.Display(value)}') with {FactValues.TypeOf(literal.Value)} '{literal.Text}'.");
                }

                return Bool(Ordered(order));
        }
    }

    private Truth Match(EvalContext context, object value)
    {
        var regex = (Regex)literal.Value!;
        if (context.Budget.Refusal(regex) is { } refused)
        {
            return context.Fail(refused);
        }

        try
        {
            if (value is string s) return Bool(regex.IsMatch(s));
            if (value is IEnumerable items)
            {
                foreach (var item in items)
                {
                    if (item is string text && regex.IsMatch(text)) return Truth.True;
                }

                return Truth.False;
            }

            return Bool(regex.IsMatch(FactValues.ToInvariantString(value)));
        }
        catch (RegexMatchTimeoutException)
        {
            return TimedOut(context, regex);
        }
    }

    internal Truth TimedOut(EvalContext context, Regex regex)
    {
        // A pattern that timed out once is not run again in this run (a catastrophic pattern over thousands of log
        // lines costs one timeout, not one per line), and its timeout counts against the run's budget.
        var reason = $"The regular expression '{literal.Text}' took longer than {regex.MatchTimeout.TotalSeconds:0.###} s on '{Path}'.";
        context.Budget.TimedOut(regex, reason);
        return context.Fail(reason);
    }

    private static Truth Bool(bool value) => value ? Truth.True : Truth.False;
}

/// <summary>
/// <c>sameComputer</c>: the value and another fact path name the same computer, short names compared ignoring case,
/// so a site's list that writes <c>pxe02.corp.contoso.com</c> is narrowed to the machine judged as <c>PXE02</c>.
/// </summary>
internal sealed class SameComputerNode : PathNode
{
    private readonly FactPath other;
    private readonly int otherSlot;
    private readonly string text;

    public SameComputerNode(Comparison comparison, int slot, int otherSlot)
        : base(comparison.Path, slot)
    {
        other = (FactPath)comparison.Literal.Value!;
        this.otherSlot = otherSlot;
        text = comparison.Literal.Text;
    }

    public override Truth Eval(EvalContext context) => Compare(context, out _, out _);

    public override Truth Explain(EvalContext context, List<Evidence> evidence)
    {
        var read = Read(context, out var value);
        var result = Compare(context, out _, out var otherValue);
        evidence.Add(new Evidence(
            Path.IsItemField ? "item." + Path : Path.ToString(),
            CallOf(context),
            Observed(context, read, value),
            "sameComputer",
            otherValue is string name ? $"{text} ({name})" : text,
            result,
            result == Truth.Error ? context.ErrorReason : NoteOf(context, read)));
        return result;
    }

    private Truth Compare(EvalContext context, out object? value, out object? otherValue)
    {
        otherValue = null;
        var read = Read(context, out value);
        if (read != Truth.True) return read == Absent ? Unknown(context) : read;
        var otherRead = Read(context.Slots[otherSlot], other, out otherValue, out var error);
        if (otherRead == Truth.Error) return context.Fail(error!);
        if (otherRead != Truth.True) return otherRead == Truth.False ? Truth.False : Truth.Unknown;
        if (value is not string name || otherValue is not string otherName)
        {
            return context.Fail($"'sameComputer' compares computer names, but '{Path}' is {FactValues.TypeOf(value)} and '{other}' is {FactValues.TypeOf(otherValue)}.");
        }

        return string.Equals(SiteDiscovery.ShortName(name.Trim()), SiteDiscovery.ShortName(otherName.Trim()), StringComparison.OrdinalIgnoreCase) ? Truth.True : Truth.False;
    }
}

/// <summary>
/// A comparison over a shared path, kept small: it reads the path's value from the machine's shared facts and
/// compares the common literal types and regexes itself. Anything else, and explaining, goes to a general node
/// made when first needed, so an engine of many rules does not carry one per comparison.
/// </summary>
internal sealed class SharedCompareNode : Node
{
    private readonly Comparison comparison;
    private readonly int slot;
    private readonly int path;
    private readonly int match;
    private readonly Kind kind;
    private readonly bool expected;
    private readonly bool ignoreCase;
    private readonly object? literal;
    private readonly double number;
    private CompareNode? general;

    public SharedCompareNode(Comparison comparison, int slot, int path, SharedCalls calls)
    {
        this.comparison = comparison;
        this.slot = slot;
        this.path = path;
        var op = comparison.Operator;
        ignoreCase = !comparison.CaseSensitive;
        var value = comparison.Literal.Value;
        expected = op == ComparisonOperator.Equals || (op == ComparisonOperator.Exists && value is true);
        (kind, literal) = value switch
        {
            _ when op == ComparisonOperator.Exists => (Kind.Exists, null),
            string text when op is ComparisonOperator.Equals or ComparisonOperator.NotEquals => (Kind.String, text),
            Version version when op == ComparisonOperator.Less => (Kind.Less, version),
            Version version when op == ComparisonOperator.LessOrEqual => (Kind.LessOrEqual, version),
            Version version when op == ComparisonOperator.Greater => (Kind.Greater, version),
            Version version when op == ComparisonOperator.GreaterOrEqual => (Kind.GreaterOrEqual, version),
            double when op == ComparisonOperator.Less => (Kind.Less, (object?)null),
            double when op == ComparisonOperator.LessOrEqual => (Kind.LessOrEqual, (object?)null),
            double when op == ComparisonOperator.Greater => (Kind.Greater, (object?)null),
            double when op == ComparisonOperator.GreaterOrEqual => (Kind.GreaterOrEqual, (object?)null),
            Regex regex when op == ComparisonOperator.Matches => (Kind.Match, regex),
            _ => (Kind.Other, null),
        };
        number = value is double d ? d : 0;
        match = kind == Kind.Match ? calls.InternMatch(path, (Regex)literal!) : -1;
    }

    private enum Kind : byte
    {
        Other,
        Exists,
        String,
        Less,
        LessOrEqual,
        Greater,
        GreaterOrEqual,
        Match,
    }

    private CompareNode General
    {
        get
        {
            var node = Volatile.Read(ref general);
            if (node is null)
            {
                node = new CompareNode(comparison, slot, match);
                node = Interlocked.CompareExchange(ref general, node, null) ?? node;
            }

            return node;
        }
    }

    public override Truth Eval(EvalContext context)
    {
        var machine = context.Shared;
        if (machine is null) return General.Eval(context);
        ref readonly var shared = ref machine.Paths[path];
        var read = shared.Read;
        if (read != Truth.True)
        {
            if (read == Truth.Error) return context.Fail(shared.Error!);
            if (kind == Kind.Exists) return read == Truth.Unknown ? read : (expected ? Truth.False : Truth.True);
            return read;
        }

        var value = shared.Value;
        switch (kind)
        {
            case Kind.Exists:
                return expected ? Truth.True : Truth.False;
            case Kind.String when value is string text:
                return string.Equals(text, (string)literal!, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal) == expected ? Truth.True : Truth.False;
            case >= Kind.Less and <= Kind.GreaterOrEqual when literal is null && value is double found:
                return Ordered(found.CompareTo(number));
            case >= Kind.Less and <= Kind.GreaterOrEqual when literal is not null && value is Version version:
                return Ordered(FactValues.CompareVersions(version, (Version)literal));
            case Kind.Match when value is string text:
                // The path's text is the same for every rule on this machine: each pattern runs on it once.
                var memo = machine.Matches;
                if (memo[match] != 0) return memo[match] == 1 ? Truth.True : Truth.False;
                bool matched;
                try
                {
                    matched = ((Regex)literal!).IsMatch(text);
                }
                catch (RegexMatchTimeoutException)
                {
                    return General.TimedOut(context, (Regex)literal!);
                }

                memo[match] = matched ? (byte)1 : (byte)2;
                return matched ? Truth.True : Truth.False;
            default:
                return General.Decide(context, read, value, machine);
        }
    }

    public override Truth Explain(EvalContext context, List<Evidence> evidence) => General.Explain(context, evidence);

    private Truth Ordered(int order) => kind switch
    {
        Kind.Less => order < 0 ? Truth.True : Truth.False,
        Kind.LessOrEqual => order <= 0 ? Truth.True : Truth.False,
        Kind.Greater => order > 0 ? Truth.True : Truth.False,
        _ => order >= 0 ? Truth.True : Truth.False,
    };
}

/// <summary>Comparison of the engine's value types.</summary>
internal static class Values
{
    public static string Text(object value) => value as string ?? FactValues.ToInvariantString(value);

    public static bool Equal(object value, object literal, StringComparison comparison)
    {
        switch (literal)
        {
            case string s:
                return string.Equals(Text(value), s, comparison);
            case double d:
                return FactValues.TryNumber(value, out var n) ? n == d
                    : value is string vs && double.TryParse(vs, NumberStyles.Float, CultureInfo.InvariantCulture, out n) && n == d;
            case bool b:
                return value is bool vb ? vb == b : value is string bs && bool.TryParse(bs, out vb) && vb == b;
            default:
                return TryOrder(value, literal, out var order) && order == 0;
        }
    }

    public static bool TryDateTime(object value, out DateTimeOffset time)
    {
        switch (value)
        {
            case DateTimeOffset dto: time = dto; return true;
            case string s: return FactValues.TryParseDateTime(s, out time);
            default: time = default; return false;
        }
    }

    public static bool TryOrder(object value, object literal, out int order)
    {
        order = 0;
        switch (literal)
        {
            case double d:
                if (FactValues.TryNumber(value, out var n) || (value is string s && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out n)))
                {
                    order = n.CompareTo(d);
                    return true;
                }

                return false;
            case Version v:
                if (value is Version vv || (value is string vs && FactValues.TryParseVersion(vs, out vv)))
                {
                    order = FactValues.CompareVersions(vv, v);
                    return true;
                }

                return false;
            case DateTimeOffset t:
                if (TryDateTime(value, out var vt))
                {
                    order = vt.CompareTo(t);
                    return true;
                }

                return false;
            case TimeSpan ts:
                if (value is TimeSpan vts || (value is string tss && FactValues.TryParseDuration(tss, out vts)))
                {
                    order = vts.CompareTo(ts);
                    return true;
                }

                return false;
            case string text:
                if (value is string other)
                {
                    order = string.Compare(other, text, StringComparison.OrdinalIgnoreCase);
                    return true;
                }

                return false;
            default:
                return false;
        }
    }
}
