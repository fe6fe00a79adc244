using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;

namespace PxeRules.Probes.FileSystem;

/// <summary>
/// Reads ConfigMgr log files in both formats ConfigMgr writes: the CCM form
/// <c>&lt;![LOG[text]LOG]!&gt;&lt;time="hh:mm:ss.mmm+bias" date="MM-DD-YYYY" component="X" context="" type="1" thread="n" file="x.cpp:12"&gt;</c>
/// (SMSPXE.log, smsts.log; the text may span several lines) and the site-server form
/// <c>text  $$&lt;COMPONENT&gt;&lt;MM-DD-YYYY HH:MM:SS.mmm+bias&gt;&lt;thread=n (0x..)&gt;</c> (distmgr.log,
/// PXEControl.log), in UTF-8 or UTF-16.
/// </summary>
/// <remarks>
/// <para>Times: the bias is in minutes with the sign Windows uses for a time zone's bias, UTC = local time + bias,
/// so <c>+480</c> is UTC-8 (Pacific standard time) and <c>-60</c> is UTC+1. An entry's <see cref="ConfigMgrLogEntry.Time"/>
/// keeps the local time with the offset <c>-bias</c>. A time without a bias, or with one beyond 14 hours, is not
/// guessed: the entry has no time.</para>
/// <para>Odd input never throws. A line in neither format is an entry with only its text; lines without the
/// site-server trailer that precede one are the first lines of its text (that form writes the trailer after the
/// last line of a message); a CCM entry cut off before its <c>]LOG]!&gt;</c> is an entry with its text and no time.</para>
/// <para>Bounds: <see cref="Read(Stream, CancellationToken)"/> reads at most <see cref="MaxBytes"/> from the end of the
/// file and drops the first, partial, line of what it read; every method keeps at most <see cref="MaxEntries"/>,
/// the newest.</para>
/// <para>Immutable once configured and thread-safe.</para>
/// </remarks>
public sealed class ConfigMgrLogParser
{
    /// <summary>The default of <see cref="MaxBytes"/>: 16 MiB.</summary>
    public static long DefaultMaxBytes { get; } = 16L * 1024 * 1024;

    /// <summary>The default of <see cref="MaxEntries"/>: 5,000.</summary>
    public static int DefaultMaxEntries { get; } = 5000;

    private const long MaxBytesLimit = 1L << 30;
    private const string CcmStart = "<![LOG[";
    private const string CcmEnd = "]LOG]!>";
    private const string SiteServerTrailer = "$$<";

    // A message longer than this without its closing marker is cut off and emitted as it is.
    private const int MaxPendingLines = 1000;
    private const int MaxPendingChars = 256 * 1024;

    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
    private static readonly Encoding Utf16Le = new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: false);
    private static readonly Encoding Utf16Be = new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: false);

    private readonly long maxBytes = DefaultMaxBytes;
    private readonly int maxEntries = DefaultMaxEntries;

    /// <summary>At most this many bytes are read from the end of a file (default 16 MiB, at most 1 GiB).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1 or above 1 GiB.</exception>
    public long MaxBytes
    {
        get => maxBytes;
        init => maxBytes = value is >= 1 and <= MaxBytesLimit
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxBytes), value, "MaxBytes must be between 1 and 1 GiB.");
    }

    /// <summary>At most this many entries are kept, the newest (default 5,000).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public int MaxEntries
    {
        get => maxEntries;
        init => maxEntries = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxEntries), value, "MaxEntries must be at least 1.");
    }

    /// <summary>
    /// When set, only entries whose text matches are kept, before <see cref="MaxEntries"/> is applied. Give it a
    /// match timeout: a <see cref="RegexMatchTimeoutException"/> is passed on to the caller.
    /// </summary>
    public Regex? Match { get; init; }

    /// <summary>Parses log text (both formats, also mixed) into entries, oldest first.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="RegexMatchTimeoutException"><see cref="Match"/> timed out.</exception>
    public IReadOnlyList<ConfigMgrLogEntry> Parse(string text, CancellationToken cancellationToken = default)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        var state = new ParseState(this);
        var lineNumber = 0;
        var start = 0;
        while (start <= text.Length)
        {
            if ((++lineNumber & 0x3FF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var end = text.IndexOf('\n', start);
            if (end < 0) end = text.Length;
            var stop = end;
            while (stop > start && text[stop - 1] == '\r') stop--;
            state.Line(text.Substring(start, stop - start));
            start = end + 1;
        }

        return state.Finish();
    }

    /// <summary>
    /// Reads log text from the stream's current position to its end, at most <see cref="MaxBytes"/> from the end,
    /// and parses it. The encoding comes from a byte-order mark (UTF-8, UTF-16 LE or BE); without one, text
    /// whose every other byte is zero is read as UTF-16, anything else as UTF-8 (bytes that are not UTF-8 become
    /// U+FFFD).
    /// </summary>
    /// <exception cref="IOException">The stream fails while it is read.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="RegexMatchTimeoutException"><see cref="Match"/> timed out.</exception>
    public IReadOnlyList<ConfigMgrLogEntry> Read(Stream stream, CancellationToken cancellationToken = default)
    {
        if (stream is null) throw new ArgumentNullException(nameof(stream));
        if (!stream.CanRead) throw new ArgumentException("The stream must be readable.", nameof(stream));
        var text = Decode(stream, cancellationToken);
        return Parse(text, cancellationToken);
    }

    /// <summary>Reads and parses the log file at <paramref name="path"/>; see <see cref="Read(Stream, CancellationToken)"/>.</summary>
    /// <exception cref="IOException">The file cannot be opened or read (including <see cref="FileNotFoundException"/>).</exception>
    /// <exception cref="UnauthorizedAccessException">Access to the file is denied.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="RegexMatchTimeoutException"><see cref="Match"/> timed out.</exception>
    public IReadOnlyList<ConfigMgrLogEntry> ReadFile(string path, CancellationToken cancellationToken = default)
    {
        if (path is null) throw new ArgumentNullException(nameof(path));

        // ConfigMgr keeps its logs open while it writes them: share everything.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096);
        return Read(stream, cancellationToken);
    }

    private string Decode(Stream stream, CancellationToken cancellationToken)
    {
        var (head, tail, tailOffset) = stream.CanSeek ? ReadSeekable(stream) : ReadForward(stream, cancellationToken);
        var (encoding, bomLength) = DetectEncoding(head, tail, tailOffset);

        // Skip the byte-order mark, and keep UTF-16 on whole code units.
        var skip = (int)Math.Max(0, bomLength - tailOffset);
        if (encoding != Utf8 && ((tailOffset + skip - bomLength) & 1) != 0)
        {
            skip++;
        }

        skip = Math.Min(skip, tail.Length);
        var text = encoding.GetString(tail, skip, tail.Length - skip);
        if (text.IndexOf('\0') >= 0)
        {
            // Logs cut short by a crash or pre-allocated by the writer hold runs of NUL.
            text = text.Replace("\0", string.Empty);
        }

        if (tailOffset + skip > bomLength)
        {
            // Started inside the file: the first line is probably a fragment.
            var newline = text.IndexOf('\n');
            text = newline < 0 ? string.Empty : text.Substring(newline + 1);
        }

        return text;
    }

    private (byte[] Head, byte[] Tail, long TailOffset) ReadSeekable(Stream stream)
    {
        var start = stream.Position;
        var length = Math.Max(0, stream.Length - start);
        var head = ReadAt(stream, start, (int)Math.Min(3, length));
        var tailOffset = Math.Max(0, length - maxBytes);
        var tail = ReadAt(stream, start + tailOffset, (int)(length - tailOffset));
        return (head, tail, tailOffset);
    }

    private static byte[] ReadAt(Stream stream, long position, int count)
    {
        stream.Position = position;
        var bytes = new byte[count];
        var total = 0;
        while (total < count)
        {
            var read = stream.Read(bytes, total, count - total);
            if (read <= 0)
            {
                // The file shrank while it was read (a log rolled over): keep what arrived.
                Array.Resize(ref bytes, total);
                break;
            }

            total += read;
        }

        return bytes;
    }

    /// <summary>Reads a stream that cannot seek to its end, keeping its first bytes and the last <see cref="MaxBytes"/>.</summary>
    private (byte[] Head, byte[] Tail, long TailOffset) ReadForward(Stream stream, CancellationToken cancellationToken)
    {
        var capacity = (int)maxBytes;
        var ring = new byte[Math.Min(capacity, 81920)];
        var head = new byte[3];
        var headLength = 0;
        long total = 0;
        var buffer = new byte[81920];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var i = 0; i < read && headLength < head.Length; i++)
            {
                head[headLength++] = buffer[i];
            }

            if (ring.Length < capacity && total + read > ring.Length)
            {
                // Grow while the whole stream still fits; once full the ring wraps.
                var grown = new byte[(int)Math.Min(capacity, Math.Max(ring.Length * 2L, total + read))];
                Buffer.BlockCopy(ring, 0, grown, 0, (int)total);
                ring = grown;
            }

            var from = Math.Max(0, read - ring.Length);
            while (from < read)
            {
                var at = (int)((total + from) % ring.Length);
                var run = Math.Min(read - from, ring.Length - at);
                Buffer.BlockCopy(buffer, from, ring, at, run);
                from += run;
            }

            total += read;
        }

        Array.Resize(ref head, headLength);
        if (total <= ring.Length)
        {
            Array.Resize(ref ring, (int)total);
            return (head, ring, 0);
        }

        var split = (int)(total % ring.Length);
        var tail = new byte[ring.Length];
        Buffer.BlockCopy(ring, split, tail, 0, ring.Length - split);
        Buffer.BlockCopy(ring, 0, tail, ring.Length - split, split);
        return (head, tail, total - ring.Length);
    }

    private static (Encoding Encoding, int BomLength) DetectEncoding(byte[] head, byte[] tail, long tailOffset)
    {
        if (head.Length >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF) return (Utf8, 3);
        if (head.Length >= 2 && head[0] == 0xFF && head[1] == 0xFE) return (Utf16Le, 2);
        if (head.Length >= 2 && head[0] == 0xFE && head[1] == 0xFF) return (Utf16Be, 2);

        // No mark: ASCII text in UTF-16 has a zero in every other byte.
        int evenZeros = 0, oddZeros = 0, even = 0, odd = 0;
        for (var i = 0; i < tail.Length && i < 4096; i++)
        {
            if (((tailOffset + i) & 1) == 0)
            {
                even++;
                if (tail[i] == 0) evenZeros++;
            }
            else
            {
                odd++;
                if (tail[i] == 0) oddZeros++;
            }
        }

        if (odd >= 8 && oddZeros * 10 >= odd * 4 && evenZeros * 20 <= even) return (Utf16Le, 0);
        if (even >= 8 && evenZeros * 10 >= even * 4 && oddZeros * 20 <= odd) return (Utf16Be, 0);
        return (Utf8, 0);
    }

    /// <summary>The line-by-line state of one parse.</summary>
    private sealed class ParseState
    {
        private readonly ConfigMgrLogParser parser;
        private readonly Queue<ConfigMgrLogEntry> entries = new();
        private readonly List<string> pending = new();
        private int pendingChars;

        // True while the pending lines are the text of a CCM entry whose start marker was seen.
        private bool open;

        public ParseState(ConfigMgrLogParser parser) => this.parser = parser;

        public void Line(string line)
        {
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
                        AddPending(rest.Substring(0, restart));
                        FlushPending();
                        rest = rest.Substring(restart + CcmStart.Length);
                        open = true;
                        continue;
                    }

                    if (close < 0)
                    {
                        AddPending(rest);
                        return;
                    }

                    rest = CompleteCcm(rest, close);
                }
                else
                {
                    var trimmed = rest.TrimStart(' ', '\t', '\uFEFF');
                    if (trimmed.StartsWith(CcmStart, StringComparison.Ordinal))
                    {
                        FlushPending();
                        rest = trimmed.Substring(CcmStart.Length);
                        open = true;
                        continue;
                    }

                    var close = rest.IndexOf(CcmEnd, StringComparison.Ordinal);
                    var start = rest.IndexOf(CcmStart, StringComparison.Ordinal);
                    if (close >= 0 && (start < 0 || close < start))
                    {
                        // The end of an entry whose start was not read: the pending lines are its beginning.
                        rest = CompleteCcm(rest, close);
                    }
                    else if (start > 0)
                    {
                        // Stray text in front of an entry.
                        AddPending(rest.Substring(0, start));
                        FlushPending();
                        rest = rest.Substring(start);
                        continue;
                    }
                    else
                    {
                        var trailer = rest.LastIndexOf(SiteServerTrailer, StringComparison.Ordinal);
                        if (trailer >= 0)
                        {
                            CompleteSiteServer(rest, trailer);
                        }
                        else if (pending.Count > 0 || rest.Trim().Length > 0)
                        {
                            AddPending(rest);
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

        public IReadOnlyList<ConfigMgrLogEntry> Finish()
        {
            FlushPending();
            return entries.ToArray();
        }

        /// <summary>Ends the pending CCM text at <paramref name="close"/>, reads the attributes and returns what follows them.</summary>
        private string CompleteCcm(string rest, int close)
        {
            pending.Add(rest.Substring(0, close));
            var text = string.Join("\n", pending);
            ClearPending();
            var attributes = ReadAttributes(rest, close + CcmEnd.Length, out var next);
            Emit(CcmEntry(text, attributes));
            return rest.Substring(next);
        }

        private void CompleteSiteServer(string line, int trailer)
        {
            pending.Add(line.Substring(0, trailer).TrimEnd(' ', '\t'));
            var text = string.Join("\n", pending);
            ClearPending();
            Emit(SiteServerEntry(text, line, trailer + SiteServerTrailer.Length));
        }

        private void AddPending(string line)
        {
            pending.Add(line);
            pendingChars += line.Length;
            if (pending.Count < MaxPendingLines && pendingChars < MaxPendingChars)
            {
                return;
            }

            if (open)
            {
                FlushPending();
            }
            else
            {
                // Without a start marker, keep waiting for a trailer but let the older half go as lines of their
                // own; releasing half at a time keeps this linear.
                var release = Math.Max(1, pending.Count / 2);
                for (var i = 0; i < release; i++)
                {
                    pendingChars -= pending[i].Length;
                    EmitPlain(pending[i]);
                }

                pending.RemoveRange(0, release);
            }
        }

        private void FlushPending()
        {
            if (open)
            {
                var text = string.Join("\n", pending);
                if (text.Trim().Length > 0)
                {
                    Emit(new ConfigMgrLogEntry(text, null, null, null, null, null));
                }
            }
            else
            {
                foreach (var line in pending)
                {
                    EmitPlain(line);
                }
            }

            ClearPending();
        }

        private void ClearPending()
        {
            pending.Clear();
            pendingChars = 0;
            open = false;
        }

        private void EmitPlain(string line)
        {
            if (line.Trim().Length > 0)
            {
                Emit(new ConfigMgrLogEntry(line, null, null, null, null, null));
            }
        }

        private void Emit(ConfigMgrLogEntry entry)
        {
            if (parser.Match is not null && !parser.Match.IsMatch(entry.Text))
            {
                return;
            }

            entries.Enqueue(entry);
            if (entries.Count > parser.maxEntries)
            {
                entries.Dequeue();
            }
        }
    }

    private static ConfigMgrLogEntry CcmEntry(string text, Dictionary<string, string> attributes)
    {
        DateTimeOffset? time = null;
        if (attributes.TryGetValue("time", out var clock) && attributes.TryGetValue("date", out var date))
        {
            var cursor = new Cursor(date);
            if (TryReadDate(ref cursor, out var day) && cursor.AtEnd)
            {
                cursor = new Cursor(clock);
                if (TryReadClock(ref cursor, day, out var value) && cursor.AtEnd)
                {
                    time = value;
                }
            }
        }

        int? type = null;
        if (attributes.TryGetValue("type", out var typeText))
        {
            var cursor = new Cursor(typeText);
            if (cursor.TryReadNumber(1, 9, out var number) && cursor.AtEnd)
            {
                type = (int)number;
            }
        }

        attributes.TryGetValue("component", out var component);
        attributes.TryGetValue("file", out var file);
        return new ConfigMgrLogEntry(text, time, component, type, attributes.TryGetValue("thread", out var thread) ? ReadThread(thread) : null, file);
    }

    /// <summary>Reads <c>COMPONENT&gt;&lt;MM-DD-YYYY HH:MM:SS.mmm+bias&gt;&lt;thread=n (0x..)&gt;</c>; whatever is cut off stays null.</summary>
    private static ConfigMgrLogEntry SiteServerEntry(string text, string line, int at)
    {
        string? component = null;
        DateTimeOffset? time = null;
        long? thread = null;
        var componentEnd = line.IndexOf('>', at);
        if (componentEnd > at)
        {
            component = line.Substring(at, componentEnd - at);
            var cursor = new Cursor(line, componentEnd + 1);
            if (cursor.Take('<') && TryReadDate(ref cursor, out var day) && cursor.Take(' ')
                && TryReadClock(ref cursor, day, out var value) && cursor.Take('>'))
            {
                time = value;
            }

            var threadStart = line.IndexOf("<thread=", componentEnd, StringComparison.Ordinal);
            if (threadStart >= 0)
            {
                var threadEnd = line.IndexOf('>', threadStart);
                var start = threadStart + "<thread=".Length;
                thread = ReadThread(line.Substring(start, (threadEnd < 0 ? line.Length : threadEnd) - start));
            }
        }

        return new ConfigMgrLogEntry(text, time, component, null, thread, null);
    }

    /// <summary>Reads <c>2348</c>, <c>2348 (0x92C)</c> or <c>0x92C</c>.</summary>
    private static long? ReadThread(string text)
    {
        var cursor = new Cursor(text.Trim());
        long number;
        if (cursor.Take('0') && (cursor.Take('x') || cursor.Take('X')))
        {
            return cursor.TryReadHex(1, 8, out number) ? number : null;
        }

        cursor = new Cursor(text.Trim());
        return cursor.TryReadNumber(1, 10, out number) ? number : null;
    }

    /// <summary>Reads <c>&lt;name="value" ...&gt;</c> from <paramref name="at"/>; stops quietly where the text is cut off.</summary>
    private static Dictionary<string, string> ReadAttributes(string line, int at, out int next)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        next = line.Length;
        var i = at;
        if (i >= line.Length || line[i] != '<')
        {
            next = at;
            return attributes;
        }

        i++;
        while (i < line.Length)
        {
            while (i < line.Length && line[i] == ' ') i++;
            if (i >= line.Length) break;
            if (line[i] == '>')
            {
                next = i + 1;
                break;
            }

            var nameStart = i;
            while (i < line.Length && (char.IsLetterOrDigit(line[i]) || line[i] == '_')) i++;
            if (i == nameStart || i + 1 >= line.Length || line[i] != '=' || line[i + 1] != '"') break;
            var name = line.Substring(nameStart, i - nameStart);
            var valueStart = i + 2;
            var valueEnd = line.IndexOf('"', valueStart);
            if (valueEnd < 0) break;
            attributes[name] = line.Substring(valueStart, valueEnd - valueStart);
            i = valueEnd + 1;
        }

        return attributes;
    }

    /// <summary>Reads <c>MM-DD-YYYY</c> (one or two digits for month and day).</summary>
    private static bool TryReadDate(ref Cursor cursor, out DateTime date)
    {
        date = default;
        if (!cursor.TryReadNumber(1, 2, out var month) || !cursor.Take('-')
            || !cursor.TryReadNumber(1, 2, out var day) || !cursor.Take('-')
            || !cursor.TryReadNumber(4, 4, out var year))
        {
            return false;
        }

        // Years outside FILETIME's range are damage, and would not survive the offset either.
        if (year < 1601 || year > 9998 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth((int)year, (int)month))
        {
            return false;
        }

        date = new DateTime((int)year, (int)month, (int)day, 0, 0, 0, DateTimeKind.Unspecified);
        return true;
    }

    /// <summary>Reads <c>HH:MM:SS[.fffffff]±bias</c> and combines it with <paramref name="date"/>.</summary>
    private static bool TryReadClock(ref Cursor cursor, DateTime date, out DateTimeOffset time)
    {
        time = default;
        if (!cursor.TryReadNumber(1, 2, out var hours) || !cursor.Take(':')
            || !cursor.TryReadNumber(2, 2, out var minutes) || !cursor.Take(':')
            || !cursor.TryReadNumber(2, 2, out var seconds)
            || hours > 23 || minutes > 59 || seconds > 59)
        {
            return false;
        }

        long ticks = 0;
        if (cursor.Take('.'))
        {
            var fractionStart = cursor.Position;
            if (!cursor.TryReadNumber(1, 7, out var fraction))
            {
                return false;
            }

            var digits = cursor.Position - fractionStart;
            ticks = fraction;
            for (var i = digits; i < 7; i++) ticks *= 10;
        }

        // UTC = local + bias: the offset from UTC is the bias negated.
        int sign;
        if (cursor.Take('+')) sign = 1;
        else if (cursor.Take('-')) sign = -1;
        else return false;
        if (!cursor.TryReadNumber(1, 4, out var bias) || bias > 14 * 60)
        {
            return false;
        }

        var local = date.AddTicks((((hours * 60) + minutes) * 60 + seconds) * TimeSpan.TicksPerSecond + ticks);
        time = new DateTimeOffset(local, TimeSpan.FromMinutes(-sign * bias));
        return true;
    }

    /// <summary>A position in a string with small, allocation-free readers.</summary>
    private struct Cursor
    {
        private readonly string text;

        public Cursor(string text, int position = 0)
        {
            this.text = text;
            Position = position;
        }

        public int Position { get; private set; }

        public bool AtEnd => Position >= text.Length;

        public bool Take(char c)
        {
            if (Position < text.Length && text[Position] == c)
            {
                Position++;
                return true;
            }

            return false;
        }

        public bool TryReadNumber(int minDigits, int maxDigits, out long value)
        {
            value = 0;
            var start = Position;
            while (Position < text.Length && Position - start < maxDigits && text[Position] >= '0' && text[Position] <= '9')
            {
                value = (value * 10) + (text[Position] - '0');
                Position++;
            }

            if (Position - start >= minDigits)
            {
                return true;
            }

            Position = start;
            return false;
        }

        public bool TryReadHex(int minDigits, int maxDigits, out long value)
        {
            value = 0;
            var start = Position;
            while (Position < text.Length && Position - start < maxDigits)
            {
                var c = text[Position];
                int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
                if (digit < 0) break;
                value = (value * 16) + digit;
                Position++;
            }

            if (Position - start >= minDigits)
            {
                return true;
            }

            Position = start;
            return false;
        }
    }
}
