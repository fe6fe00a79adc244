using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace PxeRules.Probes;

/// <summary>
/// A provider that answers from results given in advance, for tests, examples and hosts that gather facts
/// their own way. A call it was given no result for is unavailable ("no result was given"), never not found.
/// Thread-safe once built: add every result before handing it to an engine.
/// </summary>
public sealed class InMemoryProbeProvider : IProbeProvider
{
    private readonly Dictionary<string, ProbeResult> results = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<ProbeKind> kinds;

    /// <summary>Creates a provider that serves the kinds of <see cref="ProbeCatalog.Default"/>.</summary>
    public InMemoryProbeProvider()
        : this(ProbeCatalog.Default.Kinds)
    {
    }

    /// <summary>Creates a provider that serves <paramref name="kinds"/>.</summary>
    public InMemoryProbeProvider(IEnumerable<ProbeKind> kinds) =>
        this.kinds = (kinds ?? throw new ArgumentNullException(nameof(kinds))).ToList();

    /// <inheritdoc />
    public IReadOnlyCollection<ProbeKind> Kinds => kinds;

    /// <summary>The calls this provider has a result for.</summary>
    public int Count => results.Count;

    /// <summary>Sets the result of a call.</summary>
    /// <returns>This provider, for chaining.</returns>
    public InMemoryProbeProvider Add(ProbeCall call, ProbeResult result)
    {
        if (call is null) throw new ArgumentNullException(nameof(call));
        results[call.Key] = result ?? throw new ArgumentNullException(nameof(result));
        return this;
    }

    /// <summary>Sets the result of the call of <paramref name="kind"/> with <paramref name="arguments"/> on <paramref name="machine"/>.</summary>
    /// <returns>This provider, for chaining.</returns>
    public InMemoryProbeProvider Add(Machine machine, string kind, IReadOnlyDictionary<string, object?>? arguments, ProbeResult result) =>
        Add(new ProbeCall(machine, kind, arguments), result);

    /// <inheritdoc />
    public Task<ProbeResult> ProbeAsync(ProbeCall call, CancellationToken cancellationToken)
    {
        if (call is null) throw new ArgumentNullException(nameof(call));
        return Task.FromResult(results.TryGetValue(call.Key, out var result)
            ? result
            : ProbeResult.Unavailable($"No result was given for {call}."));
    }
}
