using System;
using System.ComponentModel;
using FluentAssertions;
using PxeRules.Probes.Windows.Tests.Fakes;
using Xunit;

namespace PxeRules.Probes.Windows.Tests.Mapping;

public class ServiceProbeTests
{
    private readonly TestBed bed = new();

    [Fact]
    public void A_running_service_gives_its_name_display_name_state_start_mode_and_account()
    {
        bed.Services.Add("WDSServer", status: 4, startType: 2, account: "LocalSystem", displayName: "Windows Deployment Services Server");

        var record = bed.Probe("service", TestBed.Local, ("name", "WDSServer")).Record();

        record.Should().BeEquivalentTo(new System.Collections.Generic.Dictionary<string, object?>
        {
            ["name"] = "WDSServer",
            ["displayName"] = "Windows Deployment Services Server",
            ["state"] = "Running",
            ["startMode"] = "Automatic",
            ["account"] = "LocalSystem",
        });
        bed.Services.Machines.Should().Equal("(local)");
    }

    [Theory]
    [InlineData(1, "Stopped")]
    [InlineData(2, "StartPending")]
    [InlineData(3, "StopPending")]
    [InlineData(4, "Running")]
    [InlineData(5, "ContinuePending")]
    [InlineData(6, "PausePending")]
    [InlineData(7, "Paused")]
    public void Each_service_state_has_its_catalogue_name(int status, string state)
    {
        bed.Services.Add("WDSServer", status: status);

        bed.Probe("service", TestBed.Local, ("name", "WDSServer")).Record()["state"].Should().Be(state);
    }

    [Theory]
    [InlineData(0, "Boot")]
    [InlineData(1, "System")]
    [InlineData(2, "Automatic")]
    [InlineData(3, "Manual")]
    [InlineData(4, "Disabled")]
    public void Each_start_type_has_its_catalogue_name(int startType, string startMode)
    {
        bed.Services.Add("DHCPServer", startType: startType);

        bed.Probe("service", TestBed.Local, ("name", "DHCPServer")).Record()["startMode"].Should().Be(startMode);
    }

    [Fact]
    public void An_account_that_is_not_known_is_left_out()
    {
        bed.Services.Add("WDSServer", account: null);

        bed.Probe("service", TestBed.Local, ("name", "WDSServer")).Record().Should().NotContainKey("account");
    }

    [Fact]
    public void A_service_that_does_not_exist_is_not_found()
    {
        var result = bed.Probe("service", TestBed.Remote, ("name", "WDSServer"));

        result.Status.Should().Be(ProbeStatus.NotFound);
        result.Reason.Should().Be("No service named 'WDSServer' on PXE02.");
        bed.Services.Machines.Should().Equal("PXE02");
    }

    [Fact]
    public void The_computer_name_of_this_computer_is_read_locally()
    {
        bed.Services.Add("WDSServer");

        bed.Probe("service", "pxe01", ("name", "WDSServer"));

        bed.Services.Machines.Should().Equal("(local)");
    }

    [Fact]
    public void A_remote_host_that_cannot_be_reached_is_unavailable_with_what_the_scm_needs()
    {
        bed.Services.Unreachable["PXE02"] = new Win32Exception(1722, "The RPC server is unavailable.");

        var result = bed.Probe("service", TestBed.Remote, ("name", "WDSServer"));

        result.Status.Should().Be(ProbeStatus.Unavailable);
        result.Reason.Should().Be("PXE02 cannot be reached for the service 'WDSServer' (The RPC server is unavailable): the host is down or blocks remote service management (RPC over SMB).");
    }

    [Fact]
    public void Access_denied_by_a_remote_scm_is_unavailable_and_names_the_rights_needed()
    {
        bed.Services.Failure = new Win32Exception(5, "Access is denied.");

        var result = bed.Probe("service", TestBed.Remote, ("name", "WDSServer"));

        result.Status.Should().Be(ProbeStatus.Unavailable);
        result.Reason.Should().Be("Access is denied to the service 'WDSServer' on PXE02; the account running the check needs administrative rights there.");
    }

    [Fact]
    public void Access_denied_locally_asks_for_an_elevated_check()
    {
        bed.Services.Failure = new UnauthorizedAccessException();

        bed.Probe("service", TestBed.Local, ("name", "WDSServer")).Reason
            .Should().Be("Access is denied to the service 'WDSServer' on this computer; run the check as an administrator.");
    }
}
