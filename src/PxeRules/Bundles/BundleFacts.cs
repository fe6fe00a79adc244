using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using PxeRules.Probes;

namespace PxeRules.Bundles;

/// <summary>The output of one command in the bundle: its text (decoded), its manifest record and its standard error.</summary>
internal sealed class CommandOutput
{
    public string Path { get; init; } = string.Empty;

    public ManifestFile? Record { get; init; }

    /// <summary>The standard output; null when the bundle has the record but not the file.</summary>
    public string? Text { get; init; }

    public string? Stderr { get; init; }

    public int? Exit => Record?.Exit;

    /// <summary>Whether the command ran without error: exit 0, or no record to say otherwise.</summary>
    public bool Succeeded => Record is null ? Text is not null : Record.Exit == 0 && Text is not null;

    /// <summary>The first non-blank line of standard error, or of the output when stderr is empty.</summary>
    public string Message =>
        FirstLine(Stderr) ?? FirstLine(Text) ?? (Record?.NotAvailable == true ? "the program is not on the server" : "no message");

    private static string? FirstLine(string? text) =>
        text is null ? null : BundleText.Lines(text).Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) is { } line ? DisplayText.Escape(line.Length > 200 ? line.Substring(0, 197) + "..." : line) : null;
}

/// <summary>The facts of a bundle, each file parsed once on first use. Thread-safe.</summary>
internal sealed partial class BundleFacts
{
    private static readonly string[] OutputPrefixes = { "ver", "systeminfo", "env-set", "reg-", "sc-", "net-", "wmic-", "wdsutil-", "dir-", "attrib-", "cacls-", "icacls-", "evt-" };

    private readonly string root;
    private readonly Dictionary<string, string> texts = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Lazy<object>> parsed = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> variables = new(StringComparer.OrdinalIgnoreCase);

    public BundleFacts(EvidenceFiles files, EvidenceLimits limits)
    {
        Files = files;
        Limits = limits;
        var manifests = files.Entries.Where(e => e.Name.Equals(BundleManifest.FileName, StringComparison.OrdinalIgnoreCase)).ToList();
        var top = manifests.Where(m => m.Folder.Length == 0).ToList();
        var chosen = top.Count == 1 ? top[0] : manifests.Count(m => m.Folder.IndexOf('\\') < 0) == 1 ? manifests.First(m => m.Folder.IndexOf('\\') < 0) : null;
        if (chosen is null)
        {
            throw new InvalidDataException(manifests.Count == 0
                ? $"{files.Source} is not a bundle from collect-pxe.cmd: it has no {BundleManifest.FileName}. For a folder of logs, use --logs."
                : $"{files.Source} holds {manifests.Count} files named {BundleManifest.FileName} in different folders; give one bundle at a time.");
        }

        root = chosen.Folder.Length == 0 ? string.Empty : chosen.Folder + "\\";
        var manifestText = BundleText.Decode(files.ReadAll(chosen, limits.MaxTextBytes), BundleManifest.FileName, 437);
        try
        {
            Manifest = BundleManifest.Parse(manifestText);
        }
        catch (OutputFormatException ex)
        {
            // Without its manifest no file of the bundle can be placed: the whole input is refused, naming the line.
            throw new InvalidDataException($"{files.Source}: {ex.Message}", ex);
        }
        ComputerName = Manifest.Computer.Length > 0 ? Manifest.Computer : throw new InvalidDataException($"{BundleManifest.FileName} in {files.Source} names no computer ('computer=').");

        foreach (var entry in files.Entries)
        {
            if (!entry.Path.StartsWith(root, StringComparison.OrdinalIgnoreCase)) continue;
            var relative = entry.Path.Substring(root.Length);
            var isStderr = relative.StartsWith("stderr\\", StringComparison.OrdinalIgnoreCase);
            var isOrigins = relative.Equals("logs\\origins.txt", StringComparison.OrdinalIgnoreCase);
            if (!isStderr && !isOrigins && (relative.IndexOf('\\') >= 0 || !OutputPrefixes.Any(p => relative.StartsWith(p, StringComparison.OrdinalIgnoreCase)))) continue;
            texts[relative] = BundleText.Decode(files.ReadAll(entry, limits.MaxTextBytes), relative, Manifest.OemCodePage);
        }

        ReadVariables();
    }

    public EvidenceFiles Files { get; }

    public EvidenceLimits Limits { get; }

    public BundleManifest Manifest { get; }

    public string ComputerName { get; }

    public DateTimeOffset? Started => Manifest.Started;

    /// <summary>The server's offset from UTC when collecting, from <c>started</c>.</summary>
    public TimeSpan Offset => Manifest.Started?.Offset ?? TimeSpan.Zero;

    private string NotCollected(string what) =>
        $"{what}: not in the bundle of {ComputerName} ({(Manifest.Collector.Length > 0 ? Manifest.Collector : "collector unknown")}); run collect-pxe.cmd 1.0 or later as an administrator on the server";

    /// <summary>The command output of <paramref name="path"/>, or null when the bundle has neither the file nor its record.</summary>
    public CommandOutput? Output(string path)
    {
        var record = Manifest.File(path);
        texts.TryGetValue(path, out var text);
        if (record is null && text is null) return null;
        firstRead ??= path;
        string? stderr = null;
        var stderrPath = record?.Stderr ?? "stderr\\" + path.Replace('\\', '_') + ".err";
        texts.TryGetValue(stderrPath, out stderr);
        return new CommandOutput { Path = path, Record = record, Text = text, Stderr = stderr };
    }

    /// <summary>Parses a file once; the parse (or its failure) is kept.</summary>
    private T Parse<T>(string key, Func<T> parse)
        where T : class
    {
        var lazy = parsed.GetOrAdd(key, _ => new Lazy<object>(() =>
        {
            try
            {
                return parse();
            }
            catch (OutputFormatException ex)
            {
                return ex;
            }
        }, LazyThreadSafetyMode.ExecutionAndPublication));
        return lazy.Value is OutputFormatException failure ? throw new ParseFailure(failure.Message) : (T)lazy.Value;
    }

    // The first command output a probe call read: where its answer comes from, for reports (SARIF locations).
    [ThreadStatic]
    private static string? firstRead;

    public ProbeResult Probe(ProbeCall call, CancellationToken cancellationToken)
    {
        firstRead = null;
        var result = Answer(call, cancellationToken);
        var read = firstRead;
        firstRead = null;
        if (read is null) return result;

        // The command output in the bundle folder; a zip's entry cannot be opened by a path, so the zip itself.
        var file = Directory.Exists(Files.Source) ? Path.Combine(Files.Source, (root + read).Replace('\\', Path.DirectorySeparatorChar)) : Files.Source;
        return result.From(new Model.SourceLocation(file, 0, 0));
    }

    private ProbeResult Answer(ProbeCall call, CancellationToken cancellationToken)
    {
        try
        {
            return call.Kind switch
            {
                "service" => Service(call),
                "registry.value" => RegistryValue(call),
                "registry.key" => RegistryKey(call),
                "share" => Share(call),
                "folder" => Folder(call),
                "folder.entries" => FolderEntries(call),
                "file" => File(call),
                "os" => OperatingSystem(),
                "installed.products" => InstalledProducts(call),
                "installed.update" => InstalledUpdate(call),
                "environment.path" => EnvironmentPath(call),
                "wds" => Wds(),
                "configmgr.pxe" => ConfigMgrPxe(),
                "configmgr.site" => ConfigMgrSite(),
                "eventlog.entries" => EventLogEntries(call),
                "log.entries" => LogEntries(call, cancellationToken),
                "windows.feature" => WindowsFeature(call),
                "dhcp.options" => DhcpOptions(),
                "configmgr.pxeServicePoints" or "configmgr.pxePackages" or "configmgr.duplicateSmbiosGuids" => ProbeResult.Unavailable(
                    $"{call.Kind} is read from the site database through the SMS Provider, which a bundle of {ComputerName} does not hold: add a snapshot of the site server (pxerules collect on it) with --snapshot"),
                _ => ProbeResult.Unavailable($"{call.Kind} is not read from bundles."),
            };
        }
        catch (ParseFailure failure)
        {
            return ProbeResult.Unavailable(failure.Message);
        }
    }

    /// <summary>A parse failure kept from an earlier call: its message names the file and line.</summary>
    private sealed class ParseFailure : Exception
    {
        public ParseFailure(string message)
            : base(message)
        {
        }
    }

    /// <summary>The roles the bundle's files show.</summary>
    public IEnumerable<string> Roles()
    {
        var roles = new List<string>();
        bool Is(Func<ProbeResult> probe)
        {
            try
            {
                return probe().Status == ProbeStatus.Value;
            }
            catch (Exception ex) when (ex is ParseFailure or OutputFormatException)
            {
                return false;
            }
        }

        var smspxeLogs = LogCopies().Any(c => c.Entry.Name.StartsWith("SMSPXE", StringComparison.OrdinalIgnoreCase));
        if (smspxeLogs || (Is(ConfigMgrPxe) && ConfigMgrPxe().Value is IReadOnlyDictionary<string, object?> pxe && pxe.TryGetValue("providerRegistered", out var registered) && registered is true))
        {
            roles.Add(MachineRoles.PxeServicePoint);
        }

        if (Is(() => Share(new ProbeCall(new Machine(ComputerName), "share", new Dictionary<string, object?> { ["name"] = "SMSPXEIMAGES$" }))))
        {
            roles.Add(MachineRoles.DistributionPoint);
        }

        if (Is(ConfigMgrSite) || LogCopies().Any(c => c.Entry.Name.StartsWith("distmgr", StringComparison.OrdinalIgnoreCase)))
        {
            roles.Add(MachineRoles.SiteServer);
        }

        if (Is(() => Service(new ProbeCall(new Machine(ComputerName), "service", new Dictionary<string, object?> { ["name"] = "DHCPServer" }))))
        {
            roles.Add(MachineRoles.DhcpServer);
        }

        return roles;
    }

    // ---- variables and paths ------------------------------------------------------------------------------------

    private void ReadVariables()
    {
        if (Output("env-set.txt") is { Text: { } set })
        {
            foreach (var line in BundleText.Lines(set))
            {
                var eq = line.IndexOf('=');
                if (eq <= 0 || line.StartsWith("PXR_", StringComparison.OrdinalIgnoreCase)) continue;
                variables[line.Substring(0, eq)] = line.Substring(eq + 1);
            }
        }

        foreach (var name in new[] { "SystemRoot", "ProgramFiles", "ProgramFiles(x86)", "TEMP" })
        {
            if (Manifest.Get(name) is { } value) variables[name] = value;
        }

        if (variables.TryGetValue("SystemRoot", out var systemRoot))
        {
            variables["windir"] = systemRoot;
            if (!variables.ContainsKey("SystemDrive") && systemRoot.Length >= 2 && systemRoot[1] == ':') variables["SystemDrive"] = systemRoot.Substring(0, 2);
        }

        // %WdsTemp%: the temp folder of LocalSystem, which runs WDS: the machine's TEMP (Session Manager\Environment).
        string? machineTemp = null;
        try
        {
            if (Registry("HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment", out _)?.Value("TEMP") is { Data: string temp })
            {
                machineTemp = Expand(temp, out _);
            }
        }
        catch (Exception ex) when (ex is ParseFailure or OutputFormatException)
        {
            machineTemp = null;
        }

        if (machineTemp is not null) variables["WdsTemp"] = machineTemp;
        else if (systemRoot is not null) variables["WdsTemp"] = systemRoot + "\\Temp";
    }

    /// <summary>Expands <c>%name%</c> with the server's variables; null with the name of the first one it does not define.</summary>
    public string? Expand(string path, out string? missing)
    {
        missing = null;
        string? undefined = null;
        var result = Regex.Replace(path, "%([^%]+)%", m =>
        {
            if (variables.TryGetValue(m.Groups[1].Value, out var value)) return value;
            undefined ??= m.Groups[1].Value;
            return m.Value;
        });
        missing = undefined;
        return missing is null ? result : null;
    }

    private ProbeResult? ExpandArgument(ProbeCall call, string argument, out string expanded)
    {
        expanded = string.Empty;
        var raw = call.GetString(argument);
        if (raw is null) return ProbeResult.Unavailable($"The argument '{argument}' was not given.");
        var result = Expand(raw, out var missing);
        if (result is null) return ProbeResult.Unavailable($"%{missing}% is not defined in the bundle of {ComputerName} (manifest header and env-set.txt).");
        expanded = result.TrimEnd('\\');
        return null;
    }

    private ProbeResult EnvironmentPath(ProbeCall call) =>
        ExpandArgument(call, "path", out var expanded) ?? ProbeResult.Found(expanded);

    // ---- operating system ---------------------------------------------------------------------------------------

    private ProbeResult OperatingSystem()
    {
        Dictionary<string, string>? os = null;
        if (Output("wmic-os-value.txt") is { Succeeded: true, Text: { } value })
        {
            os = Parse("wmic-os-value.txt", () => WmicText.ParseValue(value, "wmic-os-value.txt")).FirstOrDefault();
        }

        if (os is null && Output("wmic-os.csv") is { Succeeded: true, Text: { } csv })
        {
            os = Parse("wmic-os.csv", () => WmicText.ParseCsv(csv, "wmic-os.csv", "Caption")).FirstOrDefault();
        }

        var record = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (os is not null)
        {
            Put(record, "caption", os.TryGetValue("Caption", out var caption) ? caption : null);
            if (os.TryGetValue("Version", out var version) && FactValues.TryParseVersion(version, out var v)) record["version"] = v;
            Put(record, "servicePack", os.TryGetValue("CSDVersion", out var sp) ? sp : null);
            if (os.TryGetValue("ProductType", out var type))
            {
                Put(record, "productType", type.Trim() switch { "1" => "Workstation", "2" => "DomainController", "3" => "Server", _ => null });
            }
        }
        else if (Registry("HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion", out _) is { } current)
        {
            Put(record, "caption", current.Value("ProductName")?.Data as string);
            if (current.Value("CurrentVersion")?.Data is string cv && current.Value("CurrentBuildNumber")?.Data is string build
                && FactValues.TryParseVersion(cv + "." + build, out var rv))
            {
                record["version"] = rv;
            }

            Put(record, "servicePack", current.Value("CSDVersion")?.Data as string);
        }
        else if (Output("ver.txt") is { Text: { } ver } && Regex.Match(ver, @"\[[^\]]*?(\d+\.\d+\.\d+)") is { Success: true } m && FactValues.TryParseVersion(m.Groups[1].Value, out var vv))
        {
            record["version"] = vv;
        }
        else
        {
            return ProbeResult.Unavailable(NotCollected("The operating system (wmic-os-value.txt, wmic-os.csv, reg-windows-nt-currentversion.txt, ver.txt)"));
        }

        if (Manifest.Get("PROCESSOR_ARCHITECTURE") is not null) record["architecture"] = Manifest.Architecture;
        return ProbeResult.Found(record);
    }

    internal bool IsServer2003 =>
        Manifest.Get("ver") is { } ver && ver.IndexOf("[Version 5.", StringComparison.OrdinalIgnoreCase) >= 0 ||
        IsServer2003ByOs;

    private bool IsServer2003ByOs =>
        OperatingSystem() is { Status: ProbeStatus.Value, Value: IReadOnlyDictionary<string, object?> os } && os.TryGetValue("version", out var v) && v is Version version && version.Major == 5;

    private ProbeResult WindowsFeature(ProbeCall call)
    {
        if (IsServer2003) return ProbeResult.NotFound("Windows Server 2003 has no Server Manager features.");
        return ProbeResult.Unavailable($"windows.feature({call.GetString("name")}) is not collected by collect-pxe.cmd 1.0 (Server Manager features need WMI Win32_ServerFeature): run pxerules collect on the server, or a later collector");
    }

    private ProbeResult DhcpOptions()
    {
        var service = Service(new ProbeCall(new Machine(ComputerName), "service", new Dictionary<string, object?> { ["name"] = "DHCPServer" }));
        if (service.Status == ProbeStatus.NotFound) return ProbeResult.NotFound("The DHCP Server service is not installed.");
        return ProbeResult.Unavailable("DHCP scope options are not collected: they are read through the DHCP server API, which no in-box command of Server 2003 prints in full; run pxerules collect, or export them with netsh dhcp server dump");
    }

    // ---- services -----------------------------------------------------------------------------------------------

    private ProbeResult Service(ProbeCall call)
    {
        var name = call.GetString("name");
        if (string.IsNullOrEmpty(name)) return ProbeResult.Unavailable("The argument 'name' was not given.");
        var tag = name!.ToLowerInvariant();
        var queryex = Output($"sc-queryex-{tag}.txt") ?? Output($"sc-queryex-dep-{name}.txt");
        var qc = Output($"sc-qc-{tag}.txt") ?? Output($"sc-qc-dep-{name}.txt");
        ServiceData? service = null;
        foreach (var output in new[] { queryex, qc })
        {
            if (output is null) continue;
            if (output.Record?.NotAvailable == true) return ProbeResult.Unavailable($"sc.exe was not available on {ComputerName} ({output.Path}).");
            var code = output.Exit ?? (output.Text is null ? null : ServiceText.FailureCode(output.Text));
            if (code == 1060 || (output.Text is not null && ServiceText.FailureCode(output.Text) == 1060))
            {
                return ProbeResult.NotFound($"No service {name} on {ComputerName} ({output.Path}: error 1060).");
            }

            if (!output.Succeeded)
            {
                return ProbeResult.Unavailable($"{output.Path}: sc failed (exit {output.Record?.ExitText ?? "?"}): {output.Message}");
            }

            var found = Parse(output.Path, () => ServiceText.Parse(output.Text!, output.Path)).FirstOrDefault(s => s.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (found is null) continue;
            service ??= new ServiceData { Name = found.Name };
            service.DisplayName ??= found.DisplayName;
            service.State ??= found.State;
            service.StartMode ??= found.StartMode;
            service.Account ??= found.Account;
        }

        if (service is not null) return ProbeResult.Found(service.ToRecord());
        if (Output("sc-queryex-all.txt") is { Succeeded: true, Text: { } all })
        {
            var listed = Parse("sc-queryex-all.txt", () => ServiceText.Parse(all, "sc-queryex-all.txt"));
            var match = listed.FirstOrDefault(s => s.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (match is not null) return ProbeResult.Found(match.ToRecord());
            if (listed.Count > 0) return ProbeResult.NotFound($"No service {name} in the list of every service of {ComputerName} (sc-queryex-all.txt).");
        }

        return ProbeResult.Unavailable(NotCollected($"The service {name} (sc-queryex-{tag}.txt, sc-queryex-all.txt)"));
    }

    // ---- shares -------------------------------------------------------------------------------------------------

    private ProbeResult Share(ProbeCall call)
    {
        var name = call.GetString("name");
        if (string.IsNullOrEmpty(name)) return ProbeResult.Unavailable("The argument 'name' was not given.");
        ShareData? share = null;
        string? notFoundIn = null;
        if (Output("wmic-share.csv") is { Succeeded: true, Text: { } csv })
        {
            var rows = Parse("wmic-share.csv", () => WmicText.ParseCsv(csv, "wmic-share.csv", "Description"));
            var row = rows.FirstOrDefault(r => r.TryGetValue("Name", out var n) && n.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (row is not null) share = new ShareData { Name = row["Name"], Path = row.TryGetValue("Path", out var p) && p.Length > 0 ? p : null, Remark = row.TryGetValue("Description", out var d) ? d : string.Empty };
            else if (rows.Count > 0) notFoundIn = "wmic-share.csv";
        }

        if (share is null && notFoundIn is null && Registry("HKLM\\SYSTEM\\CurrentControlSet\\Services\\LanmanServer\\Shares", out _) is { } sharesKey)
        {
            var shares = ShareText.FromRegistry(sharesKey);
            share = shares.FirstOrDefault(s => s.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (share is null) notFoundIn = "reg-lanmanserver-shares.txt";
        }

        var netFile = "net-share-" + name!.TrimEnd('$').ToLowerInvariant() + ".txt";
        if (share is null && notFoundIn is null && Output(netFile) is { } net)
        {
            if (net.Succeeded) share = Parse(netFile, () => ShareText.ParseNetShare(net.Text!, netFile));
            else if ((net.Stderr ?? net.Text ?? string.Empty).IndexOf(ShareText.NoSuchShareMessage, StringComparison.OrdinalIgnoreCase) >= 0) notFoundIn = netFile;
            else return ProbeResult.Unavailable($"{netFile}: net share failed (exit {net.Record?.ExitText ?? "?"}): {net.Message}");
        }

        if (share is null)
        {
            return notFoundIn is null
                ? ProbeResult.Unavailable(NotCollected($"The share {name} (wmic-share.csv, reg-lanmanserver-shares.txt, {netFile})"))
                : ProbeResult.NotFound($"No share {name} on {ComputerName} ({notFoundIn}).");
        }

        var record = new Dictionary<string, object?>(StringComparer.Ordinal) { ["name"] = share.Name };
        Put(record, "path", share.Path);
        if (share.Path is not null && FolderExists(share.Path) is { } exists) record["pathExists"] = exists;
        record["remark"] = share.Remark ?? string.Empty;
        return ProbeResult.Found(record);
    }

    // ---- installed software ---------------------------------------------------------------------------------------

    private List<(string Key, RegKeyData Entry)> UninstallEntries(out string? unavailable)
    {
        unavailable = null;
        var entries = new List<(string, RegKeyData)>();
        var roots = new List<string> { "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall" };
        if (Manifest.Is64Bit) roots.Add("HKLM\\SOFTWARE\\Wow6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall");
        foreach (var rootKey in roots)
        {
            var data = RegistryRoot(rootKey, out var reason);
            if (data is null)
            {
                unavailable = reason;
                continue;
            }

            foreach (var key in data.Keys.Where(k => k.Path.StartsWith(rootKey + "\\", StringComparison.OrdinalIgnoreCase) && k.Path.IndexOf('\\', rootKey.Length + 1) < 0))
            {
                entries.Add((key.Path.Substring(rootKey.Length + 1), key));
            }
        }

        return entries;
    }

    private ProbeResult InstalledProducts(ProbeCall call)
    {
        var pattern = call.GetString("name");
        if (pattern is null) return ProbeResult.Unavailable("The argument 'name' was not given.");
        Regex regex;
        try
        {
            regex = new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException ex)
        {
            return ProbeResult.Unavailable($"'name' is not a valid regular expression: {ex.Message}");
        }

        var entries = UninstallEntries(out var unavailable);
        if (unavailable is not null) return ProbeResult.Unavailable(unavailable);
        var products = new List<object?>();
        foreach (var (_, entry) in entries)
        {
            if (entry.Value("DisplayName")?.Data is not string name || !regex.IsMatch(name)) continue;
            var record = new Dictionary<string, object?>(StringComparer.Ordinal) { ["name"] = name };
            if (entry.Value("DisplayVersion")?.Data is string dv && FactValues.TryParseVersion(dv.Trim(), out var version)) record["version"] = version;
            Put(record, "publisher", entry.Value("Publisher")?.Data as string);
            if (entry.Value("InstallDate")?.Data is string date && DateTime.TryParseExact(date, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var installed))
            {
                record["installDate"] = new DateTimeOffset(installed, TimeSpan.Zero);
            }

            products.Add(record);
        }

        return ProbeResult.Found(products.OrderBy(p => (string)((Dictionary<string, object?>)p!)["name"]!, StringComparer.OrdinalIgnoreCase).ToArray());
    }

    private ProbeResult InstalledUpdate(ProbeCall call)
    {
        var kb = call.GetString("kb");
        if (string.IsNullOrEmpty(kb)) return ProbeResult.Unavailable("The argument 'kb' was not given.");
        var qfe = Output("wmic-qfe.csv");
        if (qfe is { Succeeded: true, Text: { } csv })
        {
            var rows = Parse("wmic-qfe.csv", () => WmicText.ParseCsv(csv, "wmic-qfe.csv"));
            var row = rows.FirstOrDefault(r => r.TryGetValue("HotFixID", out var id) && id.Trim().Equals(kb, StringComparison.OrdinalIgnoreCase));
            if (row is not null)
            {
                var record = new Dictionary<string, object?>(StringComparer.Ordinal) { ["kb"] = kb };
                if (row.TryGetValue("InstalledOn", out var on) && InstalledOn(on) is { } date) record["installedOn"] = date;
                return ProbeResult.Found(record);
            }
        }

        var entries = UninstallEntries(out var unavailable);
        var number = kb!.StartsWith("KB", StringComparison.OrdinalIgnoreCase) ? kb.Substring(2) : kb;
        if (unavailable is null)
        {
            var entry = entries.FirstOrDefault(e => e.Key.IndexOf("KB" + number, StringComparison.OrdinalIgnoreCase) >= 0
                || (e.Entry.Value("DisplayName")?.Data as string)?.IndexOf("KB" + number, StringComparison.OrdinalIgnoreCase) >= 0);
            if (entry.Entry is not null) return ProbeResult.Found(new Dictionary<string, object?>(StringComparer.Ordinal) { ["kb"] = kb });
        }

        if (qfe is { Succeeded: true } && unavailable is null) return ProbeResult.NotFound($"{kb} is neither in wmic-qfe.csv nor in the uninstall entries of {ComputerName}.");
        return ProbeResult.Unavailable(NotCollected($"The installed updates (wmic-qfe.csv, reg-uninstall.txt) to tell whether {kb} is installed"));
    }

    private static DateTimeOffset? InstalledOn(string text)
    {
        text = text.Trim();
        if (DateTime.TryParseExact(text, new[] { "M/d/yyyy", "yyyyMMdd" }, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return new DateTimeOffset(date, TimeSpan.Zero);
        if (text.Length == 16 && long.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var fileTime) && fileTime > 0)
        {
            try
            {
                return new DateTimeOffset(DateTime.FromFileTimeUtc(fileTime));
            }
            catch (ArgumentOutOfRangeException)
            {
                return null;
            }
        }

        return null;
    }

    private static void Put(Dictionary<string, object?> record, string name, object? value)
    {
        if (value is not null) record[name] = value;
    }
}
