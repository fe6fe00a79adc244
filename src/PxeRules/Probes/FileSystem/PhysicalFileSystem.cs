using System;
using System.Collections.Generic;
using System.IO;

namespace PxeRules.Probes.FileSystem;

/// <summary>The file system this process sees, through System.IO.</summary>
internal sealed class PhysicalFileSystem : IFileSystem
{
    public static PhysicalFileSystem Instance { get; } = new();

    public bool UsesWindowsPaths => Path.DirectorySeparatorChar == '\\';

    public FileSystemEntry? GetEntry(string path)
    {
        // File.Exists and Directory.Exists say false when access is denied; GetAttributes tells the two apart.
        FileAttributes attributes;
        try
        {
            attributes = File.GetAttributes(path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }

        FileSystemInfo info = (attributes & FileAttributes.Directory) != 0 ? new DirectoryInfo(path) : new FileInfo(path);
        try
        {
            return From(info, attributes);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    public IEnumerable<FileSystemEntry> EnumerateEntries(string folder)
    {
#if NET
        // The options' default skips hidden and system entries; a hidden PXEBootfiles folder is the point.
        var options = new EnumerationOptions
        {
            AttributesToSkip = 0,
            IgnoreInaccessible = false,
            RecurseSubdirectories = false,
            ReturnSpecialDirectories = false,
            MatchType = MatchType.Simple,
        };
        var infos = new DirectoryInfo(folder).EnumerateFileSystemInfos("*", options);
#else
        var infos = new DirectoryInfo(folder).EnumerateFileSystemInfos("*", SearchOption.TopDirectoryOnly);
#endif
        foreach (var info in infos)
        {
            FileSystemEntry entry;
            try
            {
                entry = From(info, info.Attributes);
            }
            catch (FileNotFoundException)
            {
                // Deleted since it was listed (or a dangling link): it is not there.
                continue;
            }

            yield return entry;
        }
    }

    public Stream OpenRead(string path) =>
        FileKind.NotRegular(path) is { } kind
            ? throw new IOException($"It is {kind}, not a file.")
            : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096);

    public string Combine(string folder, string name) => Path.Combine(folder, name);

    public string? LinkTarget(string path)
    {
        try
        {
            FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
            if (!info.Exists || (info.Attributes & FileAttributes.ReparsePoint) == 0) return null;
#if NET
            return info.LinkTarget ?? string.Empty;
#else
            return string.Empty;
#endif
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    private static FileSystemEntry From(FileSystemInfo info, FileAttributes attributes)
    {
        var isFolder = (attributes & FileAttributes.Directory) != 0;
        return new FileSystemEntry(
            info.Name,
            info.FullName,
            isFolder,
            isFolder ? 0 : ((FileInfo)info).Length,
            new DateTimeOffset(info.CreationTimeUtc, TimeSpan.Zero),
            new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero),
            (attributes & FileAttributes.Hidden) != 0,
            (attributes & FileAttributes.ReparsePoint) != 0);
    }
}
