using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using PxeRules.Probes.FileSystem;

namespace PxeRules.Tests.Probes.FileSystem;

/// <summary>
/// An in-memory Windows file system that can refuse access, which tests running as root on Linux cannot get from
/// the real one. Paths ignore case, as on Windows.
/// </summary>
internal sealed class FakeFileSystem : IFileSystem
{
    public static readonly DateTimeOffset Created = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Modified = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, Node> nodes = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Exception> statFailures = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Exception> listFailures = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Exception> openFailures = new(StringComparer.OrdinalIgnoreCase);

    public bool UsesWindowsPaths { get; set; } = true;

    public FakeFileSystem AddFolder(string path, bool hidden = false)
    {
        path = Normalize(path);
        var parent = Parent(path);
        if (parent is not null && !nodes.ContainsKey(parent))
        {
            AddFolder(parent);
        }

        nodes[path] = new Node(true, Array.Empty<byte>(), hidden, Modified);
        return this;
    }

    public FakeFileSystem AddFile(string path, byte[] content, bool hidden = false, DateTimeOffset? modified = null)
    {
        path = Normalize(path);
        var parent = Parent(path)!;
        if (!nodes.ContainsKey(parent))
        {
            AddFolder(parent);
        }

        nodes[path] = new Node(false, content, hidden, modified ?? Modified);
        return this;
    }

    public FakeFileSystem AddFile(string path, string text, bool hidden = false, DateTimeOffset? modified = null) =>
        AddFile(path, Encoding.UTF8.GetBytes(text), hidden, modified);

    /// <summary>Looking at the path fails, as it does when a parent folder cannot be entered.</summary>
    public FakeFileSystem FailLookingAt(string path, Exception exception)
    {
        statFailures[Normalize(path)] = exception;
        return this;
    }

    /// <summary>The folder is there but listing it fails.</summary>
    public FakeFileSystem FailListing(string path, Exception exception)
    {
        listFailures[Normalize(path)] = exception;
        return this;
    }

    /// <summary>The file is there but opening it fails.</summary>
    public FakeFileSystem FailOpening(string path, Exception exception)
    {
        openFailures[Normalize(path)] = exception;
        return this;
    }

    public FileSystemEntry? GetEntry(string path)
    {
        path = Normalize(path);
        if (statFailures.TryGetValue(path, out var failure)) throw failure;
        return nodes.TryGetValue(path, out var node) ? Entry(path, node) : null;
    }

    public IEnumerable<FileSystemEntry> EnumerateEntries(string folder)
    {
        folder = Normalize(folder);
        if (listFailures.TryGetValue(folder, out var failure)) throw failure;
        if (!nodes.TryGetValue(folder, out var node) || !node.IsFolder) throw new DirectoryNotFoundException($"Could not find a part of the path '{folder}'.");

        // Unsorted on purpose: the provider must sort.
        foreach (var pair in nodes.Where(p => string.Equals(Parent(p.Key), folder, StringComparison.OrdinalIgnoreCase)).OrderByDescending(p => p.Key, StringComparer.Ordinal))
        {
            yield return Entry(pair.Key, pair.Value);
        }
    }

    public Stream OpenRead(string path)
    {
        path = Normalize(path);
        if (openFailures.TryGetValue(path, out var failure)) throw failure;
        if (!nodes.TryGetValue(path, out var node) || node.IsFolder) throw new FileNotFoundException($"Could not find file '{path}'.");
        return new MemoryStream(node.Content, writable: false);
    }

    public string Combine(string folder, string name) => folder.TrimEnd('\\') + "\\" + name;

    public string? LinkTarget(string path) => null;

    private static FileSystemEntry Entry(string path, Node node) =>
        new(path.Substring(path.LastIndexOf('\\') + 1), path, node.IsFolder, node.Content.Length, Created, node.Modified, node.Hidden, false);

    private static string Normalize(string path) => path.Length > 3 ? path.TrimEnd('\\') : path;

    private static string? Parent(string path)
    {
        var split = path.LastIndexOf('\\');
        if (split < 0) return null;
        return split == 2 && path[1] == ':' ? (path.Length > 3 ? path.Substring(0, 3) : null) : path.Substring(0, split);
    }

    private sealed record Node(bool IsFolder, byte[] Content, bool Hidden, DateTimeOffset Modified);
}
