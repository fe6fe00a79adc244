using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;

namespace PxeRules.Probes.FileSystem;

/// <summary>
/// Reads ConfigMgr logs in every form they travel in, and says what it read. It recognises, line by line:
/// <list type="bullet">
/// <item><description>the CCM form <c>&lt;![LOG[text]LOG]!&gt;&lt;time="hh:mm:ss.mmm+bias" date="MM-DD-YYYY" component="X" context="" type="1" thread="n" file="x.cpp:12"&gt;</c>
/// (SMSPXE.log, smsts.log; the text may span several lines, the attributes may be wrapped onto the next line);</description></item>
/// <item><description>the SMS trace form <c>text  $$&lt;COMPONENT&gt;&lt;MM-DD-YYYY HH:MM:SS.mmm+bias&gt;&lt;thread=n (0x..)&gt;</c>
/// of site-server logs (distmgr.log, PXEControl.log), with older date forms kept as text;</description></item>
/// <item><description>lines copied out of the CMTrace or Trace32 log viewer, whose columns (text, component, date and
/// time, thread) are separated by tabs, or by spaces where a paste lost the tabs;</description></item>
/// <item><description>and anything else as plain text: a message pasted without its columns.</description></item>
/// </list>
/// UTF-8 or UTF-16, with CR, LF or CR LF line ends; quote marks a mail or forum put before <c>&lt;![LOG[</c> are dropped.
/// </summary>
/// <remarks>
/// <para>Times: the bias is in minutes with the sign Windows uses for a time zone's bias, UTC = local time + bias,
/// so <c>+480</c> is UTC-8 (Pacific standard time) and <c>-60</c> is UTC+1. An entry's <see cref="ConfigMgrLogEntry.Time"/>
/// keeps the local time with the offset <c>-bias</c>. A time that does not say its offset exactly (no bias, a bias
/// beyond 14 hours, a viewer's copy, an older trace date) is not guessed: the entry has no time, keeps the text of
/// the time in <see cref="ConfigMgrLogEntry.TimeText"/> and says why in <see cref="ConfigMgrLogEntry.TimeNote"/>.</para>
/// <para>Odd input never throws. In the trace form and the viewer's copy the time comes after the last line of a
/// message, so lines without one that precede one are the first lines of its text; a CCM entry cut off before its
/// <c>]LOG]!&gt;</c> is an entry with its text and no time.</para>
/// <para>Bounds: a stream is read as it is decoded, one line at a time, so memory follows the entries kept, not the
/// file. At most <see cref="MaxBytes"/> are read from the end of a file (the first, partial, line of what is read is
/// dropped); a stream that cannot seek is read to its end, keeping its last <see cref="MaxBytes"/> bytes. At most
/// <see cref="MaxEntries"/> entries are kept, the newest; an entry's text is cut at <see cref="MaxEntryLength"/>
/// characters. <see cref="ConfigMgrLogRead.Coverage"/> counts all of it, so nothing is dropped unseen.</para>
/// <para>Immutable once configured and thread-safe.</para>
/// </remarks>
public sealed class ConfigMgrLogParser
{
    /// <summary>The default of <see cref="MaxBytes"/>: 16 MiB.</summary>
    public static long DefaultMaxBytes { get; } = 16L * 1024 * 1024;

    /// <summary>The default of <see cref="MaxEntries"/>: 5,000.</summary>
    public static int DefaultMaxEntries { get; } = 5000;

    /// <summary>The default of <see cref="MaxEntryLength"/>: 32,768 characters.</summary>
    public static int DefaultMaxEntryLength { get; } = 32 * 1024;

    private const long MaxBytesLimit = 1L << 30;

    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
    private static readonly Encoding Utf16Le = new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: false);
    private static readonly Encoding Utf16Be = new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: false);

    private readonly long maxBytes = DefaultMaxBytes;
    private readonly int maxEntries = DefaultMaxEntries;
    private readonly int maxEntryLength = DefaultMaxEntryLength;

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

    /// <summary>An entry's text is cut at this many characters (default 32,768; at least 256), and marked as cut.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 256.</exception>
    public int MaxEntryLength
    {
        get => maxEntryLength;
        init => maxEntryLength = value >= 256 ? value : throw new ArgumentOutOfRangeException(nameof(MaxEntryLength), value, "MaxEntryLength must be at least 256.");
    }

    /// <summary>
    /// When set, only entries whose text matches are kept, before <see cref="MaxEntries"/> is applied. Give it a
    /// match timeout, and <see cref="RegexOptions.IgnoreCase"/> to agree with the rules' <c>matches</c>: a
    /// <see cref="RegexMatchTimeoutException"/> is passed on to the caller.
    /// </summary>
    public Regex? Match { get; init; }

    /// <summary>Parses log text (every form, also mixed) into entries, oldest first.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="RegexMatchTimeoutException"><see cref="Match"/> timed out.</exception>
    public IReadOnlyList<ConfigMgrLogEntry> Parse(string text, CancellationToken cancellationToken = default) =>
        ParseLog(text, cancellationToken).Entries;

    /// <summary>Parses log text (every form, also mixed) into entries, oldest first, and says what was read.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="RegexMatchTimeoutException"><see cref="Match"/> timed out.</exception>
    public ConfigMgrLogRead ParseLog(string text, CancellationToken cancellationToken = default)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text), writable: false);
        var lines = new LogLineReader(stream, Utf8, maxEntryLength, cancellationToken);
        return Run(lines, skipFirstLine: false, new LogWindow(stream.Length, stream.Length));
    }

    /// <summary>
    /// Reads log text from the stream's current position to its end, at most <see cref="MaxBytes"/> from the end,
    /// and parses it; see <see cref="ReadLog(Stream, CancellationToken)"/>.
    /// </summary>
    /// <exception cref="IOException">The stream fails while it is read.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="RegexMatchTimeoutException"><see cref="Match"/> timed out.</exception>
    public IReadOnlyList<ConfigMgrLogEntry> Read(Stream stream, CancellationToken cancellationToken = default) =>
        ReadLog(stream, cancellationToken).Entries;

    /// <summary>
    /// Reads log text from the stream's current position to its end, at most <see cref="MaxBytes"/> from the end,
    /// parses it as it is decoded, and says what was read. The encoding comes from a byte-order mark (UTF-8, UTF-16
    /// LE or BE); without one, text whose every other byte is zero is read as UTF-16, anything else as UTF-8 (bytes
    /// that are not UTF-8 become U+FFFD).
    /// </summary>
    /// <exception cref="IOException">The stream fails while it is read.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="RegexMatchTimeoutException"><see cref="Match"/> timed out.</exception>
    public ConfigMgrLogRead ReadLog(Stream stream, CancellationToken cancellationToken = default)
    {
        if (stream is null) throw new ArgumentNullException(nameof(stream));
        if (!stream.CanRead) throw new ArgumentException("The stream must be readable.", nameof(stream));
        if (!stream.CanSeek)
        {
            // Only the end of a forward-only stream is wanted, and where that starts is known only at its end.
            var (first, last, total) = ReadForward(stream, cancellationToken);
            using var tail = new MemoryStream(last, writable: false);
            return ReadWindow(tail, first, total - last.Length, total, cancellationToken);
        }

        var start = stream.Position;
        var length = Math.Max(0, stream.Length - start);
        var head = ReadAt(stream, start, (int)Math.Min(3, length));
        var offset = Math.Max(0, length - maxBytes);
        stream.Position = start + offset;
        return ReadWindow(stream, head, offset, length, cancellationToken);
    }

    /// <summary>Reads and parses the log file at <paramref name="path"/>; see <see cref="ReadLog(Stream, CancellationToken)"/>.</summary>
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
    /// <summary>Decodes and parses from <paramref name="window"/>'s position, which is <paramref name="offset"/> bytes into the content.</summary>
    /// <param name="window">Seekable, at the first byte to read.</param>
    /// <param name="head">The first bytes of the whole content, for its byte-order mark.</param>
    /// <param name="offset">Where the window starts in the content.</param>
    /// <param name="length">The content's length.</param>
    /// <param name="cancellationToken">Checked as the text is read.</param>
    private ConfigMgrLogRead ReadWindow(Stream window, byte[] head, long offset, long length, CancellationToken cancellationToken)
    {
        var at = window.Position;
        var sample = new byte[(int)Math.Min(4096, Math.Max(0, window.Length - at))];
        var sampled = window.Read(sample, 0, sample.Length);
        window.Position = at;
        var (encoding, bomLength) = DetectEncoding(head, sample, sampled, offset);

        // Skip the byte-order mark, and keep UTF-16 on whole code units.
        var skip = (int)Math.Max(0, bomLength - offset);
        if (encoding != Utf8 && ((offset + skip - bomLength) & 1) != 0)
        {
            skip++;
        }

        window.Position = Math.Min(window.Length, at + skip);
        var lines = new LogLineReader(window, encoding, maxEntryLength, cancellationToken);

        // Started inside the file: the first line is probably a fragment.
        return Run(lines, skipFirstLine: offset + skip > bomLength, new LogWindow(length, length - offset));
    }

    private ConfigMgrLogRead Run(LogLineReader lines, bool skipFirstLine, LogWindow window)
    {
        var assembler = new LogEntryAssembler(this);
        if (skipFirstLine)
        {
            lines.ReadLine(out _);
        }

        while (lines.ReadLine(out var cut) is { } line)
        {
            assembler.Line(line, lines.Lines, cut);
        }

        return assembler.Finish(lines.Lines - (skipFirstLine ? 1 : 0), window);
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
    private (byte[] Head, byte[] Tail, long Total) ReadForward(Stream stream, CancellationToken cancellationToken)
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
            return (head, ring, total);
        }

        var split = (int)(total % ring.Length);
        var tail = new byte[ring.Length];
        Buffer.BlockCopy(ring, split, tail, 0, ring.Length - split);
        Buffer.BlockCopy(ring, 0, tail, ring.Length - split, split);
        return (head, tail, total);
    }

    private static (Encoding Encoding, int BomLength) DetectEncoding(byte[] head, byte[] sample, int count, long offset)
    {
        if (head.Length >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF) return (Utf8, 3);
        if (head.Length >= 2 && head[0] == 0xFF && head[1] == 0xFE) return (Utf16Le, 2);
        if (head.Length >= 2 && head[0] == 0xFE && head[1] == 0xFF) return (Utf16Be, 2);

        // No mark: ASCII text in UTF-16 has a zero in every other byte.
        int evenZeros = 0, oddZeros = 0, even = 0, odd = 0;
        for (var i = 0; i < count; i++)
        {
            if (((offset + i) & 1) == 0)
            {
                even++;
                if (sample[i] == 0) evenZeros++;
            }
            else
            {
                odd++;
                if (sample[i] == 0) oddZeros++;
            }
        }

        if (odd >= 8 && oddZeros * 10 >= odd * 4 && evenZeros * 20 <= even) return (Utf16Le, 0);
        if (even >= 8 && evenZeros * 10 >= even * 4 && oddZeros * 20 <= odd) return (Utf16Be, 0);
        return (Utf8, 0);
    }
}
