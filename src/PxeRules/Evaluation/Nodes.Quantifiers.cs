using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Threading;
using PxeRules.Model;
using PxeRules.Probes;

namespace PxeRules.Evaluation;

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
        evidence.Add(new Evidence(Path.ToString(), CallOf(context), observed, OperatorNames.Of(kind), expected, result, note, items.Count == 0 ? null : items.ConvertAll(ShownItems.Describe))
        {
            ItemAt = items.Count > 0 ? ShownItems.Where(items[0]) : null,
        });
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

        /// <summary>The file and line a log entry was read from, when it says.</summary>
        public static (string File, int Line)? Where(object? item) =>
            item is IReadOnlyDictionary<string, object?> record && record.TryGetValue("log", out var log) && log is string file && file.Length > 0
                ? (file, record.TryGetValue("line", out var line) && line is double n && n >= 1 && n <= int.MaxValue ? (int)n : 0)
                : null;

        /// <summary><c>2026-11-23T08:00:00Z SMSPXE.log:12: text</c> for a log entry or event; the value itself otherwise.</summary>
        public static string Describe(object? item)
        {
            if (item is not IReadOnlyDictionary<string, object?> record) return Cut(FactValues.Display(item));
            if (!record.ContainsKey("time") && !record.ContainsKey("timeNote") && !record.ContainsKey("log") && !record.ContainsKey("message"))
            {
                // Not a log entry or an event: the record as it is.
                return Cut(FactValues.Display(item));
            }

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
