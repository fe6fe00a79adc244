using System;
using System.Collections;
using System.Collections.Generic;
using PxeRules.Model;
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
    private readonly FactSlot[][] machineSlots;
    private readonly byte[] codes;
    private readonly DateTimeOffset now;

    // Results made so far by position; pre-filled with those of rules planned per evaluation.
    private readonly Dictionary<int, RuleResult> made;
    private int[]? starts;

    public RuleResults(PreparedRule[] rules, IReadOnlyList<Machine> machines, FactSlot[][] machineSlots, byte[] codes, int count, DateTimeOffset now, Dictionary<int, RuleResult>? planned)
    {
        this.rules = rules;
        this.machines = machines;
        this.machineSlots = machineSlots;
        this.codes = codes;
        this.now = now;
        Count = count;
        made = planned ?? new Dictionary<int, RuleResult>();
    }

    public int Count { get; }

    public RuleResult this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
            int rule;
            if (machines.Count == 1)
            {
                rule = index;
            }
            else
            {
                var first = Starts();
                rule = Array.BinarySearch(first, 0, rules.Length, index);
                if (rule < 0) rule = ~rule - 1;
                while (rule + 1 < rules.Length && first[rule + 1] == index) rule++;
            }

            var offset = index - Starts(rule);
            var seen = 0;
            for (var m = 0; m < machines.Count; m++)
            {
                if (codes[(rule * machines.Count) + m] == NotSubject) continue;
                if (seen++ == offset) return Get(index, rule, m);
            }

            return Get(index, rule, -1);
        }
    }

    public static byte Encode(Outcome outcome, RuleResult.Stage stage) => (byte)(1 + (int)outcome + ((int)stage << 4));

    public IEnumerator<RuleResult> GetEnumerator()
    {
        foreach (var (position, rule, machine) in Walk())
        {
            yield return Get(position, rule, machine);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The detected results, made without making the others.</summary>
    public IEnumerable<RuleResult> Detected()
    {
        foreach (var (position, rule, machine) in Walk())
        {
            if (machine >= 0 && OutcomeOf(codes[(rule * machines.Count) + machine]) == Outcome.Detected)
            {
                yield return Get(position, rule, machine);
            }
        }
    }

    private static Outcome OutcomeOf(byte code) => (Outcome)((code & 0xF) - 1);

    private static RuleResult.Stage StageOf(byte code) => (RuleResult.Stage)(code >> 4);

    /// <summary>Every result's position, rule and machine index (-1 when no machine of the run holds the rule's roles), in order.</summary>
    private IEnumerable<(int Position, int Rule, int Machine)> Walk()
    {
        var position = 0;
        for (var r = 0; r < rules.Length; r++)
        {
            var any = false;
            for (var m = 0; m < machines.Count; m++)
            {
                if (codes[(r * machines.Count) + m] == NotSubject) continue;
                any = true;
                yield return (position++, r, m);
            }

            if (!any) yield return (position++, r, -1);
        }
    }

    private int Starts(int rule) => machines.Count == 1 ? rule : Starts()[rule];

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
        lock (made)
        {
            if (made.TryGetValue(position, out var result)) return result;
            var prepared = rules[rule];
            if (machine < 0)
            {
                result = RuleEngine.NoSubject(prepared.Rule, now);
            }
            else
            {
                var code = codes[(rule * machines.Count) + machine];
                result = RuleEngine.Result(prepared, machines[machine], OutcomeOf(code), StageOf(code), new SlotView(machineSlots[machine], prepared.SharedMap), now);
            }

            made.Add(position, result);
            return result;
        }
    }
}
