using System;
using System.Collections.Generic;
using System.Linq;

namespace PxeRules.Probes.Windows.Mapping;

/// <summary><c>os</c> and <c>windows.feature</c>.</summary>
internal static class SystemProbes
{
    /// <summary>Server Manager names and their <c>Win32_ServerFeature</c> ids.</summary>
    private static readonly Dictionary<string, (int Id, string DisplayName)> Features = new(StringComparer.OrdinalIgnoreCase)
    {
        ["WDS"] = (19, "Windows Deployment Services"),
        ["WDS-Deployment"] = (251, "Deployment Server"),
        ["WDS-Transport"] = (252, "Transport Server"),
        ["DHCP"] = (12, "DHCP Server"),
        ["DNS"] = (13, "DNS Server"),
    };

    public static ProbeResult OperatingSystem(ProbeContext c)
    {
        var rows = c.Wmi(@"root\cimv2", "SELECT Caption, Version, CSDVersion, ProductType FROM Win32_OperatingSystem", "the operating system (Win32_OperatingSystem)");
        if (rows.Count == 0)
        {
            throw new UnavailableException($"Win32_OperatingSystem returned no instance on {c.Target.Display}.");
        }

        var os = rows[0];
        var processors = c.Wmi(@"root\cimv2", "SELECT Architecture, AddressWidth FROM Win32_Processor", "the processors (Win32_Processor)");
        var version = FactValues.TryParseVersion(Wql.String(os, "Version"), out var parsed) ? parsed : null;
        return ProbeResult.Found(new RecordBuilder()
            .Add("caption", Wql.String(os, "Caption")?.Trim())
            .Add("version", version)
            .Add("servicePack", Wql.String(os, "CSDVersion") is { Length: > 0 } sp ? sp : null)
            .Add("architecture", processors.Count == 0 ? null : Architecture(Wql.Number(processors[0], "Architecture"), Wql.Number(processors[0], "AddressWidth")))
            .Add("productType", Wql.Number(os, "ProductType") switch { 1 => "Workstation", 2 => "DomainController", 3 => "Server", _ => null })
            .Build());
    }

    /// <summary>The OS architecture from Win32_Processor: the processor's, unless a 64-bit processor runs a 32-bit OS.</summary>
    public static string? Architecture(long? architecture, long? addressWidth) => architecture switch
    {
        0 => "x86",
        6 => "ia64",
        9 => addressWidth == 32 ? "x86" : "x64",
        5 => "arm",
        12 => addressWidth == 32 ? "arm" : "arm64",
        _ => null,
    };

    public static ProbeResult Feature(ProbeContext c)
    {
        var name = c.Required("name");
        if (!Features.TryGetValue(name, out var feature))
        {
            throw new UnavailableException(
                $"The Windows provider does not know the feature '{name}'; it knows {string.Join(", ", Features.Keys)}.");
        }

        var rows = c.WmiIfPresent(@"root\cimv2", "SELECT ID, Name FROM Win32_ServerFeature", "the installed roles and features (Win32_ServerFeature)");
        if (rows is null)
        {
            return ProbeResult.NotFound($"{c.Target.Display} has no Server Manager roles and features (Win32_ServerFeature): it runs Windows Server 2003 or a client OS.");
        }

        var row = rows.FirstOrDefault(r => Wql.Number(r, "ID") == feature.Id);
        var canonical = Features.Keys.First(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
        return ProbeResult.Found(new RecordBuilder()
            .Add("name", canonical)
            .Add("displayName", row is null ? feature.DisplayName : Wql.String(row, "Name") ?? feature.DisplayName)
            .Add("installed", row is not null)
            .Build());
    }
}
