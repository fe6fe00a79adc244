using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace PxeRules.Probes;

/// <summary>
/// Serves <c>symptoms.reported</c>: what a person saw on the clients (PXE codes such as <c>PXE-E78</c>, or the
/// symptom names listed in <c>docs/probes.md</c>), the same for every machine of the run. Rules of issues that only
/// show on clients detect from it; with no reports the list is empty and those rules stay quiet. Thread-safe.
/// </summary>
public sealed class ReportedSymptomsProvider : IProbeProvider
{
    private readonly object[] symptoms;

    /// <summary>Creates a provider reporting <paramref name="symptoms"/> (blank entries are ignored, duplicates kept once).</summary>
    public ReportedSymptomsProvider(IEnumerable<string> symptoms) =>
        this.symptoms = (symptoms ?? throw new ArgumentNullException(nameof(symptoms)))
            .Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Cast<object>().ToArray();

    /// <summary>The symptoms reported.</summary>
    public IReadOnlyList<string> Symptoms => symptoms.Cast<string>().ToArray();

    /// <inheritdoc />
    public IReadOnlyCollection<ProbeKind> Kinds { get; } = new[] { DefaultProbeKinds.ReportedSymptoms };

    /// <inheritdoc />
    public Task<ProbeResult> ProbeAsync(ProbeCall call, CancellationToken cancellationToken) =>
        Task.FromResult(call is null ? throw new ArgumentNullException(nameof(call)) : ProbeResult.Found(symptoms.Clone()));
}
