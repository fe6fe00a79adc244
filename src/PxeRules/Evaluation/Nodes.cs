using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Threading;
using PxeRules.Model;
using PxeRules.Probes;

namespace PxeRules.Evaluation;

/// <summary>What one evaluation of a prepared condition reads: the rule's fact slots, the clock and the current item.</summary>
internal sealed class EvalContext
{
    private FactSlot[] slotArray;
    private int[]? map;

    public EvalContext(SlotView slots, DateTimeOffset now, RegexBudget? budget = null)
    {
        slotArray = slots.Array;
        map = slots.Map;
        Now = now;
        Budget = budget ?? new RegexBudget(RuleEngine.DefaultRegexBudget);
    }

    public SlotView Slots => new(slotArray, map);

    /// <summary>The machine's shared facts when the rule reads them through its map, else null.</summary>
    public MachineFacts? Shared { get; private set; }

    public DateTimeOffset Now { get; }

    public object? Item { get; set; }

    public bool HasItem { get; set; }

    /// <summary>The first reason an <see cref="Truth.Error"/> arose.</summary>
    public string? ErrorReason { get; set; }

    /// <summary>Why the first comparison on a field its record lacks was unknown (set only on that path).</summary>
    public string? AbsentReason { get; set; }

    /// <summary>Reads the shared facts of one machine for the rules that follow.</summary>
    public void UseMachine(MachineFacts shared)
    {
        Shared = shared;
        slotArray = shared.Slots;
    }

    /// <summary>Reuses this context for the next rule of an evaluation; writes only what a rule changed.</summary>
    public void NextRule(int[] sharedMap)
    {
        map = sharedMap;
        if (HasItem)
        {
            HasItem = false;
            Item = null;
        }

        if (ErrorReason is not null) ErrorReason = null;
    }

    public Truth Fail(string reason)
    {
        ErrorReason ??= reason;
        return Truth.Error;
    }

    /// <summary>The run's budget for regular expressions that time out, shared by every context of one evaluation.</summary>
    public RegexBudget Budget { get; }
}

/// <summary>
/// A condition prepared for evaluation: facts resolved to slot indexes, literals parsed and regexes built at
/// load. <see cref="Eval"/> short-circuits and allocates nothing; <see cref="Explain"/> also collects the evidence
/// that decided the result.
/// </summary>
internal abstract class Node
{
    public abstract Truth Eval(EvalContext context);

    public abstract Truth Explain(EvalContext context, List<Evidence> evidence);

    /// <param name="condition">The condition.</param>
    /// <param name="slotOf">A fact name to the rule's slot.</param>
    /// <param name="shared">The engine's shared calls and the rule's map into them, when the rule's facts are shared.</param>
    public static Node Prepare(Condition condition, Func<string, int> slotOf, (SharedCalls Calls, int[] Map)? shared = null)
    {
        switch (condition)
        {
            case AllCondition all:
                return JunctionNode.All(PrepareAll(all.Members, slotOf, shared));
            case AnyCondition any:
                return JunctionNode.Any(PrepareAll(any.Members, slotOf, shared));
            case NotCondition not:
                return new NotNode(Prepare(not.Operand, slotOf, shared));
            case Comparison comparison:
                var path = comparison.Path;
                var slot = path.IsItemField ? -1 : slotOf(path.Root);
                if (path.IsItemField || shared is null) return new CompareNode(comparison, slot);
                return new SharedCompareNode(comparison, slot, shared.Value.Calls.InternPath(shared.Value.Map[slot], path), shared.Value.Calls);
            case Quantifier quantifier:
                return new QuantifierNode(
                    quantifier,
                    quantifier.Path.IsItemField ? -1 : slotOf(quantifier.Path.Root),
                    quantifier.Where is null ? null : Prepare(quantifier.Where, slotOf, shared));
            default:
                throw new ArgumentException($"Unknown condition node {condition.GetType().Name}.", nameof(condition));
        }
    }

    private static Node[] PrepareAll(IReadOnlyList<Condition> members, Func<string, int> slotOf, (SharedCalls Calls, int[] Map)? shared)
    {
        var nodes = new Node[members.Count];
        for (var i = 0; i < nodes.Length; i++) nodes[i] = Prepare(members[i], slotOf, shared);
        return nodes;
    }

    private static T[] ToArray<T>(IReadOnlyList<T> list)
    {
        var array = new T[list.Count];
        for (var i = 0; i < array.Length; i++) array[i] = list[i];
        return array;
    }

    public static Truth Negate(Truth truth) => truth switch
    {
        Truth.True => Truth.False,
        Truth.False => Truth.True,
        _ => truth,
    };
}

/// <summary>
/// <c>all</c> and <c>any</c>: one member with the dominant value decides (false for <c>all</c>, true for <c>any</c>);
/// otherwise an error, then an unknown member, decides over the neutral value.
/// </summary>
internal sealed class JunctionNode : Node
{
    private readonly Node[] members;
    private readonly Truth dominant;
    private readonly Truth neutral;

    private JunctionNode(Node[] members, Truth dominant)
    {
        this.members = members;
        this.dominant = dominant;
        neutral = Negate(dominant);
    }

    public static JunctionNode All(Node[] members) => new(members, Truth.False);

    public static JunctionNode Any(Node[] members) => new(members, Truth.True);

    public override Truth Eval(EvalContext context)
    {
        var result = neutral;
        foreach (var member in members)
        {
            var truth = member.Eval(context);
            if (truth == dominant) return dominant;
            if (truth == Truth.Error || (truth == Truth.Unknown && result == neutral)) result = truth;
        }

        return result;
    }

    public override Truth Explain(EvalContext context, List<Evidence> evidence)
    {
        var parts = new List<Evidence>[members.Length];
        var result = neutral;
        var decided = false;
        var truths = new Truth[members.Length];
        for (var i = 0; i < members.Length; i++)
        {
            parts[i] = new List<Evidence>();
            truths[i] = members[i].Explain(context, parts[i]);
            if (decided) continue;
            if (truths[i] == dominant)
            {
                result = dominant;
                decided = true;
            }
            else if (truths[i] == Truth.Error || (truths[i] == Truth.Unknown && result == neutral))
            {
                result = truths[i];
            }
        }

        for (var i = 0; i < members.Length; i++)
        {
            // A decided 'all' (false) or 'any' (true) is explained by the members that decided it; an undecided one
            // by every member that shares its result, and a neutral one by all its members.
            if (result == neutral || truths[i] == result) evidence.AddRange(parts[i]);
        }

        return result;
    }
}

internal sealed class NotNode : Node
{
    private readonly Node operand;

    public NotNode(Node operand) => this.operand = operand;

    public override Truth Eval(EvalContext context) => Negate(operand.Eval(context));

    public override Truth Explain(EvalContext context, List<Evidence> evidence) => Negate(operand.Explain(context, evidence));
}

/// <summary>Reads the value a path names: from a fact slot, or from the current item of a quantifier.</summary>
internal abstract class PathNode : Node
{
    protected PathNode(FactPath path, int slot)
    {
        Path = path;
        Slot = slot;
        Fields = new string[path.Fields.Count + (path.IsItemField ? 1 : 0)];
        var offset = 0;
        if (path.IsItemField) Fields[offset++] = path.Root;
        foreach (var field in path.Fields) Fields[offset++] = field;
    }

    protected FactPath Path { get; }

    protected int Slot { get; }

    protected string[] Fields { get; }

    /// <summary>
    /// What <see cref="Read(EvalContext, out object?)"/> returns when an item of a list (a log entry, an event) lacks
    /// the field or holds null there: the field does not exist, so <c>exists</c> is false, but its value is not
    /// known, so every other comparison on it is unknown, never false. A fact's own record is different: a field it
    /// leaves out is not set on the machine, and reads as not found.
    /// </summary>
    internal const Truth Absent = (Truth)4;

    /// <summary>
    /// Looks the value up. Returns Truth.True with the value, Truth.False when the fact was not found,
    /// <see cref="Absent"/> when a found record lacks the field, Unknown or Error otherwise.
    /// </summary>
    protected Truth Read(EvalContext context, out object? value)
    {
        value = null;
        if (Slot < 0)
        {
            if (!context.HasItem) return context.Fail($"'{Path}' names an item field outside a quantifier.");
            var itemRead = ReadFields(context.Item, Path, Fields, out value, out var itemError);
            return itemRead == Truth.Error ? context.Fail(itemError!) : itemRead;
        }

        var read = Read(context.Slots[Slot], Path, out value, out var error);
        return read == Truth.Error ? context.Fail(error!) : read;
    }

    /// <summary>Reads <paramref name="path"/> from a fact slot; on <see cref="Truth.Error"/>, <paramref name="error"/> says why.</summary>
    internal static Truth Read(in FactSlot slot, FactPath path, out object? value, out string? error)
    {
        value = null;
        error = null;
        if (slot.InvalidReason is not null)
        {
            error = slot.InvalidReason;
            return Truth.Error;
        }

        switch (slot.Status)
        {
            case ProbeStatus.Unavailable: return Truth.Unknown;
            case ProbeStatus.NotFound: return Truth.False;
        }

        // A fact's record leaves out a field that is not set on the machine (each kind documents it): not found.
        var read = ReadFields(slot.Value, path, path.Fields, out value, out error);
        return read == Absent ? Truth.False : read;
    }

    private static Truth ReadFields(object? current, FactPath path, IReadOnlyList<string> fields, out object? value, out string? error)
    {
        value = null;
        error = null;
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            if (current is null) return i == 0 ? Truth.False : Absent;
            if (current is not IReadOnlyDictionary<string, object?> record)
            {
                error = $"'{path}' reads the field '{field}' of {FactValues.TypeOf(current)}, which has no fields.";
                return Truth.Error;
            }

            if (!record.TryGetValue(field, out current)) return Absent;
        }

        if (current is null) return fields.Count == 0 ? Truth.False : Absent;
        value = current;
        return Truth.True;
    }

    /// <summary>
    /// Turns <see cref="Absent"/> into <see cref="Truth.Unknown"/> for a comparison, and notes why: the first such
    /// reason of an evaluation is kept for the explanation.
    /// </summary>
    protected Truth Unknown(EvalContext context)
    {
        context.AbsentReason ??= AbsentText(context);
        return Truth.Unknown;
    }

    /// <summary>
    /// <c>the item has no 'time': copied from a log viewer, whose date and time have no time zone</c>. A provider may
    /// say why a record lacks a field in a string field named after it with <c>Note</c> (<c>timeNote</c>).
    /// </summary>
    protected string AbsentText(EvalContext context)
    {
        var field = Fields[Fields.Length - 1];
        var text = $"an item has no '{field}'";
        var container = context.Item;
        for (var i = 0; i < Fields.Length - 1 && container is IReadOnlyDictionary<string, object?> record; i++)
        {
            container = record.TryGetValue(Fields[i], out var next) ? next : null;
        }

        if (container is IReadOnlyDictionary<string, object?> owner && owner.TryGetValue(field + "Note", out var note) && note is string why)
        {
            text += ": " + why;
        }

        return text;
    }

    protected ProbeCall? CallOf(EvalContext context) => Slot >= 0 ? context.Slots[Slot].Call : null;

    protected string Observed(EvalContext context, Truth read, object? value)
    {
        if (read == Truth.True) return FactValues.Display(value);
        if (read == Truth.Unknown) return "unavailable";
        if (read == Truth.Error) return "invalid";
        if (read == Absent) return "unknown";
        return "not found";
    }

    protected string? NoteOf(EvalContext context, Truth read)
    {
        if (read == Absent) return AbsentText(context);
        if (Slot < 0) return read == Truth.Error ? context.ErrorReason : null;
        ref readonly var slot = ref context.Slots[Slot];
        if (slot.InvalidReason is not null) return slot.InvalidReason;
        return read == Truth.True ? null : slot.Reason;
    }
}

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

    public override Truth Explain(EvalContext context, List<Evidence> evidence)
    {
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

internal sealed class QuantifierNode : PathNode
{
    private readonly QuantifierKind kind;
    private readonly Node? where;
    private readonly ComparisonOperator countOperator;
    private readonly double countLiteral;

    public QuantifierNode(Quantifier condition, int slot, Node? where)
        : base(condition.Path, slot)
    {
        kind = condition.Kind;
        this.where = where;
        countOperator = condition.CountOperator;
        countLiteral = condition.CountLiteral;
    }

    public override Truth Eval(EvalContext context) => Evaluate(context, everyItem: false, out _, out _, out _, null);

    public override Truth Explain(EvalContext context, List<Evidence> evidence)
    {
        var read = Read(context, out var value);
        var outer = context.AbsentReason;
        context.AbsentReason = null;
        var shown = new ShownItems();
        var result = Evaluate(context, everyItem: true, out var total, out var matching, out var unknown, shown);
        var why = context.AbsentReason;
        context.AbsentReason = outer ?? why;
        var observed = read switch
        {
            Truth.True => $"{matching.ToString("N0", CultureInfo.InvariantCulture)} of {total.ToString("N0", CultureInfo.InvariantCulture)} item(s) match"
                + (unknown > 0 ? $", {unknown.ToString("N0", CultureInfo.InvariantCulture)} unknown" : string.Empty),
            Truth.False => "not found (no items)",
            _ => Observed(context, read, value),
        };
        var expected = kind switch
        {
            QuantifierKind.Count => $"{OperatorNames.Of(countOperator)} {countLiteral.ToString(CultureInfo.InvariantCulture)}",
            _ => "the item condition",
        };
        var note = result == Truth.Error ? context.ErrorReason
            : read == Truth.True ? Join(unknown > 0 ? why : null, Slot >= 0 ? context.Slots[Slot].Reason : null)
            : NoteOf(context, read);
        var items = result == Truth.Unknown ? shown.Unknown : shown.Matching;
        evidence.Add(new Evidence(Path.ToString(), CallOf(context), observed, OperatorNames.Of(kind), expected, result, note, items.Count == 0 ? null : items.ConvertAll(ShownItems.Describe)));
        return result;
    }

    /// <summary>Why items were unknown, then how the list was read (a log read's coverage).</summary>
    private static string? Join(string? why, string? howRead) =>
        why is null ? howRead : howRead is null ? why : $"{why}; read: {howRead}";

    /// <param name="context">The evaluation.</param>
    /// <param name="everyItem">Look at every item, for true counts, instead of stopping at the first that decides.</param>
    /// <param name="total">The items looked at.</param>
    /// <param name="matching">Those for which the item condition is true.</param>
    /// <param name="unknown">Those for which it is unknown.</param>
    /// <param name="shown">Collects the first matching and unknown items, when explaining.</param>
    private Truth Evaluate(EvalContext context, bool everyItem, out int total, out int matching, out int unknown, ShownItems? shown)
    {
        total = 0;
        matching = 0;
        unknown = 0;
        var read = Read(context, out var value);
        if (read is Truth.Unknown or Truth.Error) return read;
        if (read == Absent) return Unknown(context);
        IEnumerable items;
        if (read == Truth.False)
        {
            items = Array.Empty<object>();
        }
        else if (value is IEnumerable enumerable && value is not string && value is not IReadOnlyDictionary<string, object?>)
        {
            items = enumerable;
        }
        else
        {
            return context.Fail($"'{Path}' is {FactValues.TypeOf(value)}, not a list.");
        }

        var savedItem = context.Item;
        var savedHasItem = context.HasItem;
        var error = false;
        var falseCount = 0;
        try
        {
            context.HasItem = true;
            foreach (var item in items)
            {
                total++;
                context.Item = item;
                var truth = where is null ? Truth.True : where.Eval(context);
                switch (truth)
                {
                    case Truth.True: matching++; break;
                    case Truth.False: falseCount++; break;
                    case Truth.Unknown: unknown++; break;
                    default: error = true; break;
                }

                shown?.Add(truth, item);

                if (everyItem) continue;
                if (kind == QuantifierKind.AnyItem && truth == Truth.True) return Truth.True;
                if (kind == QuantifierKind.NoItem && truth == Truth.True) return Truth.False;
                if (kind == QuantifierKind.AllItems && truth == Truth.False) return Truth.False;
            }
        }
        finally
        {
            context.Item = savedItem;
            context.HasItem = savedHasItem;
        }

        var undecided = error ? Truth.Error : Truth.Unknown;
        switch (kind)
        {
            case QuantifierKind.AnyItem:
                return matching > 0 ? Truth.True : error || unknown > 0 ? undecided : Truth.False;
            case QuantifierKind.NoItem:
                return matching > 0 ? Truth.False : error || unknown > 0 ? undecided : Truth.True;
            case QuantifierKind.AllItems:
                return falseCount > 0 ? Truth.False : error || unknown > 0 ? undecided : Truth.True;
            default:
                var low = Compare(matching);
                var high = Compare(matching + unknown);
                if (!error && low == high) return low ? Truth.True : Truth.False;
                if (unknown == 0 && !error) return low ? Truth.True : Truth.False;
                return undecided;
        }
    }

    /// <summary>The first few matching and unknown items of a list, for the evidence a person reads.</summary>
    private sealed class ShownItems
    {
        private const int Most = 3;
        private const int MostText = 200;

        public List<object?> Matching { get; } = new();

        public List<object?> Unknown { get; } = new();

        public void Add(Truth truth, object? item)
        {
            if (truth == Truth.True && Matching.Count < Most) Matching.Add(item);
            else if (truth == Truth.Unknown && Unknown.Count < Most) Unknown.Add(item);
        }

        /// <summary><c>2026-11-23T08:00:00Z SMSPXE.log:12: text</c> for a log entry or event; the value itself otherwise.</summary>
        public static string Describe(object? item)
        {
            if (item is not IReadOnlyDictionary<string, object?> record) return Cut(FactValues.Display(item));
            var time = record.TryGetValue("time", out var t) && t is not null ? FactValues.ToInvariantString(t) : "time unknown";
            var where = record.TryGetValue("log", out var log) && log is string path
                ? path.Substring(path.LastIndexOfAny(new[] { '\\', '/' }) + 1) + (record.TryGetValue("line", out var line) && line is double n ? ":" + FactValues.ToInvariantString(n) : string.Empty)
                : record.TryGetValue("id", out var id) && id is double eventId ? "event " + FactValues.ToInvariantString(eventId) : null;
            var text = record.TryGetValue("text", out var x) && x is string s ? s : record.TryGetValue("message", out var m) && m is string message ? message : FactValues.Display(item);
            return Cut($"{time}{(where is null ? string.Empty : " " + where)}: {text.Replace('\n', ' ')}");
        }

        private static string Cut(string text) => text.Length <= MostText ? text : text.Substring(0, MostText) + "…";
    }

    private bool Compare(double count) => countOperator switch
    {
        ComparisonOperator.Equals => count == countLiteral,
        ComparisonOperator.NotEquals => count != countLiteral,
        ComparisonOperator.Less => count < countLiteral,
        ComparisonOperator.LessOrEqual => count <= countLiteral,
        ComparisonOperator.Greater => count > countLiteral,
        _ => count >= countLiteral,
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
