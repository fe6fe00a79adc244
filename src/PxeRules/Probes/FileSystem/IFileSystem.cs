using System;
using System.Collections.Generic;
using System.IO;

namespace PxeRules.Probes.FileSystem;

/// <summary>
/// The file-system calls the provider makes, so tests can fake what Linux running as root cannot show
/// (access denied, hidden files, Windows paths).
/// </summary>
internal interface IFileSystem
{
    /// <summary>Whether paths are Windows paths (drive letters, backslashes) on this file system.</summary>
    bool UsesWindowsPaths { get; }

    /// <summary>
    /// The file or folder at <paramref name="path"/>, or <see langword="null"/> when nothing is there. Throws
    /// <see cref="UnauthorizedAccessException"/> or <see cref="IOException"/> when it cannot tell.
    /// </summary>
    FileSystemEntry? GetEntry(string path);

    /// <summary>The entries of a folder, read lazily; enumerating throws when the folder cannot be read.</summary>
    IEnumerable<FileSystemEntry> EnumerateEntries(string folder);

    /// <summary>Opens a file for reading, sharing it with writers.</summary>
    Stream OpenRead(string path);

    /// <summary>The path of <paramref name="name"/> inside <paramref name="folder"/>.</summary>
    string Combine(string folder, string name);

    /// <summary>
    /// Where the link at <paramref name="path"/> points; <see langword="null"/> when it is not a link (or is not
    /// there), an empty string when it is a link whose target cannot be read.
    /// </summary>
    string? LinkTarget(string path);
}

/// <summary>A file or folder as the provider sees it.</summary>
internal sealed class FileSystemEntry
{
    public FileSystemEntry(string name, string path, bool isFolder, long length, DateTimeOffset created, DateTimeOffset modified, bool hidden, bool isLink)
    {
        Name = name;
        Path = path;
        IsFolder = isFolder;
        Length = length;
        Created = created;
        Modified = modified;
        Hidden = hidden;
        IsLink = isLink;
    }

    public string Name { get; }

    /// <summary>The path this process reads it by.</summary>
    public string Path { get; }

    public bool IsFolder { get; }

    public long Length { get; }

    public DateTimeOffset Created { get; }

    public DateTimeOffset Modified { get; }

    public bool Hidden { get; }

    /// <summary>A symbolic link or other reparse point; folders behind one are not walked into.</summary>
    public bool IsLink { get; }
}
