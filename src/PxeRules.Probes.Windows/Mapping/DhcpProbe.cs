using System;
using System.Globalization;
using System.Linq;
using PxeRules.Probes.Windows.Access;

namespace PxeRules.Probes.Windows.Mapping;

/// <summary><c>dhcp.options</c>: server- and scope-level option values of a Microsoft DHCP server.</summary>
internal static class DhcpProbe
{
    public static ProbeResult Run(ProbeContext c)
    {
        var service = c.Guard(Channel.ServiceControlManager, "the service 'DHCPServer'", () => c.Apis.Services.Find(c.Target.RemoteName, "DHCPServer"));
        if (service is null)
        {
            return ProbeResult.NotFound($"The DHCP Server service is not installed on {c.Target.Display}.");
        }

        var options = c.Guard(Channel.Dhcp, "the DHCP server options", () => c.Apis.Dhcp.ReadOptions(c.Target.RemoteName));
        var list = options
            .OrderBy(o => o.Scope.HasValue ? 1 : 0).ThenBy(o => o.Scope ?? 0).ThenBy(o => o.OptionId)
            .Select(o => (object?)new RecordBuilder()
                .Add("scope", o.Scope is { } scope ? Address(scope) : "server")
                .Add("id", (double)o.OptionId)
                .Add("value", string.Join(", ", o.Elements.Select(Format)))
                .Build())
            .ToArray();
        return ProbeResult.Found(list);
    }

    /// <summary>An IPv4 address as the DHCP API holds it (host order, first octet in the high byte).</summary>
    public static string Address(uint address) =>
        string.Join(".", (address >> 24) & 0xFF, (address >> 16) & 0xFF, (address >> 8) & 0xFF, address & 0xFF);

    /// <summary>One element as the DHCP console shows it: numbers in decimal, addresses dotted, binary in hex.</summary>
    public static string Format(DhcpElement element) => element.Value switch
    {
        string s => s.TrimEnd('\0'),
        byte[] bytes => RegKey.Hex(bytes),
        uint ip when element.Kind == DhcpElementKind.IpAddress => Address(ip),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        var other => other.ToString() ?? string.Empty,
    };
}
