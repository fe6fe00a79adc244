using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using PxeRules.Probes;
using PxeRules.Probes.FileSystem;

namespace PxeRules.Bundles;

internal sealed partial class BundleFacts
{
    private static readonly string[] WdsSources = { "WDSServer", "WDSPXE", "WDSTFTP", "WDSIMGSRV", "BINLSVC", "WDSMC" };
    private static readonly long[] ScmIds = { 7000, 7001, 7009, 7011, 7022, 7023, 7024, 7031, 7032, 7034 };
    private static readonly long[] ScmIds2003 = { 7000, 7001, 7023, 7024, 7031, 7034 };

    /// <summary>A folder the collector looked at for logs: where on the server, present or not, and the bundle folder of its copies.</summary>
    private sealed record LogOrigin(string Folder, bool Present, string? CopyFolder);

    private List<LogOrigin>? origins;

    private List<LogOrigin>? Origins()
    {
        if (origins is not null) return origins;
        if (Output("logs\\origins.txt") is not { Text: { } text }) return null;
        var list = new List<LogOrigin>();
        var lines = BundleText.Lines(text);
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Trim().Length == 0) continue;
            var parts = lines[i].Split('|');
            if (parts.Length != 4) throw new ParseFailure(new OutputFormatException("logs\\origins.txt", i + 1, "'NN|origin|folder|present' or '--|origin|folder|absent'", lines[i]).Message);
            var present = parts[3].Trim().Equals("present", StringComparison.OrdinalIgnoreCase);
            list.Add(new LogOrigin(parts[2].Trim().TrimEnd('\\'), present, present ? $"logs\\{parts[0].Trim()}-{parts[1].Trim()}" : null));
        }

        return origins = list;
    }

    /// <summary>Every copied log: the bundle entry and the path it had on the server.</summary>
    private IEnumerable<(EvidenceEntry Entry, string MachinePath)> LogCopies()
    {
        List<LogOrigin>? known;
        try
        {
            known = Origins();
        }
        catch (ParseFailure)
        {
            known = null;
        }

        foreach (var entry in Files.Entries)
        {
            if (!entry.Path.StartsWith(root + "logs\\", StringComparison.OrdinalIgnoreCase)) continue;
            var relative = entry.Path.Substring(root.Length);
            if (relative.Equals("logs\\origins.txt", StringComparison.OrdinalIgnoreCase)) continue;
            var folder = relative.Substring(0, relative.LastIndexOf('\\'));
            var origin = known?.FirstOrDefault(o => o.CopyFolder is not null && o.CopyFolder.Equals(folder, StringComparison.OrdinalIgnoreCase));
            yield return (entry, (origin?.Folder ?? folder) + "\\" + entry.Name);
        }
    }

    private ProbeResult LogEntries(ProbeCall call, CancellationToken cancellationToken)
    {
        var patterns = call.GetStrings("paths");
        if (patterns.Count == 0) return ProbeResult.Unavailable("The argument 'paths' was not given.");
        var known = Origins();
        if (known is null) return ProbeResult.Unavailable(NotCollected("The ConfigMgr logs (logs\\origins.txt and the copies)"));
        var copies = LogCopies().ToList();
        var files = new List<LogFile>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var lookedAt = new List<string>();
        var notLookedAt = new List<string>();
        foreach (var requested in patterns)
        {
            var expanded = Expand(requested, out _);
            if (expanded is null) continue; // a variable the server does not define names no place there
            var (folder, pattern) = EvidenceQueries.SplitPattern(expanded);
            var origin = known.FirstOrDefault(o => o.Folder.Equals(folder, StringComparison.OrdinalIgnoreCase));
            if (origin is null)
            {
                notLookedAt.Add(folder);
                continue;
            }

            lookedAt.Add(folder);
            if (!origin.Present) continue;
            foreach (var copy in copies.Where(c => c.Entry.Folder.Equals(root + origin.CopyFolder, StringComparison.OrdinalIgnoreCase) && Wildcard.IsMatch(pattern, c.Entry.Name)))
            {
                if (seen.Add(copy.Entry.Path)) files.Add(new LogFile(copy.MachinePath, $"{copy.MachinePath} (copied as {copy.Entry.Path})", copy.Entry.Path, copy.Entry.Modified));
            }
        }

        if (files.Count == 0)
        {
            if (lookedAt.Count > 0) return ProbeResult.NotFound($"No file matches in {string.Join(", ", lookedAt.Distinct(StringComparer.OrdinalIgnoreCase))}, where the collector looked on {ComputerName}.");
            return ProbeResult.Unavailable($"The collector did not look in {string.Join(", ", notLookedAt.Distinct(StringComparer.OrdinalIgnoreCase))} on {ComputerName} (logs\\origins.txt lists where it looked).");
        }

        return EvidenceQueries.ReadLogs(call, files, path => Files.Open(Files.Find(path)!), cancellationToken);
    }

    private ProbeResult EventLogEntries(ProbeCall call)
    {
        var log = call.GetString("log");
        var source = call.GetString("source");
        if (log is null) return ProbeResult.Unavailable("The argument 'log' was not given.");
        var ids = call.GetStrings("ids").Select(i => double.TryParse(i, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) ? (long)d : -1).ToList();
        // eventquery.vbs on Server 2003 (CSV per source or id), wevtutil from 2008 on (XML per query).
        var is2003 = IsServer2003;
        var files = new List<string>();
        if (log.Equals("Application", StringComparison.OrdinalIgnoreCase) && source is not null && WdsSources.Contains(source, StringComparer.OrdinalIgnoreCase))
        {
            files.Add(is2003 ? $"evt-application-{source}.csv" : "evt-application-wds.xml");
        }
        else if (log.Equals("System", StringComparison.OrdinalIgnoreCase) && source is not null && source.Equals("Service Control Manager", StringComparison.OrdinalIgnoreCase)
            && ids.Count > 0 && ids.All(i => (is2003 ? ScmIds2003 : ScmIds).Contains(i)))
        {
            if (is2003) files.AddRange(ids.Distinct().Select(i => $"evt-system-id{i}.csv"));
            else files.Add("evt-system-scm.xml");
        }
        else if (log.Equals("Microsoft-Windows-Deployment-Services-Diagnostics/Admin", StringComparison.OrdinalIgnoreCase))
        {
            files.Add("evt-wds-diagnostics-admin.xml");
        }
        else
        {
            return ProbeResult.Unavailable($"The collector does not export these events of the {log} log{(source is null ? string.Empty : " from " + source)}: it exports WDS sources of Application, Service Control Manager events {string.Join(", ", ScmIds)} of System and the WDS diagnostics channel (docs/bundle-format.md)");
        }

        var events = new List<EventData>();
        foreach (var name in files)
        {
            var output = Output(name);
            if (output is not null && !output.Succeeded && name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
            {
                output = Output(name.Substring(0, name.Length - 4) + "-plain.xml") ?? output;
            }

            if (output is null) return ProbeResult.Unavailable(NotCollected($"The events ({name})"));
            if (output.Record?.NotAvailable == true) return ProbeResult.Unavailable($"{name}: the event reader was not available on {ComputerName}: {output.Record.Note ?? output.Message}");
            if (!output.Succeeded) return ProbeResult.Unavailable($"{output.Path}: the export failed (exit {output.Record?.ExitText ?? "?"}): {output.Message}");
            var path = output.Path;
            var text = output.Text!;
            events.AddRange(path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
                ? Parse(path, () => EventText.ParseEventQueryCsv(text, path, Offset))
                : Parse(path, () => EventText.ParseWevtutil(text, path)));
        }

        return EvidenceQueries.FilterEvents(call, events, Started, $"from {string.Join(", ", files)}; the collector exports at most the newest 500 events per query");
    }
}
