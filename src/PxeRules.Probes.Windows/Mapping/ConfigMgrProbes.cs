using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using PxeRules.Probes.Windows.Access;

namespace PxeRules.Probes.Windows.Mapping;

/// <summary>
/// The ConfigMgr 2007 kinds: <c>configmgr.site</c> and <c>configmgr.pxe</c> from the registry (32-bit view first:
/// ConfigMgr 2007 is a 32-bit product), the site control file and packages from the SMS Provider (WMI
/// <c>root\SMS\site_&lt;code&gt;</c>).
/// </summary>
internal static class ConfigMgrProbes
{
    private const string SetupKey = @"SOFTWARE\Microsoft\SMS\Setup";
    private const string IdentificationKey = @"SOFTWARE\Microsoft\SMS\Identification";
    private const string PxeKey = @"SOFTWARE\Microsoft\SMS\PXE";
    private const string CcmLoggingKey = @"SOFTWARE\Microsoft\CCM\Logging\@Global";
    private const string PxeServicePointRole = "SMS PXE Service Point";
    private static readonly Version Sp1 = new(4, 0, 6221);
    private static readonly Version Sp2 = new(4, 0, 6487);
    private static readonly Regex NalServer = new(@"\\\\([^\\""\]\[]+)\\", RegexOptions.CultureInvariant);

    public static ProbeResult Site(ProbeContext c)
    {
        using var setup = c.OpenConfigMgrKey(SetupKey);
        if (setup is null)
        {
            return ProbeResult.NotFound($"No ConfigMgr site is installed on {c.Target.Display} (no HKLM\\{SetupKey}).");
        }

        var versionText = setup.String("Full Version");
        var version = FactValues.TryParseVersion(versionText?.Trim(), out var parsed) ? parsed : null;
        string? siteCode;
        using (var identification = c.OpenConfigMgrKey(IdentificationKey))
        {
            siteCode = identification?.String("Site Code");
        }

        var products = SoftwareProbes.Scan(c);
        var addOns = new List<object?>();
        foreach (var addOn in new[] { "R2", "R3" })
        {
            if (products.Any(p => p.Name.IndexOf("Configuration Manager 2007 " + addOn, StringComparison.OrdinalIgnoreCase) >= 0))
            {
                addOns.Add(addOn);
            }
        }

        return ProbeResult.Found(new RecordBuilder()
            .Add("siteCode", siteCode)
            .Add("version", version)
            .Add("level", version is null ? null : Level(version))
            .Add("installDirectory", setup.String("Installation Directory"))
            .Add("addOns", addOns.ToArray())
            .Build());
    }

    /// <summary>The level of a ConfigMgr 2007 site version: RTM below 4.00.6221, SP1 below 4.00.6487, SP2 from there.</summary>
    public static string Level(Version version) =>
        FactValues.CompareVersions(version, Sp1) < 0 ? "RTM" : FactValues.CompareVersions(version, Sp2) < 0 ? "SP1" : "SP2";

    public static ProbeResult Pxe(ProbeContext c)
    {
        var record = new RecordBuilder();
        var registered = false;
        using (var provider = c.OpenKey(RegistryRoot.LocalMachine, WdsProbe.ServiceKey + @"\Providers\WDSPXE\Providers\SMSPXE", RegistryBitness.Default))
        {
            if (provider is not null)
            {
                registered = true;
                var dll = provider.String("ProviderDLL");
                if (dll is not null)
                {
                    var expanded = c.Paths.Expand(dll);
                    var access = c.AccessPath(expanded);
                    var attributes = c.Guard(Channel.Files, $"the PXE provider DLL {expanded}", () => c.Apis.Files.GetAttributes(access));
                    record.Add("providerDll", expanded).Add("providerDllExists", attributes is { } a && (a & FileAttributes.Directory) == 0);
                }
            }
        }

        using var settings = c.OpenConfigMgrKey(PxeKey);
        if (!registered && settings is null)
        {
            return ProbeResult.NotFound($"No ConfigMgr PXE service point on {c.Target.Display}: neither HKLM\\{PxeKey} nor the SMSPXE provider registration exists.");
        }

        record.Add("providerRegistered", registered);
        if (settings is not null)
        {
            record.Add("isActive", settings.Boolean("IsActive"))
                .Add("supportUnknownMachines", settings.Boolean("SupportUnknownMachines"))
                .Add("responseDelay", settings.Number("ResponseDelay"))
                .Add("cacheExpire", settings.Number("CacheExpire"))
                .Add("macIgnoreListFile", settings.String("MACIgnoreListFile") is { Length: > 0 } list ? c.Paths.Expand(list) : null);
        }

        using (var logging = c.OpenConfigMgrKey(CcmLoggingKey))
        {
            record.Add("logDirectory", logging?.String("LogDirectory") is { Length: > 0 } folder ? c.Paths.Expand(folder).TrimEnd('\\') : null);
        }

        return ProbeResult.Found(record.Build());
    }

    public static ProbeResult PxeServicePoints(ProbeContext c)
    {
        var site = FindProvider(c);
        if (site is null)
        {
            return NoSite(c);
        }

        var rows = c.Wmi(site.Value.Namespace, $"SELECT * FROM SMS_SCI_SysResUse WHERE RoleName = {Wql.Quote(PxeServicePointRole)} AND SiteCode = {Wql.Quote(site.Value.SiteCode)}",
            "the site control file (SMS_SCI_SysResUse)", fullInstances: true, machine: site.Value.Provider);
        var points = rows.Select(row =>
        {
            var props = Embedded(row, "Props", "PropertyName");
            var lists = Embedded(row, "PropLists", "PropertyListName");
            return (object?)new RecordBuilder()
                .Add("server", Server(row, props))
                .Add("isActive", Flag(props, "IsActive"))
                .Add("bindPolicy", PropNumber(props, "BindPolicy"))
                .Add("bindExcept", lists.TryGetValue("BindExcept", out var except) && except.TryGetValue("Values", out var values) && values is object?[] items
                    ? items.Where(i => i is not null).Select(i => (object?)Convert.ToString(i, CultureInfo.InvariantCulture)).ToArray()
                    : null)
                .Add("responseDelay", PropNumber(props, "ResponseDelay"))
                .Add("supportUnknownMachines", Flag(props, "SupportUnknownMachines"))
                .Add("certificateExpires", CertificateExpires(props))
                .Build();
        }).OrderBy(r => ((IReadOnlyDictionary<string, object?>)r!).TryGetValue("server", out var s) ? s as string : null, StringComparer.OrdinalIgnoreCase).ToArray();
        return ProbeResult.Found(points);
    }

    public static ProbeResult SiteSystems(ProbeContext c)
    {
        var site = FindProvider(c);
        if (site is null)
        {
            return NoSite(c);
        }

        var rows = c.Wmi(site.Value.Namespace, $"SELECT NALPath, RoleName, ServerName, SiteCode FROM SMS_SystemResourceList WHERE SiteCode = {Wql.Quote(site.Value.SiteCode)}",
            "the site systems (SMS_SystemResourceList)", machine: site.Value.Provider);
        var systems = rows.Select(row => new
        {
            Server = Wql.String(row, "ServerName") is { Length: > 0 } name ? name : ServerOfNalPath(Wql.String(row, "NALPath")),
            Role = Wql.String(row, "RoleName"),
            Site = Wql.String(row, "SiteCode") ?? site.Value.SiteCode,
        }).Where(s => s.Server is not null && s.Role is not null)
            .OrderBy(s => s.Server, StringComparer.OrdinalIgnoreCase).ThenBy(s => s.Role, StringComparer.OrdinalIgnoreCase)
            .Select(s => (object?)new RecordBuilder().Add("server", s.Server).Add("role", s.Role).Add("siteCode", s.Site).Build())
            .ToArray();
        return ProbeResult.Found(systems);
    }

    public static ProbeResult PxePackages(ProbeContext c)
    {
        var site = FindProvider(c);
        if (site is null)
        {
            return NoSite(c);
        }

        var (ns, _, provider) = site.Value;
        var placements = c.Wmi(ns, "SELECT PackageID, ServerNALPath FROM SMS_DistributionPoint WHERE ServerNALPath LIKE '%SMSPXEIMAGES$%'",
            "the distribution points of packages (SMS_DistributionPoint)", machine: provider);
        if (placements.Count == 0)
        {
            return ProbeResult.Found(Array.Empty<object?>());
        }

        var packages = c.Wmi(ns, "SELECT PackageID, Name, PackageType FROM SMS_PackageBaseclass", "the packages (SMS_PackageBaseclass)", machine: provider)
            .Where(p => Wql.String(p, "PackageID") is not null)
            .GroupBy(p => Wql.String(p, "PackageID")!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var list = placements.Select(p =>
        {
            var id = Wql.String(p, "PackageID");
            packages.TryGetValue(id ?? string.Empty, out var package);
            return new
            {
                Id = id,
                Server = ServerOfNalPath(Wql.String(p, "ServerNALPath")),
                Record = new RecordBuilder()
                    .Add("packageId", id)
                    .Add("name", package is null ? null : Wql.String(package, "Name"))
                    .Add("packageType", package is null ? null : (double?)Wql.Number(package, "PackageType"))
                    .Add("server", ServerOfNalPath(Wql.String(p, "ServerNALPath")))
                    .Build(),
            };
        }).OrderBy(x => x.Server, StringComparer.OrdinalIgnoreCase).ThenBy(x => x.Id, StringComparer.OrdinalIgnoreCase)
            .Select(x => (object?)x.Record).ToArray();
        return ProbeResult.Found(list);
    }

    public static ProbeResult DuplicateSmbiosGuids(ProbeContext c)
    {
        var site = FindProvider(c);
        if (site is null)
        {
            return NoSite(c);
        }

        var rows = c.Wmi(site.Value.Namespace, "SELECT SMBIOSGUID FROM SMS_R_System", "the computer records (SMS_R_System)", machine: site.Value.Provider);
        var duplicates = rows.Select(r => Wql.String(r, "SMBIOSGUID")?.Trim())
            .Where(g => !string.IsNullOrEmpty(g))
            .GroupBy(g => g!, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1)
            .OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => (object?)new RecordBuilder().Add("guid", g.Key.ToUpperInvariant()).Add("count", (double)g.Count()).Build())
            .ToArray();
        return ProbeResult.Found(duplicates);
    }

    /// <summary>The server of a NAL path such as <c>["Display=\\PXE01\"]MSWNET:["SMS_SITE=ABC"]\\PXE01\SMSPXEIMAGES$\</c>.</summary>
    public static string? ServerOfNalPath(string? nalPath)
    {
        if (nalPath is null)
        {
            return null;
        }

        var matches = NalServer.Matches(nalPath);
        return matches.Count == 0 ? null : matches[matches.Count - 1].Groups[1].Value;
    }

    /// <summary>
    /// Finds the SMS Provider of the site on the target: the namespace <c>root\SMS\site_&lt;code&gt;</c> and the machine
    /// that hosts it. <see langword="null"/> when the target has no <c>root\SMS</c> namespace (no site).
    /// </summary>
    private static (string Namespace, string SiteCode, TargetMachine Provider)? FindProvider(ProbeContext c)
    {
        var rows = c.WmiIfPresent(@"root\SMS", "SELECT Machine, SiteCode, ProviderForLocalSite FROM SMS_ProviderLocation", "the SMS Provider location (root\\SMS)");
        if (rows is null)
        {
            return null;
        }

        var row = rows.FirstOrDefault(r => Wql.Boolean(r, "ProviderForLocalSite") == true) ?? rows.FirstOrDefault();
        var siteCode = row is null ? null : Wql.String(row, "SiteCode");
        if (siteCode is null)
        {
            return null;
        }

        var machine = Wql.String(row!, "Machine");
        var provider = machine is null ? c.Target : c.Resolve(machine);
        return (@"root\SMS\site_" + siteCode, siteCode, provider);
    }

    private static ProbeResult NoSite(ProbeContext c) =>
        ProbeResult.NotFound($"No ConfigMgr site is installed on {c.Target.Display} (no SMS Provider location in root\\SMS).");

    private static Dictionary<string, IReadOnlyDictionary<string, object?>> Embedded(IReadOnlyDictionary<string, object?> row, string field, string key)
    {
        var map = new Dictionary<string, IReadOnlyDictionary<string, object?>>(StringComparer.OrdinalIgnoreCase);
        if (row.TryGetValue(field, out var value) && value is object?[] items)
        {
            foreach (var item in items.OfType<IReadOnlyDictionary<string, object?>>())
            {
                if (Wql.String(item, key) is { } name && !map.ContainsKey(name))
                {
                    map[name] = item;
                }
            }
        }

        return map;
    }

    private static double? PropNumber(Dictionary<string, IReadOnlyDictionary<string, object?>> props, string name) =>
        props.TryGetValue(name, out var prop) ? Wql.Number(prop, "Value") : null;

    private static bool? Flag(Dictionary<string, IReadOnlyDictionary<string, object?>> props, string name) =>
        PropNumber(props, name) is { } n ? n != 0 : null;

    private static string? Server(IReadOnlyDictionary<string, object?> row, Dictionary<string, IReadOnlyDictionary<string, object?>> props)
    {
        if (props.TryGetValue("Server Remote Name", out var remote) && Wql.String(remote, "Value1") is { Length: > 0 } name)
        {
            return name;
        }

        if (Wql.String(row, "NetworkOSPath") is { Length: > 0 } path)
        {
            return path.TrimStart('\\').TrimEnd('\\');
        }

        return ServerOfNalPath(Wql.String(row, "NALPath"));
    }

    /// <summary>CertificateExpirationDate holds a FILETIME as decimal text (e.g. 128568119567070000 = 2008-06-01).</summary>
    private static DateTimeOffset? CertificateExpires(Dictionary<string, IReadOnlyDictionary<string, object?>> props)
    {
        if (!props.TryGetValue("CertificateExpirationDate", out var prop))
        {
            return null;
        }

        foreach (var field in new[] { "Value1", "Value2" })
        {
            var text = Wql.String(prop, field)?.Trim();
            if (text is { Length: > 0 } && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var fileTime) && fileTime > 0)
            {
                return DateTimeOffset.FromFileTime(fileTime).ToUniversalTime();
            }

            if (FactValues.TryParseDateTime(text, out var date))
            {
                return date;
            }
        }

        return null;
    }
}
