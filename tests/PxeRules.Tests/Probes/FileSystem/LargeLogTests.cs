using System;
using System.IO;
using System.Text;
using FluentAssertions;
using PxeRules.Probes.FileSystem;
using Xunit;

namespace PxeRules.Tests.Probes.FileSystem;

/// <summary>
/// A log as large as the documented maximum window (1 GiB) is read without holding it: memory follows the entries
/// kept. The log is generated as it is read, so the test needs neither the disk nor the memory of a real file.
/// It runs alone (no other test allocates meanwhile, and its CPU time cannot slow another test's timing).
/// </summary>
[Collection(nameof(PxeRules.Tests.Hardening.MemoryMeasurements))]
public class LargeLogTests
{
    private const long OneGiB = 1L << 30;

    [Fact]
    public void A_one_GiB_log_is_read_whole_within_the_window_and_bounded_memory()
    {
        var stream = new GeneratedLog(OneGiB);
        var parser = new ConfigMgrLogParser { MaxBytes = OneGiB, Match = new System.Text.RegularExpressions.Regex("Access is denied", System.Text.RegularExpressions.RegexOptions.IgnoreCase) };

        var read = parser.ReadLog(stream);

        read.Coverage.BytesRead.Should().Be(stream.Length, "the whole log fits the 1 GiB window");
        stream.Length.Should().BeGreaterThan(OneGiB - 200);
        read.Coverage.WindowCut.Should().BeFalse();
        read.Coverage.Lines.Should().Be(stream.LinesWritten);
        read.Coverage.Entries.Should().Be(stream.LinesWritten);
        read.Coverage.TimedEntries.Should().Be(stream.LinesWritten);
        read.Coverage.MatchingEntries.Should().Be(stream.LinesWritten / 100);
        read.Entries.Should().HaveCount(ConfigMgrLogParser.DefaultMaxEntries);
        read.Entries[^1].Text.Should().Contain("Access is denied");

        // Reading the window into one array and one string needed three times the file; reading it a line at a time
        // needs the entries kept and a chunk. The bound leaves room for the other tests of this process.
        stream.PeakManagedBytes.Should().BeLessThan(512L << 20);
    }

    /// <summary>A seekable stream of CCM lines generated on the fly; every hundredth line is an access-denied error.</summary>
    private sealed class GeneratedLog : Stream
    {
        private readonly long length;
        private readonly byte[] normal;
        private readonly byte[] error;
        private long position;
        private long reads;

        public GeneratedLog(long length)
        {
            this.length = length;
            normal = Encoding.UTF8.GetBytes(Line("PXE::CBootImageManager::FindMatchingArchitectureBootImage", 1));
            error = Encoding.UTF8.GetBytes(Line("Failed to copy D:\\RemoteInstall\\SMSImages\\CEN00005\\boot.wim: Access is denied. (0x80070005)", 3));
            if (normal.Length != error.Length) throw new InvalidOperationException("The two lines must have one length.");
        }

        public long LinesWritten => length / normal.Length;

        public long PeakManagedBytes { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => LinesWritten * normal.Length;

        public override long Position { get => position; set => position = value; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if ((++reads & 0x3FF) == 0) PeakManagedBytes = Math.Max(PeakManagedBytes, GC.GetTotalMemory(false));
            var written = 0;
            while (written < count && position < Length)
            {
                var lineNumber = position / normal.Length;
                var source = lineNumber % 100 == 99 ? error : normal;
                var at = (int)(position % normal.Length);
                var run = Math.Min(count - written, source.Length - at);
                Buffer.BlockCopy(source, at, buffer, offset + written, run);
                written += run;
                position += run;
            }

            return written;
        }

        public override long Seek(long offset, SeekOrigin origin) => position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => position + offset,
            _ => Length + offset,
        };

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private static string Line(string text, int type) =>
            $"<![LOG[{text.PadRight(100)}]LOG]!><time=\"08:05:12.515+480\" date=\"11-23-2026\" component=\"SMSPXE\" context=\"\" type=\"{type}\" thread=\"2188\" file=\"pxehandler.cpp:298\">\r\n";
    }
}
