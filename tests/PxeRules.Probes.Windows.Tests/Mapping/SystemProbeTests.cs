using System;
using System.Collections.Generic;
using FluentAssertions;
using PxeRules.Probes.Windows.Access;
using PxeRules.Probes.Windows.Tests.Fakes;
using Xunit;

namespace PxeRules.Probes.Windows.Tests.Mapping;

public class SystemProbeTests
{
    private readonly TestBed bed = new();

    private void Os(string caption, string version, string? servicePack, uint productType, ushort architecture, ushort addressWidth)
    {
        bed.Wmi.Add(@"root\cimv2", "Win32_OperatingSystem", ("Caption", caption), ("Version", version), ("CSDVersion", servicePack), ("ProductType", productType));
        bed.Wmi.Add(@"root\cimv2", "Win32_Processor", ("Architecture", architecture), ("AddressWidth", addressWidth));
    }

    [Fact]
    public void Windows_Server_2003_x86_with_a_service_pack()
    {
        Os("Microsoft(R) Windows(R) Server 2003, Standard Edition ", "5.2.3790", "Service Pack 2", 3, 0, 32);

        bed.Probe("os").Record().Should().BeEquivalentTo(new Dictionary<string, object?>
        {
            ["caption"] = "Microsoft(R) Windows(R) Server 2003, Standard Edition",
            ["version"] = new Version(5, 2, 3790),
            ["servicePack"] = "Service Pack 2",
            ["architecture"] = "x86",
            ["productType"] = "Server",
        });
    }

    [Fact]
    public void Windows_Server_2008_R2_domain_controller_without_a_service_pack()
    {
        Os("Microsoft Windows Server 2008 R2 Enterprise", "6.1.7600", null, 2, 9, 64);

        var record = bed.Probe("os", TestBed.Remote).Record();

        record.Should().NotContainKey("servicePack");
        record["architecture"].Should().Be("x64");
        record["productType"].Should().Be("DomainController");
        bed.Wmi.Queries.Should().OnlyContain(q => q.Machine == TestBed.Remote);
    }

    [Theory]
    [InlineData(9, 32, "x86")]
    [InlineData(6, 64, "ia64")]
    [InlineData(0, 32, "x86")]
    public void The_architecture_is_the_operating_systems(ushort architecture, ushort width, string expected)
    {
        Os("Windows", "6.0.6001", "Service Pack 1", 1, architecture, width);

        bed.Probe("os").Record()["architecture"].Should().Be(expected);
    }

    [Fact]
    public void WMI_access_denied_makes_the_os_unavailable()
    {
        bed.Wmi.Failures[TestBed.Remote] = new UnauthorizedAccessException("Access is denied.");

        bed.Probe("os", TestBed.Remote).Reason
            .Should().Be("Access is denied to the operating system (Win32_OperatingSystem) on PXE02; the account running the check needs administrative rights there.");
    }

    [Fact]
    public void An_installed_role_service_is_found_by_its_feature_id()
    {
        bed.Wmi.Add(@"root\cimv2", "Win32_ServerFeature", ("ID", 19u), ("Name", "Windows Deployment Services"))
            .Add(@"root\cimv2", "Win32_ServerFeature", ("ID", 252u), ("Name", "Transport Server"));

        bed.Probe("windows.feature", TestBed.Local, ("name", "wds-transport")).Record().Should().BeEquivalentTo(new Dictionary<string, object?>
        {
            ["name"] = "WDS-Transport",
            ["displayName"] = "Transport Server",
            ["installed"] = true,
        });
        bed.Probe("windows.feature", TestBed.Local, ("name", "WDS-Deployment")).Record()["installed"].Should().Be(false);
        bed.Probe("windows.feature", TestBed.Local, ("name", "DHCP")).Record()["displayName"].Should().Be("DHCP Server");
    }

    [Fact]
    public void Windows_Server_2003_has_no_features()
    {
        bed.Wmi.MissingClasses.Add("Win32_ServerFeature");

        var result = bed.Probe("windows.feature", TestBed.Remote, ("name", "WDS"));

        result.Status.Should().Be(ProbeStatus.NotFound);
        result.Reason.Should().Be("PXE02 has no Server Manager roles and features (Win32_ServerFeature): it runs Windows Server 2003 or a client OS.");
    }

    [Fact]
    public void A_machine_whose_WMI_answers_nothing_for_an_unknown_class_has_no_features_rather_than_none_installed()
    {
        bed.Wmi.MissingClasses.Add("Win32_ServerFeature");
        bed.Wmi.MissingClassesAnswerEmpty = true;

        var result = bed.Probe("windows.feature", TestBed.Remote, ("name", "WDS"));

        result.Status.Should().Be(ProbeStatus.NotFound);
        result.Reason.Should().Be("PXE02 has no Server Manager roles and features (Win32_ServerFeature): it runs Windows Server 2003 or a client OS.");
        bed.Wmi.ClassChecks.Should().Equal(("PXE02", @"root\cimv2", "Win32_ServerFeature"));
    }

    [Fact]
    public void A_server_with_no_feature_installed_answers_not_installed()
    {
        var record = bed.Probe("windows.feature", TestBed.Local, ("name", "WDS")).Record();

        record["installed"].Should().Be(false);
        bed.Wmi.ClassChecks.Should().ContainSingle("an empty answer is checked against the class once");
    }

    [Fact]
    public void An_unknown_feature_name_or_a_failing_query_is_unavailable()
    {
        bed.Probe("windows.feature", TestBed.Local, ("name", "IIS")).Reason
            .Should().Be("The Windows provider does not know the feature 'IIS'; it knows WDS, WDS-Deployment, WDS-Transport, DHCP, DNS.");

        bed.Wmi.Failures[@"root\cimv2"] = new WmiException("Timed out", WmiException.TimedOut);
        bed.Probe("windows.feature", TestBed.Local, ("name", "WDS")).Reason
            .Should().Be("Reading the installed roles and features (Win32_ServerFeature) on this computer timed out.");
    }
}
