using System;
using System.IO;

namespace PxeRules.Probes.FileSystem;

/// <summary>What <see cref="PeVersionReader"/> found in a file.</summary>
public enum PeVersionStatus
{
    /// <summary>The file is a PE image with a version resource; the versions are set.</summary>
    Found = 0,

    /// <summary>The file is a well-formed PE image without a version resource (or one without fixed file information).</summary>
    NoVersionResource = 1,

    /// <summary>The file is not a PE image (no <c>MZ</c> header or no <c>PE</c> signature).</summary>
    NotPortableExecutable = 2,

    /// <summary>The file starts as a PE image but its headers or resources are truncated or point outside the file.</summary>
    Malformed = 3,
}

/// <summary>The outcome of reading a PE file's version resource. Immutable.</summary>
public sealed class PeVersionResult
{
    private PeVersionResult(PeVersionStatus status, Version? fileVersion, Version? productVersion, string? reason)
    {
        Status = status;
        FileVersion = fileVersion;
        ProductVersion = productVersion;
        Reason = reason;
    }

    /// <summary>What was found.</summary>
    public PeVersionStatus Status { get; }

    /// <summary>
    /// The file version from <c>VS_FIXEDFILEINFO.dwFileVersionMS/LS</c> (four parts), when <see cref="Status"/> is
    /// <see cref="PeVersionStatus.Found"/>.
    /// </summary>
    public Version? FileVersion { get; }

    /// <summary>The product version from <c>VS_FIXEDFILEINFO.dwProductVersionMS/LS</c> (four parts), when found.</summary>
    public Version? ProductVersion { get; }

    /// <summary>Why there is no version, in a sentence; <see langword="null"/> when found.</summary>
    public string? Reason { get; }

    internal static PeVersionResult Found(Version fileVersion, Version productVersion) =>
        new(PeVersionStatus.Found, fileVersion, productVersion, null);

    internal static PeVersionResult Without(PeVersionStatus status, string reason) => new(status, null, null, reason);

    /// <inheritdoc />
    public override string ToString() => Status == PeVersionStatus.Found
        ? $"file version {FileVersion}, product version {ProductVersion}"
        : $"{Status}: {Reason}";
}

/// <summary>
/// Reads the version resource (<c>VS_FIXEDFILEINFO</c>) of a PE file (PE32 and PE32+) without loading it, on any
/// platform: <see cref="System.Diagnostics.FileVersionInfo"/> does not read native version resources on Linux,
/// which is where snapshots of copied files are often evaluated. Versions come from the numeric fields, never from
/// the version strings, which may say anything. Every read is bounded by the file's length; a hostile or damaged file
/// gives <see cref="PeVersionStatus.Malformed"/> or <see cref="PeVersionStatus.NotPortableExecutable"/>, never an
/// exception. Thread-safe.
/// </summary>
public static class PeVersionReader
{
    private const int ResourceDirectoryIndex = 2;
    private const int RtVersion = 16;
    private const uint FixedFileInfoSignature = 0xFEEF04BD;
    private const int MaxVersionResourceBytes = 1024 * 1024;

    /// <summary>Reads the version resource of the file at <paramref name="path"/>.</summary>
    /// <exception cref="IOException">The file cannot be opened or read (including <see cref="FileNotFoundException"/>).</exception>
    /// <exception cref="UnauthorizedAccessException">Access to the file is denied.</exception>
    public static PeVersionResult Read(string path)
    {
        if (path is null) throw new ArgumentNullException(nameof(path));
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096);
        return Read(stream);
    }

    /// <summary>
    /// Reads the version resource of the PE image that starts at the stream's current position. The stream must be
    /// readable; one that cannot seek is read into memory first (at most 256 MiB).
    /// </summary>
    /// <exception cref="IOException">The stream fails while it is read.</exception>
    public static PeVersionResult Read(Stream stream)
    {
        if (stream is null) throw new ArgumentNullException(nameof(stream));
        if (!stream.CanRead) throw new ArgumentException("The stream must be readable.", nameof(stream));
        if (!stream.CanSeek)
        {
            using var copy = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (copy.Length + read > 256L * 1024 * 1024)
                {
                    return PeVersionResult.Without(PeVersionStatus.Malformed, "The stream is longer than 256 MiB and cannot seek.");
                }

                copy.Write(buffer, 0, read);
            }

            copy.Position = 0;
            return Read(copy);
        }

        return new Image(stream).ReadVersion();
    }

    /// <summary>Bounded reads over one image; every offset is checked against the stream's length.</summary>
    private sealed class Image
    {
        private readonly Stream stream;
        private readonly long start;
        private readonly long length;

        public Image(Stream stream)
        {
            this.stream = stream;
            start = stream.Position;
            length = Math.Max(0, stream.Length - start);
        }

        public PeVersionResult ReadVersion()
        {
            if (!TryRead(0, 2, out var mz) || mz[0] != (byte)'M' || mz[1] != (byte)'Z')
            {
                return NotPe("The file does not start with an MZ header.");
            }

            if (!TryRead(0, 64, out var dos))
            {
                return NotPe("The file is too short for an MZ header.");
            }

            long peOffset = U32(dos, 0x3C);
            if (!TryRead(peOffset, 4, out var signature) || signature[0] != (byte)'P' || signature[1] != (byte)'E' || signature[2] != 0 || signature[3] != 0)
            {
                return NotPe("The file has an MZ header but no PE signature.");
            }

            if (!TryRead(peOffset + 4, 20, out var coff))
            {
                return Bad("The COFF header is cut off.");
            }

            int sectionCount = U16(coff, 2);
            int optionalSize = U16(coff, 16);
            var optionalOffset = peOffset + 24;
            if (!TryRead(optionalOffset, 2, out var magicBytes))
            {
                return Bad("The optional header is cut off.");
            }

            // PE32 and PE32+ differ only in where the data directories begin.
            int directoriesAt;
            switch (U16(magicBytes, 0))
            {
                case 0x10B: directoriesAt = 96; break;
                case 0x20B: directoriesAt = 112; break;
                default: return Bad($"The optional header has the unknown magic 0x{U16(magicBytes, 0):X}.");
            }

            if (optionalSize < directoriesAt || !TryRead(optionalOffset + directoriesAt - 4, 4, out var countBytes))
            {
                return Bad("The optional header is too short for data directories.");
            }

            var directoryCount = U32(countBytes, 0);
            var resourceEntryAt = directoriesAt + (ResourceDirectoryIndex * 8);
            if (directoryCount <= ResourceDirectoryIndex || optionalSize < resourceEntryAt + 8)
            {
                return None("The image has no resource directory.");
            }

            if (!TryRead(optionalOffset + resourceEntryAt, 8, out var resourceEntry))
            {
                return Bad("The data directories are cut off.");
            }

            var resourceRva = U32(resourceEntry, 0);
            var resourceSize = U32(resourceEntry, 4);
            if (resourceRva == 0 || resourceSize == 0)
            {
                return None("The image has no resources.");
            }

            if (sectionCount == 0)
            {
                return Bad("The image has resources but no sections to hold them.");
            }

            var sections = ReadSections(optionalOffset + optionalSize, sectionCount);
            if (sections is null)
            {
                return Bad("The section table is cut off.");
            }

            var resourceStart = Map(sections, resourceRva, 16);
            if (resourceStart < 0)
            {
                return Bad($"The resource directory (RVA 0x{resourceRva:X}) lies outside the file.");
            }

            // Resource offsets are relative to the directory's start and must stay within what the section holds.
            var resourceLimit = Math.Min((long)resourceSize, MappedLength(sections, resourceRva));
            return ReadVersionResource(sections, resourceStart, resourceLimit);
        }

        private PeVersionResult ReadVersionResource(Section[] sections, long resourceStart, long resourceLimit)
        {
            // Three levels: type (RT_VERSION), name, language. A fixed depth means a directory that points back at
            // itself cannot loop.
            var typeEntry = FindEntry(resourceStart, 0, resourceLimit, RtVersion, firstIfMissing: false, out var error);
            if (error is not null) return Bad(error);
            if (typeEntry is null) return None("The image has no version resource.");
            if (!typeEntry.Value.IsDirectory) return Bad("The version resource's type entry is not a directory.");

            // The version resource is normally named 1, but any name is valid.
            var nameEntry = FindEntry(resourceStart, typeEntry.Value.Offset, resourceLimit, 1, firstIfMissing: true, out error);
            if (error is not null) return Bad(error);
            if (nameEntry is null) return None("The version resource has no entries.");
            if (!nameEntry.Value.IsDirectory) return Bad("The version resource's name entry is not a directory.");

            var languageEntry = FindEntry(resourceStart, nameEntry.Value.Offset, resourceLimit, 0, firstIfMissing: true, out error);
            if (error is not null) return Bad(error);
            if (languageEntry is null) return None("The version resource has no data.");
            if (languageEntry.Value.IsDirectory) return Bad("The version resource goes deeper than three levels.");

            if (languageEntry.Value.Offset + 16 > resourceLimit || !TryRead(resourceStart + languageEntry.Value.Offset, 16, out var data))
            {
                return Bad("The version resource's data entry lies outside the resource directory.");
            }

            var dataRva = U32(data, 0);
            var dataSize = U32(data, 4);
            if (dataSize < 6)
            {
                return None("The version resource is empty.");
            }

            var size = (int)Math.Min(dataSize, MaxVersionResourceBytes);
            var dataStart = Map(sections, dataRva, size);
            if (dataStart < 0 || !TryRead(dataStart, size, out var block))
            {
                return Bad($"The version resource's data (RVA 0x{dataRva:X}, {dataSize} bytes) lies outside the file.");
            }

            return ParseVersionInfo(block);
        }

        private static PeVersionResult ParseVersionInfo(byte[] block)
        {
            // VS_VERSIONINFO: wLength, wValueLength, wType, szKey "VS_VERSION_INFO", padding to 32 bits, VS_FIXEDFILEINFO.
            int valueLength = U16(block, 2);
            const string key = "VS_VERSION_INFO";
            var at = 6;
            for (var i = 0; i < key.Length; i++, at += 2)
            {
                if (at + 2 > block.Length || U16(block, at) != key[i])
                {
                    return Bad("The version resource does not start with VS_VERSION_INFO.");
                }
            }

            if (at + 2 > block.Length || U16(block, at) != 0)
            {
                return Bad("The version resource's key is not terminated.");
            }

            at = (at + 2 + 3) & ~3;
            if (valueLength == 0)
            {
                return None("The version resource has no fixed file information.");
            }

            if (valueLength < 52 || at + 52 > block.Length)
            {
                return Bad("The version resource's fixed file information is cut off.");
            }

            if (U32(block, at) != FixedFileInfoSignature)
            {
                return Bad("The fixed file information has the wrong signature.");
            }

            return PeVersionResult.Found(
                ToVersion(U32(block, at + 8), U32(block, at + 12)),
                ToVersion(U32(block, at + 16), U32(block, at + 20)));
        }

        private static Version ToVersion(uint ms, uint ls) =>
            new((int)(ms >> 16), (int)(ms & 0xFFFF), (int)(ls >> 16), (int)(ls & 0xFFFF));

        /// <summary>
        /// Finds the entry with the id <paramref name="preferredId"/> in the directory at <paramref name="offset"/>, or
        /// with <paramref name="firstIfMissing"/> the first entry. Returns null when there is none; sets
        /// <paramref name="error"/> when the directory is damaged.
        /// </summary>
        private Entry? FindEntry(long resourceStart, long offset, long limit, int preferredId, bool firstIfMissing, out string? error)
        {
            error = null;
            if (offset + 16 > limit || !TryRead(resourceStart + offset, 16, out var header))
            {
                error = $"A resource directory (offset 0x{offset:X}) lies outside the resource section.";
                return null;
            }

            var count = U16(header, 12) + U16(header, 14);
            if (offset + 16 + (count * 8L) > limit || !TryRead(resourceStart + offset + 16, count * 8, out var entries))
            {
                error = $"A resource directory (offset 0x{offset:X}) declares {count} entries that do not fit.";
                return null;
            }

            Entry? first = null;
            for (var i = 0; i < count; i++)
            {
                var name = U32(entries, i * 8);
                var target = U32(entries, (i * 8) + 4);
                var entry = new Entry((target & 0x80000000) != 0, target & 0x7FFFFFFF);

                // The high bit marks a named entry; only numbered ones can carry an id.
                if ((name & 0x80000000) == 0 && name == preferredId)
                {
                    return entry;
                }

                first ??= entry;
            }

            return firstIfMissing ? first : null;
        }

        private Section[]? ReadSections(long tableOffset, int count)
        {
            var sections = new Section[count];
            for (var i = 0; i < count; i++)
            {
                if (!TryRead(tableOffset + (i * 40L), 40, out var raw))
                {
                    return null;
                }

                sections[i] = new Section(U32(raw, 8), U32(raw, 12), U32(raw, 16), U32(raw, 20));
            }

            return sections;
        }

        /// <summary>The file offset of <paramref name="rva"/> when <paramref name="size"/> bytes from there are in one section's raw data; else -1.</summary>
        private long Map(Section[] sections, uint rva, long size)
        {
            foreach (var section in sections)
            {
                var span = Math.Min(section.VirtualSize == 0 ? section.RawSize : section.VirtualSize, section.RawSize);
                if (rva >= section.VirtualAddress && rva - (long)section.VirtualAddress + size <= span)
                {
                    var offset = section.RawPointer + (rva - (long)section.VirtualAddress);
                    return offset + size <= length ? offset : -1;
                }
            }

            return -1;
        }

        /// <summary>How many bytes from <paramref name="rva"/> to the end of its section's raw data.</summary>
        private static long MappedLength(Section[] sections, uint rva)
        {
            foreach (var section in sections)
            {
                var span = Math.Min(section.VirtualSize == 0 ? section.RawSize : section.VirtualSize, section.RawSize);
                if (rva >= section.VirtualAddress && rva - (long)section.VirtualAddress < span)
                {
                    return span - (rva - (long)section.VirtualAddress);
                }
            }

            return 0;
        }

        private bool TryRead(long offset, int count, out byte[] bytes)
        {
            bytes = Array.Empty<byte>();
            if (offset < 0 || count < 0 || offset > length - count)
            {
                return false;
            }

            bytes = new byte[count];
            stream.Position = start + offset;
            var total = 0;
            while (total < count)
            {
                var read = stream.Read(bytes, total, count - total);
                if (read <= 0)
                {
                    return false;
                }

                total += read;
            }

            return true;
        }

        private static int U16(byte[] bytes, int at) => bytes[at] | (bytes[at + 1] << 8);

        private static uint U32(byte[] bytes, int at) =>
            (uint)(bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24));

        private static PeVersionResult NotPe(string reason) => PeVersionResult.Without(PeVersionStatus.NotPortableExecutable, reason);

        private static PeVersionResult Bad(string reason) => PeVersionResult.Without(PeVersionStatus.Malformed, reason);

        private static PeVersionResult None(string reason) => PeVersionResult.Without(PeVersionStatus.NoVersionResource, reason);
    }

    private readonly struct Section
    {
        public Section(uint virtualSize, uint virtualAddress, uint rawSize, uint rawPointer)
        {
            VirtualSize = virtualSize;
            VirtualAddress = virtualAddress;
            RawSize = rawSize;
            RawPointer = rawPointer;
        }

        public uint VirtualSize { get; }

        public uint VirtualAddress { get; }

        public uint RawSize { get; }

        public uint RawPointer { get; }
    }

    private readonly struct Entry
    {
        public Entry(bool isDirectory, long offset)
        {
            IsDirectory = isDirectory;
            Offset = offset;
        }

        public bool IsDirectory { get; }

        public long Offset { get; }
    }
}
