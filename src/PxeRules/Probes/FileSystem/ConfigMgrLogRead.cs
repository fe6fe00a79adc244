using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace PxeRules.Probes.FileSystem;

/// <summary>What one read of a log gave: the entries kept and an account of everything read. Immutable.</summary>
public sealed class ConfigMgrLogRead
{
    internal ConfigMgrLogRead(IReadOnlyList<ConfigMgrLogEntry> entries, LogReadCoverage coverage)
    {
        Entries = entries;
        Coverage = coverage;
    }

    /// <summary>The entries kept, oldest first.</summary>
    public IReadOnlyList<ConfigMgrLogEntry> Entries { get; }

    /// <summary>What was read, recognised, kept and left out.</summary>
    public LogReadCoverage Coverage { get; }
}

/// <summary>
/// An account of one log read: its form, the lines and entries read, how many have a time, what was left out and
/// why. Reports show it beside the evidence, so that "no matching entry" can be weighed. Immutable.
/// </summary>
public sealed class LogReadCoverage
{
    internal LogReadCoverage(long lines, long[] entriesByFormat, long timed, long matched, int kept, long cutEntries, long totalBytes, long bytesRead)
    {
        Lines = lines;
        this.entriesByFormat = entriesByFormat;
        TimedEntries = timed;
        MatchingEntries = matched;
        KeptEntries = kept;
        CutEntries = cutEntries;
        TotalBytes = totalBytes;
        BytesRead = bytesRead;
        long entries = 0;
        var most = -1L;
        foreach (var count in entriesByFormat) entries += count;
        Entries = entries;
        for (var i = 0; i < entriesByFormat.Length; i++)
        {
            if (entriesByFormat[i] > most)
            {
                most = entriesByFormat[i];
                Format = (LogEntryFormat)i;
            }
        }
    }

    private readonly long[] entriesByFormat;

    /// <summary>The form most entries were read in (<see cref="LogEntryFormat.Text"/> for an empty log).</summary>
    public LogEntryFormat Format { get; }

    /// <summary>Lines read (the first, partial, line of a window that starts inside the file is not counted).</summary>
    public long Lines { get; }

    /// <summary>Entries read, before the match and the limit on entries.</summary>
    public long Entries { get; }

    /// <summary>Entries read that have an exact time.</summary>
    public long TimedEntries { get; }

    /// <summary>Entries read as plain text: lines in no log form.</summary>
    public long TextEntries => EntriesIn(LogEntryFormat.Text);

    /// <summary>Entries whose text matched the parser's <see cref="ConfigMgrLogParser.Match"/> (all of them without one).</summary>
    public long MatchingEntries { get; }

    /// <summary>Entries kept: the newest matching ones, up to <see cref="ConfigMgrLogParser.MaxEntries"/>.</summary>
    public int KeptEntries { get; }

    /// <summary>Matching entries left out by <see cref="ConfigMgrLogParser.MaxEntries"/>: the oldest.</summary>
    public long DroppedEntries => MatchingEntries - KeptEntries;

    /// <summary>Entries whose text was cut at <see cref="ConfigMgrLogParser.MaxEntryLength"/>.</summary>
    public long CutEntries { get; }

    /// <summary>The size of the log in bytes.</summary>
    public long TotalBytes { get; }

    /// <summary>The bytes read: the last <see cref="ConfigMgrLogParser.MaxBytes"/> of a larger log.</summary>
    public long BytesRead { get; }

    /// <summary>Whether only the end of the log was read, because it is larger than <see cref="ConfigMgrLogParser.MaxBytes"/>.</summary>
    public bool WindowCut => BytesRead < TotalBytes;

    /// <summary>The entries read in <paramref name="format"/>.</summary>
    /// <param name="format">The form.</param>
    public long EntriesIn(LogEntryFormat format)
    {
        var index = (int)format;
        return index >= 0 && index < entriesByFormat.Length ? entriesByFormat[index] : 0;
    }

    /// <summary>
    /// <c>CCM log: 1,204 lines, 1,200 entries (1,200 with a time, 4 of plain text); 3 match, all kept</c>, and what was
    /// left out.
    /// </summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Entries == 0 ? "empty log" : Describe(Format) + (Mixed ? " (mixed forms)" : string.Empty));
        text.Append(": ").Append(Count(Lines, "line")).Append(", ").Append(Count(Entries, "entry", "entries"));
        text.Append(" (").Append(N(TimedEntries)).Append(" with a time");
        if (TextEntries > 0 && Format != LogEntryFormat.Text) text.Append(", ").Append(N(TextEntries)).Append(" of plain text");
        text.Append(')');
        if (MatchingEntries != Entries) text.Append("; ").Append(N(MatchingEntries)).Append(" match");
        if (DroppedEntries > 0) text.Append("; the oldest ").Append(N(DroppedEntries)).Append(" left out, ").Append(N(KeptEntries)).Append(" kept");
        if (CutEntries > 0) text.Append("; ").Append(Count(CutEntries, "entry", "entries")).Append(" cut short");
        if (WindowCut) text.Append("; only the last ").Append(Size(BytesRead)).Append(" of ").Append(Size(TotalBytes)).Append(" read");
        return text.ToString();
    }

    private bool Mixed
    {
        get
        {
            var forms = 0;
            for (var i = 1; i < entriesByFormat.Length; i++)
            {
                if (entriesByFormat[i] > 0) forms++;
            }

            return forms > 1;
        }
    }

    internal static string Describe(LogEntryFormat format) => format switch
    {
        LogEntryFormat.Ccm => "CCM log",
        LogEntryFormat.Trace => "SMS trace log",
        LogEntryFormat.ViewerCopy => "copy from a log viewer",
        _ => "plain text",
    };

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Count(long value, string one, string? many = null) => $"{N(value)} {(value == 1 ? one : many ?? one + "s")}";

    private static string Size(long bytes) => bytes >= 1L << 20
        ? (bytes / (double)(1L << 20)).ToString("0.#", CultureInfo.InvariantCulture) + " MiB"
        : bytes >= 1024 ? (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KiB" : N(bytes) + " bytes";
}

/// <summary>The size of a log and how much of its end is read.</summary>
internal readonly struct LogWindow
{
    public LogWindow(long totalBytes, long bytesRead)
    {
        TotalBytes = totalBytes;
        BytesRead = bytesRead;
    }

    public long TotalBytes { get; }

    public long BytesRead { get; }
}
