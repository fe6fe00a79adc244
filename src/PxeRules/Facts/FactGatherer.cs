using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using PxeRules.Probes;

namespace PxeRules.Facts;

/// <summary>
/// Runs the probe calls of one collection: each distinct call once, at most a set number at a time, each with a
/// timeout, cancelled with the run. A provider that throws, hangs or answers late gives an unavailable fact; it
/// never fails the run.
/// </summary>
internal sealed class FactGatherer : IDisposable
{
    private readonly IReadOnlyDictionary<string, (IProbeProvider Provider, ProbeKind Kind)> routes;
    private readonly SemaphoreSlim throttle;
    private readonly TimeSpan timeout;
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
        TimeProvider time,
        IProgress<CollectionProgress>? progress,
        CancellationToken cancellation)
    {
        this.routes = routes;
        throttle = new SemaphoreSlim(maxConcurrency, maxConcurrency);
        this.timeout = timeout;
        this.time = time;
        this.progress = progress;
        this.cancellation = cancellation;
    }

    public IReadOnlyCollection<FactRecord> Records => records.ToArray();

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
                var result = await CallAsync(route.Provider, call).ConfigureAwait(false);
                record = FactRecord.Create(call, result, stopwatch.Elapsed, route.Kind.Result);
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

    private async Task<ProbeResult> CallAsync(IProbeProvider provider, ProbeCall call)
    {
        using var callCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        Task<ProbeResult> probe;
        try
        {
            // Task.Run shields the run from a provider that blocks before its first await.
            probe = Task.Run(() => provider.ProbeAsync(call, callCancellation.Token) ?? Task.FromResult(ProbeResult.Unavailable("The provider returned no task.")), CancellationToken.None);
        }
        catch (Exception ex)
        {
            return Failed(provider, ex);
        }

#if NET
        var deadline = Task.Delay(timeout, time, callCancellation.Token);
#else
        var deadline = time.Delay(timeout, callCancellation.Token);
#endif
        var first = await Task.WhenAny(probe, deadline).ConfigureAwait(false);
        if (first != probe)
        {
            callCancellation.Cancel();
            cancellation.ThrowIfCancellationRequested();
            Observe(probe);
            return ProbeResult.Unavailable($"The probe did not answer within {timeout.TotalSeconds:0.###} s.");
        }

        callCancellation.Cancel();
        try
        {
            return await probe.ConfigureAwait(false) ?? ProbeResult.Unavailable($"{provider.GetType().Name} returned no result.");
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            return Failed(provider, ex);
        }
    }

    private static ProbeResult Failed(IProbeProvider provider, Exception ex) =>
        ProbeResult.Unavailable($"{provider.GetType().Name} failed: {ex.GetType().Name}: {ex.Message}");

    private static void Observe(Task task) =>
        task.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
}
