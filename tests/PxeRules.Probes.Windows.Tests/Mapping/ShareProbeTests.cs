using System.Runtime.InteropServices;
using FluentAssertions;
using PxeRules.Probes.Windows.Tests.Fakes;
using Xunit;

namespace PxeRules.Probes.Windows.Tests.Mapping;

public class ShareProbeTests
{
    private readonly TestBed bed = new TestBed().WithWindows();

    private void Share(string name, string? path, string remark = "") =>
        bed.Wmi.Add(@"root\cimv2", "Win32_Share", ("Name", name), ("Path", path), ("Description", remark));

    [Fact]
    public void A_share_gives_its_folder_and_whether_the_folder_exists()
    {
        Share("REMINST", @"D:\RemoteInstall", "Windows Deployment Services Share");
        bed.Files.Folder(@"D:\RemoteInstall");

        var record = bed.Probe("share", TestBed.Local, ("name", "reminst")).Record();

        record.Should().BeEquivalentTo(new System.Collections.Generic.Dictionary<string, object?>
        {
            ["name"] = "REMINST",
            ["path"] = @"D:\RemoteInstall",
            ["pathExists"] = true,
            ["remark"] = "Windows Deployment Services Share",
        });
    }

    [Fact]
    public void A_share_pointing_to_a_missing_folder_says_so()
    {
        Share("SMSPXEIMAGES$", @"E:\SMSPXEIMAGES$");

        var record = bed.Probe("share", TestBed.Remote, ("name", "SMSPXEIMAGES$")).Record();

        record["pathExists"].Should().Be(false);
        bed.Files.Asked.Should().Equal(@"\\PXE02\E$\SMSPXEIMAGES$");
        bed.Wmi.Queries.Should().ContainSingle().Which.Should().Be(("PXE02", @"root\cimv2", "SELECT Name, Path, Description FROM Win32_Share WHERE Name = 'SMSPXEIMAGES$'", false));
    }

    [Fact]
    public void A_share_without_a_folder_has_no_path_fields()
    {
        Share("IPC$", "", "Remote IPC");

        bed.Probe("share", TestBed.Local, ("name", "IPC$")).Record().Keys.Should().BeEquivalentTo("name", "remark");
    }

    [Fact]
    public void A_missing_share_is_not_found()
    {
        var result = bed.Probe("share", TestBed.Local, ("name", "REMINST"));

        result.Status.Should().Be(ProbeStatus.NotFound);
        result.Reason.Should().Be("No share named REMINST on this computer.");
    }

    [Fact]
    public void Shares_of_a_machine_whose_WMI_has_no_Win32_Share_are_unavailable_not_missing()
    {
        bed.Wmi.MissingClasses.Add("Win32_Share");
        bed.Wmi.MissingClassesAnswerEmpty = true;

        var result = bed.Probe("share", TestBed.Local, ("name", "REMINST"));

        result.Status.Should().Be(ProbeStatus.Unavailable);
        result.Reason.Should().Be(@"The share REMINST (Win32_Share) cannot be read on this computer: its WMI has no class Win32_Share in root\cimv2.");
    }

    [Fact]
    public void Quotes_in_a_share_name_are_escaped_in_the_query()
    {
        bed.Probe("share", TestBed.Local, ("name", @"it's\x"));

        bed.Wmi.Queries[0].Query.Should().Be(@"SELECT Name, Path, Description FROM Win32_Share WHERE Name = 'it\'s\\x'");
    }

    [Fact]
    public void WMI_that_cannot_be_reached_is_unavailable_with_what_WMI_needs()
    {
        bed.Wmi.Failures[TestBed.Remote] = new COMException("The RPC server is unavailable. (Exception from HRESULT: 0x800706BA)", unchecked((int)0x800706BA));

        bed.Probe("share", TestBed.Remote, ("name", "REMINST")).Reason
            .Should().Be("PXE02 cannot be reached for the share REMINST (Win32_Share) (The RPC server is unavailable. (Exception from HRESULT: 0x800706BA)): the host is down, or its firewall blocks WMI (DCOM, RPC port 135 and dynamic ports).");
    }

    [Fact]
    public void A_folder_check_that_fails_makes_the_share_unavailable()
    {
        Share("REMINST", @"D:\RemoteInstall");
        bed.Files.Failures[@"\\PXE02\D$"] = new System.UnauthorizedAccessException();

        bed.Probe("share", TestBed.Remote, ("name", "REMINST")).Reason
            .Should().Be(@"Access is denied to the folder D:\RemoteInstall behind the share REMINST on PXE02; the account running the check needs administrative rights there.");
    }
}
