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

    /// <summary>
    /// When set, explaining records each comparison's and quantifier's outcome and last evidence (outside items), so
    /// working out what would clear a result does not explain them again. A handful per rule: a list, searched by reference.
    /// </summary>
    public List<KeyValuePair<Node, (Truth, Evidence?)>>? Explained { get; set; }
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

    /// <summary>
    /// The smallest set of changes to the facts, each as a sentence, that would make this condition
    /// <paramref name="target"/>: empty when it already is, null when no change of a fact can (an error). A comparison
    /// or quantifier names its own change; <c>all</c> and <c>any</c> combine their members'.
    /// </summary>
    public virtual List<string>? Flip(EvalContext context, bool target)
    {
        Truth truth;
        Evidence? last;
        if (!context.HasItem && context.Explained is { } explained && Find(explained, this) is { } seen)
        {
            // Explained already, over the same facts: the same outcome and evidence.
            (truth, last) = seen;
        }
        else
        {
            var evidence = new List<Evidence>();
            truth = Explain(context, evidence);
            last = evidence.Count == 0 ? null : evidence[evidence.Count - 1];
        }

        if (truth == (target ? Truth.True : Truth.False)) return new List<string>();
        if (truth == Truth.Error || last is null) return null;
        return new List<string> { last.Requirement(target) };
    }

    /// <summary>
    /// Explains <paramref name="node"/>; when the context keeps explanations for <see cref="Flip"/>, remembers the
    /// outcome and last evidence of a comparison or quantifier read outside any item.
    /// </summary>
    public static Truth ExplainKept(Node node, EvalContext context, List<Evidence> evidence)
    {
        var start = evidence.Count;
        var truth = node.Explain(context, evidence);
        if (context.Explained is { } explained && !context.HasItem && node is not (JunctionNode or NotNode))
        {
            explained.Add(new KeyValuePair<Node, (Truth, Evidence?)>(node, (truth, evidence.Count > start ? evidence[evidence.Count - 1] : null)));
        }

        return truth;
    }

    private static (Truth Truth, Evidence? Last)? Find(List<KeyValuePair<Node, (Truth, Evidence?)>> explained, Node node)
    {
        foreach (var pair in explained)
        {
            if (ReferenceEquals(pair.Key, node)) return pair.Value;
        }

        return null;
    }

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
            case Comparison { Operator: ComparisonOperator.SameComputer } same:
                return new SameComputerNode(same, same.Path.IsItemField ? -1 : slotOf(same.Path.Root), slotOf(((FactPath)same.Literal.Value!).Root));
            case Comparison { Operator: ComparisonOperator.Unreadable } unreadable:
                return new CompareNode(unreadable, slotOf(unreadable.Path.Root));
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
        // Each member's evidence goes straight into the list; the ranges of members that do not explain the result
        // are taken out afterwards (at most a few members, so the marks live on the stack).
        var count = members.Length;
#if NET
        Span<int> starts = count <= 32 ? stackalloc int[count + 1] : new int[count + 1];
        Span<Truth> truths = count <= 32 ? stackalloc Truth[count] : new Truth[count];
#else
        var starts = new int[count + 1];
        var truths = new Truth[count];
#endif
        var result = neutral;
        var decided = false;
        for (var i = 0; i < count; i++)
        {
            starts[i] = evidence.Count;
            truths[i] = ExplainKept(members[i], context, evidence);
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

        starts[count] = evidence.Count;
        for (var i = count - 1; i >= 0; i--)
        {
            // A decided 'all' (false) or 'any' (true) is explained by the members that decided it; a neutral one by
            // all its members; an unknown one by its unknown members and by what was found (the members that hold
            // for 'all', those that do not for 'any'), so an inconclusive result keeps the evidence it had.
            var keep = result == neutral || truths[i] == result || (result == Truth.Unknown && truths[i] == neutral);
            if (!keep && starts[i + 1] > starts[i]) evidence.RemoveRange(starts[i], starts[i + 1] - starts[i]);
        }

        return result;
    }

    public override List<string>? Flip(EvalContext context, bool target)
    {
        var dominantWanted = (target ? Truth.True : Truth.False) == dominant;
        if (dominantWanted)
        {
            // One member with the dominant value decides: the member that needs the fewest changes.
            List<string>? best = null;
            foreach (var member in members)
            {
                var changes = member.Flip(context, target);
                if (changes is null) continue;
                if (changes.Count == 0) return changes;
                if (best is null || changes.Count < best.Count) best = changes;
            }

            return best;
        }

        // Every member must have the neutral value.
        var all = new List<string>();
        foreach (var member in members)
        {
            var changes = member.Flip(context, target);
            if (changes is null) return null;
            foreach (var change in changes)
            {
                if (!all.Contains(change)) all.Add(change);
            }
        }

        return all;
    }
}

internal sealed class NotNode : Node
{
    private readonly Node operand;

    public NotNode(Node operand) => this.operand = operand;

    public override Truth Eval(EvalContext context) => Negate(operand.Eval(context));

    public override Truth Explain(EvalContext context, List<Evidence> evidence) => Negate(ExplainKept(operand, context, evidence));

    public override List<string>? Flip(EvalContext context, bool target) => operand.Flip(context, !target);
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
