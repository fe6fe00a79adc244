using System;
using System.Collections.Generic;

namespace PxeRules.Probes.FileSystem;

/// <summary>
/// One entry of a ConfigMgr log file. Fields the line did not carry (or carried in a form that could not be read)
/// are <see langword="null"/>; a line that is not in either ConfigMgr format is an entry with only
/// <see cref="Text"/>. Immutable.
/// </summary>
public sealed class ConfigMgrLogEntry
{
    internal ConfigMgrLogEntry(string text, DateTimeOffset? time, string? component, int? type, long? thread, string? file)
    {
        Text = text;
        Time = time;
        Component = component;
        Type = type;
        Thread = thread;
        File = file;
    }

    /// <summary>When the entry was written, with the offset of the machine's time zone as the log recorded it.</summary>
    public DateTimeOffset? Time { get; }

    /// <summary>The component that wrote it, e.g. <c>SMSPXE</c> or <c>SMS_DISTRIBUTION_MANAGER</c>.</summary>
    public string? Component { get; }

    /// <summary>The message; the lines of a message that spans several are joined with <c>\n</c>.</summary>
    public string Text { get; }

    /// <summary>The CCM severity: 1 information, 2 warning, 3 error. Site-server logs carry none.</summary>
    public int? Type { get; }

    /// <summary>The id of the thread that wrote it.</summary>
    public long? Thread { get; }

    /// <summary>The source file and line that wrote it (CCM logs only), e.g. <c>smspxe.cpp:1234</c>.</summary>
    public string? File { get; }

    /// <summary>
    /// The entry as a record of the shape <see cref="DefaultProbeKinds.LogEntry"/>: <c>time</c>
    /// (<see cref="DateTimeOffset"/>), <c>component</c>, <c>text</c>, <c>type</c> and <c>thread</c>
    /// (<see cref="double"/>), <c>file</c>. Fields that are <see langword="null"/> are left out.
    /// </summary>
    public IReadOnlyDictionary<string, object?> ToRecord()
    {
        var record = new Dictionary<string, object?>(6, StringComparer.Ordinal);
        if (Time is not null) record["time"] = Time.Value;
        if (Component is not null) record["component"] = Component;
        record["text"] = Text;
        if (Type is not null) record["type"] = (double)Type.Value;
        if (Thread is not null) record["thread"] = (double)Thread.Value;
        if (File is not null) record["file"] = File;
        return record;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{(Time is null ? "(no time)" : FactValues.ToInvariantString(Time.Value))} {Component ?? "(no component)"}: {Text}";
}
