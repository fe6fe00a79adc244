using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Threading;

namespace PxeRules.Evaluation;

/// <summary>
/// The time one evaluation may lose to regular expressions that time out, shared by every rule, machine and
/// explanation of that evaluation. A pattern that timed out once is not run again in the run (whichever rule uses
/// it); once the timeouts add up to the budget, no pattern runs any more and the rules that need one end in error
/// with the reason. Thirty catastrophic patterns over four machines' logs then cost the budget, not thirty times
/// four timeouts.
/// </summary>
internal sealed class RegexBudget
{
    private readonly long limitTicks;
    // Each pattern that timed out, with what was said when it did: later uses (and explanations) say the same.
    private readonly ConcurrentDictionary<string, string> timedOut = new(StringComparer.Ordinal);
    private long spentTicks;

    public RegexBudget(TimeSpan limit)
    {
        Limit = limit;
        limitTicks = limit.Ticks;
    }

    public TimeSpan Limit { get; }

    /// <summary>Hears each pattern that timed out and the moment the budget is used up.</summary>
    public IEngineListener? Listener { get; init; }

    /// <summary>Null when <paramref name="regex"/> may run; otherwise why it does not.</summary>
    public string? Refusal(Regex regex)
    {
        if (timedOut.TryGetValue(Key(regex), out var first))
        {
            return first;
        }

        if (Interlocked.Read(ref spentTicks) >= limitTicks)
        {
            return $"Regular expressions that timed out used up this run's budget of {Seconds(Limit)}; '{regex}' is not run.";
        }

        return null;
    }

    /// <summary>Records that <paramref name="regex"/> timed out: it is not run again, and its timeout counts against the budget.</summary>
    /// <param name="regex">The pattern.</param>
    /// <param name="reason">What to say wherever it would run again in this run.</param>
    public void TimedOut(Regex regex, string reason)
    {
        if (timedOut.TryAdd(Key(regex), reason))
        {
            var spent = Interlocked.Add(ref spentTicks, regex.MatchTimeout.Ticks);
            Listener.Raise(EngineEventKind.RegexTimedOut, null, regex.MatchTimeout, reason);
            if (spent >= limitTicks && spent - regex.MatchTimeout.Ticks < limitTicks)
            {
                Listener.Raise(EngineEventKind.RegexBudgetExhausted, null, Limit, $"Regular expressions that timed out used up this run's budget of {Seconds(Limit)}; no pattern runs any more in it.");
            }
        }
    }

    private static string Key(Regex regex) => ((int)regex.Options).ToString(CultureInfo.InvariantCulture) + "/" + regex;

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
