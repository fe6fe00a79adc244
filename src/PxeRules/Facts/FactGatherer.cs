using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using PxeRules.Evaluation;
using PxeRules.Probes;

namespace PxeRules.Facts;

/// <summary>
/// Runs the probe calls of one collection: each distinct call once, at most a set number at a time, each with a
/// timeout, cancelled with the run. A provider that throws, hangs or answers late gives an unavailable fact; it
/// never fails the run. Taking in the provider's value (a lazy list is enumerated then) counts toward the timeout,
/// and a value larger than the item limit, or nested deeper than <see cref="ValueBudget.MaxDepth"/>, is unavailable.
/// </summary>
internal sealed class FactGatherer : IDisposable
{
    private readonly IReadOnlyDictionary<string, (IProbeProvider Provider, ProbeKind Kind)> routes;
    private readonly SemaphoreSlim throttle;
    private readonly TimeSpan timeout;
    private readonly int maxValueItems;
    private readonly TimeProvider time;
    private readonly IProgress<CollectionProgress>? progress;
    private readonly CancellationToken cancellation;
    private readonly ConcurrentDictionary<string, Lazy<Task<FactRecord>>> calls = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<FactRecord> records = new();
    private int completed;

    public FactGatherer(
        IReadOnlyDictionary<string, (IProbeProvider Provider, ProbeKind Kind)> routes,
        int maxConcurrency,
        TimeSpan timeout,
        int maxValueItems,
        TimeProvider time,
        IProgress<CollectionProgress>? progress,
        CancellationToken cancellation)
    {
        this.routes = routes;
        throttle = new SemaphoreSlim(maxConcurrency, maxConcurrency);
        this.timeout = timeout;
        this.maxValueItems = maxValueItems;
        this.time = time;
        this.progress = progress;
        this.cancellation = cancellation;
    }

    public IReadOnlyCollection<FactRecord> Records => records.ToArray();

    /// <summary>Hears failures, timeouts, slow calls and values over the limit.</summary>
    public IEngineListener? Listener { get; init; }

    /// <summary>A call that takes at least this long is reported as slow.</summary>
    public TimeSpan SlowThreshold { get; init; } = TimeSpan.FromSeconds(5);

    public Task<FactRecord> GetAsync(ProbeCall call) =>
        calls.GetOrAdd(call.Key, _ => new Lazy<Task<FactRecord>>(() => RunAsync(call))).Value;

    public void Dispose() => throttle.Dispose();

    private async Task<FactRecord> RunAsync(ProbeCall call)
    {
        FactRecord record;
        if (!routes.TryGetValue(call.Kind, out var route))
        {
            record = FactRecord.Create(call, ProbeResult.Unavailable($"No provider serves the probe kind '{call.Kind}'."), TimeSpan.Zero, null);
        }
        else
        {
            await throttle.WaitAsync(cancellation).ConfigureAwait(false);
            var stopwatch = Stopwatch.StartNew();
            try
            {
                var answer = await CallAsync(route.Provider, route.Kind, call).ConfigureAwait(false);
                record = new FactRecord(call, answer.Result, stopwatch.Elapsed, answer.Value, answer.InvalidReason);
                Tell(call, answer, stopwatch.Elapsed);
            }
            finally
            {
                throttle.Release();
            }
        }

        records.Enqueue(record);
        progress?.Report(new CollectionProgress(Interlocked.Increment(ref completed), calls.Count, call));
        return record;
    }

    private async Task<Answer> CallAsync(IProbeProvider provider, ProbeKind kind, ProbeCall call)
    {
        using var callCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellation);

        // Taken now: on a busy machine the provider may be called after the call timed out and its source was
        // disposed, when reading the source's token would throw; the token taken here is then already cancelled.
        var token = callCancellation.Token;
        Task<Answer> probe;
        try
        {
            // Task.Run shields the run from a provider that blocks before its first await; the value is taken in
            // inside it, so a lazy list that enumerates slowly is bound by the timeout too.
            probe = Task.Run(
                async () => Take(provider, kind, await (provider.ProbeAsync(call, token) ?? Task.FromResult(ProbeResult.Unavailable("The provider returned no task."))).ConfigureAwait(false)),
                CancellationToken.None);
        }
        catch (Exception ex)
        {
            return new Answer(Failed(provider, ex), EngineEventKind.ProbeFailed);
        }

#if NET
        var deadline = Task.Delay(timeout, time, callCancellation.Token);
#else
        var deadline = time.Delay(timeout, callCancellation.Token);
#endif
        var first = await Task.WhenAny(probe, deadline).ConfigureAwait(false);
        if (first != probe)
        {
            // Cancel the provider's token so a provider that honours it stops; one that does not is abandoned.
            callCancellation.Cancel();
            cancellation.ThrowIfCancellationRequested();
            Observe(probe);
            return new Answer(ProbeResult.Unavailable($"The probe did not answer within {timeout.TotalSeconds:0.###} s."), EngineEventKind.ProbeTimedOut);
        }

        callCancellation.Cancel();
        try
        {
            return await probe.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            return new Answer(Failed(provider, ex), EngineEventKind.ProbeFailed);
        }
    }

    /// <summary>Brings the provider's value into the engine's types, within the item and depth limits.</summary>
    private Answer Take(IProbeProvider provider, ProbeKind kind, ProbeResult? result)
    {
        if (result is null)
        {
            return new Answer(ProbeResult.Unavailable($"{provider.GetType().Name} returned no result."), EngineEventKind.ProbeFailed);
        }

        if (result.Status != ProbeStatus.Value)
        {
            return new Answer(result, result.Value, null);
        }

        try
        {
            var error = FactValues.Conform(result.Value, kind.Result, kind.Name, new ValueBudget(maxValueItems), out var value);
            return error is null ? new Answer(result, value, null) : new Answer(result, null, error);
        }
        catch (ValueTooLargeException ex)
        {
            return new Answer(ProbeResult.Unavailable(ex.Message), EngineEventKind.ValueLimitHit);
        }
    }

    private void Tell(ProbeCall call, Answer answer, TimeSpan duration)
    {
        if (Listener is null) return;
        if (answer.Event is { } kind)
        {
            Listener.Raise(kind, call, duration, $"{call.Describe()} on {call.Machine.Name}: {answer.Result.Reason}");
        }
        else if (answer.InvalidReason is { } invalid)
        {
            Listener.Raise(EngineEventKind.ProbeFailed, call, duration, $"{call.Describe()} on {call.Machine.Name}: {invalid}");
        }
        else if (duration >= SlowThreshold)
        {
            Listener.Raise(EngineEventKind.ProbeSlow, call, duration, $"{call.Describe()} on {call.Machine.Name} took {duration.TotalSeconds:0.###} s.");
        }
    }

    private static ProbeResult Failed(IProbeProvider provider, Exception ex) =>
        ProbeResult.Unavailable($"{provider.GetType().Name} failed: {ex.GetType().Name}: {ex.Message}");

    private static void Observe(Task task) =>
        task.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private readonly struct Answer
    {
        public Answer(ProbeResult result, object? value = null, string? invalidReason = null)
        {
            Result = result;
            Value = value;
            InvalidReason = invalidReason;
            Event = null;
        }

        public Answer(ProbeResult result, EngineEventKind happened)
            : this(result)
        {
            Event = happened;
        }

        /// <summary>What went wrong with the call, to tell the listener; null for an answer as the provider gave it.</summary>
        public EngineEventKind? Event { get; }

        public ProbeResult Result { get; }

        public object? Value { get; }

        public string? InvalidReason { get; }
    }
}
