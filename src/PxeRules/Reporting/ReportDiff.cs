using System;
using System.Collections.Generic;
using System.Linq;
using PxeRules.Evaluation;
using PxeRules.Facts;
using PxeRules.Model;
using PxeRules.Probes;

namespace PxeRules.Reporting;

/// <summary>How the result of one rule on one machine changed between two evaluations.</summary>
public enum ResultChangeKind
{
    /// <summary>Detected after and not before (not detected, not applicable, inconclusive, or the machine was not collected).</summary>
    Appeared = 0,

    /// <summary>Detected before and not detected or not applicable after: the finding is gone.</summary>
    Cleared = 1,

    /// <summary>
    /// Any other change, such as detected before and inconclusive after. A finding that became inconclusive, an
    /// error, or whose machine was not collected after is not cleared: unknown is never healthy.
    /// </summary>
    ChangedOutcome = 2,

    /// <summary>Detected before and after.</summary>
    Remains = 3,
}

/// <summary>
/// One fact whose value or status differs between two fact tables: <c>wimgapi.version 6.0.6000.16386 →
/// 6.0.6001.18000 on PXE02</c>. Immutable.
/// </summary>
public sealed class FactChange
{
    internal FactChange(string subject, ProbeCall call, string before, string after)
    {
        Subject = subject;
        Call = call;
        Before = before;
        After = after;
    }

    /// <summary>
    /// What changed: the fact as the rule names it with the field read (<c>wimgapi.version</c>), or, for a fact no
    /// outcome change is attributed to, the probe call with the field (<c>file(path: C:\x.dll).version</c>).
    /// </summary>
    public string Subject { get; }

    /// <summary>The probe call whose answer changed; its machine is where the fact was read.</summary>
    public ProbeCall Call { get; }

    /// <summary>The machine the fact was read on.</summary>
    public string Machine => Call.Machine.Name;

    /// <summary>The value or status before, as text (<c>not found</c>, <c>unavailable: reason</c>, <c>not read</c> when the call was not made).</summary>
    public string Before { get; }

    /// <summary>The value or status after, as text, in the same forms as <see cref="Before"/>.</summary>
    public string After { get; }

    /// <summary>The change as a person reads it: <c>wimgapi.version 6.0.6000.16386 → 6.0.6001.18000 on PXE02</c>. Not escaped.</summary>
    public override string ToString() => $"{Subject} {Before} → {After} on {Machine}";
}

/// <summary>The change of one rule's result on one machine between two evaluations, with the facts that caused it. Immutable.</summary>
public sealed class ResultChange
{
    internal ResultChange(ResultChangeKind kind, Rule rule, string? machine, RuleResult? before, RuleResult? after, Outcome? beforeOutcome, Outcome? afterOutcome, IReadOnlyList<FactChange> causes)
    {
        Kind = kind;
        Rule = rule;
        Machine = machine;
        Before = before;
        After = after;
        BeforeOutcome = beforeOutcome;
        AfterOutcome = afterOutcome;
        Causes = causes;
    }

    /// <summary>How the result changed.</summary>
    public ResultChangeKind Kind { get; }

    /// <summary>The rule.</summary>
    public Rule Rule { get; }

    /// <summary>The machine's name; null for a rule that applied to no machine.</summary>
    public string? Machine { get; }

    /// <summary>The result before; null when the rule had no result on the machine (not collected, or the rule did not apply to its roles).</summary>
    public RuleResult? Before { get; }

    /// <summary>The result after; null as for <see cref="Before"/>.</summary>
    public RuleResult? After { get; }

    /// <summary>The outcome before; null when the machine was not collected before.</summary>
    public Outcome? BeforeOutcome { get; }

    /// <summary>The outcome after; null when the machine was not collected after.</summary>
    public Outcome? AfterOutcome { get; }

    /// <summary>The severity in force: after's, else before's.</summary>
    public Severity Severity => (After ?? Before)?.Severity ?? Rule.Severity;

    /// <summary>Whether the result after is a finding a waiver covers (it fails no run).</summary>
    public bool Waived => After?.Waiver is not null;

    /// <summary>
    /// The facts the result read whose value or status differs between the two evaluations, and that the rule saw
    /// differently: what caused the change. For <see cref="ResultChangeKind.Remains"/>, facts that changed without
    /// clearing the finding. Empty when no fact the result read changed (a time window measured from a different
    /// collection time, or a machine not collected).
    /// </summary>
    public IReadOnlyList<FactChange> Causes { get; }

    /// <summary>Whether the fix cannot be confirmed: a finding that became inconclusive, an error, or was not collected after.</summary>
    public bool Unconfirmed => Kind == ResultChangeKind.ChangedOutcome && BeforeOutcome == Outcome.Detected;

    /// <summary>
    /// What to do next: for an unconfirmed change, how to obtain the evidence that decides it (run elevated, collect
    /// the machine); for a finding that remains or appeared, what would clear it. Empty otherwise.
    /// </summary>
    public IReadOnlyList<string> NextSteps
    {
        get
        {
            if (Unconfirmed)
            {
                var steps = After?.NextSteps ?? Array.Empty<string>();
                if (AfterOutcome is null && steps.Count == 0) return new[] { $"collect {Machine} again as before and compare" };
                if (AfterOutcome == Outcome.Error && After is not null) return new[] { $"see why the rule could not be evaluated ({After.Explanation.TrimEnd('.')}), correct the evidence or the rule, and compare again" };
                if (steps.Count > 0) return steps;
                var deciding = After?.WouldClear ?? Array.Empty<string>();
                return deciding.Count > 0 ? deciding.Select(d => "obtain " + d).ToArray() : new[] { $"collect {Machine} again and compare" };
            }

            return Kind is ResultChangeKind.Remains or ResultChangeKind.Appeared && After is not null ? After.WouldClear : Array.Empty<string>();
        }
    }

    /// <summary>
    /// The change in one sentence, not escaped: <c>wimgapi.version 6.0.6000.16386 → 6.0.6001.18000 on PXE02 cleared
    /// pxe-remote-wimgapi-not-updated-sp1</c>.
    /// </summary>
    public string Summary
    {
        get
        {
            var causes = string.Join("; ", Causes.Select(c => c.ToString()));
            var on = Machine is null ? string.Empty : $" on {Machine}";
            var from = ReportDiff.OutcomeText(BeforeOutcome);
            var to = ReportDiff.OutcomeText(AfterOutcome);
            switch (Kind)
            {
                case ResultChangeKind.Cleared:
                    return Causes.Count > 0 ? $"{causes} cleared {Rule.Id}" : $"{Rule.Id}{on} cleared ({to}) though no fact it read changed";
                case ResultChangeKind.Appeared:
                    return Causes.Count > 0 ? $"{causes} made {Rule.Id} detected{on}" : $"{Rule.Id} appeared{on} ({from} before)";
                case ResultChangeKind.Remains:
                    return Causes.Count > 0 ? $"{Rule.Id} remains detected{on}; changed without clearing it: {causes}" : $"{Rule.Id} remains detected{on}";
                default:
                    var text = AfterOutcome is null ? $"{Machine} was not collected after, so {Rule.Id} is not known there"
                        : Causes.Count > 0 ? $"{causes} changed {Rule.Id}{on} from {from} to {to}"
                        : $"{Rule.Id}{on} changed from {from} to {to}";
                    return Unconfirmed ? text + ": the fix cannot be confirmed, as unknown is never healthy" : text;
            }
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Kind}: {Summary}";
}

/// <summary>
/// The difference between two evaluations of the same site, before and after a fix: which findings appeared,
/// cleared, changed outcome or remain, the facts whose change caused each, facts that changed without changing any
/// outcome, and machines collected on one side only. Both reports should come from the same knowledge base and
/// settings. Immutable.
/// </summary>
public sealed class ReportDiff
{
    private ReportDiff(EvaluationReport before, EvaluationReport after, IReadOnlyList<ResultChange> changes, IReadOnlyList<FactChange> unattributed, IReadOnlyList<string> onlyBefore, IReadOnlyList<string> onlyAfter)
    {
        Before = before;
        After = after;
        Changes = changes;
        FactsWithoutOutcomeChange = unattributed;
        MachinesOnlyBefore = onlyBefore;
        MachinesOnlyAfter = onlyAfter;
    }

    /// <summary>The evaluation before the fix.</summary>
    public EvaluationReport Before { get; }

    /// <summary>The evaluation after the fix.</summary>
    public EvaluationReport After { get; }

    /// <summary>
    /// Every changed result and every finding that remains: remains and appeared first, then changed outcomes, then
    /// cleared; by severity (highest first), rule id and machine within each. A rule that stays not detected,
    /// not applicable, inconclusive or in error on both sides is not listed.
    /// </summary>
    public IReadOnlyList<ResultChange> Changes { get; }

    /// <summary>Facts whose value or status changed without being the cause of any outcome change, on machines collected on both sides.</summary>
    public IReadOnlyList<FactChange> FactsWithoutOutcomeChange { get; }

    /// <summary>Machines collected before and not after; their findings are not cleared but not collected.</summary>
    public IReadOnlyList<string> MachinesOnlyBefore { get; }

    /// <summary>Machines collected after and not before.</summary>
    public IReadOnlyList<string> MachinesOnlyAfter { get; }

    /// <summary>The machines collected before, in the order of the evaluation (machines the site lists that were not collected are left out).</summary>
    public IReadOnlyList<string> MachinesBefore => Collected(Before).ToArray();

    /// <summary>The machines collected after, as <see cref="MachinesBefore"/>.</summary>
    public IReadOnlyList<string> MachinesAfter => Collected(After).ToArray();

    /// <summary>The changes of one kind, in the order of <see cref="Changes"/>.</summary>
    public IEnumerable<ResultChange> OfKind(ResultChangeKind kind) => Changes.Where(c => c.Kind == kind);

    /// <summary>
    /// Whether the diff fails a run with <paramref name="failOn"/> as the threshold, as <c>check</c> would fail on
    /// the after side: a finding no waiver covers that remains or appeared at or above it, or a rule the after side
    /// could not evaluate (an error outcome). A finding that became inconclusive does not fail (inconclusive results
    /// never fail <c>check</c>); <see cref="ResultChange.Unconfirmed"/> says it. Null never fails.
    /// </summary>
    public bool Fails(Severity? failOn) =>
        failOn is { } threshold
        && (Changes.Any(c => c.Kind is ResultChangeKind.Remains or ResultChangeKind.Appeared && !c.Waived && c.Severity >= threshold)
            || After.Results.Any(r => r.Outcome == Outcome.Error));

    /// <summary>Computes the difference of <paramref name="before"/> and <paramref name="after"/>, pairing results by rule id and machine.</summary>
    public static ReportDiff Compute(EvaluationReport before, EvaluationReport after)
    {
        if (before is null) throw new ArgumentNullException(nameof(before));
        if (after is null) throw new ArgumentNullException(nameof(after));
        var collectedBefore = new HashSet<string>(Collected(before), StringComparer.OrdinalIgnoreCase);
        var collectedAfter = new HashSet<string>(Collected(after), StringComparer.OrdinalIgnoreCase);
        var beforeResults = Index(before);
        var afterResults = Index(after);
        var changes = new List<ResultChange>();
        var attributed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in beforeResults.Keys.Concat(afterResults.Keys).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            beforeResults.TryGetValue(key, out var b);
            afterResults.TryGetValue(key, out var a);
            var rule = (b ?? a)!.Rule;
            var machine = (b ?? a)!.Machine?.Name;
            var from = OutcomeOf(b, machine, collectedBefore);
            var to = OutcomeOf(a, machine, collectedAfter);
            var kind = Classify(from, to);
            if (kind is null) continue;
            // A machine collected on one side only is said once; its facts were not read, which is no cause.
            var causes = from is null || to is null ? Array.Empty<FactChange>() : Causes(b, a, before.Facts, after.Facts);
            if (kind != ResultChangeKind.Remains)
            {
                foreach (var cause in causes) attributed.Add(cause.Call.Key);
            }

            changes.Add(new ResultChange(kind.Value, rule, machine, b, a, from, to, causes));
        }

        changes = changes
            .OrderBy(c => c.Kind switch { ResultChangeKind.Remains => 0, ResultChangeKind.Appeared => 1, ResultChangeKind.ChangedOutcome => 2, _ => 3 })
            .ThenBy(c => c.Unconfirmed ? 0 : 1)
            .ThenByDescending(c => c.Severity)
            .ThenBy(c => c.Rule.Id, StringComparer.Ordinal)
            .ThenBy(c => c.Machine, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var onlyBefore = collectedBefore.Where(m => !collectedAfter.Contains(m)).OrderBy(m => m, StringComparer.OrdinalIgnoreCase).ToArray();
        var onlyAfter = collectedAfter.Where(m => !collectedBefore.Contains(m)).OrderBy(m => m, StringComparer.OrdinalIgnoreCase).ToArray();
        var unattributed = Unattributed(before.Facts, after.Facts, collectedBefore, collectedAfter, attributed);
        return new ReportDiff(before, after, changes, unattributed, onlyBefore, onlyAfter);
    }

    /// <summary>An outcome as the diff writes it; null is a machine that was not collected.</summary>
    internal static string OutcomeText(Outcome? outcome) => outcome switch
    {
        null => "not collected",
        Outcome.Detected => "detected",
        Outcome.NotDetected => "not detected",
        Outcome.NotApplicable => "not applicable",
        Outcome.Inconclusive => "inconclusive",
        _ => "error",
    };

    /// <summary>The outcome's name in the JSON diff, as the JSON report writes outcomes; <c>notCollected</c> for null.</summary>
    internal static string OutcomeName(Outcome? outcome) => outcome is { } o ? ReportWriter.Name(o) : "notCollected";

    /// <summary>The kind's name in the JSON diff.</summary>
    internal static string KindName(ResultChangeKind kind) => kind switch
    {
        ResultChangeKind.Appeared => "appeared",
        ResultChangeKind.Cleared => "cleared",
        ResultChangeKind.Remains => "remains",
        _ => "changedOutcome",
    };

    private static ResultChangeKind? Classify(Outcome? from, Outcome? to)
    {
        if (from == Outcome.Detected && to == Outcome.Detected) return ResultChangeKind.Remains;
        if (to == Outcome.Detected) return ResultChangeKind.Appeared;
        if (from == Outcome.Detected && to is Outcome.NotDetected or Outcome.NotApplicable) return ResultChangeKind.Cleared;
        if (from == to) return null;

        // A machine on one side only is listed once as such; only its findings are listed rule by rule.
        if (from is null || to is null) return from == Outcome.Detected ? ResultChangeKind.ChangedOutcome : null;
        return ResultChangeKind.ChangedOutcome;
    }

    /// <summary>The outcome on one side; a rule with no result on a collected machine did not apply to its roles.</summary>
    private static Outcome? OutcomeOf(RuleResult? result, string? machine, HashSet<string> collected) =>
        machine is not null && !collected.Contains(machine) ? null
        : result?.Outcome ?? Outcome.NotApplicable;

    private static IEnumerable<string> Collected(EvaluationReport report)
    {
        var missing = new HashSet<string>(report.Coverage?.Machines.Where(m => !m.Collected).Select(m => m.Name) ?? Enumerable.Empty<string>(), StringComparer.OrdinalIgnoreCase);
        return report.Facts.Machines.Select(m => m.Name).Where(n => !missing.Contains(n));
    }

    private static Dictionary<string, RuleResult> Index(EvaluationReport report)
    {
        var index = new Dictionary<string, RuleResult>(StringComparer.OrdinalIgnoreCase);
        foreach (var result in report.Results)
        {
            // A rule evaluated on no machine says only that; a machine's result says more.
            var key = result.Rule.Id + "\n" + (result.Machine?.Name ?? string.Empty);
            index[key] = result;
        }

        return index;
    }

    /// <summary>
    /// The facts both results read whose records differ, each field the rule compared that it saw differently; a
    /// fact the evidence does not show (a dependency, a branch not explained) at the level of the fact.
    /// </summary>
    private static IReadOnlyList<FactChange> Causes(RuleResult? before, RuleResult? after, FactTable beforeFacts, FactTable afterFacts)
    {
        var calls = new List<KeyValuePair<string, ProbeCall>>();
        foreach (var read in (before?.ReadFacts() ?? Enumerable.Empty<KeyValuePair<string, ProbeCall>>()).Concat(after?.ReadFacts() ?? Enumerable.Empty<KeyValuePair<string, ProbeCall>>()))
        {
            if (!calls.Any(c => c.Key == read.Key && c.Value.Equals(read.Value))) calls.Add(read);
        }

        var evidence = (before?.Evidence ?? Array.Empty<Evidence>()).Select(e => (Side: 0, Item: e))
            .Concat((after?.Evidence ?? Array.Empty<Evidence>()).Select(e => (Side: 1, Item: e)))
            .Where(e => e.Item.Call is not null && !e.Item.Subject.StartsWith("item.", StringComparison.Ordinal))
            .ToArray();
        var changes = new List<FactChange>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in calls.GroupBy(c => c.Key, StringComparer.Ordinal))
        {
            var name = group.Key;
            foreach (var call in group.Select(g => g.Value))
            {
                var b = beforeFacts.Find(call.Key);
                var a = afterFacts.Find(call.Key);
                if (Same(b, a)) continue;
                var subjects = evidence.Where(e => e.Item.Call!.Equals(call) && Root(e.Item.Subject) == name).Select(e => e.Item.Subject).Distinct(StringComparer.Ordinal).ToArray();
                var added = false;
                foreach (var subject in subjects.Where(s => s.IndexOf('.') >= 0 || evidence.Any(e => e.Item.Subject == s && e.Item.Call!.Equals(call) && Quantifiers.Contains(e.Item.Operator))))
                {
                    if (SubjectChange(subject, call, b, a, evidence) is { } change && seen.Add(subject + "\n" + call.Key))
                    {
                        changes.Add(change);
                        added = true;
                    }
                }

                // The fact as a whole: its status when that changed; when only its fields did, those the rule reads
                // are above, and a field it does not read is no cause.
                if (added) continue;
                if (subjects.Contains(name) && Describe(b, Array.Empty<string>()) is var was && Describe(a, Array.Empty<string>()) is var now && was != now)
                {
                    if (seen.Add(name + "\n" + call.Key)) changes.Add(new FactChange(name, call, was, now));
                    continue;
                }

                if (subjects.Length > 0) continue;
                foreach (var change in RecordChanges(name, call, b, a))
                {
                    if (seen.Add(change.Subject + "\n" + call.Key)) changes.Add(change);
                }
            }
        }

        return changes;
    }

    private static readonly string[] Quantifiers = { "anyItem", "noItem", "allItems", "count" };

    /// <summary>
    /// The change of one field the rule compared (<c>wimgapi.version</c>), or null when the rule saw it the same. A
    /// quantifier shows how many items matched when both sides' evidence says; otherwise both sides are read from
    /// the records, so the two texts compare alike.
    /// </summary>
    private static FactChange? SubjectChange(string subject, ProbeCall call, FactRecord? before, FactRecord? after, (int Side, Evidence Item)[] evidence)
    {
        var fields = Fields(subject);
        var wasValue = Navigate(before, fields, out var wasFound);
        var nowValue = Navigate(after, fields, out var nowFound);
        if (wasFound == nowFound && Equal(wasValue, nowValue) && Describe(before, fields) == Describe(after, fields)) return null;
        var shown = evidence.Where(e => e.Item.Subject == subject && e.Item.Call!.Equals(call) && Quantifiers.Contains(e.Item.Operator)).ToArray();
        var was = shown.FirstOrDefault(e => e.Side == 0).Item?.Observed;
        var now = shown.FirstOrDefault(e => e.Side == 1).Item?.Observed;
        if (was is not null && was == now) return null;
        if (was is null || now is null)
        {
            was = Describe(before, fields);
            now = Describe(after, fields);
        }

        return new FactChange(subject, call, was, was == now ? now + " (changed)" : now);
    }

    private static object? Navigate(FactRecord? record, IReadOnlyList<string> fields, out bool found)
    {
        found = IsValue(record);
        if (!found) return null;
        var value = record!.Value;
        foreach (var field in fields)
        {
            if (value is IReadOnlyDictionary<string, object?> dictionary && dictionary.TryGetValue(field, out var next)) value = next;
            else
            {
                found = false;
                return null;
            }
        }

        return value;
    }

    private static IReadOnlyList<FactChange> Unattributed(FactTable before, FactTable after, HashSet<string> collectedBefore, HashSet<string> collectedAfter, HashSet<string> attributed)
    {
        var changes = new List<FactChange>();
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var record in before.Records.Concat(after.Records))
        {
            var call = record.Call;
            if (!keys.Add(call.Key) || attributed.Contains(call.Key)) continue;
            if (!collectedBefore.Contains(call.Machine.Name) || !collectedAfter.Contains(call.Machine.Name)) continue;
            var b = before.Find(call.Key);
            var a = after.Find(call.Key);
            if (Same(b, a)) continue;
            changes.AddRange(RecordChanges(call.Describe(), call, b, a));
        }

        return changes;
    }

    /// <summary>The change of one record: field by field when both are records, else as a whole.</summary>
    private static IEnumerable<FactChange> RecordChanges(string subject, ProbeCall call, FactRecord? before, FactRecord? after)
    {
        if (IsValue(before) && IsValue(after) && before!.Value is IReadOnlyDictionary<string, object?> was && after!.Value is IReadOnlyDictionary<string, object?> now)
        {
            foreach (var field in was.Keys.Concat(now.Keys).Distinct(StringComparer.Ordinal))
            {
                var hadIt = was.TryGetValue(field, out var x);
                var hasIt = now.TryGetValue(field, out var y);
                if (hadIt == hasIt && Equal(x, y)) continue;
                yield return new FactChange($"{subject}.{field}", call, hadIt ? Shown(x) : "unknown", hasIt ? Shown(y) : "unknown");
            }

            yield break;
        }

        var from = Describe(before, Array.Empty<string>());
        var to = Describe(after, Array.Empty<string>());
        yield return new FactChange(subject, call, from, from == to ? to + " (changed)" : to);
    }

    private static string Root(string subject)
    {
        var dot = subject.IndexOf('.');
        return dot < 0 ? subject : subject.Substring(0, dot);
    }

    private static string[] Fields(string subject) => subject.Split('.').Skip(1).ToArray();

    private static bool IsValue(FactRecord? record) => record is { InvalidReason: null, Result.Status: ProbeStatus.Value };

    /// <summary>A record, or a field of it, as text: the value, <c>found</c> for a whole record, a count for a list, or the status.</summary>
    private static string Describe(FactRecord? record, IReadOnlyList<string> fields)
    {
        if (record is null) return "not read";
        if (record.InvalidReason is not null) return "invalid";
        switch (record.Result.Status)
        {
            case ProbeStatus.NotFound: return "not found";
            case ProbeStatus.Unavailable: return "unavailable: " + (record.Result.Reason ?? "unavailable").TrimEnd('.');
        }

        var value = record.Value;
        foreach (var field in fields)
        {
            if (value is IReadOnlyDictionary<string, object?> dictionary && dictionary.TryGetValue(field, out var next)) value = next;
            else return "unknown";
        }

        return fields.Count == 0 && value is IReadOnlyDictionary<string, object?> ? "found" : Shown(value);
    }

    private static string Shown(object? value) =>
        value is not string && value is IEnumerable<object?> items ? $"{items.Count()} item(s)" : FactValues.Display(value);

    private static bool Same(FactRecord? a, FactRecord? b)
    {
        if (a is null || b is null) return a is null && b is null;
        if (a.Result.Status != b.Result.Status || !string.Equals(a.InvalidReason, b.InvalidReason, StringComparison.Ordinal)) return false;
        return a.Result.Status switch
        {
            ProbeStatus.Value => a.InvalidReason is not null || Equal(a.Value, b.Value),
            ProbeStatus.Unavailable => string.Equals(a.Result.Reason, b.Result.Reason, StringComparison.Ordinal),
            _ => true,
        };
    }

    private static bool Equal(object? a, object? b)
    {
        switch (a)
        {
            case null:
                return b is null;
            case IReadOnlyDictionary<string, object?> x:
                return b is IReadOnlyDictionary<string, object?> y && x.Count == y.Count && x.All(p => y.TryGetValue(p.Key, out var v) && Equal(p.Value, v));
            case string s:
                return b is string t && string.Equals(s, t, StringComparison.Ordinal);
            case IEnumerable<object?> list:
                if (b is string || b is not IEnumerable<object?> other) return false;
                using (var left = list.GetEnumerator())
                using (var right = other.GetEnumerator())
                {
                    while (true)
                    {
                        var l = left.MoveNext();
                        if (l != right.MoveNext()) return false;
                        if (!l) return true;
                        if (!Equal(left.Current, right.Current)) return false;
                    }
                }

            default:
                return a.Equals(b) || (b is not null && FactValues.TryNumber(a, out var m) && FactValues.TryNumber(b, out var n) && m.Equals(n));
        }
    }
}
