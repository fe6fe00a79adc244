using System;
using System.Collections;
using System.Collections.Generic;

namespace PxeRules.Probes.FileSystem;

/// <summary>How a <see cref="FileSystemProbeProvider"/> finds a machine's files. Immutable once created.</summary>
public sealed class FileSystemProbeOptions
{
    private readonly IReadOnlyDictionary<string, string> variables = ProcessVariables();
    private static readonly Func<Machine, string, string?> AsItIs = (_, path) => path;

    private readonly Func<Machine, string, string?> mapPath = AsItIs;

    /// <summary>Whether paths are read as they are: the provider reads this computer's own files.</summary>
    internal bool ReadsThisComputer => ReferenceEquals(mapPath, AsItIs) && Root is null;
    private readonly long maxLogBytes = ConfigMgrLogParser.DefaultMaxBytes;
    private readonly int maxEntries = ConfigMgrLogParser.DefaultMaxEntries;

    /// <summary>
    /// The variables that <c>%name%</c> in a path expands to, looked up ignoring case. Default: this process's
    /// environment. When the variables define <c>SystemRoot</c> but not <c>WdsTemp</c>, <c>WdsTemp</c> is
    /// <c>%SystemRoot%\Temp</c> (the temp folder of LocalSystem, which runs WDS).
    /// </summary>
    public IReadOnlyDictionary<string, string> Variables
    {
        get => variables;
        init => variables = value ?? throw new ArgumentNullException(nameof(Variables));
    }

    /// <summary>
    /// Maps a machine's path (variables already expanded, e.g. <c>C:\WINDOWS\Temp\PXEBootfiles</c>) to a path this
    /// process can read: <c>\\PXE01\C$\WINDOWS\Temp\PXEBootfiles</c>, or a folder holding copies of that machine's
    /// files. Return <see langword="null"/> when the machine's files cannot be reached; its facts are then
    /// unavailable. Default: every path as it is, for every machine, which is right for this machine only.
    /// Called concurrently; must not throw (an exception makes the fact unavailable).
    /// </summary>
    public Func<Machine, string, string?> MapPath
    {
        get => mapPath;
        init => mapPath = value ?? throw new ArgumentNullException(nameof(MapPath));
    }

    /// <summary>
    /// The folder holding the copies of the machines' files, when <see cref="MapPath"/> maps into one. When set, a
    /// path that <see cref="MapPath"/> maps outside it, or that passes a link (symbolic link, junction) leading
    /// outside it, is unavailable with the reason: a rule, a snapshot or a bundle cannot make the provider read
    /// this computer's own files. Default: none (a live machine's drives through its administrative shares).
    /// </summary>
    public string? Root { get; init; }

    /// <summary>
    /// The most that <c>log.entries</c> reads from the end of each file (default 16 MiB, at most 1 GiB). A call's
    /// <c>maxBytes</c> can ask for less, not more.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1 or above 1 GiB.</exception>
    public long MaxLogBytes
    {
        get => maxLogBytes;
        init => maxLogBytes = value is >= 1 and <= 1L << 30
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxLogBytes), value, "MaxLogBytes must be between 1 and 1 GiB.");
    }

    /// <summary>
    /// The most entries that <c>log.entries</c> returns, the newest (default 5,000). A call's <c>maxEntries</c> can
    /// ask for fewer, not more.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public int MaxEntries
    {
        get => maxEntries;
        init => maxEntries = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxEntries), value, "MaxEntries must be at least 1.");
    }

    private static IReadOnlyDictionary<string, string> ProcessVariables()
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry pair in Environment.GetEnvironmentVariables())
        {
            if (pair.Key is string name && pair.Value is string value)
            {
                result[name] = value;
            }
        }

        return result;
    }
}
