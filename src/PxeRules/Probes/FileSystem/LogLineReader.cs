using System;
using System.IO;
using System.Text;
using System.Threading;

namespace PxeRules.Probes.FileSystem;

/// <summary>
/// Decodes a stream into lines without holding more than one line: CR, LF and CR LF all end a line (logs saved by
/// old Mac tools or pasted through some mail clients have CR alone), NUL characters are dropped (logs cut short by a
/// crash or pre-allocated by their writer hold runs of them), and a line longer than <see cref="MaxLineLength"/> is
/// cut there, the rest of it skipped.
/// </summary>
internal sealed class LogLineReader
{
    private const int ByteChunk = 64 * 1024;

    private readonly Stream stream;
    private readonly Decoder decoder;
    private readonly CancellationToken cancellationToken;
    private readonly byte[] bytes = new byte[ByteChunk];
    private readonly char[] chars;
    private readonly StringBuilder line = new();
    private int charCount;
    private int charPosition;
    private bool endOfStream;
    private bool lastWasCarriageReturn;
    private long chunks;

    /// <param name="stream">Positioned at the first byte to decode (after any byte-order mark).</param>
    /// <param name="encoding">How the bytes are decoded.</param>
    /// <param name="maxLineLength">Longer lines are cut.</param>
    /// <param name="cancellationToken">Checked once a chunk.</param>
    public LogLineReader(Stream stream, Encoding encoding, int maxLineLength, CancellationToken cancellationToken)
    {
        this.stream = stream;
        decoder = encoding.GetDecoder();
        chars = new char[encoding.GetMaxCharCount(ByteChunk)];
        MaxLineLength = maxLineLength;
        this.cancellationToken = cancellationToken;
    }

    /// <summary>The longest line returned whole.</summary>
    public int MaxLineLength { get; }

    /// <summary>Lines returned so far.</summary>
    public long Lines { get; private set; }

    /// <summary>Lines that were cut at <see cref="MaxLineLength"/>.</summary>
    public long CutLines { get; private set; }

    /// <summary>The next line without its line end, or <see langword="null"/> at the end of the stream.</summary>
    /// <param name="cut">Whether the line was longer than <see cref="MaxLineLength"/> and cut.</param>
    public string? ReadLine(out bool cut)
    {
        cut = false;
        line.Clear();
        while (true)
        {
            if (charPosition >= charCount && !Fill())
            {
                if (line.Length == 0 && !cut) return null;
                return Finish(cut);
            }

            while (charPosition < charCount)
            {
                // Copy the run up to the next line end or NUL in one go.
                var start = charPosition;
                while (charPosition < charCount && chars[charPosition] is not ('\n' or '\r' or '\0')) charPosition++;
                if (charPosition > start)
                {
                    lastWasCarriageReturn = false;
                    var room = MaxLineLength - line.Length;
                    var run = charPosition - start;
                    if (run > room)
                    {
                        cut = true;
                        run = Math.Max(0, room);
                    }

                    line.Append(chars, start, run);
                }

                if (charPosition >= charCount) break;
                var c = chars[charPosition++];
                if (c == '\n')
                {
                    if (lastWasCarriageReturn)
                    {
                        lastWasCarriageReturn = false;
                        continue;
                    }

                    return Finish(cut);
                }

                if (c == '\r')
                {
                    lastWasCarriageReturn = true;
                    return Finish(cut);
                }

                // A NUL: dropped, and it does not end a CR LF pair.
            }
        }
    }

    private string Finish(bool cut)
    {
        Lines++;
        if (cut) CutLines++;
        return line.ToString();
    }

    private bool Fill()
    {
        if (endOfStream) return false;
        if ((++chunks & 0xF) == 0) cancellationToken.ThrowIfCancellationRequested();
        var read = stream.Read(bytes, 0, bytes.Length);
        if (read <= 0)
        {
            endOfStream = true;
            charCount = decoder.GetChars(bytes, 0, 0, chars, 0, flush: true);
            charPosition = 0;
            return charCount > 0;
        }

        charCount = decoder.GetChars(bytes, 0, read, chars, 0, flush: false);
        charPosition = 0;
        return true;
    }
}
