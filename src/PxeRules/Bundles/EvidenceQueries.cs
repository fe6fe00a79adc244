using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using PxeRules.Probes;
using PxeRules.Probes.FileSystem;

namespace PxeRules.Bundles;

/// <summary>The arguments of <c>log.entries</c> and <c>eventlog.entries</c> applied to copied logs and event exports, as the file-system and Windows providers apply them.</summary>
internal static class EvidenceQueries
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    /// <summary>The file-name pattern at the end of a requested path (<c>SMSPXE*.lo?</c>), and the folder before it.</summary>
    public static (string Folder, string Pattern) SplitPattern(string path)
    {
        var split = path.LastIndexOfAny(new[] { '\\', '/' });
        return split < 0 ? (string.Empty, path) : (path.Substring(0, split).TrimEnd('\\', '/'), path.Substring(split + 1));
    }

    /// <summary>Reads <paramref name="files"/> into a <c>log.entries</c> value with the call's <c>match</c>, <c>maxEntries</c> and <c>maxBytes</c>.</summary>
    public static ProbeResult ReadLogs(ProbeCall call, IReadOnlyList<LogFile> files, Func<string, Stream> open, CancellationToken cancellationToken)
    {
        Regex? match = null;
        if (call.GetString("match") is { } matchText)
        {
            try
            {
                match = new Regex(matchText, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, MatchTimeout);
            }
            catch (ArgumentException ex)
            {
                return ProbeResult.Unavailable($"'match' is not a valid regular expression: {ex.Message}");
            }
        }

        var maxEntries = call.TryGetNumber("maxEntries", out var me) ? me : ConfigMgrLogParser.DefaultMaxEntries;
        var maxBytes = call.TryGetNumber("maxBytes", out var mb) ? mb : ConfigMgrLogParser.DefaultMaxBytes;
        if (double.IsNaN(maxEntries) || maxEntries < 1) return ProbeResult.Unavailable($"'maxEntries' must be at least 1, not {FactValues.ToInvariantString(maxEntries)}.");
        if (double.IsNaN(maxBytes) || maxBytes < 1) return ProbeResult.Unavailable($"'maxBytes' must be at least 1, not {FactValues.ToInvariantString(maxBytes)}.");
        var parser = new ConfigMgrLogParser
        {
            MaxBytes = (long)Math.Min(maxBytes, ConfigMgrLogParser.DefaultMaxBytes),
            MaxEntries = (int)Math.Min(maxEntries, ConfigMgrLogParser.DefaultMaxEntries),
            Match = match,
        };
        return LogFiles.Read(files, parser, open, MatchTimeout, cancellationToken);
    }

    /// <summary>Applies <c>source</c>, <c>ids</c>, <c>since</c> and <c>max</c> to <paramref name="events"/>; <paramref name="now"/> is when the evidence was gathered.</summary>
    public static ProbeResult FilterEvents(ProbeCall call, IEnumerable<EventData> events, DateTimeOffset? now, string note)
    {
        var source = call.GetString("source");
        var ids = new HashSet<long>(call.GetStrings("ids").Select(i => double.TryParse(i, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) ? (long)d : -1));
        var since = FactValues.TryParseDuration(call.GetString("since") ?? "30d", out var window) ? window : TimeSpan.FromDays(30);
        var max = call.TryGetNumber("max", out var m) ? (int)Math.Max(1, Math.Min(m, 100_000)) : 500;
        var selected = events
            .Where(e => source is null || e.Source.Equals(source, StringComparison.OrdinalIgnoreCase))
            .Where(e => ids.Count == 0 || ids.Contains(e.Id))
            // An event without a time is kept: a time window over it is unknown, never silently empty.
            .Where(e => now is null || e.Time is null || e.Time >= now.Value - since)
            .OrderByDescending(e => e.Time ?? DateTimeOffset.MaxValue)
            .Take(max)
            .OrderBy(e => e.Time ?? DateTimeOffset.MaxValue)
            .Select(e => (object?)e.ToRecord())
            .ToArray();
        return ProbeResult.Found(selected, note);
    }
}
