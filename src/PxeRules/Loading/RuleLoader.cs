using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.Extensions.FileSystemGlobbing;
using Microsoft.Extensions.FileSystemGlobbing.Abstractions;
using PxeRules.Model;
using PxeRules.Probes;

namespace PxeRules.Loading;

/// <summary>
/// Loads rules from files, folders, glob patterns, streams, strings and the bundled knowledge base, in any mix,
/// and validates them against the format and a probe catalogue. Add sources, then call <see cref="Load"/>; every
/// problem in every source is reported in one go. Not thread-safe while sources are being added; each
/// <see cref="Load"/> reads the sources anew.
/// </summary>
public sealed class RuleLoader
{
    private const string BundledPrefix = "PxeRules.Rules.";
    private readonly List<Action<Context>> sources = new();

    /// <summary>Creates a loader.</summary>
    /// <param name="catalog">The probe kinds rules may use (default: <see cref="ProbeCatalog.Default"/>).</param>
    /// <param name="limits">Bounds on what one file may make the loader do (default: <see cref="LoadLimits.Default"/>).</param>
    public RuleLoader(ProbeCatalog? catalog = null, LoadLimits? limits = null)
    {
        Catalog = catalog ?? ProbeCatalog.Default;
        Limits = limits ?? LoadLimits.Default;
    }

    /// <summary>The probe kinds rules may use.</summary>
    public ProbeCatalog Catalog { get; }

    /// <summary>The limits applied to each source.</summary>
    public LoadLimits Limits { get; }

    private readonly Dictionary<string, Dictionary<string, string>> inputs = new(StringComparer.Ordinal);

    /// <summary>
    /// Sets a rule's inputs (the named values its conditions use in place of literals, such as a time window) for this
    /// loader; a value is read as the literal it replaces would be. Setting an input the rule does not declare, or for a
    /// rule that is not loaded, is an error of the load.
    /// </summary>
    public RuleLoader WithInputs(string ruleId, IReadOnlyDictionary<string, string> values)
    {
        if (string.IsNullOrEmpty(ruleId)) throw new ArgumentException("A rule id is needed.", nameof(ruleId));
        if (!inputs.TryGetValue(ruleId, out var known)) inputs[ruleId] = known = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in values ?? throw new ArgumentNullException(nameof(values))) known[pair.Key] = pair.Value;
        return this;
    }

    internal IReadOnlyDictionary<string, Dictionary<string, string>> Inputs => inputs;

    /// <summary>Adds one rule file.</summary>
    public RuleLoader AddFile(string path)
    {
        if (string.IsNullOrEmpty(path)) throw new ArgumentException("A path is needed.", nameof(path));
        sources.Add(context => context.ReadFile(path, path));
        return this;
    }

    /// <summary>
    /// Adds the rule files under <paramref name="directory"/> that match <paramref name="include"/> patterns
    /// (default <c>**/*.yaml</c> and <c>**/*.yml</c>) and no <paramref name="exclude"/> pattern, in ordinal order of
    /// their relative paths.
    /// </summary>
    /// <param name="directory">The folder.</param>
    /// <param name="include">Glob patterns relative to the folder.</param>
    /// <param name="exclude">Glob patterns of files to leave out.</param>
    /// <param name="comparison">How patterns compare with names; default <see cref="StringComparison.Ordinal"/> (case-sensitive).</param>
    public RuleLoader AddDirectory(string directory, IEnumerable<string>? include = null, IEnumerable<string>? exclude = null, StringComparison comparison = StringComparison.Ordinal)
    {
        if (string.IsNullOrEmpty(directory)) throw new ArgumentException("A folder is needed.", nameof(directory));
        var includes = (include ?? new[] { "**/*.yaml", "**/*.yml" }).ToArray();
        var excludes = (exclude ?? Array.Empty<string>()).ToArray();
        sources.Add(context => context.ReadDirectory(directory, includes, excludes, comparison));
        return this;
    }

    /// <summary>
    /// Adds a file, a folder (all <c>.yaml</c>/<c>.yml</c> files below it) or a glob pattern such as
    /// <c>rules/**/*.yaml</c>, whichever <paramref name="pathOrGlob"/> is.
    /// </summary>
    public RuleLoader AddPath(string pathOrGlob, StringComparison comparison = StringComparison.Ordinal)
    {
        if (string.IsNullOrEmpty(pathOrGlob)) throw new ArgumentException("A path is needed.", nameof(pathOrGlob));
        if (pathOrGlob.IndexOfAny(new[] { '*', '?' }) < 0)
        {
            return Directory.Exists(pathOrGlob) ? AddDirectory(pathOrGlob, comparison: comparison) : AddFile(pathOrGlob);
        }

        var normalized = pathOrGlob.Replace('\\', '/');
        var parts = normalized.Split('/');
        var firstWild = Array.FindIndex(parts, p => p.IndexOfAny(new[] { '*', '?' }) >= 0);
        var root = firstWild == 0 ? "." : string.Join("/", parts.Take(firstWild));
        if (root.Length == 0) root = "/";
        var pattern = string.Join("/", parts.Skip(firstWild));
        return AddDirectory(root, new[] { pattern }, null, comparison);
    }

    /// <summary>Adds rule text held in memory.</summary>
    /// <param name="text">The YAML.</param>
    /// <param name="sourceName">The name diagnostics give for it.</param>
    public RuleLoader AddText(string text, string sourceName)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        if (string.IsNullOrEmpty(sourceName)) throw new ArgumentException("A source name is needed.", nameof(sourceName));
        sources.Add(context => context.ReadText(text, sourceName));
        return this;
    }

    /// <summary>Adds rules read from a stream; the stream is read when <see cref="Load"/> runs and is not disposed.</summary>
    /// <param name="stream">A readable stream of UTF-8 or UTF-16 YAML.</param>
    /// <param name="sourceName">The name diagnostics give for it.</param>
    public RuleLoader AddStream(Stream stream, string sourceName)
    {
        if (stream is null) throw new ArgumentNullException(nameof(stream));
        if (string.IsNullOrEmpty(sourceName)) throw new ArgumentException("A source name is needed.", nameof(sourceName));
        sources.Add(context => context.ReadStream(stream, sourceName));
        return this;
    }

    /// <summary>Adds the knowledge base bundled in the PxeRules assembly.</summary>
    public RuleLoader AddBundled()
    {
        sources.Add(context =>
        {
            var assembly = typeof(RuleLoader).Assembly;
            foreach (var name in BundledRuleNames(assembly))
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                context.ReadStream(stream, "rules/" + name.Substring(BundledPrefix.Length));
            }
        });
        return this;
    }

    /// <summary>Reads and validates every source. Never throws for bad input: problems are diagnostics.</summary>
    public LoadResult Load()
    {
        var context = new Context(this);
        foreach (var source in sources)
        {
            source(context);
        }

        return context.Finish();
    }

    /// <summary>Like <see cref="Load"/>, but throws when any error was found.</summary>
    /// <exception cref="RuleLoadException">The rules have errors; the exception lists them all.</exception>
    public KnowledgeBase LoadOrThrow()
    {
        var result = Load();
        return result.KnowledgeBase ?? throw new RuleLoadException(result.Diagnostics);
    }

    internal static IEnumerable<string> BundledRuleNames(Assembly assembly) =>
        assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(BundledPrefix, StringComparison.Ordinal))
            .OrderBy(n => n, StringComparer.Ordinal);

    private sealed class Context
    {
        private readonly RuleLoader loader;
        private readonly DiagnosticBag diagnostics = new();
        private readonly List<Rule> rules = new();
        private readonly RegexCache regexes;

        public Context(RuleLoader loader)
        {
            this.loader = loader;
            regexes = new RegexCache(loader.Limits.RegexTimeout);
        }

        public void ReadFile(string path, string sourceName)
        {
            try
            {
                var info = new FileInfo(path);
                if (!info.Exists)
                {
                    diagnostics.Error(DiagnosticCodes.IoError, Directory.Exists(path) ? "This is a folder; add it as a folder to read the rule files in it." : "The file does not exist.", new SourceLocation(sourceName, 0, 0));
                    return;
                }

                if (FileKind.NotRegular(path) is { } kind)
                {
                    diagnostics.Error(DiagnosticCodes.IoError, $"This is {kind}, not a rule file; it is not read.", new SourceLocation(sourceName, 0, 0));
                    return;
                }

                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
                ReadStream(stream, sourceName);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException or System.Security.SecurityException)
            {
                diagnostics.Error(DiagnosticCodes.IoError, $"The file cannot be read: {ex.Message}", new SourceLocation(sourceName, 0, 0));
            }
        }

        public void ReadDirectory(string directory, string[] include, string[] exclude, StringComparison comparison)
        {
            if (!Directory.Exists(directory))
            {
                diagnostics.Error(DiagnosticCodes.IoError, "The folder does not exist.", new SourceLocation(directory, 0, 0));
                return;
            }

            var matcher = new Matcher(comparison);
            matcher.AddIncludePatterns(include);
            matcher.AddExcludePatterns(exclude);
            var files = matcher.Execute(new OnceEachFolder(new DirectoryInfo(directory), new HashSet<string>(StringComparer.Ordinal))).Files
                .Select(f => f.Path)
                .OrderBy(p => p, StringComparer.Ordinal)
                .ToArray();
            if (files.Length == 0)
            {
                diagnostics.Warning(DiagnosticCodes.NoFilesMatched, $"No rule file matches {string.Join(", ", include)} in this folder.", new SourceLocation(directory, 0, 0));
                return;
            }

            foreach (var file in files)
            {
                var path = directory == "." ? file : Path.Combine(directory, file).Replace('\\', '/');
                ReadFile(path, path);
            }
        }

        public void ReadStream(Stream stream, string sourceName)
        {
            var limit = loader.Limits.MaxFileBytes;
            if (Snapshots.SnapshotFile.HasMoreThan(stream, limit))
            {
                diagnostics.Error(DiagnosticCodes.FileTooLarge, $"The file is larger than {limit} bytes, the limit.", new SourceLocation(sourceName, 1, 1));
                return;
            }

            byte[] bytes;
            int length;
            try
            {
                (bytes, length) = ReadBounded(stream, limit);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ObjectDisposedException)
            {
                diagnostics.Error(DiagnosticCodes.IoError, $"The source cannot be read: {ex.Message}", new SourceLocation(sourceName, 0, 0));
                return;
            }

            if (length > limit)
            {
                diagnostics.Error(DiagnosticCodes.FileTooLarge, $"The file is larger than {limit} bytes, the limit.", new SourceLocation(sourceName, 1, 1));
                return;
            }

            var text = TextDecoding.Decode(bytes, length, sourceName, diagnostics);
            if (text is not null)
            {
                ReadText(text, sourceName);
            }
        }

        public void ReadText(string text, string sourceName)
        {
            if (text.Length > loader.Limits.MaxFileBytes)
            {
                diagnostics.Error(DiagnosticCodes.FileTooLarge, $"The text is longer than {loader.Limits.MaxFileBytes} characters, the limit.", new SourceLocation(sourceName, 1, 1));
                return;
            }

            // Each document becomes a rule as soon as it is read, so a large file's YAML nodes die young.
            var reader = new RuleReader(loader.Catalog, loader.Limits, new NodeReader(sourceName, diagnostics), regexes, loader.Inputs);
            new YamlDocumentReader(sourceName, loader.Limits, diagnostics).Read(text, document =>
            {
                var rule = reader.Read(document);
                if (rule is not null)
                {
                    rules.Add(rule);
                }
            });
        }

        public LoadResult Finish()
        {
            var owners = new Dictionary<string, Rule>(StringComparer.Ordinal);
            foreach (var rule in rules)
            {
                foreach (var name in new[] { rule.Id }.Concat(rule.Aliases))
                {
                    if (owners.TryGetValue(name, out var owner))
                    {
                        diagnostics.Error(
                            DiagnosticCodes.DuplicateRuleId,
                            $"The rule id '{name}' is already used by the rule '{owner.Id}' at {owner.Source}.",
                            rule.Source);
                    }
                    else
                    {
                        owners[name] = rule;
                    }
                }
            }

            CheckExplains(owners);
            foreach (var pair in loader.Inputs)
            {
                if (!owners.TryGetValue(pair.Key, out var rule))
                {
                    diagnostics.Error(DiagnosticCodes.BadInput, $"Inputs are set for the rule '{pair.Key}', which is not loaded.", new SourceLocation("inputs", 0, 0));
                    continue;
                }

                foreach (var name in pair.Value.Keys.Where(n => !rule.Inputs.ContainsKey(n)))
                {
                    diagnostics.Error(DiagnosticCodes.BadInput, $"The input '{name}' is set for the rule '{rule.Id}', which declares no such input" + (rule.Inputs.Count == 0 ? "." : $"; it has: {string.Join(", ", rule.Inputs.Keys)}."), rule.Source);
                }
            }

            var items = diagnostics.Items;
            return diagnostics.ErrorCount > 0
                ? new LoadResult(null, items)
                : new LoadResult(new KnowledgeBase(rules.ToArray(), loader.Catalog), items);
        }

        /// <summary>Every id a rule explains names a rule, and no rule explains itself through others.</summary>
        private void CheckExplains(Dictionary<string, Rule> owners)
        {
            foreach (var rule in rules)
            {
                for (var i = 0; i < rule.Explains.Count; i++)
                {
                    var id = rule.Explains[i];
                    if (!owners.ContainsKey(id))
                    {
                        var near = NodeReader.Suggest(id, owners.Keys);
                        diagnostics.Error(
                            DiagnosticCodes.UnknownExplainedRule,
                            $"'explains' names '{id}', which is no rule of this knowledge base" + (near is not null ? $"; did you mean '{near}'?" : "."),
                            rule.Data.ExplainsAt[i]);
                    }
                    else if (ReferenceEquals(owners[id], rule))
                    {
                        diagnostics.Error(DiagnosticCodes.ExplainsCycle, $"The rule '{rule.Id}' explains itself.", rule.Data.ExplainsAt[i]);
                    }
                }
            }

            // A circle through several rules: walk from each rule; reaching it again closes a circle.
            foreach (var rule in rules)
            {
                var path = new List<Rule>();
                if (Reaches(rule, rule, owners, path, new HashSet<Rule>()) && path.Count > 1)
                {
                    diagnostics.Error(
                        DiagnosticCodes.ExplainsCycle,
                        $"The rules explain each other in a circle ({string.Join(" → ", path.Select(r => r.Id).Prepend(rule.Id))}): a cause cannot be its own consequence.",
                        rule.Source);
                }
            }
        }

        private static bool Reaches(Rule from, Rule target, Dictionary<string, Rule> owners, List<Rule> path, HashSet<Rule> seen)
        {
            foreach (var id in from.Explains)
            {
                if (!owners.TryGetValue(id, out var next) || !seen.Add(next)) continue;
                path.Add(next);
                if (ReferenceEquals(next, target) || Reaches(next, target, owners, path, seen)) return true;
                path.RemoveAt(path.Count - 1);
            }

            return false;
        }

        private static (byte[] Bytes, int Length) ReadBounded(Stream stream, long limit)
        {
            var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > limit)
                {
                    break;
                }
            }

            return (buffer.GetBuffer(), (int)buffer.Length);
        }
    }
}

/// <summary>
/// A folder as the glob matcher walks it, entering each real folder once and no folder that is a link (a symbolic
/// link or a junction): a link back up the tree would otherwise be walked without end.
/// </summary>
internal sealed class OnceEachFolder : Microsoft.Extensions.FileSystemGlobbing.Abstractions.DirectoryInfoBase
{
    private readonly DirectoryInfo folder;
    private readonly HashSet<string> visited;
    private readonly OnceEachFolder? parent;

    public OnceEachFolder(DirectoryInfo folder, HashSet<string> visited, OnceEachFolder? parent = null)
    {
        this.folder = folder;
        this.visited = visited;
        this.parent = parent;
        visited.Add(Path.GetFullPath(folder.FullName));
    }

    public override string Name => folder.Name;

    public override string FullName => folder.FullName;

    public override Microsoft.Extensions.FileSystemGlobbing.Abstractions.DirectoryInfoBase? ParentDirectory =>
        parent ?? (folder.Parent is null ? null : new OnceEachFolder(folder.Parent, new HashSet<string>(StringComparer.Ordinal)));

    public override IEnumerable<Microsoft.Extensions.FileSystemGlobbing.Abstractions.FileSystemInfoBase> EnumerateFileSystemInfos()
    {
        FileSystemInfo[] entries;
        try
        {
            entries = folder.GetFileSystemInfos();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            yield break;
        }

        foreach (var entry in entries)
        {
            if (entry is DirectoryInfo child)
            {
                if ((child.Attributes & FileAttributes.ReparsePoint) != 0 || !visited.Add(Path.GetFullPath(child.FullName))) continue;
                yield return new OnceEachFolder(child, visited, this);
            }
            else if (entry is FileInfo file)
            {
                yield return new Microsoft.Extensions.FileSystemGlobbing.Abstractions.FileInfoWrapper(file);
            }
        }
    }

    public override Microsoft.Extensions.FileSystemGlobbing.Abstractions.DirectoryInfoBase? GetDirectory(string path)
    {
        var child = new DirectoryInfo(Path.Combine(folder.FullName, path));
        if (!child.Exists || (child.Attributes & FileAttributes.ReparsePoint) != 0) return null;
        return new OnceEachFolder(child, visited, this);
    }

    public override Microsoft.Extensions.FileSystemGlobbing.Abstractions.FileInfoBase? GetFile(string path)
    {
        var file = new FileInfo(Path.Combine(folder.FullName, path));
        return file.Exists ? new Microsoft.Extensions.FileSystemGlobbing.Abstractions.FileInfoWrapper(file) : null;
    }
}
