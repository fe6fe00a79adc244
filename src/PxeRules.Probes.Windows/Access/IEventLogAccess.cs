using System;

namespace PxeRules.Probes.Windows.Access;

/// <summary>One event log entry.</summary>
/// <param name="Time">When it was written.</param>
/// <param name="InstanceId">The full instance id; the event id users see is its low 16 bits.</param>
/// <param name="Source">The event source.</param>
/// <param name="EntryType">1 error, 2 warning, 4 information, 8 success audit, 16 failure audit (0 information).</param>
/// <param name="Message">The formatted message.</param>
internal sealed record EventData(DateTimeOffset Time, long InstanceId, string Source, int EntryType, string Message);

/// <summary>Opens classic event logs (System, Application, …) of this machine or a remote one.</summary>
internal interface IEventLogAccess
{
    /// <summary>Opens a log that exists (the caller has checked). Throws when it cannot be read.</summary>
    IEventLogReader Open(string? machine, string log);
}

/// <summary>An open event log; entries are numbered oldest first.</summary>
internal interface IEventLogReader : IDisposable
{
    int Count { get; }

    EventData Read(int index);
}
