using System;
using System.Collections.Generic;
using System.Globalization;
using PxeRules.Probes;

namespace PxeRules.Benchmarks.Synthetic;

/// <summary>One of the 50 facts: its slot, its name in our rules, the probe call that reads it and its value.</summary>
public sealed class SyntheticFact
{
    internal SyntheticFact(int slot, string name, string key, string probe, IReadOnlyDictionary<string, object?> args, string? field, object? value, ProbeResult result)
    {
        Slot = slot;
        Name = name;
        Key = key;
        Probe = probe;
        Args = args;
        Field = field;
        Value = value;
        Result = result;
    }

    public int Slot { get; }

    /// <summary>The fact's name in our rules (<c>svc03</c>).</summary>
    public string Name { get; }

    /// <summary>The design's key (<c>service.state(W3SVC)</c>), which string-keyed systems look up.</summary>
    public string Key { get; }

    public string Probe { get; }

    public IReadOnlyDictionary<string, object?> Args { get; }

    /// <summary>The field a comparison reads (<c>state</c>, <c>version</c>), or null when the fact is the value.</summary>
    public string? Field { get; }

    /// <summary>The plain value (string, <see cref="Version"/>, long, or null when absent) the hand-written systems read.</summary>
    public object? Value { get; }

    /// <summary>What a probe provider answers for the call.</summary>
    public ProbeResult Result { get; }

    /// <summary>The path our comparisons name: <c>svc03.state</c>, <c>reg02</c>.</summary>
    public string Path => Field is null ? Name : Name + "." + Field;
}

/// <summary>
/// The snapshot of 50 facts of the performance design (§2.1): 12 service states, 12 file versions, 12 registry
/// values (a third absent), 8 numbers and 6 log lines, mapped onto our probe kinds (service, file, registry.value).
/// </summary>
public static class SyntheticSnapshot
{
    public const int ServiceBase = 0;
    public const int FileBase = 12;
    public const int RegistryBase = 24;
    public const int NumberBase = 36;
    public const int LogBase = 44;
    public const int Count = 50;

    public static readonly Machine Machine = new("PXE01", MachineRoles.PxeServicePoint);

    public static readonly DateTimeOffset CollectedAt = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    public static readonly string[] Services =
    {
        "WDSServer", "DHCPServer", "SMS_EXECUTIVE", "SMS_SITE_COMPONENT_MANAGER", "W3SVC", "BITS",
        "TFTPD", "RemoteRegistry", "WinRM", "MSSQLSERVER", "Dnscache", "LanmanServer",
    };

    public static readonly string[] ServiceStates =
    {
        "Running", "Running", "Stopped", "Running", "Paused", "Running", "Stopped", "Running", "StartPending", "Running", "Running", "Stopped",
    };

    public static readonly string[] Files =
    {
        @"%windir%\System32\wdspxe.dll", @"%windir%\System32\wdssrv.dll", @"%windir%\System32\wdstftp.dll",
        @"%windir%\System32\wdsimage.dll", @"%windir%\System32\wdsmc.dll", @"%windir%\System32\wimgapi.dll",
        @"%ProgramFiles%\Microsoft Configuration Manager\bin\i386\smspxe.dll", @"%windir%\System32\wdsdcmgr.dll",
        @"%windir%\System32\wdscsl.dll", @"%windir%\System32\dhcpssvc.dll", @"%windir%\System32\drivers\netbt.sys",
        @"%windir%\System32\drivers\tcpip.sys",
    };

    public static readonly (string Key, string Name)[] RegistryValues =
    {
        (@"HKLM\SYSTEM\CurrentControlSet\Services\WDSServer\Providers\WDSPXE", "UseDhcpPorts"),
        (@"HKLM\SYSTEM\CurrentControlSet\Services\WDSServer\Providers\WDSPXE", "DisableRogueDetection"),
        (@"HKLM\SYSTEM\CurrentControlSet\Services\WDSServer\Providers\WDSPXE\Providers\SMSPXE", "IsCritical"),
        (@"HKLM\SYSTEM\CurrentControlSet\Services\WDSServer\Providers\WDSTFTP", "EnableVariableWindowExtension"),
        (@"HKLM\SOFTWARE\Microsoft\SMS\PXE", "IsActive"),
        (@"HKLM\SOFTWARE\Microsoft\SMS\PXE", "SupportUnknownMachines"),
        (@"HKLM\SOFTWARE\Microsoft\SMS\PXE", "DebugLogging"),
        (@"HKLM\SYSTEM\CurrentControlSet\Services\DHCPServer\Parameters", "DisableRogueDetection"),
        (@"HKLM\SOFTWARE\Microsoft\SMS\Components\SMS_PXE_SERVICE_POINT", "Enabled"),
        (@"HKLM\SYSTEM\CurrentControlSet\Services\Tcpip\Parameters", "EnableDeadGWDetect"),
        (@"HKLM\SYSTEM\CurrentControlSet\Services\WDSServer\Providers\WDSMC", "Disabled"),
        (@"HKLM\SOFTWARE\Microsoft\SMS\Tracing\SMS_PXE_SERVICE_POINT", "Enabled"),
    };

    /// <summary>The design's numeric facts, read here as REG_DWORD values under one benchmark key.</summary>
    public static readonly string[] NumberNames =
    {
        "NetListenersUdp67", "NetListenersUdp69", "NetListenersUdp4011", "DiskFreeMbC", "DiskFreeMbD", "DhcpScopeCount", "PxePendingRequests", "WdsTftpWindowSize",
    };

    public static readonly long[] Numbers = { 1, 1, 0, 51200, 2048, 3, 0, 8 };

    public const string NumberKey = @"HKLM\SOFTWARE\PxeRulesBenchmark\Counters";

    public const string LogKey = @"HKLM\SOFTWARE\PxeRulesBenchmark\LastLogLine";

    public static readonly string[] LogNames = { "SMSPXE", "WDSServer", "WDSTFTP", "DHCP", "smsts", "Setupact" };

    /// <summary>
    /// The last line of six logs. The design's measuring code, and with it its log lines, was not kept; these lines
    /// were written so that, with the generator, they reproduce the design's checksums (42 / 483 / 4,713 true).
    /// Which of the eight patterns each line matches is what matters: SMSPXE, WDSServer and DHCP none; WDSTFTP the TFTP
    /// time-out, "no boot filename" and "not found on the distribution point"; smsts an 0x8 code and "no boot filename";
    /// Setupact a PXE-E code, the TFTP time-out and an 0x8 code.
    /// </summary>
    public static readonly string[] LogLines =
    {
        @"PXE::CBootImageManager::FindMatchingArchitectureBootImage: looking for boot image SMS00001 (x86)",
        @"[WDSServer/WDSPXE] Provider SMSPXE loaded and registered; waiting for requests on UDP 67 and 4011",
        @"TFTP transfer of boot\x86\wdsnbp.com timed out: no boot filename offered, file not found on the distribution point",
        @"DHCP server 10.1.2.5 offered 10.1.2.33 to 00:15:5D:0A:1F:03 with options 66 and 67 unset",
        @"TSPxe: Failed to get boot policy (0x80004005): No boot filename received from the PXE server",
        @"PXE-E32: TFTP open timeout while loading the boot image, setup returned 0x80070002",
    };

    public static Version FileVersion(int k) => new(6, k % 2, 6001 + 100 * (k % 3), 18000 + 37 * k);

    /// <summary>The 50 facts, by slot.</summary>
    public static IReadOnlyList<SyntheticFact> Facts { get; } = Build();

    /// <summary>The facts as the hand-written interpreter reads them: one value per slot.</summary>
    public static object?[] Slots()
    {
        var slots = new object?[Count];
        foreach (var fact in Facts) slots[fact.Slot] = fact.Value;
        return slots;
    }

    /// <summary>A provider answering every one of the 50 calls on <see cref="Machine"/>.</summary>
    public static InMemoryProbeProvider Provider()
    {
        var provider = new InMemoryProbeProvider();
        foreach (var fact in Facts) provider.Add(Machine, fact.Probe, fact.Args, fact.Result);
        return provider;
    }

    private static List<SyntheticFact> Build()
    {
        var facts = new List<SyntheticFact>(Count);
        for (var k = 0; k < 12; k++)
        {
            var state = ServiceStates[k];
            facts.Add(new SyntheticFact(
                ServiceBase + k, $"svc{k:00}", $"service.state({Services[k]})", "service", Args(("name", Services[k])), "state", state,
                ProbeResult.Found(new Dictionary<string, object?> { ["name"] = Services[k], ["state"] = state, ["startMode"] = "Automatic" })));
        }

        for (var k = 0; k < 12; k++)
        {
            var version = FileVersion(k);
            facts.Add(new SyntheticFact(
                FileBase + k, $"ver{k:00}", $"file.version({Files[k]})", "file", Args(("path", Files[k])), "version", version,
                ProbeResult.Found(new Dictionary<string, object?> { ["path"] = Files[k], ["version"] = version })));
        }

        for (var k = 0; k < 12; k++)
        {
            var (key, name) = RegistryValues[k];
            var value = k % 3 != 2 ? (k % 2).ToString(CultureInfo.InvariantCulture) : null;
            facts.Add(new SyntheticFact(
                RegistryBase + k, $"reg{k:00}", $"registry.value({key}\\{name})", "registry.value", Args(("key", key), ("name", name)), null, value,
                value is null ? ProbeResult.NotFound() : ProbeResult.Found(value)));
        }

        for (var k = 0; k < 8; k++)
        {
            facts.Add(new SyntheticFact(
                NumberBase + k, $"num{k:00}", $"registry.value({NumberKey}\\{NumberNames[k]})", "registry.value", Args(("key", NumberKey), ("name", NumberNames[k])), null, Numbers[k],
                ProbeResult.Found(Numbers[k])));
        }

        for (var k = 0; k < 6; k++)
        {
            facts.Add(new SyntheticFact(
                LogBase + k, $"log{k:00}", $"log.last({LogNames[k]})", "registry.value", Args(("key", LogKey), ("name", LogNames[k])), null, LogLines[k],
                ProbeResult.Found(LogLines[k])));
        }

        return facts;
    }

    private static IReadOnlyDictionary<string, object?> Args(params (string Name, object? Value)[] pairs)
    {
        var args = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in pairs) args[name] = value;
        return args;
    }
}
