using System;
using PxeRules.Probes;

namespace PxeRules.Evaluation;

/// <summary>What a host may want to know happened inside a run (see <see cref="IEngineListener"/>).</summary>
public enum EngineEventKind
{
    /// <summary>A provider threw, returned no task or no result, or returned a value of the wrong shape: the fact is unavailable or invalid.</summary>
    ProbeFailed = 0,

    /// <summary>A probe call did not answer within the probe timeout: the fact is unavailable.</summary>
    ProbeTimedOut = 1,

    /// <summary>A probe call answered, but took at least the slow-probe threshold.</summary>
    ProbeSlow = 2,

    /// <summary>A provider's value held more items than the value limit allows, or was nested too deep: the fact is unavailable.</summary>
    ValueLimitHit = 3,

    /// <summary>A rule's regular expression timed out; it is not run again in this evaluation.</summary>
    RegexTimedOut = 4,

    /// <summary>The regular-expression timeouts of one evaluation used up its budget: no pattern runs any more in it.</summary>
    RegexBudgetExhausted = 5,
}

/// <summary>One thing that happened inside a run, with the probe call it concerns and a sentence saying what happened.</summary>
public sealed class EngineEvent
{
    internal EngineEvent(EngineEventKind kind, ProbeCall? call, TimeSpan duration, string message)
    {
        Kind = kind;
        Call = call;
        Duration = duration;
        Message = message;
    }

    /// <summary>What happened.</summary>
    public EngineEventKind Kind { get; }

    /// <summary>The probe call it concerns, or null (regular expressions).</summary>
    public ProbeCall? Call { get; }

    /// <summary>How long the call took (probe events), or the time the pattern was allowed (regex events).</summary>
    public TimeSpan Duration { get; }

    /// <summary>A sentence saying what happened; it quotes what providers and machines said, unescaped.</summary>
    public string Message { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Kind}: {Message}";
}

/// <summary>
/// Hears about probe failures, timeouts, slow calls and budget hits as they happen, so a host can log them
/// (<c>PxeRules.Extensions.Hosting</c> adapts this to <c>ILogger</c>). The contract: <see cref="OnEvent"/> is called
/// from the threads that run probe calls and evaluations, possibly concurrently, so it must be thread-safe and
/// quick; an exception it throws is ignored, never failing the run. Events change no outcome: what they report is
/// also in the facts and results.
/// </summary>
public interface IEngineListener
{
    /// <summary>Called once per event.</summary>
    void OnEvent(EngineEvent engineEvent);
}

/// <summary>Passes events to the listener, ignoring its failures.</summary>
internal static class Listening
{
    public static void Raise(this IEngineListener? listener, EngineEventKind kind, ProbeCall? call, TimeSpan duration, string message)
    {
        if (listener is null) return;
        try
        {
            listener.OnEvent(new EngineEvent(kind, call, duration, message));
        }
#pragma warning disable CA1031 // A listener's failure must not fail the run (see IEngineListener).
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
