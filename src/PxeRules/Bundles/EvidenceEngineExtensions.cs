using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using PxeRules.Evaluation;
using PxeRules.Probes;

namespace PxeRules.Bundles;

/// <summary>Attaches bundles and folders of logs to an engine.</summary>
public static class EvidenceEngineExtensions
{
    private static readonly ConditionalWeakTable<RuleEngineBuilder, MachineRouter> Routers = new();

    /// <summary>
    /// Adds a bundle: calls on <see cref="BundleProbeProvider.Machine"/> are answered from it, and no symptoms are
    /// reported unless a <see cref="ReportedSymptomsProvider"/> is added, as <c>pxerules check</c> does. Several bundles and
    /// folders of logs may be added, one per machine. Time windows are measured from when the bundle was collected
    /// (the earliest of the evidence added) unless <see cref="RuleEngineBuilder.WithTimeProvider"/> sets a clock.
    /// Evaluate with <c>EvaluateAsync(new[] { bundle.Machine })</c>. To combine with a snapshot, collect each into a
    /// <c>FactTable</c> and use <c>FactTable.Combine</c>, as <c>pxerules check</c> does.
    /// </summary>
    /// <exception cref="ArgumentException">Another bundle or folder of logs of the same machine was added.</exception>
    public static RuleEngineBuilder AddBundle(this RuleEngineBuilder builder, BundleProbeProvider bundle)
    {
        if (builder is null) throw new ArgumentNullException(nameof(builder));
        if (bundle is null) throw new ArgumentNullException(nameof(bundle));
        Route(builder, bundle.Machine, bundle);
        return bundle.CollectedAt is { } at ? builder.EvidenceFrom(at) : builder;
    }

    /// <summary>
    /// Adds a folder of logs: calls on <see cref="LogsProbeProvider.Machine"/> are answered from it (no symptoms reported
    /// unless a <see cref="ReportedSymptomsProvider"/> is added). Time windows are
    /// measured from its newest entry (the logs were gathered after it) unless a clock is set.
    /// </summary>
    /// <exception cref="ArgumentException">Another bundle or folder of logs of the same machine was added.</exception>
    public static RuleEngineBuilder AddLogs(this RuleEngineBuilder builder, LogsProbeProvider logs)
    {
        if (builder is null) throw new ArgumentNullException(nameof(builder));
        if (logs is null) throw new ArgumentNullException(nameof(logs));
        Route(builder, logs.Machine, logs);
        return logs.NewestEntry is { } at ? builder.EvidenceFrom(at) : builder;
    }

    private static void Route(RuleEngineBuilder builder, Machine machine, IProbeProvider provider)
    {
        var created = false;
        var router = Routers.GetValue(builder, _ =>
        {
            created = true;
            return new MachineRouter();
        });
        if (!router.Providers.TryAdd(machine.Name, provider))
        {
            throw new ArgumentException($"Evidence of the machine '{machine.Name}' was added twice.", nameof(provider));
        }

        if (created)
        {
            // `pxerules check` evaluates evidence with no symptoms reported unless --symptom gives some; so does the
            // library, unless the host adds its own ReportedSymptomsProvider.
            builder.AddProvider(router).AddFallback(new ReportedSymptomsProvider(Array.Empty<string>()));
        }
    }

    /// <summary>Sends each call to the provider of its machine.</summary>
    private sealed class MachineRouter : IProbeProvider
    {
        public ConcurrentDictionary<string, IProbeProvider> Providers { get; } = new(StringComparer.OrdinalIgnoreCase);

        public IReadOnlyCollection<ProbeKind> Kinds { get; } = ProbeCatalog.Default.Kinds.Where(k => k.Name != DefaultProbeKinds.ReportedSymptoms.Name).ToArray();

        public Task<ProbeResult> ProbeAsync(ProbeCall call, CancellationToken cancellationToken) =>
            Providers.TryGetValue(call.Machine.Name, out var provider)
                ? provider.ProbeAsync(call, cancellationToken)
                : Task.FromResult(ProbeResult.Unavailable($"No bundle or folder of logs of {call.Machine.Name} was added."));
    }
}
