using System;
using System.Collections.Generic;

namespace PxeRules.Probes.FileSystem;

/// <summary>The form a log entry was written or passed on in.</summary>
public enum LogEntryFormat
{
    /// <summary>A line in no log form: a message pasted without its columns. It has no time.</summary>
    Text = 0,

    /// <summary>The CCM form, <c>&lt;![LOG[text]LOG]!&gt;&lt;time="..." date="..." component="..." ...&gt;</c>.</summary>
    Ccm = 1,

    /// <summary>The SMS trace form of site-server logs, <c>text  $$&lt;component&gt;&lt;date time+bias&gt;&lt;thread=n&gt;</c>.</summary>
    Trace = 2,

    /// <summary>Copied out of the CMTrace or Trace32 log viewer: text, component, date and time, thread. Its time has no offset.</summary>
    ViewerCopy = 3,
}

/// <summary>
/// One entry of a ConfigMgr log. Fields the line did not carry (or carried in a form that could not be read) are
/// <see langword="null"/>; a line in no log form is an entry with only <see cref="Text"/>. Immutable.
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

    /// <summary>The time as the line wrote it, when it could not be read exactly (no offset, an older date form).</summary>
    public string? TimeText { get; internal set; }

    /// <summary>Why <see cref="Time"/> is not known, when it is not (for example <c>copied from a log viewer, whose time has no time zone</c>).</summary>
    public string? TimeNote { get; internal set; }

    /// <summary>The component that wrote it, e.g. <c>SMSPXE</c> or <c>SMS_DISTRIBUTION_MANAGER</c>.</summary>
    public string? Component { get; }

    /// <summary>The message; the lines of a message that spans several are joined with <c>\n</c>.</summary>
    public string Text { get; }

    /// <summary>Whether <see cref="Text"/> was cut at <see cref="ConfigMgrLogParser.MaxEntryLength"/>.</summary>
    public bool TextCut { get; internal set; }

    /// <summary>The CCM severity: 1 information, 2 warning, 3 error. Other forms carry none.</summary>
    public int? Type { get; }

    /// <summary>The id of the thread that wrote it.</summary>
    public long? Thread { get; }

    /// <summary>The source file and line that wrote it (CCM logs only), e.g. <c>smspxe.cpp:1234</c>.</summary>
    public string? File { get; }

    /// <summary>The form the entry was read in.</summary>
    public LogEntryFormat Format { get; internal set; }

    /// <summary>The line the entry starts on, counted from the first whole line read (the start of the file unless <see cref="LogReadCoverage.WindowCut"/>).</summary>
    public long Line { get; internal set; }

    /// <summary>
    /// The entry as a record of the shape <see cref="DefaultProbeKinds.LogEntry"/>: <c>time</c>
    /// (<see cref="DateTimeOffset"/>), <c>timeText</c>, <c>timeNote</c>, <c>component</c>, <c>text</c>, <c>type</c>
    /// and <c>thread</c> (<see cref="double"/>), <c>file</c>, <c>format</c> (<c>ccm</c>, <c>trace</c>, <c>viewer-copy</c>,
    /// <c>text</c>), <c>line</c>, <c>cut</c> (only when true) and, when given, <c>log</c>. Fields that are
    /// <see langword="null"/> are left out.
    /// </summary>
    /// <param name="log">The log file's path as the machine names it, or <see langword="null"/>.</param>
    public IReadOnlyDictionary<string, object?> ToRecord(string? log = null)
    {
        var record = new Dictionary<string, object?>(12, StringComparer.Ordinal);
        if (Time is not null) record["time"] = Time.Value;
        if (TimeText is not null) record["timeText"] = TimeText;
        if (Time is null && TimeNote is not null) record["timeNote"] = TimeNote;
        if (Component is not null) record["component"] = Component;
        record["text"] = Text;
        if (TextCut) record["cut"] = true;
        if (Type is not null) record["type"] = (double)Type.Value;
        if (Thread is not null) record["thread"] = (double)Thread.Value;
        if (File is not null) record["file"] = File;
        record["format"] = FormatName(Format);
        if (Line > 0) record["line"] = (double)Line;
        if (log is not null) record["log"] = log;
        return record;
    }

    /// <summary><c>ccm</c>, <c>trace</c>, <c>viewer-copy</c> or <c>text</c>: the names records and rules use.</summary>
    /// <param name="format">The form.</param>
    public static string FormatName(LogEntryFormat format) => format switch
    {
        LogEntryFormat.Ccm => "ccm",
        LogEntryFormat.Trace => "trace",
        LogEntryFormat.ViewerCopy => "viewer-copy",
        _ => "text",
    };

    /// <inheritdoc />
    public override string ToString() =>
        $"{(Time is null ? "(no time)" : FactValues.ToInvariantString(Time.Value))} {Component ?? "(no component)"}: {Text}";
}
