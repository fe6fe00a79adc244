using System;
using System.Collections.Generic;
using PxeRules.Probes.Windows.Access;

namespace PxeRules.Probes.Windows.Tests.Fakes;

internal sealed class FakeEventLogs : IEventLogAccess
{
    public Dictionary<string, List<EventData>> Logs { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, Exception> Failures { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How many entries were read, to prove the probe stops at the time window.</summary>
    public int Reads { get; private set; }

    public IEventLogReader Open(string? machine, string log)
    {
        if (Failures.TryGetValue(log, out var failure)) throw failure;
        return new Reader(this, Logs.TryGetValue(log, out var entries) ? entries : new List<EventData>());
    }

    private sealed class Reader : IEventLogReader
    {
        private readonly FakeEventLogs owner;
        private readonly List<EventData> entries;

        public Reader(FakeEventLogs owner, List<EventData> entries)
        {
            this.owner = owner;
            this.entries = entries;
        }

        public int Count => entries.Count;

        public EventData Read(int index)
        {
            owner.Reads++;
            return entries[index];
        }

        public void Dispose()
        {
        }
    }
}
