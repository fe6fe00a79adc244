using System;
using System.Collections.Generic;
using PxeRules.Facts;
using PxeRules.Loading;
using PxeRules.Probes;

namespace PxeRules.Snapshots;

/// <summary>Maps the nodes of a snapshot document to a <see cref="FactTable"/>, reporting every problem with its place.</summary>
internal sealed class SnapshotReader
{
    private readonly NodeReader reader;
    private readonly ProbeCatalog catalog;

    public SnapshotReader(NodeReader reader, ProbeCatalog catalog)
    {
        this.reader = reader;
        this.catalog = catalog;
    }

    public FactTable? Read(YNode root, out string? pxeRulesVersion)
    {
        pxeRulesVersion = null;
        var document = reader.Mapping(root, "A snapshot");
        if (document is null)
        {
            return null;
        }

        var format = reader.String(document.Find("format"), "'format'");
        if (document.Find("format") is null || format != "pxerules-snapshot")
        {
            reader.Diagnostics.Error(DiagnosticCodes.UnsupportedSnapshot, "This is not a PxeRules snapshot: 'format' should be 'pxerules-snapshot'.", reader.At(document.Find("format") ?? document));
            return null;
        }

        var versionNode = document.Find("formatVersion");
        var version = versionNode is YScalar { IsPlain: true } plain && NodeReader.TryNumber(plain.Value, out var number) ? number : (double?)null;
        if (versionNode is null || version is null || version.Value != SnapshotFile.FormatVersion)
        {
            reader.Diagnostics.Error(
                DiagnosticCodes.UnsupportedSnapshot,
                $"The snapshot's formatVersion is {(versionNode is YScalar { IsPlain: true } s ? s.Value : versionNode is null ? "missing" : "not a number")}; this version of PxeRules reads formatVersion {SnapshotFile.FormatVersion}.",
                reader.At(versionNode ?? document));
            return null;
        }

        reader.CheckKeys(document, "a snapshot", new[] { "format", "formatVersion", "pxeRulesVersion", "collectedAt", "machines" }, new[] { "collectedAt", "machines" });
        pxeRulesVersion = document.Find("pxeRulesVersion") is { } v ? reader.String(v, "'pxeRulesVersion'") : null;
        var collectedAt = DateTimeOffset.MinValue;
        if (document.Find("collectedAt") is { } collectedNode && reader.String(collectedNode, "'collectedAt'") is { } collectedText)
        {
            if (!FactValues.TryParseDateTime(collectedText, out collectedAt))
            {
                reader.Error(DiagnosticCodes.SnapshotValueMismatch, $"'collectedAt' should be an ISO 8601 date-time, but found '{YScalar.Shorten(collectedText)}'.", collectedNode);
            }
        }

        var machines = new List<Machine>();
        var records = new List<FactRecord>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var list = reader.Sequence(document.Find("machines"), "'machines'");
        foreach (var item in list?.Items ?? new List<YNode>())
        {
            var machineNode = reader.Mapping(item, "A machine");
            if (machineNode is null) continue;
            reader.CheckKeys(machineNode, "a machine", new[] { "name", "roles", "probes" }, new[] { "name", "roles", "probes" });
            var name = reader.String(machineNode.Find("name"), "'name'");
            var roles = machineNode.Find("roles") is { } rolesNode ? reader.Strings(rolesNode, "'roles'") : new List<string>();
            foreach (var role in roles)
            {
                if (!MachineRoles.IsKnown(role))
                {
                    reader.Error(DiagnosticCodes.UnknownRole, $"Unknown role '{YScalar.Shorten(role)}'; expected one of: {string.Join(", ", MachineRoles.All)}.", machineNode.Find("roles")!);
                }
            }

            if (name is null) continue;
            if (string.IsNullOrWhiteSpace(name))
            {
                reader.Error(DiagnosticCodes.WrongType, "'name' should be a machine name, but found a blank string.", machineNode.Find("name")!);
                continue;
            }

            if (!names.Add(name))
            {
                reader.Error(DiagnosticCodes.DuplicateMachine, $"The machine '{YScalar.Shorten(name)}' appears more than once.", machineNode.Find("name")!);
                continue;
            }

            var machine = new Machine(name, roles);
            machines.Add(machine);
            var probes = reader.Sequence(machineNode.Find("probes"), "'probes'");
            foreach (var probe in probes?.Items ?? new List<YNode>())
            {
                var record = ReadRecord(probe, machine);
                if (record is not null) records.Add(record);
            }
        }

        return new FactTable(machines, records, collectedAt) { MissingReason = "The fact is not in the snapshot." };
    }

    private FactRecord? ReadRecord(YNode node, Machine machine)
    {
        var mapping = reader.Mapping(node, "A probe call");
        if (mapping is null) return null;
        var record = ReadRecord(mapping, machine);
        return record is null ? null : new FactRecord(record.Call, record.Result, record.Duration, record.Value, record.InvalidReason) { Source = reader.At(mapping) };
    }

    private FactRecord? ReadRecord(YMapping mapping, Machine machine)
    {
        reader.CheckKeys(mapping, "a probe call", new[] { "kind", "args", "status", "value", "reason", "durationMs" }, new[] { "kind", "status" });
        var kindName = reader.String(mapping.Find("kind"), "'kind'");
        if (kindName is null) return null;
        if (kindName.Trim().Length == 0)
        {
            reader.Error(DiagnosticCodes.WrongType, "'kind' should be a probe kind, but found a blank string.", mapping.Find("kind")!);
            return null;
        }

        var kind = catalog.Find(kindName);
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (mapping.Find("args") is { } argsNode && reader.Mapping(argsNode, "'args'") is { } args)
        {
            foreach (var entry in args.Entries)
            {
                var shape = kind?.FindArgument(entry.Key.Value)?.Shape ?? ValueShape.Any;
                if (NodeValues.TryRead(entry.Value, shape, "The argument '" + entry.Key.Value + "'", reader, DiagnosticCodes.SnapshotValueMismatch, out var value))
                {
                    arguments[entry.Key.Value] = value;
                }
            }
        }

        var statusNode = mapping.Find("status");
        var status = reader.String(statusNode, "'status'");
        var duration = mapping.Find("durationMs") is { } durationNode ? reader.Number(durationNode, "'durationMs'") ?? 0 : 0;
        var reason = mapping.Find("reason") is { } reasonNode ? reader.String(reasonNode, "'reason'") : null;
        var call = new ProbeCall(machine, kindName, arguments);
        var elapsed = TimeSpan.FromMilliseconds(Math.Max(0, Math.Min(duration, TimeSpan.MaxValue.TotalMilliseconds / 2)));
        switch (status)
        {
            case "value":
                var valueNode = mapping.Find("value");
                if (valueNode is null)
                {
                    reader.Diagnostics.Error(DiagnosticCodes.MissingKey, "A probe call with status 'value' is missing the required key 'value'.", reader.At(mapping));
                    return null;
                }

                if (!NodeValues.TryRead(valueNode, kind?.Result ?? ValueShape.Any, $"The value of '{kindName}'", reader, DiagnosticCodes.SnapshotValueMismatch, out var value))
                {
                    return null;
                }

                if (value is null)
                {
                    reader.Error(DiagnosticCodes.SnapshotValueMismatch, $"The value of '{kindName}' is null; write status 'notFound' for a fact that does not exist.", valueNode);
                    return null;
                }

                return new FactRecord(call, ProbeResult.Found(value, reason), elapsed, value, null);
            case "notFound":
                return new FactRecord(call, ProbeResult.NotFound(reason), elapsed, null, null);
            case "unavailable":
                return new FactRecord(call, ProbeResult.Unavailable(reason ?? "unavailable"), elapsed, null, null);
            case "invalid":
                var raw = mapping.Find("value") is { } rawNode && NodeValues.TryRead(rawNode, ValueShape.Any, "The value", reader, DiagnosticCodes.SnapshotValueMismatch, out var rawValue) ? rawValue : null;
                return new FactRecord(call, raw is null ? ProbeResult.Unavailable(reason ?? "invalid") : ProbeResult.Found(raw), elapsed, null, reason ?? "The value did not fit its declared type.");
            case null:
                return null;
            default:
                reader.Error(DiagnosticCodes.BadEnumValue, $"'status' should be one of value, notFound, unavailable, invalid, but found '{YScalar.Shorten(status)}'.", statusNode!);
                return null;
        }
    }
}
