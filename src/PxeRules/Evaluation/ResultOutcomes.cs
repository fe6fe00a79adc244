using System;
using System.Collections;
using System.Collections.Generic;
using PxeRules.Model;
using PxeRules.Probes;

namespace PxeRules.Evaluation;

/// <summary>
/// The outcome of one rule on one machine, read from the evaluation without making its <see cref="RuleResult"/>
/// (evidence, explanation and remediation are in the result). Immutable.
/// </summary>
public readonly struct ResultOutcome : IEquatable<ResultOutcome>
{
    internal ResultOutcome(Rule rule, Machine? machine, Outcome outcome)
    {
        Rule = rule;
        Machine = machine;
        Outcome = outcome;
    }

    /// <summary>The rule.</summary>
    public Rule Rule { get; }

    /// <summary>The machine it was evaluated on; null for a rule that applied to no machine in the run.</summary>
    public Machine? Machine { get; }

    /// <summary>How it came out: the same as the <see cref="RuleResult.Outcome"/> of the result at the same position.</summary>
    public Outcome Outcome { get; }

    /// <inheritdoc />
    public bool Equals(ResultOutcome other) => ReferenceEquals(Rule, other.Rule) && ReferenceEquals(Machine, other.Machine) && Outcome == other.Outcome;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ResultOutcome other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => ((Rule?.GetHashCode() ?? 0) * 31 + (Machine?.GetHashCode() ?? 0)) * 31 + (int)Outcome;

    /// <inheritdoc />
    public override string ToString() => $"{Rule?.Id} on {Machine?.Name ?? "(no machine)"}: {Outcome}";

    /// <summary>Whether two outcomes are of the same rule, machine and outcome.</summary>
    public static bool operator ==(ResultOutcome left, ResultOutcome right) => left.Equals(right);

    /// <summary>Whether two outcomes differ in rule, machine or outcome.</summary>
    public static bool operator !=(ResultOutcome left, ResultOutcome right) => !left.Equals(right);
}

/// <summary>
/// Every result's outcome, in the order of <see cref="EvaluationReport.Results"/>, read from the one byte per rule
/// and machine the engine keeps: no object is made per result, so a host that only needs outcomes (a pass/fail
/// gate over a fleet) pays nothing per rule beyond the evaluation. Thread-safe.
/// </summary>
public sealed class ResultOutcomes : IReadOnlyList<ResultOutcome>
{
    private readonly RuleResults? codes;
    private readonly IReadOnlyList<RuleResult>? results;

    internal ResultOutcomes(IReadOnlyList<RuleResult> results)
    {
        if (results is RuleResults kept) codes = kept;
        else this.results = results;
    }

    /// <summary>The number of results.</summary>
    public int Count => codes?.Count ?? results!.Count;

    /// <summary>The outcome at <paramref name="index"/>, the position of its result in <see cref="EvaluationReport.Results"/>.</summary>
    public ResultOutcome this[int index] => codes is not null ? codes.OutcomeAt(index) : Of(results![index]);

    /// <summary>How many results came out as <paramref name="outcome"/>.</summary>
    public int CountOf(Outcome outcome)
    {
        if (codes is not null) return codes.CountOf(outcome);
        var count = 0;
        foreach (var result in results!)
        {
            if (result.Outcome == outcome) count++;
        }

        return count;
    }

    /// <summary>An enumerator that allocates nothing.</summary>
    public Enumerator GetEnumerator() => new(codes, results);

    IEnumerator<ResultOutcome> IEnumerable<ResultOutcome>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static ResultOutcome Of(RuleResult result) => new(result.Rule, result.Machine, result.Outcome);

    /// <summary>Enumerates the outcomes in result order.</summary>
    public struct Enumerator : IEnumerator<ResultOutcome>
    {
        private readonly RuleResults? codes;
        private readonly IReadOnlyList<RuleResult>? results;
        private RuleResults.Cursor cursor;
        private int index;

        internal Enumerator(RuleResults? codes, IReadOnlyList<RuleResult>? results)
        {
            this.codes = codes;
            this.results = results;
            cursor = default;
            index = -1;
            Current = default;
        }

        /// <summary>The outcome at the current position.</summary>
        public ResultOutcome Current { get; private set; }

        readonly object IEnumerator.Current => Current;

        /// <summary>Moves to the next outcome.</summary>
        public bool MoveNext()
        {
            if (codes is not null)
            {
                var moved = codes.Next(ref cursor, out var current);
                Current = current;
                return moved;
            }

            if (results is null || ++index >= results.Count) return false;
            Current = Of(results[index]);
            return true;
        }

        /// <summary>Starts again before the first outcome.</summary>
        public void Reset()
        {
            cursor = default;
            index = -1;
            Current = default;
        }

        /// <summary>Nothing to release.</summary>
        public readonly void Dispose()
        {
        }
    }
}
