using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using PxeRules.Probes;
using PxeRules.Probes.FileSystem;

namespace PxeRules.Bundles;

/// <summary>
/// Answers probe calls for one server from a folder of logs as it was sent (or its zip): ConfigMgr logs and event
/// exports under any file names, recognised by their content. <c>log.entries</c> is served from the logs whose kind
/// matches the file-name pattern at the end of each requested path (<c>SMSPXE*.lo?</c> takes the SMSPXE logs,
/// whatever folder the rule names); <c>eventlog.entries</c> from the WDS event exports. Every other fact is
/// unavailable ("not in the logs"), with the evidence that would decide it. Thread-safe.
/// </summary>
public sealed class LogsProbeProvider : IProbeProvider, IDisposable
{
    private const int HeadBytes = 64 * 1024;
    private static readonly IReadOnlyCollection<ProbeKind> ServedKinds =
        ProbeCatalog.Default.Kinds.Where(k => k.Name != DefaultProbeKinds.ReportedSymptoms.Name).ToArray();

    // The log each component writes (docs/probes.md, log forms): the kind is the file name a rule's pattern names.
    private static readonly (string Kind, Regex Content)[] LogKinds =
    {
        ("smspxe", Component("SMSPXE")),
        ("distmgr", Component("SMS_DISTRIBUTION_MANAGER")),
        ("smsdpprov", Component("SMSDPPROV")),
        ("smsts", Component("TSManager|TSMBootstrap|TSPxe|TSBootShell")),
    };

    // A component name where a log line puts it, not anywhere in prose: the CCM attribute, the SMS trace trailer, a
    // viewer copy's column (tab, or blanks before the date), the end of a message-and-component paste, the start of a
    // component-first paste.
    private static Regex Component(string names) => new(
        $@"component=""({names})""|\$\$<({names})>|	({names})	|\s({names})\s+\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|\s({names})\s*$|^({names})	",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Multiline);

    private readonly EvidenceFiles files;
    private readonly List<(EvidenceEntry Entry, string Kind)> logs;
    private readonly List<EventData> events;
    private readonly List<string> eventFiles;

    private LogsProbeProvider(EvidenceFiles files, string machineName, List<(EvidenceEntry, string)> logs, List<EventData> events, List<string> eventFiles, List<string> ignored)
    {
        this.files = files;
        this.logs = logs;
        this.events = events;
        this.eventFiles = eventFiles;
        Ignored = ignored;
        var roles = new List<string>();
        if (logs.Any(l => l.Item2 == "smspxe")) roles.Add(MachineRoles.PxeServicePoint);
        if (logs.Any(l => l.Item2 == "distmgr")) roles.Add(MachineRoles.SiteServer);
        Machine = new Machine(machineName, roles);
        Recognised = logs.Select(l => $"{l.Item1.Path}: {l.Item2}").Concat(eventFiles.Select(e => $"{e}: events")).ToArray();
    }

    /// <summary>
    /// The server, named as given (or after the folder), with the roles its logs show as a hint: <c>pxe-service-point</c>
    /// when SMSPXE logs are present, <c>site-server</c> when distmgr logs are.
    /// </summary>
    public Machine Machine { get; }

    /// <summary>The time of the newest entry or event (the evidence was gathered after it), or <see langword="null"/> when none has a time.</summary>
    public DateTimeOffset? NewestEntry { get; private set; }

    /// <summary>What each recognised file was taken for, as <c>path: kind</c>.</summary>
    public IReadOnlyList<string> Recognised { get; }

    /// <summary>Files that are not a log or an export this reader knows, each with the reason; their content answers nothing.</summary>
    public IReadOnlyList<string> Ignored { get; }

    /// <summary>The folder or zip.</summary>
    public string Source => files.Source;

    /// <inheritdoc />
    public IReadOnlyCollection<ProbeKind> Kinds => ServedKinds;

    /// <summary>Opens a folder of logs, or a zip of one, read in place.</summary>
    /// <param name="path">The folder or zip.</param>
    /// <param name="machineName">The server the logs are from; default the folder's (or zip's) name.</param>
    /// <exception cref="InvalidDataException">An entry climbs out, is a link, a zip bomb, too many or too large files, a binary file, or an event export that is not well formed. The message names the file.</exception>
    /// <exception cref="IOException">The folder or zip cannot be read.</exception>
    public static LogsProbeProvider Open(string path, string? machineName = null) => Open(path, machineName, EvidenceLimits.Default);

    internal static LogsProbeProvider Open(string path, string? machineName, EvidenceLimits limits)
    {
        if (string.IsNullOrEmpty(path)) throw new ArgumentException("A path is needed.", nameof(path));
        var name = string.IsNullOrWhiteSpace(machineName) ? Path.GetFileNameWithoutExtension(Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar, '/')) : machineName!.Trim();
        var files = EvidenceFiles.Open(path, limits);
        try
        {
            var logs = new List<(EvidenceEntry, string)>();
            var events = new List<EventData>();
            var eventFiles = new List<string>();
            var ignored = new List<string>();
            foreach (var entry in files.Entries)
            {
                if (entry.Length > limits.MaxLogBytes) throw new InvalidDataException($"'{DisplayText.Escape(entry.Path)}' in {path} is {entry.Length} bytes; a log is read up to {limits.MaxLogBytes} bytes.");
                var head = Head(files, entry);
                if (LooksBinary(head))
                {
                    var hint = entry.Name.EndsWith(".evtx", StringComparison.OrdinalIgnoreCase) || entry.Name.EndsWith(".evt", StringComparison.OrdinalIgnoreCase)
                        ? " Export the events as text: wevtutil qe <log> /lf:true /f:RenderedXml on 2008, or eventquery.vbs /fo csv on 2003."
                        : string.Empty;
                    throw new InvalidDataException($"'{DisplayText.Escape(entry.Path)}' in {path} is not text (it holds NUL or control bytes); a folder of logs holds text logs and event exports only.{hint}");
                }

                var text = Decode(head);
                var trimmed = text.TrimStart('\uFEFF', ' ', '\r', '\n', '\t');
                if (trimmed.StartsWith("<Event", StringComparison.Ordinal) || trimmed.StartsWith("<?xml", StringComparison.Ordinal) && trimmed.IndexOf("<Event", StringComparison.Ordinal) >= 0)
                {
                    events.AddRange(EventText.ParseWevtutil(ReadText(files, entry, limits), entry.Path));
                    eventFiles.Add(entry.Path);
                    continue;
                }

                if (trimmed.StartsWith("\"Type\",\"Event\"", StringComparison.OrdinalIgnoreCase))
                {
                    events.AddRange(EventText.ParseEventQueryCsv(ReadText(files, entry, limits), entry.Path, TimeSpan.Zero));
                    eventFiles.Add(entry.Path);
                    continue;
                }

                var kind = Recognise(text, entry.Name);
                if (kind is null)
                {
                    ignored.Add($"{entry.Path}: neither an SMSPXE, distmgr, smsts or SMSdpprov log nor a wevtutil or eventquery export");
                    continue;
                }

                logs.Add((entry, kind));
            }

            var provider = new LogsProbeProvider(files, name, logs, events, eventFiles, ignored);
            provider.NewestEntry = provider.FindNewest();
            return provider;
        }
        catch (OutputFormatException ex)
        {
            files.Dispose();
            throw new InvalidDataException(ex.Message);
        }
        catch
        {
            files.Dispose();
            throw;
        }
    }

    private static string? Recognise(string text, string fileName)
    {
        // By content: the component names on the lines; the most frequent wins (a paste may quote another component).
        var best = LogKinds.Select(k => (k.Kind, Count: k.Content.Matches(text).Count)).OrderByDescending(k => k.Count).First();
        if (best.Count > 0) return best.Kind;
        // By name: a message-only paste of an SMSPXE.log keeps its file name.
        var lower = fileName.ToLowerInvariant();
        return LogKinds.Select(k => k.Kind).FirstOrDefault(k => lower.StartsWith(k, StringComparison.Ordinal));
    }

    private static byte[] Head(EvidenceFiles files, EvidenceEntry entry)
    {
        using var stream = files.Open(entry);
        var buffer = new byte[(int)Math.Min(HeadBytes, Math.Max(0, entry.Length))];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0) total += read;
        if (total < buffer.Length) Array.Resize(ref buffer, total);
        return buffer;
    }

    private static bool LooksBinary(byte[] head)
    {
        if (head.Length >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF))) return false;
        var nuls = 0;
        var odd = 0;
        var controls = 0;
        for (var i = 0; i < head.Length; i++)
        {
            var b = head[i];
            if (b == 0)
            {
                nuls++;
                if (i % 2 == 1) odd++;
            }
            else if (b < 0x20 && b != '\r' && b != '\n' && b != '\t' && b != '\f') controls++;
        }

        // UTF-16LE text without a byte-order mark: the NULs are the high bytes of ASCII characters.
        if (nuls > 0 && odd * 10 >= nuls * 9 && odd * 3 >= head.Length / 2) return controls * 20 > head.Length;
        // ConfigMgr logs left by a crash may hold a run of NULs; a few are text, many are not.
        return nuls * 10 > head.Length || controls * 20 > head.Length;
    }

    private static string Decode(byte[] bytes)
    {
        if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE) return Encoding.Unicode.GetString(bytes, 2, (bytes.Length - 2) & ~1);
        if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF) return Encoding.BigEndianUnicode.GetString(bytes, 2, (bytes.Length - 2) & ~1);
        if (bytes.Length >= 2 && bytes[1] == 0 && bytes[0] != 0) return Encoding.Unicode.GetString(bytes, 0, bytes.Length & ~1);
        return Encoding.UTF8.GetString(bytes);
    }

    private static string ReadText(EvidenceFiles files, EvidenceEntry entry, EvidenceLimits limits) => Decode(files.ReadAll(entry, limits.MaxTextBytes));

    private DateTimeOffset? FindNewest()
    {
        DateTimeOffset? newest = events.Where(e => e.Time is not null).Select(e => e.Time).DefaultIfEmpty(null).Max();
        foreach (var (entry, _) in logs)
        {
            var parser = new ConfigMgrLogParser { MaxEntries = 50, MaxBytes = 1L << 20 };
            try
            {
                using var stream = files.Open(entry);
                var read = parser.ReadLog(stream);
                var time = read.Entries.Where(e => e.Time is not null).Select(e => e.Time).DefaultIfEmpty(null).Max();
                if (time is not null && (newest is null || time > newest)) newest = time;
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException)
            {
                // The read in log.entries reports the failure with the call that needs the file.
            }
        }

        return newest;
    }

    /// <inheritdoc />
    public Task<ProbeResult> ProbeAsync(ProbeCall call, CancellationToken cancellationToken)
    {
        if (call is null) throw new ArgumentNullException(nameof(call));
        if (!call.Machine.Equals(Machine))
        {
            return Task.FromResult(ProbeResult.Unavailable($"{call.Describe()} on {call.Machine.Name}: the logs in {Source} are of {Machine.Name} only."));
        }

        ProbeResult result;
        try
        {
            result = call.Kind switch
            {
                "log.entries" => LogEntries(call, cancellationToken),
                "eventlog.entries" => EventLogEntries(call),
                _ => NotInTheLogs(call),
            };
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            result = ProbeResult.Unavailable($"{call.Describe()} cannot be read from {Source}: {ex.Message}");
        }

        return Task.FromResult(result);
    }

    private ProbeResult NotInTheLogs(ProbeCall call) =>
        ProbeResult.Unavailable($"{call.Describe()} is not in the logs ({Source}): a bundle from collect-pxe.cmd or a snapshot (pxerules collect) of {Machine.Name} would decide it");

    private ProbeResult LogEntries(ProbeCall call, CancellationToken cancellationToken)
    {
        var patterns = call.GetStrings("paths");
        if (patterns.Count == 0) return ProbeResult.Unavailable("The argument 'paths' was not given.");
        var chosen = new List<LogFile>();
        var wanted = new List<string>();
        foreach (var requested in patterns)
        {
            var (_, pattern) = EvidenceQueries.SplitPattern(requested);
            var kind = LogKinds.Select(k => k.Kind).FirstOrDefault(k => pattern.StartsWith(k, StringComparison.OrdinalIgnoreCase));
            if (kind is null) continue;
            wanted.Add(pattern);
            foreach (var (entry, _) in logs.Where(l => l.Kind == kind))
            {
                if (chosen.All(c => c.Local != entry.Path)) chosen.Add(new LogFile(entry.Path, $"{entry.Path} in {Source}", entry.Path, entry.Modified));
            }
        }

        if (chosen.Count == 0)
        {
            var names = wanted.Count == 0 ? string.Join(", ", patterns.Select(p => EvidenceQueries.SplitPattern(p).Pattern).Distinct()) : string.Join(", ", wanted.Distinct());
            return ProbeResult.Unavailable($"No log matching {names} is in the logs ({Source}): a bundle from collect-pxe.cmd, a snapshot, or that log added to the folder would decide it");
        }

        return EvidenceQueries.ReadLogs(call, chosen, local => files.Open(files.Find(local)!), cancellationToken);
    }

    private ProbeResult EventLogEntries(ProbeCall call)
    {
        if (eventFiles.Count == 0) return NotInTheLogs(call);
        var log = call.GetString("log");
        var inLog = events.Where(e => e.Log is null || log is null || e.Log.Equals(log, StringComparison.OrdinalIgnoreCase));
        return EvidenceQueries.FilterEvents(call, inLog, NewestEntry, $"from {string.Join(", ", eventFiles)}; the exports hold only the events that were exported");
    }

    /// <summary>Closes the zip, when the logs are in one.</summary>
    public void Dispose() => files.Dispose();
}
