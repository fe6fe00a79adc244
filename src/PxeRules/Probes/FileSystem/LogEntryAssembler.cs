using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

namespace PxeRules.Probes.FileSystem;

/// <summary>
/// Turns the lines of one log read into entries, recognising each line's form (<see cref="LogEntryFormat"/>), and
/// counts what it read for <see cref="LogReadCoverage"/>. Keeps at most the parser's <c>MaxEntries</c> entries and
/// one pending message, so its memory does not follow the size of the log.
/// </summary>
internal sealed class LogEntryAssembler
{
    private const string CcmStart = "<![LOG[";
    private const string CcmEnd = "]LOG]!>";
    private const string TraceTrailer = "$$<";

    // A message without its closing marker or trailer is given up after this many lines.
    private const int MaxPendingLines = 1000;

    // Lines a wrapped CCM attribute tag or trace trailer may be spread over.
    private const int MaxContinuations = 3;

    private const string ViewerTimeNote = "copied from a log viewer, whose date and time have no time zone";
    private const string TextTimeNote = "a line in no log form (a message pasted without its columns), so it has no time";
    private const string CutOffTimeNote = "the entry was cut off before its time";

    private static readonly TimeSpan PatternTimeout = TimeSpan.FromSeconds(1);

    // The columns of a CMTrace or Trace32 copy whose tabs a paste turned into spaces: ... component date time thread.
    private static readonly Regex SpacedViewerColumns = new(
        @"^(?<text>.*?)\s+(?<component>[A-Za-z_][\w.\-]{0,63})\s+(?<time>\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}\s+\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,7})?(?:\s*[AaPp]\.?[Mm]\.?)?)\s+(?<thread>\d{1,10}\s*\(0x[0-9A-Fa-f]{1,8}\))\s*$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture,
        PatternTimeout);

    private static readonly Regex DateFirstCopy = new(
        @"^(?<time>\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}:\d{2} [AP]M)",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture,
        PatternTimeout);

    private static readonly Regex ViewerTime = new(
        @"^\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}\s+\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,7})?(?:\s*[AaPp]\.?[Mm]\.?)?$",
        RegexOptions.CultureInvariant,
        PatternTimeout);

    private static readonly Regex ViewerThread = new(@"^\d{1,10}\s*\(0x[0-9A-Fa-f]{1,8}\)$", RegexOptions.CultureInvariant, PatternTimeout);

    private readonly ConfigMgrLogParser parser;
    private readonly Queue<ConfigMgrLogEntry> entries = new();
    private readonly List<string> pending = new();
    private readonly List<long> pendingNumbers = new();
    private readonly long[] byFormat = new long[4];
    private int pendingChars;
    private bool pendingCut;
    private long pendingLinesSkipped;

    // True while the pending lines are the text of a CCM entry whose start marker was seen.
    private bool open;

    // A CCM entry whose attribute tag, or a trace line whose trailer, goes on on the next line.
    private Held? held;

    private long timed;
    private long matched;
    private long cutEntries;

    public LogEntryAssembler(ConfigMgrLogParser parser) => this.parser = parser;

    public void Line(string line, long number, bool cut)
    {
        if (held is not null && Continue(line, number)) return;
        Scan(line, number, cut);
    }

    public ConfigMgrLogRead Finish(long lines, LogWindow window)
    {
        ReleaseHeld();
        FlushPending();
        var kept = entries.ToArray();
        var coverage = new LogReadCoverage(Math.Max(0, lines), byFormat, timed, matched, kept.Length, cutEntries, window.TotalBytes, window.BytesRead);
        return new ConfigMgrLogRead(kept, coverage);
    }

    private void Scan(string line, long number, bool cut)
    {
        if (!open && pending.Count == 0 && TryWholeCcmLine(line, number, cut))
        {
            return;
        }

        var rest = line;
        while (true)
        {
            if (open)
            {
                var close = rest.IndexOf(CcmEnd, StringComparison.Ordinal);
                var restart = rest.IndexOf(CcmStart, StringComparison.Ordinal);
                if (restart >= 0 && (close < 0 || restart < close))
                {
                    // A new entry begins before this one ended: this one was cut off.
                    AddPending(rest.Substring(0, restart), number, cut);
                    FlushPending();
                    rest = rest.Substring(restart + CcmStart.Length);
                    Open(number);
                    continue;
                }

                if (close < 0)
                {
                    AddPending(rest, number, cut);
                    return;
                }

                var next = CompleteCcm(rest, close, number, cut);
                if (next is null) return;
                rest = next;
            }
            else
            {
                var start = StartOfCcm(rest);
                if (start >= 0 && rest.Substring(0, start).Trim(QuoteMarks).Length == 0)
                {
                    // Only white space or the quote marks of a mail or forum stand before the entry.
                    FlushPending();
                    rest = rest.Substring(start + CcmStart.Length);
                    Open(number);
                    continue;
                }

                var close = rest.IndexOf(CcmEnd, StringComparison.Ordinal);
                if (close >= 0 && (start < 0 || close < start))
                {
                    // The end of an entry whose start was not read: the pending lines are its beginning.
                    var next = CompleteCcm(rest, close, number, cut);
                    if (next is null) return;
                    rest = next;
                }
                else if (start > 0)
                {
                    // Other text in front of an entry is a line of its own.
                    AddPending(rest.Substring(0, start), number, cut);
                    FlushPending();
                    rest = rest.Substring(start);
                    continue;
                }
                else
                {
                    var trailer = rest.LastIndexOf(TraceTrailer, StringComparison.Ordinal);
                    if (trailer >= 0)
                    {
                        CompleteTrace(rest, trailer, number, cut);
                    }
                    else if (!TryViewerCopy(rest, number, cut) && (pending.Count > 0 || rest.Trim().Length > 0))
                    {
                        AddPending(rest, number, cut);
                    }

                    return;
                }
            }

            if (rest.Trim().Length == 0)
            {
                return;
            }
        }
    }

    /// <summary>The common case, read without copying the line: one whole CCM entry, <c>&lt;![LOG[text]LOG]!&gt;&lt;...&gt;</c>, alone on its line.</summary>
    private bool TryWholeCcmLine(string line, long number, bool cut)
    {
        if (!line.StartsWith(CcmStart, StringComparison.Ordinal)) return false;
        var close = line.IndexOf(CcmEnd, CcmStart.Length, StringComparison.Ordinal);
        if (close < 0 || line.IndexOf(CcmStart, CcmStart.Length, close - CcmStart.Length, StringComparison.Ordinal) >= 0) return false;
        var attributes = LogTimes.ReadAttributes(line, close + CcmEnd.Length, out var next, out var complete);
        if (!complete || !IsBlank(line, next)) return false;
        Emit(CcmEntry(line.Substring(CcmStart.Length, close - CcmStart.Length), attributes), LogEntryFormat.Ccm, number, cut);
        return true;
    }

    private static bool IsBlank(string text, int from)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (!char.IsWhiteSpace(text[i])) return false;
        }

        return true;
    }

    private static readonly char[] QuoteMarks = { ' ', '\t', '\uFEFF', '>', '"', '\'', '|' };

    private static int StartOfCcm(string text) => text.IndexOf(CcmStart, StringComparison.Ordinal);

    private void Open(long number)
    {
        open = true;
        pendingNumbers.Clear();
        pendingNumbers.Add(number);
    }

    /// <summary>Ends the pending CCM text at <paramref name="close"/>, reads the attributes and returns what follows them, or null when they go on on the next line.</summary>
    private string? CompleteCcm(string rest, int close, long number, bool cut)
    {
        pending.Add(rest.Substring(0, close));
        pendingCut |= cut;
        var (text, first, textCut) = TakePending(number);
        var tagStart = close + CcmEnd.Length;
        var attributes = LogTimes.ReadAttributes(rest, tagStart, out var next, out var complete);
        if (!complete)
        {
            held = new Held(text, first, textCut, rest.Substring(tagStart), trace: false);
            return null;
        }

        Emit(CcmEntry(text, attributes), LogEntryFormat.Ccm, first, textCut);
        return rest.Substring(next);
    }

    private void CompleteTrace(string line, int trailer, long number, bool cut)
    {
        pending.Add(line.Substring(0, trailer));
        pendingCut |= cut;
        var (text, first, textCut) = TakePending(number);

        // Documents double-space logs and put the trailer on a line of its own: the blank lines are not the message.
        text = text.TrimEnd(' ', '\t', '\n').TrimStart('\n');
        var tail = line.Substring(trailer);
        if (!TraceComplete(tail))
        {
            held = new Held(text, first, textCut, tail, trace: true);
            return;
        }

        Emit(TraceEntry(text, tail), LogEntryFormat.Trace, first, textCut);
    }

    /// <summary>Whether a trailer <c>$$&lt;component&gt;&lt;time&gt;&lt;thread=n&gt;</c> was read to its end.</summary>
    private static bool TraceComplete(string tail)
    {
        var trimmed = tail.TrimEnd();
        if (!trimmed.EndsWith(">", StringComparison.Ordinal)) return false;
        var closes = 0;
        foreach (var c in trimmed)
        {
            if (c == '>') closes++;
        }

        return closes >= 3;
    }

    /// <summary>Adds <paramref name="line"/> to a held attribute tag or trailer when it plainly goes on with it; otherwise lets the held entry go.</summary>
    private bool Continue(string line, long number)
    {
        var h = held!;
        var trimmed = line.TrimStart();
        if (trimmed.Length == 0)
        {
            // A document that double-spaced the log put a blank line inside the wrapped trailer.
            if (h.Continuations++ < MaxContinuations) return true;
            ReleaseHeld();
            return false;
        }

        var continues = h.Trace
            ? trimmed.Length <= 200 && (trimmed[0] == '<' || trimmed[0] == '(' || char.IsDigit(trimmed[0])) && trimmed.IndexOf('>') >= 0
            : IsAttributeContinuation(trimmed);
        if (!continues || h.Continuations >= MaxContinuations)
        {
            ReleaseHeld();
            return false;
        }

        // A wrap replaced a space with the line break, or kept the space at the end of the line: put one back.
        var glue = h.Tail.EndsWith(" ", StringComparison.Ordinal) || trimmed[0] == '<' || trimmed[0] == '>' ? string.Empty : " ";
        var joined = h.Tail + glue + trimmed;
        h.Continuations++;
        if (h.Trace)
        {
            h.Tail = joined;
            if (!TraceComplete(joined)) return true;
            held = null;
            Emit(TraceEntry(h.Text, joined), LogEntryFormat.Trace, h.Line, h.TextCut);
            return true;
        }

        var attributes = LogTimes.ReadAttributes(joined, 0, out var next, out var complete);
        h.Tail = joined;
        if (!complete) return true;
        held = null;
        Emit(CcmEntry(h.Text, attributes), LogEntryFormat.Ccm, h.Line, h.TextCut);
        var rest = joined.Substring(next);
        if (rest.Trim().Length > 0) Scan(rest, number, cut: false);
        return true;
    }

    private static bool IsAttributeContinuation(string trimmed)
    {
        if (trimmed.Length == 0 || trimmed.StartsWith(CcmStart, StringComparison.Ordinal)) return false;
        if (trimmed[0] == '>') return true;
        var i = 0;
        while (i < trimmed.Length && (char.IsLetterOrDigit(trimmed[i]) || trimmed[i] == '_')) i++;
        return i > 0 && i + 1 < trimmed.Length && trimmed[i] == '=' && trimmed[i + 1] == '"';
    }

    private void ReleaseHeld()
    {
        var h = held;
        if (h is null) return;
        held = null;
        if (h.Trace)
        {
            Emit(TraceEntry(h.Text, h.Tail), LogEntryFormat.Trace, h.Line, h.TextCut);
        }
        else
        {
            var attributes = LogTimes.ReadAttributes(h.Tail, 0, out _, out _);
            Emit(CcmEntry(h.Text, attributes), LogEntryFormat.Ccm, h.Line, h.TextCut);
        }
    }

    /// <summary>A line copied out of CMTrace or Trace32: text, component, date and time, thread, separated by tabs or, where a paste lost them, spaces.</summary>
    private bool TryViewerCopy(string line, long number, bool cut)
    {
        if (TryDateFirstCopy(line, number, cut)) return true;
        if (line.IndexOf("(0x", StringComparison.OrdinalIgnoreCase) < 0) return false;
        string text, component, time, thread;
        var columns = line.Split('\t');
        if (columns.Length >= 4
            && ViewerThread.IsMatch(columns[columns.Length - 1].Trim())
            && ViewerTime.IsMatch(columns[columns.Length - 2].Trim())
            && columns[columns.Length - 3].Trim().Length > 0)
        {
            text = string.Join("\t", columns, 0, columns.Length - 3);
            component = columns[columns.Length - 3].Trim();
            time = columns[columns.Length - 2].Trim();
            thread = columns[columns.Length - 1].Trim();
        }
        else
        {
            if (TryMatch(SpacedViewerColumns, line) is not { } match) return false;
            text = match.Groups["text"].Value;
            component = match.Groups["component"].Value;
            time = match.Groups["time"].Value;
            thread = match.Groups["thread"].Value;
        }

        pending.Add(text);
        pendingCut |= cut;
        var (message, first, textCut) = TakePending(number);
        var entry = Make(message, null, component, null, LogTimes.ReadThread(thread), null, textCut);
        entry.TimeText = time;
        entry.TimeNote = ViewerTimeNote;
        Emit(entry, LogEntryFormat.ViewerCopy, first, entry.TextCut);
        return true;
    }

    /// <summary>
    /// A copy that puts the viewer's date and time first, before the text, with or without a separator
    /// (<c>1/25/2006 9:16:35 PMLoading service settings.</c>). Only a time with seconds and AM or PM is taken, so
    /// that a message that merely starts with a date stays text.
    /// </summary>
    private bool TryDateFirstCopy(string line, long number, bool cut)
    {
        if (line.Length < 12 || !char.IsDigit(line[0]) || TryMatch(DateFirstCopy, line) is not { } match) return false;
        FlushPending();
        var entry = Make(line.Substring(match.Length).TrimStart('\t', ' '), null, null, null, null, null, cut);
        entry.TimeText = match.Groups["time"].Value;
        entry.TimeNote = ViewerTimeNote;
        Emit(entry, LogEntryFormat.ViewerCopy, number, entry.TextCut);
        return true;
    }

    /// <summary>The match of one of the parser's own patterns, or null when it does not match (or, on odd input, takes too long).</summary>
    private static Match? TryMatch(Regex pattern, string line)
    {
        try
        {
            var match = pattern.Match(line);
            return match.Success ? match : null;
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    private void AddPending(string line, long number, bool cut)
    {
        if (pending.Count == 0 && !open)
        {
            pendingNumbers.Clear();
        }

        if (!open) pendingNumbers.Add(number);
        pendingCut |= cut;
        if (pendingChars < parser.MaxEntryLength)
        {
            pending.Add(line);
            pendingChars += line.Length;
        }
        else if (open)
        {
            // The message is already as long as an entry may be: count its lines, keep none.
            pendingCut = true;
            pendingLinesSkipped++;
        }
        else
        {
            pending.Add(line);
            pendingChars += line.Length;
        }

        if (pending.Count + pendingLinesSkipped < MaxPendingLines && (open || pendingChars < parser.MaxEntryLength))
        {
            return;
        }

        if (open)
        {
            if (pending.Count + pendingLinesSkipped >= MaxPendingLines) FlushPending();
            return;
        }

        // Without a start marker, keep waiting for a trailer but let the older half go as lines of their own;
        // releasing half at a time keeps this linear.
        var release = Math.Max(1, pending.Count / 2);
        for (var i = 0; i < release; i++)
        {
            pendingChars -= pending[i].Length;
            EmitPlain(pending[i], pendingNumbers[i]);
        }

        pending.RemoveRange(0, release);
        pendingNumbers.RemoveRange(0, release);
    }

    /// <summary>The pending lines as one text, the line it starts on, and whether it was cut; clears them.</summary>
    private (string Text, long Line, bool Cut) TakePending(long number)
    {
        var first = pendingNumbers.Count > 0 ? pendingNumbers[0] : number;
        var text = pending.Count == 1 ? pending[0] : string.Join("\n", pending);
        var cut = pendingCut;
        ClearPending();
        return (text, first, cut);
    }

    private void FlushPending()
    {
        if (open)
        {
            var (text, first, cut) = TakePending(0);
            if (text.Trim().Length > 0)
            {
                var entry = Make(text, null, null, null, null, null, cut);
                entry.TimeNote = CutOffTimeNote;
                Emit(entry, LogEntryFormat.Ccm, first, entry.TextCut);
            }

            return;
        }

        for (var i = 0; i < pending.Count; i++)
        {
            EmitPlain(pending[i], pendingNumbers[i]);
        }

        ClearPending();
    }

    private void ClearPending()
    {
        pending.Clear();
        pendingNumbers.Clear();
        pendingChars = 0;
        pendingCut = false;
        pendingLinesSkipped = 0;
        open = false;
    }

    private void EmitPlain(string line, long number)
    {
        if (line.Trim().Length == 0) return;
        var entry = Make(line, null, null, null, null, null, false);
        entry.TimeNote = TextTimeNote;
        Emit(entry, LogEntryFormat.Text, number, entry.TextCut);
    }

    private ConfigMgrLogEntry Make(string text, DateTimeOffset? time, string? component, int? type, long? thread, string? file, bool cut)
    {
        if (text.Length > parser.MaxEntryLength)
        {
            text = text.Substring(0, parser.MaxEntryLength);
            cut = true;
        }

        return new ConfigMgrLogEntry(text, time, component, type, thread, file) { TextCut = cut };
    }

    private void Emit(ConfigMgrLogEntry entry, LogEntryFormat format, long line, bool cut)
    {
        entry.Format = format;
        entry.Line = line;
        if (cut) entry.TextCut = true;
        byFormat[(int)format]++;
        if (entry.Time is not null) timed++;
        if (entry.TextCut) cutEntries++;
        if (parser.Match is not null && !parser.Match.IsMatch(entry.Text))
        {
            return;
        }

        matched++;
        entries.Enqueue(entry);
        if (entries.Count > parser.MaxEntries)
        {
            entries.Dequeue();
        }
    }

    private ConfigMgrLogEntry CcmEntry(string text, LogTimes.CcmAttributes attributes)
    {
        DateTimeOffset? time = null;
        var clock = attributes.Time;
        var date = attributes.Date;
        if (clock is not null && date is not null)
        {
            var cursor = new LogTimes.Cursor(date);
            if (LogTimes.TryReadDate(ref cursor, out var day) && cursor.AtEnd)
            {
                cursor = new LogTimes.Cursor(clock);
                if (LogTimes.TryReadClock(ref cursor, day, out var value) && cursor.AtEnd)
                {
                    time = value;
                }
            }
        }

        int? type = null;
        if (attributes.Type is { } typeText)
        {
            var cursor = new LogTimes.Cursor(typeText);
            if (cursor.TryReadNumber(1, 9, out var number) && cursor.AtEnd)
            {
                type = (int)number;
            }
        }

        var entry = Make(text, time, attributes.Component, type, attributes.Thread is { } thread ? LogTimes.ReadThread(thread) : null, attributes.File, false);
        if (time is null)
        {
            if (clock is null && date is null)
            {
                entry.TimeNote = "the entry's time and date were not read (its attributes are missing or cut off)";
            }
            else
            {
                entry.TimeText = $"{date} {clock}".Trim();
                entry.TimeNote = "the entry's time is not in the form hh:mm:ss.mmm+bias with a date MM-DD-YYYY";
            }
        }

        return entry;
    }

    /// <summary>Reads <c>$$&lt;COMPONENT&gt;&lt;MM-DD-YYYY HH:MM:SS.mmm+bias&gt;&lt;thread=n (0x..)&gt;</c>; whatever is cut off or in another form stays null.</summary>
    private ConfigMgrLogEntry TraceEntry(string text, string tail)
    {
        var at = TraceTrailer.Length;
        string? component = null;
        DateTimeOffset? time = null;
        string? timeText = null;
        long? thread = null;
        var componentEnd = tail.IndexOf('>', at);
        if (componentEnd > at)
        {
            component = tail.Substring(at, componentEnd - at);
            var cursor = new LogTimes.Cursor(tail, componentEnd + 1);
            if (cursor.Take('<') && LogTimes.TryReadDate(ref cursor, out var day) && cursor.Take(' ')
                && LogTimes.TryReadClock(ref cursor, day, out var value) && cursor.Take('>'))
            {
                time = value;
            }
            else if (componentEnd + 1 < tail.Length && tail[componentEnd + 1] == '<')
            {
                var timeEnd = tail.IndexOf('>', componentEnd + 2);
                timeText = tail.Substring(componentEnd + 2, (timeEnd < 0 ? tail.Length : timeEnd) - componentEnd - 2);
                if (timeEnd >= 0 && LogTimes.TryReadZoneNamedTime(timeText, out var named))
                {
                    time = named;
                    timeText = null;
                }
            }

            var threadStart = tail.IndexOf("<thread=", componentEnd, StringComparison.Ordinal);
            if (threadStart >= 0)
            {
                var threadEnd = tail.IndexOf('>', threadStart);
                var start = threadStart + "<thread=".Length;
                thread = LogTimes.ReadThread(tail.Substring(start, (threadEnd < 0 ? tail.Length : threadEnd) - start));
            }
        }

        var entry = Make(text, time, component, null, thread, null, false);
        if (time is null)
        {
            entry.TimeText = timeText;
            entry.TimeNote = timeText is null
                ? "the trace line was cut off before its time"
                : "the trace line's time has no time-zone bias, nor a time-zone name whose offset is known";
        }

        return entry;
    }

    /// <summary>An entry whose attribute tag or trailer may go on on the next line.</summary>
    private sealed class Held
    {
        public Held(string text, long line, bool textCut, string tail, bool trace)
        {
            Text = text;
            Line = line;
            TextCut = textCut;
            Tail = tail;
            Trace = trace;
        }

        public string Text { get; }

        public long Line { get; }

        public bool TextCut { get; }

        public string Tail { get; set; }

        public bool Trace { get; }

        public int Continuations { get; set; }
    }
}
