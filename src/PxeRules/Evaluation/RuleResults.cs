using System;
using System.Collections;
using System.Collections.Generic;
using PxeRules.Model;
using System.Threading;
using PxeRules.Probes;

namespace PxeRules.Evaluation;

/// <summary>
/// The results of one evaluation, kept as one byte per rule and machine (outcome and deciding stage). A
/// <see cref="RuleResult"/> is made the first time a caller reads it and then kept, so an evaluation allocates
/// next to nothing per rule and a host that reads only <see cref="EvaluationReport.Detected"/> pays only for those.
/// Thread-safe.
/// </summary>
internal sealed class RuleResults : IReadOnlyList<RuleResult>
{
    private const byte NotSubject = 0;

    private readonly PreparedRule[] rules;
    private readonly IReadOnlyList<Machine> machines;
    private readonly MachineFacts[] machineFacts;
    private readonly byte[] codes;
    private readonly DateTimeOffset now;
    private readonly object gate = new();

    // Results of rules planned per evaluation (made while evaluating, never changed), then results made on
    // first read: detected ones in arrays sized by their number, so reading only those costs nothing per other
    // rule, and the others by position under the lock.
    private readonly Dictionary<int, RuleResult>? planned;
    private RuleResult?[]? made;
    private int[]? starts;
    private int[]? detectedPositions;
    private RuleResult?[]? detected;

    private readonly Action<RuleResult>? finish;
    private readonly RegexBudget? budget;

    public RuleResults(PreparedRule[] rules, IReadOnlyList<Machine> machines, MachineFacts[] machineFacts, byte[] codes, int count, DateTimeOffset now, Dictionary<int, RuleResult>? planned, Action<RuleResult>? finish = null, RegexBudget? budget = null)
    {
        this.budget = budget;
        this.finish = finish;
        if (planned is not null && finish is not null)
        {
            foreach (var result in planned.Values) finish(result);
        }

        this.rules = rules;
        this.machines = machines;
        this.machineFacts = machineFacts;
        this.codes = codes;
        this.now = now;
        Count = count;
        this.planned = planned;
    }

    public int Count { get; }

    public RuleResult this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
            var rule = Locate(index, out var machine);
            return Get(index, rule, machine);
        }
    }

    /// <summary>The rule and machine of the result at <paramref name="index"/>; machine -1 for a rule no machine is subject to.</summary>
    private int Locate(int index, out int machine)
    {
        if (machines.Count == 1)
        {
            machine = codes[index] == NotSubject ? -1 : 0;
            return index;
        }

        var first = Starts();
        var rule = Array.BinarySearch(first, index);
        if (rule < 0) rule = ~rule - 1;
        var offset = index - first[rule];
        var seen = 0;
        for (var m = 0; m < machines.Count; m++)
        {
            if (codes[(rule * machines.Count) + m] == NotSubject) continue;
            if (seen++ == offset)
            {
                machine = m;
                return rule;
            }
        }

        machine = -1;
        return rule;
    }

    public static byte Encode(Outcome outcome, RuleResult.Stage stage) => (byte)(1 + (int)outcome + ((int)stage << 4));

    public IEnumerator<RuleResult> GetEnumerator() => Enumerate(Which.All).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The detected results, made without making the others.</summary>
    public IEnumerable<RuleResult> Detected() => Enumerate(Which.Detected);

    /// <summary>The detected, inconclusive and error results, made without making the others.</summary>
    public IEnumerable<RuleResult> Problems() => Enumerate(Which.Problems);

    private enum Which
    {
        All,
        Detected,
        Problems,
    }

    private static Outcome OutcomeOf(byte code) => (Outcome)((code & 0xF) - 1);

    private static RuleResult.Stage StageOf(byte code) => (RuleResult.Stage)(code >> 4);

    private IEnumerable<RuleResult> Enumerate(Which which)
    {
        var width = machines.Count;
        var position = 0;
        var ordinal = 0;
        DetectedPositions();
        for (var r = 0; r < rules.Length; r++)
        {
            var any = false;
            for (var m = 0; m < width; m++)
            {
                var code = codes[(r * width) + m];
                if (code == NotSubject) continue;
                any = true;
                if (OutcomeOf(code) == Outcome.Detected)
                {
                    var index = ordinal++;
                    yield return planned is not null && planned.TryGetValue(position, out var result) ? result : Detected(index, r, m);
                }
                else if (which == Which.All || (which == Which.Problems && OutcomeOf(code) is Outcome.Inconclusive or Outcome.Error))
                {
                    yield return Get(position, r, m);
                }

                position++;
            }

            if (!any)
            {
                if (which == Which.All) yield return Get(position, r, -1);
                position++;
            }
        }
    }

    /// <summary>Where an enumeration of outcomes is: the rule, the next machine to look at, and whether the rule had one.</summary>
    internal struct Cursor
    {
        public int Rule;
        public int Machine;
        public bool Any;
    }

    /// <summary>The next outcome in result order, made from the codes alone.</summary>
    internal bool Next(ref Cursor cursor, out ResultOutcome current)
    {
        var width = machines.Count;
        while (cursor.Rule < rules.Length)
        {
            while (cursor.Machine < width)
            {
                var m = cursor.Machine++;
                var code = codes[(cursor.Rule * width) + m];
                if (code == NotSubject) continue;
                cursor.Any = true;
                current = new ResultOutcome(rules[cursor.Rule].Rule, machines[m], OutcomeOf(code));
                return true;
            }

            var rule = cursor.Rule++;
            var any = cursor.Any;
            cursor.Machine = 0;
            cursor.Any = false;
            if (!any)
            {
                // A rule no machine in the run is subject to: one not-applicable result (see RuleEngine.NoSubject).
                current = new ResultOutcome(rules[rule].Rule, null, Outcome.NotApplicable);
                return true;
            }
        }

        current = default;
        return false;
    }

    /// <summary>The outcome at a result's position, from the codes alone.</summary>
    internal ResultOutcome OutcomeAt(int index)
    {
        if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
        var rule = Locate(index, out var machine);
        return machine < 0
            ? new ResultOutcome(rules[rule].Rule, null, Outcome.NotApplicable)
            : new ResultOutcome(rules[rule].Rule, machines[machine], OutcomeOf(codes[(rule * machines.Count) + machine]));
    }

    /// <summary>How many results came out as <paramref name="outcome"/>, from the codes alone.</summary>
    internal int CountOf(Outcome outcome)
    {
        var cursor = default(Cursor);
        var count = 0;
        while (Next(ref cursor, out var current))
        {
            if (current.Outcome == outcome) count++;
        }

        return count;
    }

    private int[] Starts()
    {
        if (starts is null)
        {
            var first = new int[rules.Length];
            var position = 0;
            for (var r = 0; r < rules.Length; r++)
            {
                first[r] = position;
                var subjects = 0;
                for (var m = 0; m < machines.Count; m++)
                {
                    if (codes[(r * machines.Count) + m] != NotSubject) subjects++;
                }

                position += Math.Max(1, subjects);
            }

            starts = first;
        }

        return starts;
    }

    private RuleResult Get(int position, int rule, int machine)
    {
        if (planned is not null && planned.TryGetValue(position, out var plannedResult)) return plannedResult;
        if (machine >= 0 && OutcomeOf(codes[(rule * machines.Count) + machine]) == Outcome.Detected)
        {
            return Detected(Array.BinarySearch(DetectedPositions(), position), rule, machine);
        }

        // One slot per position, filled lock-free: racing readers may both make a result, and the first one stored wins.
        var all = Volatile.Read(ref made);
        if (all is null)
        {
            all = new RuleResult?[Count];
            all = Interlocked.CompareExchange(ref made, all, null) ?? all;
        }

        var result = Volatile.Read(ref all[position]);
        if (result is null)
        {
            if (machine < 0)
            {
                result = RuleEngine.NoSubject(rules[rule].Rule, now);
                finish?.Invoke(result);
            }
            else
            {
                result = Make(rule, machine);
            }

            result = Interlocked.CompareExchange(ref all[position], result, null) ?? result;
        }

        return result;
    }

    /// <summary>The detected result at <paramref name="ordinal"/> among detected ones (shared facts only; lock-free).</summary>
    private RuleResult Detected(int ordinal, int rule, int machine)
    {
        var results = detected!;
        var result = Volatile.Read(ref results[ordinal]);
        if (result is null)
        {
            result = Make(rule, machine);
            result = Interlocked.CompareExchange(ref results[ordinal], result, null) ?? result;
        }

        return result;
    }

    private RuleResult Make(int rule, int machine)
    {
        var prepared = rules[rule];
        var code = codes[(rule * machines.Count) + machine];
        var result = RuleEngine.Result(prepared, machines[machine], OutcomeOf(code), StageOf(code), new SlotView(machineFacts[machine].Slots, prepared.SharedMap), now, budget);
        finish?.Invoke(result);
        return result;
    }

    /// <summary>The positions of the detected results, ascending.</summary>
    private int[] DetectedPositions()
    {
        lock (gate)
        {
            return detectedPositions ?? FindDetected();
        }
    }

    private int[] FindDetected()
    {
        {
            var positions = new List<int>();
            var width = machines.Count;
            var position = 0;
            for (var r = 0; r < rules.Length; r++)
            {
                var any = false;
                for (var m = 0; m < width; m++)
                {
                    var code = codes[(r * width) + m];
                    if (code == NotSubject) continue;
                    any = true;
                    if (OutcomeOf(code) == Outcome.Detected) positions.Add(position);
                    position++;
                }

                if (!any) position++;
            }

            detected = new RuleResult?[positions.Count];
            detectedPositions = positions.ToArray();
        }

        return detectedPositions;
    }
}
