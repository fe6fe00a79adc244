using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;

namespace PxeRules.Probes.FileSystem;

/// <summary>One log file to read: the path the machine names, how to show it in a reason, and when it was written.</summary>
internal readonly struct LogFile
{
    public LogFile(string machinePath, string shown, string local, DateTimeOffset modified)
    {
        MachinePath = machinePath;
        Shown = shown;
        Local = local;
        Modified = modified;
    }

    public string MachinePath { get; }

    public string Shown { get; }

    public string Local { get; }

    public DateTimeOffset Modified { get; }
}

/// <summary>Reads several log files (a log and its rotated copies) into one <c>log.entries</c> value with its coverage note.</summary>
internal static class LogFiles
{
    /// <summary>
    /// Reads <paramref name="files"/> oldest first (by modification time, so a rotated <c>.lo_</c> before its
    /// <c>.log</c>). Timed entries merge in time order; an untimed entry takes the time of the entry before it in its
    /// file, or, at the start of a file, the newest time of the older files: it stays in file order, after every entry
    /// of an older file, and is never dropped ahead of older timed entries.
    /// </summary>
    public static ProbeResult Read(IReadOnlyList<LogFile> files, ConfigMgrLogParser parser, Func<string, Stream> open, TimeSpan matchTimeout, CancellationToken cancellationToken)
    {
        var ordered = files.OrderBy(f => f.Modified).ThenBy(f => f.Local, StringComparer.Ordinal).ToArray();
        var merged = new List<(DateTimeOffset Key, int File, int Index, ConfigMgrLogEntry Entry)>();
        var coverage = new List<string>(ordered.Length + 1);
        var newestOfOlderFiles = DateTimeOffset.MinValue;
        long matching = 0;
        for (var f = 0; f < ordered.Length; f++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var file = ordered[f];
            ConfigMgrLogRead read;
            try
            {
                using var stream = open(file.Local);
                read = parser.ReadLog(stream, cancellationToken);
            }
            catch (RegexMatchTimeoutException)
            {
                return ProbeResult.Unavailable($"'match' took longer than {matchTimeout.TotalSeconds:0} s on an entry of {file.Shown}.");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return ex is UnauthorizedAccessException
                    ? ProbeResult.Unavailable($"Access to {file.Shown} is denied.")
                    : ProbeResult.Unavailable($"{file.Shown} cannot be read: {(ex is IOException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}")}");
            }

            coverage.Add($"{file.MachinePath}: {read.Coverage}");
            matching += read.Coverage.MatchingEntries;
            var key = newestOfOlderFiles;
            var newest = newestOfOlderFiles;
            for (var i = 0; i < read.Entries.Count; i++)
            {
                var entry = read.Entries[i];
                key = entry.Time ?? key;
                if (key > newest) newest = key;
                merged.Add((key, f, i, entry));
            }

            newestOfOlderFiles = newest;
        }

        var keep = Math.Min(merged.Count, parser.MaxEntries);
        if (matching > keep) coverage.Add($"the newest {FactValues.ToInvariantString(keep)} of {FactValues.ToInvariantString(matching)} matching entries kept");
        var kept = merged.OrderBy(e => e.Key).ThenBy(e => e.File).ThenBy(e => e.Index)
            .Skip(merged.Count - keep)
            .Select(e => (object?)e.Entry.ToRecord(ordered[e.File].MachinePath))
            .ToArray();
        return ProbeResult.Found(kept, string.Join("; ", coverage));
    }
}
