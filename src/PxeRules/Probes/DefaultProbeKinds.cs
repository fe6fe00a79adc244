using System.Collections.Generic;

namespace PxeRules.Probes;

/// <summary>The kinds of the default catalogue, as <c>docs/probes.md</c> documents them.</summary>
public static class DefaultProbeKinds
{
    private static ProbeArgument Required(string name, ValueShape shape, string description) => new(name, shape, true, description);

    private static ProbeArgument Optional(string name, ValueShape shape, string description) => new(name, shape, false, description);

    private static readonly ValueShape S = ValueShape.String;
    private static readonly ValueShape N = ValueShape.Number;
    private static readonly ValueShape B = ValueShape.Boolean;
    private static readonly ValueShape V = ValueShape.Version;
    private static readonly ValueShape T = ValueShape.DateTime;
    private static readonly ValueShape Strings = ValueShape.ListOf(ValueShape.String);

    /// <summary>A Windows service: <c>name</c> → name, displayName, state, startMode, account.</summary>
    public static ProbeKind Service { get; } = new(
        "service",
        "A Windows service.",
        ValueShape.Record(("name", S), ("displayName", S), ("state", S), ("startMode", S), ("account", S)),
        Required("name", S, "The service name, e.g. WDSServer."));

    /// <summary>A registry value: <c>key</c>, <c>name</c>, <c>view</c> → the value.</summary>
    public static ProbeKind RegistryValue { get; } = new(
        "registry.value",
        "A registry value.",
        ValueShape.Any,
        Required("key", S, "The key with its hive, e.g. HKLM\\SOFTWARE\\Microsoft\\SMS\\PXE."),
        Required("name", S, "The value name; empty for the default value."),
        Optional("view", S, "32, 64 or default."));

    /// <summary>A registry key: <c>key</c>, <c>view</c> → subkeys, values.</summary>
    public static ProbeKind RegistryKey { get; } = new(
        "registry.key",
        "A registry key: its subkeys and value names.",
        ValueShape.Record(("subkeys", Strings), ("values", Strings)),
        Required("key", S, "The key with its hive."),
        Optional("view", S, "32, 64 or default."));

    /// <summary>A file: <c>path</c> → path, size, created, modified, version, productVersion, hidden.</summary>
    public static ProbeKind File { get; } = new(
        "file",
        "A file, with the version from its PE version resource.",
        ValueShape.Record(("path", S), ("size", N), ("created", T), ("modified", T), ("version", V), ("productVersion", V), ("hidden", B)),
        Required("path", S, "The file's path; environment variables are expanded on the probed machine."));

    /// <summary>The shape of one access rule of a folder.</summary>
    public static ValueShape AccessRule { get; } =
        ValueShape.Record(("identity", S), ("sid", S), ("rights", S), ("type", S), ("inherited", B));

    /// <summary>A folder: <c>path</c> → path, hidden, owner, ownerSid, access.</summary>
    public static ProbeKind Folder { get; } = new(
        "folder",
        "A folder, with its owner and access rules.",
        ValueShape.Record(("path", S), ("hidden", B), ("owner", S), ("ownerSid", S), ("access", ValueShape.ListOf(AccessRule))),
        Required("path", S, "The folder's path."));

    /// <summary>The entries of a folder.</summary>
    public static ProbeKind FolderEntries { get; } = new(
        "folder.entries",
        "The entries of a folder.",
        ValueShape.ListOf(ValueShape.Record(("name", S), ("path", S), ("isFolder", B), ("size", N), ("modified", T), ("hidden", B))),
        Required("path", S, "The folder's path."),
        Optional("pattern", S, "A file-name pattern such as *.wim (default *)."),
        Optional("recursive", B, "Whether to include subfolders (default false)."),
        Optional("max", N, "At most this many entries (default 1000)."));

    /// <summary>A network share: <c>name</c> → name, path, pathExists, remark.</summary>
    public static ProbeKind Share { get; } = new(
        "share",
        "A network share and the folder it points to.",
        ValueShape.Record(("name", S), ("path", S), ("pathExists", B), ("remark", S)),
        Required("name", S, "The share name, e.g. REMINST or SMSPXEIMAGES$."));

    /// <summary>The shape of one ConfigMgr log entry.</summary>
    public static ValueShape LogEntry { get; } =
        ValueShape.Record(
            ("time", T), ("timeText", S), ("timeNote", S), ("component", S), ("text", S), ("cut", B), ("type", N), ("thread", N), ("file", S),
            ("format", S), ("line", N), ("log", S));

    /// <summary>Entries of ConfigMgr log files.</summary>
    public static ProbeKind LogEntries { get; } = new(
        "log.entries",
        "Entries of ConfigMgr log files, in both ConfigMgr log formats.",
        ValueShape.ListOf(LogEntry),
        Required("paths", Strings, "File paths; * and ? are allowed in the last part."),
        Optional("match", S, "A regex; only entries whose text matches are kept."),
        Optional("maxEntries", N, "Keep at most this many, the newest (default 5000)."),
        Optional("maxBytes", N, "Read at most this much of the end of each file (default 16 MiB)."));

    /// <summary>Entries of a Windows event log.</summary>
    public static ProbeKind EventLogEntries { get; } = new(
        "eventlog.entries",
        "Entries of a Windows event log.",
        ValueShape.ListOf(ValueShape.Record(("time", T), ("id", N), ("source", S), ("level", S), ("message", S))),
        Required("log", S, "System, Application, ..."),
        Optional("source", S, "The event source."),
        Optional("ids", ValueShape.ListOf(N), "Event ids."),
        Optional("since", ValueShape.Duration, "Only entries newer than this (default 30d)."),
        Optional("max", N, "At most this many, the newest (default 500)."));

    /// <summary>Installed products whose display name matches a regex.</summary>
    public static ProbeKind InstalledProducts { get; } = new(
        "installed.products",
        "Installed products (uninstall entries of both registry views).",
        ValueShape.ListOf(ValueShape.Record(("name", S), ("version", V), ("publisher", S), ("installDate", T))),
        Required("name", S, "A regex over the product's display name."));

    /// <summary>An installed update by KB number.</summary>
    public static ProbeKind InstalledUpdate { get; } = new(
        "installed.update",
        "An installed update.",
        ValueShape.Record(("kb", S), ("installedOn", T)),
        Required("kb", S, "The KB number, e.g. KB960489."));

    /// <summary>The operating system.</summary>
    public static ProbeKind OperatingSystem { get; } = new(
        "os",
        "The operating system.",
        ValueShape.Record(("caption", S), ("version", V), ("servicePack", S), ("architecture", S), ("productType", S)));

    /// <summary>A Windows Server role or feature.</summary>
    public static ProbeKind WindowsFeature { get; } = new(
        "windows.feature",
        "A Windows Server role, role service or feature.",
        ValueShape.Record(("name", S), ("displayName", S), ("installed", B)),
        Required("name", S, "A Server Manager name: WDS, WDS-Deployment, WDS-Transport, DHCP, DNS."));

    /// <summary>A path with its environment variables expanded on the probed machine.</summary>
    public static ProbeKind EnvironmentPath { get; } = new(
        "environment.path",
        "A path with its environment variables expanded on the probed machine.",
        S,
        Required("path", S, "A path with variables, e.g. %WdsTemp%\\PXEBootfiles."));

    /// <summary>The WDS configuration.</summary>
    public static ProbeKind Wds { get; } = new(
        "wds",
        "The Windows Deployment Services configuration.",
        ValueShape.Record(
            ("rootFolder", S), ("useDhcpPorts", N), ("providersOrder", Strings), ("pxeProviders", Strings),
            ("bannedGuids", Strings), ("readFilter", Strings), ("maximumBlockSize", N), ("udpPortPolicy", N),
            ("answerRequests", B)));

    /// <summary>The ConfigMgr site on a site server.</summary>
    public static ProbeKind ConfigMgrSite { get; } = new(
        "configmgr.site",
        "The ConfigMgr 2007 site installed on a site server.",
        ValueShape.Record(("siteCode", S), ("version", V), ("level", S), ("installDirectory", S), ("addOns", Strings)));

    /// <summary>The ConfigMgr PXE service point on this machine.</summary>
    public static ProbeKind ConfigMgrPxe { get; } = new(
        "configmgr.pxe",
        "The ConfigMgr PXE service point installed on this machine.",
        ValueShape.Record(
            ("providerRegistered", B), ("providerDll", S), ("providerDllExists", B), ("isActive", B),
            ("supportUnknownMachines", B), ("responseDelay", N), ("cacheExpire", N), ("macIgnoreListFile", S),
            ("logDirectory", S)));

    /// <summary>The PXE service point roles in the site control file.</summary>
    public static ProbeKind ConfigMgrPxeServicePoints { get; } = new(
        "configmgr.pxeServicePoints",
        "The PXE service point roles of the site, from the site control file.",
        ValueShape.ListOf(ValueShape.Record(
            ("server", S), ("isActive", B), ("bindPolicy", N), ("bindExcept", Strings), ("responseDelay", N),
            ("supportUnknownMachines", B), ("certificateExpires", T))));

    /// <summary>The site systems of the site and the roles they hold.</summary>
    public static ProbeKind ConfigMgrSiteSystems { get; } = new(
        "configmgr.siteSystems",
        "The site systems of the site and their roles (SMS_SystemResourceList), read through the SMS Provider.",
        ValueShape.ListOf(ValueShape.Record(("server", S), ("role", S), ("siteCode", S))));

    /// <summary>Packages on PXE distribution points.</summary>
    public static ProbeKind ConfigMgrPxePackages { get; } = new(
        "configmgr.pxePackages",
        "Packages on PXE distribution points (SMSPXEIMAGES$).",
        ValueShape.ListOf(ValueShape.Record(("packageId", S), ("name", S), ("packageType", N), ("server", S))));

    /// <summary>SMBIOS GUIDs held by more than one computer record.</summary>
    public static ProbeKind ConfigMgrDuplicateSmbiosGuids { get; } = new(
        "configmgr.duplicateSmbiosGuids",
        "SMBIOS GUIDs held by more than one computer record.",
        ValueShape.ListOf(ValueShape.Record(("guid", S), ("count", N))));

    /// <summary>DHCP server and scope options.</summary>
    public static ProbeKind DhcpOptions { get; } = new(
        "dhcp.options",
        "Server- and scope-level DHCP options.",
        ValueShape.ListOf(ValueShape.Record(("scope", S), ("id", N), ("value", S))));

    /// <summary>
    /// What people report seeing on the clients of a machine (PXE codes such as <c>PXE-E78</c>, or the symptom names
    /// of <c>docs/probes.md</c>): evidence no server holds, for the rules of issues that only show on clients.
    /// </summary>
    public static ProbeKind ReportedSymptoms { get; } = new(
        "symptoms.reported",
        "Symptoms people report seeing on the clients of this machine.",
        Strings);

    /// <summary>Every kind of the default catalogue.</summary>
    public static IReadOnlyList<ProbeKind> All { get; } = new[]
    {
        Service, RegistryValue, RegistryKey, File, Folder, FolderEntries, Share, LogEntries, EventLogEntries,
        InstalledProducts, InstalledUpdate, OperatingSystem, WindowsFeature, EnvironmentPath, Wds,
        ConfigMgrSite, ConfigMgrPxe, ConfigMgrPxeServicePoints, ConfigMgrSiteSystems, ConfigMgrPxePackages, ConfigMgrDuplicateSmbiosGuids,
        DhcpOptions, ReportedSymptoms,
    };
}
