using System;
using System.Diagnostics;
using System.Runtime.Versioning;
using PxeRules.Probes.Windows.Access;

namespace PxeRules.Probes.Windows.Native;

/// <summary>Classic event logs through <see cref="EventLog"/>, which reaches Windows Server 2003 too.</summary>
[SupportedOSPlatform("windows")]
internal sealed class EventLogAccess : IEventLogAccess
{
    public IEventLogReader Open(string? machine, string log) => new Reader(new EventLog(log, machine ?? "."));

    private sealed class Reader : IEventLogReader
    {
        private readonly EventLog log;

        public Reader(EventLog log) => this.log = log;

        public int Count => log.Entries.Count;

        public EventData Read(int index)
        {
            var entry = log.Entries[index];
            return new EventData(new DateTimeOffset(entry.TimeGenerated), entry.InstanceId, entry.Source, (int)entry.EntryType, entry.Message);
        }

        public void Dispose() => log.Dispose();
    }
}
