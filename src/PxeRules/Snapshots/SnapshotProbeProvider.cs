using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using PxeRules.Evaluation;
using PxeRules.Facts;
using PxeRules.Probes;

namespace PxeRules.Snapshots;

/// <summary>
/// Answers probe calls from a snapshot. A call the snapshot does not hold is unavailable ("not in snapshot"),
/// never not found: a snapshot cannot say what it did not look at. Thread-safe.
/// </summary>
public sealed class SnapshotProbeProvider : IProbeProvider
{
    private readonly FactTable facts;

    /// <summary>Creates a provider over <paramref name="facts"/> serving the kinds of <paramref name="catalog"/> (default: the default catalogue).</summary>
    public SnapshotProbeProvider(FactTable facts, ProbeCatalog? catalog = null)
    {
        this.facts = facts ?? throw new ArgumentNullException(nameof(facts));
        Kinds = (catalog ?? ProbeCatalog.Default).Kinds;
    }

    /// <inheritdoc />
    public IReadOnlyCollection<ProbeKind> Kinds { get; }

    /// <summary>The machines the snapshot holds.</summary>
    public IReadOnlyList<Machine> Machines => facts.Machines;

    /// <inheritdoc />
    public Task<ProbeResult> ProbeAsync(ProbeCall call, CancellationToken cancellationToken)
    {
        if (call is null) throw new ArgumentNullException(nameof(call));
        var record = facts.Find(call);
        if (record is null)
        {
            return Task.FromResult(ProbeResult.Unavailable($"{call.Describe()} is not in the snapshot of {call.Machine.Name}."));
        }

        return Task.FromResult(record.Result);
    }
}

/// <summary>Attaches snapshots to an engine.</summary>
public static class SnapshotEngineExtensions
{
    /// <summary>
    /// Adds a provider that answers from <paramref name="facts"/>, a snapshot read with
    /// <see cref="SnapshotFile.Read(string, PxeRules.Probes.ProbeCatalog?, PxeRules.Loading.LoadLimits?)"/>. Time
    /// windows (<c>within: 7d</c>) are then measured from the time the snapshot was collected, as
    /// <see cref="RuleEngine.Evaluate(FactTable)"/> and <c>pxerules check</c> measure them, unless
    /// <see cref="RuleEngineBuilder.WithTimeProvider"/> sets a clock: the same snapshot gives the same answer by
    /// either path, on any day.
    /// </summary>
    public static RuleEngineBuilder AddSnapshot(this RuleEngineBuilder builder, FactTable facts)
    {
        if (builder is null) throw new ArgumentNullException(nameof(builder));
        if (facts is null) throw new ArgumentNullException(nameof(facts));
        return builder.AddProvider(new SnapshotProbeProvider(facts)).EvidenceFrom(facts.CollectedAt);
    }
}
