using System;
using System.Collections.Generic;
using System.Globalization;
using PxeRules.Probes.Windows.Access;

namespace PxeRules.Probes.Windows.Mapping;

/// <summary><c>eventlog.entries</c>: entries of a classic event log, newest first, filtered by source, ids and age.</summary>
internal static class EventLogProbe
{
    private static readonly TimeSpan DefaultSince = TimeSpan.FromDays(30);
    private const int DefaultMax = 500;

    public static ProbeResult Run(ProbeContext c)
    {
        var log = c.Required("log");
        if (log.IndexOfAny(new[] { '\\', '/' }) >= 0)
        {
            throw new UnavailableException($"'{log}' is not a classic event log (System, Application, …); the Windows provider reads only those.");
        }

        var source = c.Call.GetString("source");
        var ids = Ids(c);
        var since = Since(c);
        var max = (int)Math.Max(0, Math.Min(int.MaxValue, c.Call.GetNumber("max", DefaultMax)));
        var cutoff = c.Now - since;

        using (var registered = c.OpenKey(RegistryRoot.LocalMachine, @"SYSTEM\CurrentControlSet\Services\EventLog\" + log, RegistryBitness.Default))
        {
            if (registered is null)
            {
                return ProbeResult.NotFound($"No event log named '{log}' on {c.Target.Display}.");
            }
        }

        var what = $"the event log '{log}'";
        using var reader = c.Guard(Channel.EventLog, what, () => c.Apis.EventLogs.Open(c.Target.RemoteName, log));
        var count = c.Guard(Channel.EventLog, what, () => reader.Count);
        var entries = new List<object?>();
        for (var index = count - 1; index >= 0 && entries.Count < max; index--)
        {
            var entry = c.Guard(Channel.EventLog, what, () => reader.Read(index));
            if (entry.Time < cutoff)
            {
                break;
            }

            var id = (int)(entry.InstanceId & 0xFFFF);
            if ((source is not null && !string.Equals(entry.Source, source, StringComparison.OrdinalIgnoreCase))
                || (ids is not null && !ids.Contains(id)))
            {
                continue;
            }

            entries.Add(new RecordBuilder()
                .Add("time", entry.Time)
                .Add("id", (double)id)
                .Add("source", entry.Source)
                .Add("level", Level(entry.EntryType))
                .Add("message", entry.Message)
                .Build());
        }

        return ProbeResult.Found(entries.ToArray());
    }

    public static string Level(int entryType) => entryType switch
    {
        1 => "Error",
        2 => "Warning",
        8 => "SuccessAudit",
        16 => "FailureAudit",
        _ => "Information",
    };

    private static HashSet<int>? Ids(ProbeContext c)
    {
        var texts = c.Call.GetStrings("ids");
        if (texts.Count == 0)
        {
            return null;
        }

        var ids = new HashSet<int>();
        foreach (var text in texts)
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var id) || id < 0 || id > 65535 || id != Math.Floor(id))
            {
                throw new UnavailableException($"The event id '{text}' is not a whole number from 0 to 65535.");
            }

            ids.Add((int)id);
        }

        return ids;
    }

    private static TimeSpan Since(ProbeContext c)
    {
        if (!c.Call.Arguments.TryGetValue("since", out var value) || value is null)
        {
            return DefaultSince;
        }

        if (value is TimeSpan span)
        {
            return span;
        }

        var text = FactValues.ToInvariantString(value);
        return FactValues.TryParseDuration(text, out span)
            ? span
            : throw new UnavailableException($"The duration '{text}' is not written like 7d, 12h, 30m or 45s.");
    }
}
