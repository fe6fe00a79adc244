using PxeRules.Probes;

namespace InHouseTool;

/// <summary>
/// Facts from the inventory export our asset system writes every night: one CSV line per server with the
/// wimgapi.dll version and the state of the WDS service. Everything else is unavailable from here.
/// </summary>
public sealed class InventoryProvider : IProbeProvider
{
    private readonly Dictionary<string, string[]> rows;

    public InventoryProvider(string csvPath) =>
        rows = File.ReadLines(csvPath).Skip(1).Select(l => l.Split(',')).Where(f => f.Length >= 4)
            .ToDictionary(f => f[0].Trim(), f => f, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<ProbeKind> Kinds { get; } = new[] { DefaultProbeKinds.File, DefaultProbeKinds.Service };

    public Task<ProbeResult> ProbeAsync(ProbeCall call, CancellationToken cancellationToken)
    {
        if (!rows.TryGetValue(call.Machine.Name, out var row))
        {
            return Task.FromResult(ProbeResult.Unavailable($"{call.Machine.Name} is not in the inventory export."));
        }

        // Columns: server, wimgapiVersion, wdsState, wdsStartMode.
        var result = call.Kind switch
        {
            "file" when call.GetString("path")!.EndsWith("wimgapi.dll", StringComparison.OrdinalIgnoreCase) =>
                row[1].Length == 0
                    ? ProbeResult.NotFound()
                    : ProbeResult.Found(new Dictionary<string, object?> { ["path"] = call.GetString("path"), ["version"] = Version.Parse(row[1]) }),
            "service" when string.Equals(call.GetString("name"), "WDSServer", StringComparison.OrdinalIgnoreCase) =>
                row[2].Length == 0
                    ? ProbeResult.NotFound()
                    : ProbeResult.Found(new Dictionary<string, object?> { ["name"] = "WDSServer", ["state"] = row[2], ["startMode"] = row[3] }),
            _ => ProbeResult.Unavailable($"The inventory export has no {call.Describe()}."),
        };
        return Task.FromResult(result);
    }
}
