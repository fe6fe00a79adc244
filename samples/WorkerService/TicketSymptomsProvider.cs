using PxeRules.Probes;

namespace PxeRulesWorker;

/// <summary>
/// Reads the symptoms the helpdesk wrote down for a server (tickets/NAME.txt, one per line). A missing file throws:
/// the engine turns that into an unavailable fact and the hosting package logs it as a probe failure.
/// </summary>
public sealed class TicketSymptomsProvider(string folder) : IProbeProvider
{
    public IReadOnlyCollection<ProbeKind> Kinds { get; } = [DefaultProbeKinds.ReportedSymptoms];

    public async Task<ProbeResult> ProbeAsync(ProbeCall call, CancellationToken cancellationToken)
    {
        var lines = await File.ReadAllLinesAsync(Path.Combine(folder, call.Machine.Name + ".txt"), cancellationToken);
        return ProbeResult.Found(lines.Where(l => l.Trim().Length > 0).Select(l => (object?)l.Trim()).ToArray());
    }
}
