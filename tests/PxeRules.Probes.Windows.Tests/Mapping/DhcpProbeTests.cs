using System.Collections.Generic;
using System.ComponentModel;
using FluentAssertions;
using PxeRules.Probes.Windows.Access;
using PxeRules.Probes.Windows.Tests.Fakes;
using Xunit;

namespace PxeRules.Probes.Windows.Tests.Mapping;

public class DhcpProbeTests
{
    private readonly TestBed bed = new();

    public DhcpProbeTests() => bed.Services.Add("DHCPServer");

    [Fact]
    public void Server_options_come_first_then_scopes_with_values_as_the_console_shows_them()
    {
        bed.Dhcp.Options.Add(new DhcpOptionData(0x0A000000u, 66, new[] { new DhcpElement(DhcpElementKind.String, "10.0.0.5\0") }));
        bed.Dhcp.Options.Add(new DhcpOptionData(null, 6, new[]
        {
            new DhcpElement(DhcpElementKind.IpAddress, 0x0A000001u),
            new DhcpElement(DhcpElementKind.IpAddress, 0x0A000002u),
        }));
        bed.Dhcp.Options.Add(new DhcpOptionData(0x0A000000u, 51, new[] { new DhcpElement(DhcpElementKind.DWord, 691200L) }));
        bed.Dhcp.Options.Add(new DhcpOptionData(null, 43, new[] { new DhcpElement(DhcpElementKind.Encapsulated, new byte[] { 1, 4, 0, 0, 0, 0, 0xFF }) }));

        var list = bed.Probe("dhcp.options", TestBed.Remote).List();

        list.Should().HaveCount(4);
        list.At(0).Should().BeEquivalentTo(new Dictionary<string, object?> { ["scope"] = "server", ["id"] = 6d, ["value"] = "10.0.0.1, 10.0.0.2" });
        list.At(1).Should().BeEquivalentTo(new Dictionary<string, object?> { ["scope"] = "server", ["id"] = 43d, ["value"] = "010400000000FF" });
        list.At(2).Should().BeEquivalentTo(new Dictionary<string, object?> { ["scope"] = "10.0.0.0", ["id"] = 51d, ["value"] = "691200" });
        list.At(3).Should().BeEquivalentTo(new Dictionary<string, object?> { ["scope"] = "10.0.0.0", ["id"] = 66d, ["value"] = "10.0.0.5" });
        bed.Dhcp.Servers.Should().Equal(TestBed.Remote);
    }

    [Fact]
    public void Without_the_DHCP_Server_service_options_are_not_found()
    {
        var bare = new TestBed();

        var result = bare.Probe("dhcp.options", TestBed.Remote);

        result.Status.Should().Be(ProbeStatus.NotFound);
        result.Reason.Should().Be("The DHCP Server service is not installed on PXE02.");
    }

    [Fact]
    public void A_dhcp_server_that_is_not_running_or_cannot_be_reached_is_unavailable()
    {
        bed.Dhcp.Failure = new Win32Exception(1753, "There are no more endpoints available from the endpoint mapper.");
        bed.Probe("dhcp.options", TestBed.Remote).Reason.Should().Be("The DHCP Server service on PXE02 is not running, so its options cannot be read.");

        bed.Dhcp.Failure = new Win32Exception(1722, "The RPC server is unavailable.");
        bed.Probe("dhcp.options", TestBed.Remote).Reason
            .Should().Be("PXE02 cannot be reached for the DHCP server options (The RPC server is unavailable): the host is down or its DHCP Server service does not accept RPC.");

        bed.Dhcp.Failure = new Win32Exception(5, "Access is denied.");
        bed.Probe("dhcp.options", TestBed.Remote).Reason
            .Should().Be("Access is denied to the DHCP server options on PXE02; the account running the check needs administrative rights there.");
    }
}
