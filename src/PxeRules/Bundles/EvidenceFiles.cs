using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;

namespace PxeRules.Bundles;

/// <summary>Bounds on a bundle or a folder of logs, so that a hostile or broken input cannot exhaust memory or disk.</summary>
internal sealed class EvidenceLimits
{
    public static EvidenceLimits Default { get; } = new();

    /// <summary>The most files (zip entries, or files in the folder tree).</summary>
    public int MaxEntries { get; init; } = 10_000;

    /// <summary>The most bytes of all files together, uncompressed.</summary>
    public long MaxTotalBytes { get; init; } = 8L << 30;

    /// <summary>The most bytes of one command output (everything but the copied logs); outputs are small.</summary>
    public long MaxTextBytes { get; init; } = 32L << 20;

    /// <summary>The most bytes of one log file.</summary>
    public long MaxLogBytes { get; init; } = 2L << 30;

    /// <summary>The highest ratio of uncompressed to compressed size of a zip entry; text compresses at most about 1:20, logs 1:50.</summary>
    public int MaxCompressionRatio { get; init; } = 200;

    /// <summary>The deepest folder nesting.</summary>
    public int MaxDepth { get; init; } = 16;
}

/// <summary>One file of a bundle or a folder of logs: its path relative to the root (with <c>\</c>), size and time.</summary>
internal sealed class EvidenceEntry
{
    public EvidenceEntry(string path, long length, DateTimeOffset modified)
    {
        Path = path;
        Length = length;
        Modified = modified;
    }

    /// <summary>The path relative to the root, parts separated by <c>\</c>, as the bundle names it.</summary>
    public string Path { get; }

    public long Length { get; }

    public DateTimeOffset Modified { get; }

    /// <summary>The last part of <see cref="Path"/>.</summary>
    public string Name => Path.Substring(Path.LastIndexOf('\\') + 1);

    /// <summary>The folder part of <see cref="Path"/>, empty at the root.</summary>
    public string Folder => Path.LastIndexOf('\\') is var i and >= 0 ? Path.Substring(0, i) : string.Empty;
}

/// <summary>
/// The files of a bundle or of a folder of logs, read from a folder or from a zip without extracting it. Every
/// problem with the container (an entry that climbs out, a link, a zip bomb, too many or too large files) is an
/// <see cref="InvalidDataException"/> naming the entry; nothing is written anywhere.
/// </summary>
internal abstract class EvidenceFiles : IDisposable
{
    private readonly Dictionary<string, EvidenceEntry> byPath;

    protected EvidenceFiles(string source, IReadOnlyList<EvidenceEntry> entries)
    {
        Source = source;
        Entries = entries;
        byPath = new Dictionary<string, EvidenceEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries)
        {
            // Windows file names ignore case; a zip may hold two entries differing only in case: keep the first.
            if (!byPath.ContainsKey(entry.Path)) byPath[entry.Path] = entry;
        }
    }

    /// <summary>The folder or zip as the user named it.</summary>
    public string Source { get; }

    public IReadOnlyList<EvidenceEntry> Entries { get; }

    public EvidenceEntry? Find(string path) => byPath.TryGetValue(path.Replace('/', '\\'), out var entry) ? entry : null;

    /// <summary>Opens an entry for reading; the stream ends with an error past the entry's limit.</summary>
    public abstract Stream Open(EvidenceEntry entry);

    /// <summary>Reads a whole entry of at most <paramref name="limit"/> bytes.</summary>
    public byte[] ReadAll(EvidenceEntry entry, long limit)
    {
        if (entry.Length > limit)
        {
            throw new InvalidDataException($"'{entry.Path}' in {Source} is {entry.Length} bytes; a command output is at most {limit} bytes.");
        }

        using var stream = Open(entry);
        using var buffer = new MemoryStream((int)Math.Max(0, Math.Min(entry.Length, limit)));
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit)
            {
                throw new InvalidDataException($"'{entry.Path}' in {Source} is larger than {limit} bytes, the limit for a command output.");
            }
        }

        return buffer.ToArray();
    }

    public virtual void Dispose()
    {
    }

    /// <summary>Opens a folder, or a zip (by its content, whatever its name).</summary>
    /// <exception cref="InvalidDataException">The zip or folder breaks a rule above.</exception>
    /// <exception cref="IOException">It cannot be read.</exception>
    public static EvidenceFiles Open(string path, EvidenceLimits limits)
    {
        if (Directory.Exists(path)) return FolderFiles.Read(path, limits);
        if (!File.Exists(path)) throw new FileNotFoundException($"'{path}' does not exist.", path);
        if (FileKind.NotRegular(path) is { } kind) throw new InvalidDataException($"'{path}' is {kind}, not a folder or a zip file.");
        return ZipFiles.Read(path, limits);
    }

    /// <summary>
    /// Checks a relative path from a zip or folder and returns it with <c>\</c> separators: no <c>..</c> or <c>.</c>
    /// parts, not rooted, no drive letter, no device or stream names, not too deep.
    /// </summary>
    internal static string CheckRelative(string raw, string source, EvidenceLimits limits)
    {
        var path = raw.Replace('/', '\\');
        string Problem(string what) => $"The entry '{DisplayText.Escape(raw)}' in {source} {what}; nothing was read.";
        if (path.Length == 0) throw new InvalidDataException(Problem("has no name"));
        if (path.StartsWith("\\", StringComparison.Ordinal)) throw new InvalidDataException(Problem("is an absolute path"));
        if (path.IndexOf(':') >= 0) throw new InvalidDataException(Problem("names a drive or a stream (':')"));
        if (path.Any(c => c < ' ')) throw new InvalidDataException(Problem("holds a control character"));
        var parts = path.Split('\\');
        if (parts.Length > limits.MaxDepth) throw new InvalidDataException(Problem($"is more than {limits.MaxDepth} folders deep"));
        foreach (var part in parts)
        {
            if (part is "..") throw new InvalidDataException(Problem("climbs out of the bundle ('..')"));
            if (part is "." || part.Length == 0) throw new InvalidDataException(Problem("has an empty or '.' part"));
        }

        return path;
    }

    private sealed class FolderFiles : EvidenceFiles
    {
        private readonly string root;

        private FolderFiles(string source, string root, IReadOnlyList<EvidenceEntry> entries)
            : base(source, entries) => this.root = root;

        public static FolderFiles Read(string path, EvidenceLimits limits)
        {
            var root = Path.GetFullPath(path);
            var entries = new List<EvidenceEntry>();
            long total = 0;
            Walk(new DirectoryInfo(root), string.Empty, 0);
            entries.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
            return new FolderFiles(path, root, entries);

            void Walk(DirectoryInfo folder, string prefix, int depth)
            {
                if (depth >= limits.MaxDepth) throw new InvalidDataException($"The folder '{prefix}' in {path} is more than {limits.MaxDepth} folders deep; nothing was read.");
                foreach (var info in folder.EnumerateFileSystemInfos().OrderBy(i => i.Name, StringComparer.Ordinal))
                {
                    var relative = prefix.Length == 0 ? info.Name : prefix + "\\" + info.Name;
                    if ((info.Attributes & FileAttributes.ReparsePoint) != 0)
                    {
                        // A link may lead anywhere: out of the bundle, to a device, to itself.
                        throw new InvalidDataException($"'{DisplayText.Escape(relative)}' in {path} is a link; a bundle holds plain files only. Nothing was read.");
                    }

                    if (info is DirectoryInfo sub)
                    {
                        Walk(sub, relative, depth + 1);
                        continue;
                    }

                    if (FileKind.NotRegular(info.FullName) is { } kind)
                    {
                        throw new InvalidDataException($"'{DisplayText.Escape(relative)}' in {path} is {kind}; a bundle holds plain files only. Nothing was read.");
                    }

                    var file = (FileInfo)info;
                    if (entries.Count >= limits.MaxEntries) throw new InvalidDataException($"{path} holds more than {limits.MaxEntries} files, the limit; nothing was read.");
                    total += file.Length;
                    if (total > limits.MaxTotalBytes) throw new InvalidDataException($"{path} holds more than {limits.MaxTotalBytes} bytes, the limit; nothing was read.");
                    entries.Add(new EvidenceEntry(CheckRelative(relative, path, limits), file.Length, new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero)));
                }
            }
        }

        public override Stream Open(EvidenceEntry entry) =>
            new FileStream(Path.Combine(root, entry.Path.Replace('\\', Path.DirectorySeparatorChar)), FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 65536);
    }

    private sealed class ZipFiles : EvidenceFiles
    {
        private readonly ZipArchive archive;
        private readonly Dictionary<EvidenceEntry, ZipArchiveEntry> zipEntries;
        private readonly object gate = new();

        private ZipFiles(string source, ZipArchive archive, List<EvidenceEntry> entries, Dictionary<EvidenceEntry, ZipArchiveEntry> zipEntries)
            : base(source, entries)
        {
            this.archive = archive;
            this.zipEntries = zipEntries;
        }

        public static ZipFiles Read(string path, EvidenceLimits limits)
        {
            ZipArchive archive;
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 65536);
            try
            {
                archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: false);
            }
            catch (InvalidDataException ex)
            {
                stream.Dispose();
                throw new InvalidDataException($"'{path}' is neither a folder nor a zip file that can be read: {ex.Message}");
            }

            try
            {
                var entries = new List<EvidenceEntry>();
                var map = new Dictionary<EvidenceEntry, ZipArchiveEntry>();
                long total = 0;
                var count = 0;
                foreach (var zipEntry in archive.Entries)
                {
                    if (++count > limits.MaxEntries) throw new InvalidDataException($"{path} holds more than {limits.MaxEntries} entries, the limit; nothing was read.");
                    var name = zipEntry.FullName;
                    var isFolder = name.EndsWith("/", StringComparison.Ordinal) || name.EndsWith("\\", StringComparison.Ordinal);
                    var relative = CheckRelative(isFolder ? name.TrimEnd('/', '\\') : name, path, limits);
#if NET
                    // Unix mode in the high 16 bits of the external attributes: 0xA000 is a symbolic link.
                    if (((zipEntry.ExternalAttributes >> 16) & 0xF000) == 0xA000)
                    {
                        throw new InvalidDataException($"The entry '{DisplayText.Escape(name)}' in {path} is a symbolic link; a bundle holds plain files only. Nothing was read.");
                    }
#endif
                    if (isFolder) continue;
                    total += zipEntry.Length;
                    if (zipEntry.Length < 0 || total > limits.MaxTotalBytes)
                    {
                        throw new InvalidDataException($"{path} expands to more than {limits.MaxTotalBytes} bytes, the limit; nothing was read.");
                    }

                    if (zipEntry.Length > 1L << 20 && zipEntry.Length > (long)limits.MaxCompressionRatio * Math.Max(1, zipEntry.CompressedLength))
                    {
                        throw new InvalidDataException($"The entry '{DisplayText.Escape(name)}' in {path} expands {zipEntry.Length / Math.Max(1, zipEntry.CompressedLength)} times (more than {limits.MaxCompressionRatio}), as a zip bomb does; nothing was read.");
                    }

                    var entry = new EvidenceEntry(relative, zipEntry.Length, zipEntry.LastWriteTime);
                    entries.Add(entry);
                    map[entry] = zipEntry;
                }

                return new ZipFiles(path, archive, entries, map);
            }
            catch
            {
                archive.Dispose();
                throw;
            }
        }

        public override Stream Open(EvidenceEntry entry)
        {
            // ZipArchive is not thread-safe: each open reads the entry into a bounded buffer or a bounded stream.
            lock (gate)
            {
                var zipEntry = zipEntries[entry];
                var inner = zipEntry.Open();
                return new BoundedStream(inner, entry.Length, entry.Path, gate);
            }
        }

        public override void Dispose() => archive.Dispose();
    }

    /// <summary>A read-only stream that fails when more bytes come than the entry declared (a lying zip header).</summary>
    private sealed class BoundedStream : Stream
    {
        private readonly Stream inner;
        private readonly long limit;
        private readonly string name;
        private readonly object gate;
        private long position;

        public BoundedStream(Stream inner, long limit, string name, object gate)
        {
            this.inner = inner;
            this.limit = limit;
            this.name = name;
            this.gate = gate;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => limit;

        public override long Position
        {
            get => position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int read;
            lock (gate)
            {
                read = inner.Read(buffer, offset, count);
            }

            position += read;
            if (position > limit) throw new InvalidDataException($"The entry '{name}' holds more bytes than its zip header says; it was not read.");
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                lock (gate) inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
