using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace PxeRules.Probes.FileSystem;

/// <summary>
/// Serves <c>file</c>, <c>folder</c>, <c>folder.entries</c>, <c>log.entries</c> and <c>environment.path</c> from the
/// file system this process sees, on any platform: the local disk, a machine's administrative share, or a folder of
/// files copied from a machine (see <see cref="FileSystemProbeOptions.MapPath"/>).
/// </summary>
/// <remarks>
/// <para>A file or folder that is absent is not found; one that cannot be read (access denied, sharing violation,
/// unreachable share) is unavailable with the reason, never not found. A folder that exists but cannot be listed
/// is unavailable, which is the state a <c>PXEBootfiles</c> folder locked by an OS image's permissions is in.</para>
/// <para><c>folder</c> returns <c>path</c> and <c>hidden</c> only: owner and access rules need the Windows provider.</para>
/// <para>Never throws for a call: failures become unavailable results. Thread-safe; calls may run concurrently.</para>
/// </remarks>
public sealed class FileSystemProbeProvider : IProbeProvider
{
    private const int DefaultMaxFolderEntries = 1000;
    private const int MaxFolderDepth = 64;
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);
    private static readonly char[] Separators = { '\\', '/' };

    private static readonly IReadOnlyCollection<ProbeKind> ServedKinds = new[]
    {
        DefaultProbeKinds.File, DefaultProbeKinds.Folder, DefaultProbeKinds.FolderEntries, DefaultProbeKinds.LogEntries,
        DefaultProbeKinds.EnvironmentPath,
    };

    private readonly IFileSystem fileSystem;
    private readonly Dictionary<string, string> variables;

    /// <summary>Creates a provider that reads this machine's files with the process's environment variables.</summary>
    public FileSystemProbeProvider()
        : this(new FileSystemProbeOptions())
    {
    }

    /// <summary>Creates a provider with <paramref name="options"/>.</summary>
    public FileSystemProbeProvider(FileSystemProbeOptions options)
        : this(options, PhysicalFileSystem.Instance)
    {
    }

    internal FileSystemProbeProvider(FileSystemProbeOptions options, IFileSystem fileSystem)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        this.fileSystem = fileSystem;
        variables = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in options.Variables)
        {
            variables[pair.Key] = pair.Value;
        }

        if (!variables.ContainsKey("WdsTemp") && variables.TryGetValue("SystemRoot", out var systemRoot) && systemRoot.Length > 0)
        {
            variables["WdsTemp"] = systemRoot.TrimEnd(Separators) + "\\Temp";
        }
    }

    /// <summary>The options this provider was created with.</summary>
    public FileSystemProbeOptions Options { get; }

    /// <inheritdoc />
    public IReadOnlyCollection<ProbeKind> Kinds => ServedKinds;

    /// <summary>Reads one fact. Runs synchronously; the engine runs providers off its own threads.</summary>
    public Task<ProbeResult> ProbeAsync(ProbeCall call, CancellationToken cancellationToken)
    {
        if (call is null) throw new ArgumentNullException(nameof(call));
        try
        {
            return Task.FromResult(call.Kind switch
            {
                "file" => ProbeFile(call),
                "folder" => ProbeFolder(call),
                "folder.entries" => ProbeFolderEntries(call, cancellationToken),
                "log.entries" => ProbeLogEntries(call, cancellationToken),
                "environment.path" => ProbeEnvironmentPath(call),
                _ => ProbeResult.Unavailable($"{nameof(FileSystemProbeProvider)} does not serve the probe kind '{call.Kind}'."),
            });
        }
        catch (OperationCanceledException)
        {
            return Task.FromResult(ProbeResult.Unavailable("The call was cancelled."));
        }
        catch (Exception ex)
        {
            return Task.FromResult(ProbeResult.Unavailable($"{call.Kind} failed: {ex.GetType().Name}: {ex.Message}"));
        }
    }

    private ProbeResult ProbeEnvironmentPath(ProbeCall call)
    {
        var path = call.GetString("path");
        if (path is null) return Missing("path");
        return Expand(call.Machine, path, out var expanded) ?? ProbeResult.Found(expanded);
    }

    private ProbeResult ProbeFile(ProbeCall call)
    {
        var failure = Locate(call, "path", out var target);
        if (failure is not null) return failure;
        FileSystemEntry? entry;
        try
        {
            entry = fileSystem.GetEntry(target.Local);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return CannotRead(target, ex);
        }

        if (entry is null) return ProbeResult.NotFound($"No file at {target}.");
        if (entry.IsFolder) return ProbeResult.NotFound($"{target} is a folder, not a file.");

        PeVersionResult version;
        try
        {
            using var stream = fileSystem.OpenRead(target.Local);
            version = PeVersionReader.Read(stream);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return CannotRead(target, ex);
        }

        // A damaged image's version is unknown, not absent: a rule comparing it must not read "no version".
        if (version.Status == PeVersionStatus.Malformed)
        {
            return ProbeResult.Unavailable($"{target} has a damaged version resource: {version.Reason}");
        }

        var record = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["path"] = target.Machine,
            ["size"] = (double)entry.Length,
            ["created"] = entry.Created,
            ["modified"] = entry.Modified,
            ["hidden"] = entry.Hidden,
        };
        if (version.Status == PeVersionStatus.Found)
        {
            record["version"] = version.FileVersion;
            record["productVersion"] = version.ProductVersion;
        }

        return ProbeResult.Found(record);
    }

    private ProbeResult ProbeFolder(ProbeCall call)
    {
        var failure = Locate(call, "path", out var target);
        if (failure is not null) return failure;
        failure = FindFolder(target, out var entry);
        if (failure is not null) return failure;

        // Existing is not enough: a folder whose permissions shut everyone out is the finding rules look for.
        try
        {
            using var entries = fileSystem.EnumerateEntries(target.Local).GetEnumerator();
            entries.MoveNext();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return ProbeResult.Unavailable($"The folder {target} exists but cannot be read: {Describe(ex)}");
        }

        return ProbeResult.Found(new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["path"] = target.Machine,
            ["hidden"] = entry!.Hidden,
        });
    }

    private ProbeResult ProbeFolderEntries(ProbeCall call, CancellationToken cancellationToken)
    {
        var pattern = call.GetString("pattern") ?? "*";
        if (pattern.Length == 0 || pattern.IndexOfAny(Separators) >= 0)
        {
            return ProbeResult.Unavailable($"'pattern' must be a file-name pattern such as *.wim, not '{pattern}'.");
        }

        var max = call.GetNumber("max", DefaultMaxFolderEntries);
        if (double.IsNaN(max) || max < 1)
        {
            return ProbeResult.Unavailable($"'max' must be at least 1, not {FactValues.ToInvariantString(max)}.");
        }

        var failure = Locate(call, "path", out var target) ?? FindFolder(target, out _);
        if (failure is not null) return failure;

        var walk = new FolderWalk(this, pattern, call.GetBoolean("recursive", false), (int)Math.Min(max, int.MaxValue), cancellationToken);
        return walk.Run(target) ?? ProbeResult.Found(walk.Results.ToArray());
    }

    private ProbeResult ProbeLogEntries(ProbeCall call, CancellationToken cancellationToken)
    {
        var patterns = call.GetStrings("paths");
        if (patterns.Count == 0) return Missing("paths");

        Regex? match = null;
        var matchText = call.GetString("match");
        if (matchText is not null)
        {
            try
            {
                // As the rules' 'matches': case is ignored.
                match = new Regex(matchText, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, MatchTimeout);
            }
            catch (ArgumentException ex)
            {
                return ProbeResult.Unavailable($"'match' is not a valid regular expression: {ex.Message}");
            }
        }

        var maxEntries = call.GetNumber("maxEntries", Options.MaxEntries);
        var maxBytes = call.GetNumber("maxBytes", Options.MaxLogBytes);
        if (double.IsNaN(maxEntries) || maxEntries < 1) return ProbeResult.Unavailable($"'maxEntries' must be at least 1, not {FactValues.ToInvariantString(maxEntries)}.");
        if (double.IsNaN(maxBytes) || maxBytes < 1) return ProbeResult.Unavailable($"'maxBytes' must be at least 1, not {FactValues.ToInvariantString(maxBytes)}.");

        var files = new List<(Target Target, DateTimeOffset Modified)>();
        var seen = new HashSet<string>(fileSystem.UsesWindowsPaths ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        var looked = new List<string>();
        var unreadable = new List<string>();
        var undefined = new List<string>();
        foreach (var pattern in patterns)
        {
            if (Expand(call.Machine, pattern, out var expanded) is { } notExpanded)
            {
                // A folder named by a variable the machine does not have (%ProgramFiles(x86)% on a 32-bit server)
                // cannot hold the log; that is no reason to doubt the other places.
                undefined.Add(notExpanded.Reason!);
                continue;
            }

            looked.Add(expanded);
            if (FindLogFiles(call.Machine, pattern, expanded, files, seen) is { } failure)
            {
                unreadable.Add(failure.Reason!);
            }
        }

        // A place that could not be looked at may hold the newest log: what the others hold would be partial.
        if (unreadable.Count > 0) return ProbeResult.Unavailable(string.Join(" ", unreadable));
        if (files.Count == 0)
        {
            if (looked.Count == 0) return ProbeResult.Unavailable(string.Join(" ", undefined));
            return ProbeResult.NotFound("No file matches " + string.Join(" or ", looked.Select(p => $"'{p}'")) + ".");
        }

        var parser = new ConfigMgrLogParser
        {
            MaxBytes = (long)Math.Min(maxBytes, Options.MaxLogBytes),
            MaxEntries = (int)Math.Min(maxEntries, Options.MaxEntries),
            Match = match,
        };

        var logs = files.Select(f => new LogFile(f.Target.Machine, f.Target.ToString(), f.Target.Local, f.Modified)).ToArray();
        return LogFiles.Read(logs, parser, fileSystem.OpenRead, MatchTimeout, cancellationToken);
    }

    /// <summary>Adds the files <paramref name="expanded"/> names; only its last part may hold * and ?.</summary>
    private ProbeResult? FindLogFiles(Machine machine, string pattern, string expanded, List<(Target, DateTimeOffset)> files, HashSet<string> seen)
    {
        var split = expanded.LastIndexOfAny(Separators);
        var folder = split < 0 ? string.Empty : expanded.Substring(0, split);
        var name = expanded.Substring(split + 1);
        if (Wildcard.HasWildcards(folder))
        {
            return ProbeResult.Unavailable($"'{pattern}' has * or ? before its last part; only the file name may have them.");
        }

        ProbeResult? failure;
        if (!Wildcard.HasWildcards(name))
        {
            failure = Map(machine, expanded, out var file);
            if (failure is not null) return failure;
            try
            {
                var entry = fileSystem.GetEntry(file.Local);
                if (entry is not null && !entry.IsFolder && seen.Add(file.Local))
                {
                    files.Add((file, entry.Modified));
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return CannotRead(file, ex);
            }

            return null;
        }

        // Keep the separator of a root ("C:\", "/"), which without it would mean something else.
        if (folder.Length == 0 || folder.EndsWith(":", StringComparison.Ordinal))
        {
            folder = expanded.Substring(0, split + 1);
        }

        failure = Map(machine, folder, out var target);
        if (failure is not null) return failure;
        try
        {
            var entry = fileSystem.GetEntry(target.Local);
            if (entry is null || !entry.IsFolder)
            {
                return null;
            }

            foreach (var child in fileSystem.EnumerateEntries(target.Local))
            {
                if (!child.IsFolder && Wildcard.IsMatch(name, child.Name) && seen.Add(child.Path))
                {
                    files.Add((new Target(JoinMachinePath(target.Machine, child.Name), child.Path), child.Modified));
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return CannotRead(target, ex);
        }

        return null;
    }

    private ProbeResult? FindFolder(Target target, out FileSystemEntry? entry)
    {
        try
        {
            entry = fileSystem.GetEntry(target.Local);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            entry = null;
            return CannotRead(target, ex);
        }

        if (entry is null) return ProbeResult.NotFound($"No folder at {target}.");
        return entry.IsFolder ? null : ProbeResult.NotFound($"{target} is a file, not a folder.");
    }

    /// <summary>Reads a path argument, expands its variables and maps it for the call's machine.</summary>
    private ProbeResult? Locate(ProbeCall call, string argument, out Target target)
    {
        target = default;
        var path = call.GetString(argument);
        if (string.IsNullOrEmpty(path)) return Missing(argument);
        return Expand(call.Machine, path!, out var expanded) ?? Map(call.Machine, expanded, out target);
    }

    private ProbeResult? Expand(Machine machine, string path, out string expanded) =>
        PathVariables.TryExpand(path, name => variables.TryGetValue(name, out var value) ? value : null, out expanded, out var undefined)
            ? null
            : ProbeResult.Unavailable($"'{path}' uses %{undefined}%, which is not defined for {machine.Name}.");

    private ProbeResult? Map(Machine machine, string path, out Target target)
    {
        target = default;
        if (IsHostOrDevicePath(path) || (!Options.ReadsThisComputer && !IsDrivePath(path)))
        {
            // \\host\share, \\?\ and \\.\ name another host or a device. Mapped to another machine or to copies of
            // its files, \x and /x name no drive of it and could name this computer's own files. A rule reads the
            // probed machine's drives and nothing else.
            return ProbeResult.Unavailable($"'{path}' names no drive of {machine.Name} (a UNC, device or rooted path); only paths such as C:\\… are read.");
        }

        if (!TryNormalize(path, out var normalized))
        {
            return ProbeResult.Unavailable($"'{path}' climbs above the root of its drive or share with '..'.");
        }

        path = normalized;
        string? local;
        try
        {
            local = Options.MapPath(machine, path);
        }
        catch (Exception ex)
        {
            return ProbeResult.Unavailable($"Mapping '{path}' of {machine.Name} to a readable path failed: {ex.GetType().Name}: {ex.Message}");
        }

        if (local is null)
        {
            return ProbeResult.Unavailable($"The files of {machine.Name} cannot be reached from here ('{path}').");
        }

        if (!fileSystem.UsesWindowsPaths && IsWindowsPath(local))
        {
            // Read literally, C:\WINDOWS\x would just be missing, and "missing" would be a false finding.
            return ProbeResult.Unavailable(
                $"'{local}' is a Windows path, which this process cannot open here; map it to a readable copy with FileSystemProbeOptions.MapPath.");
        }

        if (Options.Root is { } root && Confine(root, local) is { } outside)
        {
            return ProbeResult.Unavailable($"'{path}' of {machine.Name} (read as '{local}') {outside}, outside the machine's files in '{root}'.");
        }

        target = new Target(path, local);
        return null;
    }

    /// <summary><c>\\host\share</c>, <c>\\?\…</c>, <c>\\.\…</c> (either slash).</summary>
    internal static bool IsHostOrDevicePath(string path) =>
        path.Length >= 2 && (path[0] == '\\' || path[0] == '/') && (path[1] == '\\' || path[1] == '/');

    /// <summary><c>C:\…</c>: a drive letter, a colon and a separator.</summary>
    internal static bool IsDrivePath(string path) =>
        path.Length >= 3 && ((path[0] >= 'A' && path[0] <= 'Z') || (path[0] >= 'a' && path[0] <= 'z')) && path[1] == ':' && (path[2] == '\\' || path[2] == '/');

    /// <summary>Null when <paramref name="local"/> stays inside <paramref name="root"/>, links resolved; otherwise how it leaves.</summary>
    private string? Confine(string root, string local)
    {
        string full, top;
        try
        {
            full = Path.GetFullPath(local);
            top = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return "cannot be resolved";
        }

        var comparison = fileSystem.UsesWindowsPaths ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        if (!full.StartsWith(top + Path.DirectorySeparatorChar, comparison) && !string.Equals(full, top, comparison))
        {
            return "lies";
        }

        // Every part below the root that is a link must lead inside it too.
        var at = top;
        foreach (var part in full.Substring(top.Length).Split(new[] { Path.DirectorySeparatorChar }, StringSplitOptions.RemoveEmptyEntries))
        {
            at = Path.Combine(at, part);
            var target = fileSystem.LinkTarget(at);
            if (target is null) continue;
            if (target.Length == 0) return "is a link that cannot be followed here";
            var resolved = Path.GetFullPath(Path.IsPathRooted(target) ? target : Path.Combine(Path.GetDirectoryName(at) ?? top, target));
            if (!resolved.StartsWith(top + Path.DirectorySeparatorChar, comparison) && !string.Equals(resolved, top, comparison))
            {
                return $"is a link to '{resolved}'";
            }
        }

        return null;
    }

    /// <summary>
    /// Removes <c>.</c> and <c>..</c> segments and repeated separators before a path is mapped, so that a rule cannot
    /// reach outside what the mapping of a machine's files allows (a copy of C: stays inside that copy).
    /// </summary>
    internal static bool TryNormalize(string path, out string normalized)
    {
        normalized = path;
        if (path.IndexOf('.') < 0 && (path.Length < 3 || (path.IndexOf(@"\\", 2, StringComparison.Ordinal) < 0 && path.IndexOf("//", 2, StringComparison.Ordinal) < 0)))
        {
            return true;
        }

        var separator = path.IndexOf('\\') >= 0 || IsWindowsPath(path) ? '\\' : '/';
        var unc = path.StartsWith(@"\\", StringComparison.Ordinal);
        var parts = path.Split('\\', '/');
        var root = new List<string>();
        var index = 0;
        if (unc)
        {
            // \\server\share is the root of a UNC path.
            root.AddRange(new[] { string.Empty, string.Empty });
            index = 2;
            for (var i = 0; i < 2 && index < parts.Length; i++) root.Add(parts[index++]);
        }
        else if (parts.Length > 0 && (parts[0].Length == 0 || (parts[0].Length == 2 && parts[0][1] == ':')))
        {
            root.Add(parts[0]);
            index = 1;
        }

        var segments = new List<string>();
        for (; index < parts.Length; index++)
        {
            var part = parts[index];
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (segments.Count == 0) return false;
                segments.RemoveAt(segments.Count - 1);
                continue;
            }

            segments.Add(part);
        }

        var rooted = root.Count > 0 ? string.Join(separator.ToString(), root) + separator : string.Empty;
        normalized = rooted + string.Join(separator.ToString(), segments);
        return true;
    }

    private static bool IsWindowsPath(string path) =>
        (path.Length >= 2 && path[1] == ':' && ((path[0] >= 'A' && path[0] <= 'Z') || (path[0] >= 'a' && path[0] <= 'z')))
        || path.StartsWith("\\\\", StringComparison.Ordinal);

    private static string JoinMachinePath(string folder, string name)
    {
        var separator = folder.IndexOf('\\') < 0 && folder.IndexOf('/') >= 0 ? '/' : '\\';
        return folder.Length > 0 && (folder[folder.Length - 1] == '\\' || folder[folder.Length - 1] == '/')
            ? folder + name
            : folder + separator + name;
    }

    private static ProbeResult Missing(string argument) => ProbeResult.Unavailable($"The argument '{argument}' was not given.");

    private static ProbeResult CannotRead(Target target, Exception ex) => ex is UnauthorizedAccessException
        ? ProbeResult.Unavailable($"Access to {target} is denied.")
        : ProbeResult.Unavailable($"{target} cannot be read: {Describe(ex)}");

    private static string Describe(Exception ex) => ex switch
    {
        UnauthorizedAccessException => "access is denied.",
        IOException => ex.Message,
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };

    /// <summary>A path as the probed machine names it and as this process reads it.</summary>
    private readonly struct Target
    {
        public Target(string machine, string local)
        {
            Machine = machine;
            Local = local;
        }

        public string Machine { get; }

        public string Local { get; }

        /// <summary>The machine's path, and where it was read when that differs.</summary>
        public override string ToString() =>
            string.Equals(Machine, Local, StringComparison.Ordinal) ? $"'{Machine}'" : $"'{Machine}' (read as '{Local}')";
    }

    /// <summary>Lists a folder depth first, each folder's entries in ordinal order of their names, until max.</summary>
    private sealed class FolderWalk
    {
        private readonly FileSystemProbeProvider provider;
        private readonly string pattern;
        private readonly bool recursive;
        private readonly int max;
        private readonly CancellationToken cancellationToken;

        public FolderWalk(FileSystemProbeProvider provider, string pattern, bool recursive, int max, CancellationToken cancellationToken)
        {
            this.provider = provider;
            this.pattern = pattern;
            this.recursive = recursive;
            this.max = max;
            this.cancellationToken = cancellationToken;
        }

        public List<object?> Results { get; } = new();

        public ProbeResult? Run(Target folder) => Walk(folder, 0);

        private ProbeResult? Walk(Target folder, int depth)
        {
            cancellationToken.ThrowIfCancellationRequested();
            List<FileSystemEntry> children;
            try
            {
                children = provider.fileSystem.EnumerateEntries(folder.Local).ToList();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return CannotRead(folder, ex);
            }

            children.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            foreach (var child in children)
            {
                if (Results.Count >= max) return null;
                var machinePath = JoinMachinePath(folder.Machine, child.Name);
                if (Wildcard.IsMatch(pattern, child.Name))
                {
                    var record = new Dictionary<string, object?>(StringComparer.Ordinal)
                    {
                        ["name"] = child.Name,
                        ["path"] = machinePath,
                        ["isFolder"] = child.IsFolder,
                        ["modified"] = child.Modified,
                        ["hidden"] = child.Hidden,
                    };
                    if (!child.IsFolder) record["size"] = (double)child.Length;
                    Results.Add(record);
                }

                // Links are listed but not followed: they can loop.
                if (recursive && child.IsFolder && !child.IsLink && depth + 1 < MaxFolderDepth)
                {
                    var failure = Walk(new Target(machinePath, child.Path), depth + 1);
                    if (failure is not null) return failure;
                }
            }

            return null;
        }
    }
}
