using System;
using System.Collections.Generic;
using System.Linq;
using PxeRules.Probes;

namespace PxeRules.Bundles;

internal sealed partial class BundleFacts
{
    /// <summary>The registry keys the collector lists: root, its <c>reg query</c> file, its <c>reg export</c> file, and whether with <c>/s</c>.</summary>
    private static readonly (string Root, string Text, string? Export, bool Recursive)[] RegistryFiles =
    {
        (@"HKLM\SYSTEM\CurrentControlSet\Services\WDSServer", "reg-wdsserver.txt", "reg-wdsserver.reg", true),
        (@"HKLM\SOFTWARE\Microsoft\SMS", "reg-sms.txt", "reg-sms.reg", true),
        (@"HKLM\SOFTWARE\Wow6432Node\Microsoft\SMS", "reg-sms-wow64.txt", "reg-sms-wow64.reg", true),
        (@"HKLM\SOFTWARE\Microsoft\CCM\Logging", "reg-ccm-logging.txt", null, true),
        (@"HKLM\SOFTWARE\Wow6432Node\Microsoft\CCM\Logging", "reg-ccm-logging-wow64.txt", null, true),
        (@"HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall", "reg-uninstall.txt", null, true),
        (@"HKLM\SOFTWARE\Wow6432Node\Microsoft\Windows\CurrentVersion\Uninstall", "reg-uninstall-wow64.txt", null, true),
        (@"HKLM\SYSTEM\CurrentControlSet\Services\DHCPServer\Parameters", "reg-dhcpserver-parameters.txt", null, true),
        (@"HKLM\SYSTEM\CurrentControlSet\Services\LanmanServer\Shares", "reg-lanmanserver-shares.txt", null, false),
        (@"HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion", "reg-windows-nt-currentversion.txt", null, false),
        (@"HKLM\SYSTEM\CurrentControlSet\Control\Session Manager\Environment", "reg-session-manager-environment.txt", null, false),
    };

    /// <summary>The parsed listing of a root key, or null with the reason it is unavailable.</summary>
    private RegistryData? RegistryRoot(string root, out string? reason) => RegistryRoot(root, out reason, out _);

    /// <summary>As above; <paramref name="missing"/> is true (with an empty listing) when reg said the key does not exist.</summary>

    private RegistryData? RegistryRoot(string root, out string? reason, out bool missing)
    {
        reason = null;
        missing = false;
        var spec = RegistryFiles.FirstOrDefault(f => f.Root.Equals(root, StringComparison.OrdinalIgnoreCase));
        if (spec.Root is null)
        {
            reason = NotCollected($"The registry key {root}");
            return null;
        }

        if (spec.Export is not null && Output(spec.Export) is { Succeeded: true, Text: { } export })
        {
            return Parse(spec.Export, () => RegistryText.ParseExport(export, spec.Export));
        }

        var output = Output(spec.Text);
        if (output is null)
        {
            reason = NotCollected($"The registry key {root} ({spec.Text})");
            return null;
        }

        if (output.Record?.NotAvailable == true)
        {
            reason = $"reg.exe was not available on {ComputerName} ({spec.Text}).";
            return null;
        }

        if (!output.Succeeded)
        {
            // reg.exe prints the type names in English everywhere, but its error messages are localised: only the
            // English "unable to find" is taken as a missing key; any other message leaves the key unknown.
            if (output.Exit == 1 && (output.Stderr ?? output.Text ?? string.Empty).IndexOf("unable to find the specified registry key", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                missing = true;
                return new RegistryData();
            }

            reason = $"{spec.Text}: reg query failed (exit {output.Record?.ExitText ?? "?"}): {output.Message}. Only the English 'unable to find' message is read as a missing key.";
            return null;
        }

        return Parse(spec.Text, () => RegistryText.ParseQuery(output.Text!, spec.Text));
    }

    /// <summary>Maps a key and view to the path in the bundle's listings (<c>view: 32</c> on 64-bit Windows is <c>Wow6432Node</c>).</summary>
    private string ViewPath(string key, string? view)
    {
        key = RegistryText.NormalizeKey(key);
        const string software = @"HKLM\SOFTWARE\";
        if (view == "32" && Manifest.Is64Bit && key.StartsWith(software, StringComparison.OrdinalIgnoreCase)
            && !key.StartsWith(software + "Wow6432Node", StringComparison.OrdinalIgnoreCase))
        {
            return software + "Wow6432Node\\" + key.Substring(software.Length);
        }

        return key;
    }

    /// <summary>A key: the data, or null with <paramref name="result"/> saying not found or unavailable.</summary>
    private RegKeyData? Registry(string key, out ProbeResult? result)
    {
        result = null;
        key = RegistryText.NormalizeKey(key);
        var spec = RegistryFiles.Where(f => key.Equals(f.Root, StringComparison.OrdinalIgnoreCase) || key.StartsWith(f.Root + "\\", StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(f => f.Root.Length).FirstOrDefault();
        if (spec.Root is null)
        {
            result = ProbeResult.Unavailable(NotCollected($"The registry key {key}") + " (the collector lists only the keys named in docs/bundle-format.md)");
            return null;
        }

        var data = RegistryRoot(spec.Root, out var reason, out var missing);
        if (data is null)
        {
            result = ProbeResult.Unavailable(reason!);
            return null;
        }

        if (missing)
        {
            result = ProbeResult.NotFound($"{spec.Root} does not exist on {ComputerName} ({spec.Text}).");
            return null;
        }

        var found = data.Find(key);
        if (found is not null) return found;
        result = spec.Recursive || key.Equals(spec.Root, StringComparison.OrdinalIgnoreCase)
            ? ProbeResult.NotFound($"{key} does not exist on {ComputerName} ({spec.Text} lists {spec.Root} with its subkeys).")
            : ProbeResult.Unavailable($"{key} is not in the bundle: {spec.Text} lists only the values of {spec.Root}, not its subkeys.");
        return null;
    }

    private ProbeResult RegistryValue(ProbeCall call)
    {
        var key = call.GetString("key");
        var name = call.GetString("name") ?? string.Empty;
        if (key is null) return ProbeResult.Unavailable("The argument 'key' was not given.");
        var data = Registry(ViewPath(key, call.GetString("view")), out var result);
        if (data is null) return result!;
        var value = data.Value(name);
        if (value is null) return ProbeResult.NotFound($"{data.Path} has no value '{name}' on {ComputerName}.");
        return ProbeResult.Found(ValueOf(value));
    }

    private object ValueOf(RegValue value) => value.Data switch
    {
        string s when value.Type == "REG_EXPAND_SZ" => ExpandKeeping(s),
        List<object?> list => list.ToArray(),
        var other => other,
    };

    /// <summary>Expands the variables the server defines; one it does not stays as written.</summary>
    private string ExpandKeeping(string text) => System.Text.RegularExpressions.Regex.Replace(text, "%([^%]+)%", m => Expand(m.Value, out _) ?? m.Value);

    private ProbeResult RegistryKey(ProbeCall call)
    {
        var key = call.GetString("key");
        if (key is null) return ProbeResult.Unavailable("The argument 'key' was not given.");
        var data = Registry(ViewPath(key, call.GetString("view")), out var result);
        if (data is null) return result!;
        return ProbeResult.Found(new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["subkeys"] = data.Subkeys.Cast<object?>().ToArray(),
            ["values"] = data.Values.Select(v => (object?)v.Name).ToArray(),
        });
    }

    private RegKeyData? Optional(string key)
    {
        var data = Registry(key, out var result);
        if (data is not null) return data;
        if (result!.Status == ProbeStatus.Unavailable) throw new ParseFailure(result.Reason!);
        return null;
    }

    /// <summary>A ConfigMgr key: the 32-bit view first (ConfigMgr 2007 is 32-bit), then the 64-bit one.</summary>
    private RegKeyData? ConfigMgrKey(string key)
    {
        if (!Manifest.Is64Bit) return Optional(key);
        string? unavailable = null;
        foreach (var path in new[] { ViewPath(key, "32"), key })
        {
            var data = Registry(path, out var result);
            if (data is not null) return data;
            if (result!.Status == ProbeStatus.Unavailable) unavailable ??= result.Reason;
        }

        return unavailable is null ? null : throw new ParseFailure(unavailable);
    }

    private const string WdsKey = @"HKLM\SYSTEM\CurrentControlSet\Services\WDSServer";

    private ProbeResult Wds()
    {
        var service = Registry(WdsKey, out var result);
        if (service is null)
        {
            return result!.Status == ProbeStatus.NotFound ? ProbeResult.NotFound($"The WDSServer service key does not exist on {ComputerName}: WDS is not installed.") : result;
        }

        var record = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (Optional(WdsKey + @"\Providers\WDSTFTP") is { } tftp)
        {
            Put(record, "rootFolder", Text(tftp, "RootFolder"));
            Put(record, "readFilter", List(tftp, "ReadFilter"));
            Put(record, "maximumBlockSize", Number(tftp, "MaximumBlockSize"));
        }

        if (Optional(WdsKey + @"\Providers\WDSPXE") is { } pxe)
        {
            Put(record, "useDhcpPorts", Number(pxe, "UseDHCPPorts"));
            Put(record, "providersOrder", List(pxe, "ProvidersOrder"));
            Put(record, "bannedGuids", List(pxe, "BannedGuids"));
            if (Optional(WdsKey + @"\Providers\WDSPXE\Providers") is { } providers)
            {
                record["pxeProviders"] = providers.Subkeys.OrderBy(s => s, StringComparer.OrdinalIgnoreCase).Cast<object?>().ToArray();
                if (Optional(WdsKey + @"\Providers\WDSPXE\Providers\BINLSVC") is { } binl) Put(record, "answerRequests", Boolean(binl, "netbootAnswerRequests"));
            }
        }

        if (Optional(WdsKey + @"\Parameters") is { } parameters) Put(record, "udpPortPolicy", Number(parameters, "UdpPortPolicy"));
        return ProbeResult.Found(record);
    }

    private ProbeResult ConfigMgrPxe()
    {
        var record = new Dictionary<string, object?>(StringComparer.Ordinal);
        var provider = Registry(WdsKey + @"\Providers\WDSPXE\Providers\SMSPXE", out var providerResult);
        if (provider is null && providerResult!.Status == ProbeStatus.Unavailable) return providerResult;
        if (provider is not null && Text(provider, "ProviderDLL") is { } dll)
        {
            record["providerDll"] = dll;
            if (FileExists(dll) is { } exists) record["providerDllExists"] = exists;
        }

        RegKeyData? settings;
        try
        {
            settings = ConfigMgrKey(@"HKLM\SOFTWARE\Microsoft\SMS\PXE");
        }
        catch (ParseFailure) when (provider is not null)
        {
            // The registration answers providerRegistered; the settings fields stay out (not found for comparisons).
            settings = null;
        }

        if (provider is null && settings is null)
        {
            return ProbeResult.NotFound($"No ConfigMgr PXE service point on {ComputerName}: neither HKLM\\SOFTWARE\\Microsoft\\SMS\\PXE nor the SMSPXE provider registration exists.");
        }

        record["providerRegistered"] = provider is not null;
        if (settings is not null)
        {
            Put(record, "isActive", Boolean(settings, "IsActive"));
            Put(record, "supportUnknownMachines", Boolean(settings, "SupportUnknownMachines"));
            Put(record, "responseDelay", Number(settings, "ResponseDelay"));
            Put(record, "cacheExpire", Number(settings, "CacheExpire"));
            Put(record, "macIgnoreListFile", Text(settings, "MACIgnoreListFile") is { Length: > 0 } list ? list : null);
        }

        try
        {
            if (ConfigMgrKey(@"HKLM\SOFTWARE\Microsoft\CCM\Logging\@Global") is { } logging && Text(logging, "LogDirectory") is { Length: > 0 } folder)
            {
                record["logDirectory"] = folder.TrimEnd('\\');
            }
        }
        catch (ParseFailure)
        {
            // Where SMSPXE.log is written is one field; without the logging key the others still hold.
        }

        return ProbeResult.Found(record);
    }

    private ProbeResult ConfigMgrSite()
    {
        var setup = ConfigMgrKey(@"HKLM\SOFTWARE\Microsoft\SMS\Setup");
        if (setup is null) return ProbeResult.NotFound($"No ConfigMgr site is installed on {ComputerName} (no HKLM\\SOFTWARE\\Microsoft\\SMS\\Setup).");
        var record = new Dictionary<string, object?>(StringComparer.Ordinal);
        var identification = ConfigMgrKey(@"HKLM\SOFTWARE\Microsoft\SMS\Identification");
        Put(record, "siteCode", identification is null ? null : Text(identification, "Site Code"));
        if (Text(setup, "Full Version") is { } versionText && FactValues.TryParseVersion(versionText.Trim(), out var version))
        {
            record["version"] = version;
            record["level"] = FactValues.CompareVersions(version, new Version(4, 0, 6221)) < 0 ? "RTM" : FactValues.CompareVersions(version, new Version(4, 0, 6487)) < 0 ? "SP1" : "SP2";
        }

        Put(record, "installDirectory", Text(setup, "Installation Directory"));
        var entries = UninstallEntries(out var unavailable);
        if (unavailable is null)
        {
            record["addOns"] = new[] { "R2", "R3" }
                .Where(a => entries.Any(e => (e.Entry.Value("DisplayName")?.Data as string)?.IndexOf("Configuration Manager 2007 " + a, StringComparison.OrdinalIgnoreCase) >= 0))
                .Cast<object?>().ToArray();
        }

        return ProbeResult.Found(record);
    }

    private string? Text(RegKeyData key, string name) => key.Value(name) is { Data: string s } value ? (value.Type == "REG_EXPAND_SZ" ? ExpandKeeping(s) : s) : null;

    private static object?[]? List(RegKeyData key, string name) => key.Value(name)?.Data switch
    {
        List<object?> list => list.ToArray(),
        string s => new object?[] { s },
        _ => null,
    };

    private static double? Number(RegKeyData key, string name) => key.Value(name)?.Data switch
    {
        double d => d,
        string s when double.TryParse(s, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) => n,
        _ => null,
    };

    private static bool? Boolean(RegKeyData key, string name) => key.Value(name)?.Data switch
    {
        double d => d != 0,
        string s => s.Trim().ToUpperInvariant() switch
        {
            "TRUE" or "YES" or "1" => true,
            "FALSE" or "NO" or "0" => false,
            _ => null,
        },
        _ => null,
    };
}
