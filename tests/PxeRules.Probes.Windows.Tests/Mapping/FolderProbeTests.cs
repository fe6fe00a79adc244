using System.IO;
using FluentAssertions;
using PxeRules.Probes.Windows.Access;
using PxeRules.Probes.Windows.Tests.Fakes;
using Xunit;

namespace PxeRules.Probes.Windows.Tests.Mapping;

public class FolderProbeTests
{
    private const string TrustedInstaller = "S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464";
    private readonly TestBed bed = new TestBed().WithWindows();

    [Fact]
    public void A_folder_gives_its_path_hidden_flag_owner_and_access_rules()
    {
        bed.Files.Folder(@"C:\Windows\TEMP\PXEBootfiles", FileAttributes.Hidden, new FolderSecurity(TrustedInstaller, @"NT SERVICE\TrustedInstaller", new[]
        {
            new AccessRuleData(TrustedInstaller, @"NT SERVICE\TrustedInstaller", 0x1F01FF, Allow: true, Inherited: false),
            new AccessRuleData("S-1-5-18", @"NT AUTHORITY\SYSTEM", 0x1200A9, Allow: true, Inherited: false),
            new AccessRuleData("S-1-5-32-544", null, 0x10000000, Allow: false, Inherited: true),
        }));

        var record = bed.Probe("folder", TestBed.Local, ("path", @"%WdsTemp%\PXEBootfiles")).Record();

        record["path"].Should().Be(@"C:\Windows\TEMP\PXEBootfiles");
        record["hidden"].Should().Be(true);
        record["owner"].Should().Be(@"NT SERVICE\TrustedInstaller");
        record["ownerSid"].Should().Be(TrustedInstaller);
        var access = (object?[])record["access"]!;
        access.Should().HaveCount(3);
        access.At(0).Should().BeEquivalentTo(new System.Collections.Generic.Dictionary<string, object?>
        {
            ["identity"] = @"NT SERVICE\TrustedInstaller",
            ["sid"] = TrustedInstaller,
            ["rights"] = "FullControl",
            ["type"] = "Allow",
            ["inherited"] = false,
        });
        access.At(1)["rights"].Should().Be("ReadAndExecute, Synchronize");
        access.At(2).Should().NotContainKey("identity");
        access.At(2)["rights"].Should().Be("GenericAll");
        access.At(2)["type"].Should().Be("Deny");
        access.At(2)["inherited"].Should().Be(true);
    }

    [Fact]
    public void A_remote_folder_is_read_through_the_admin_share()
    {
        bed.Files.Folder(@"\\PXE02\C$\Windows\TEMP\PXEBootfiles");

        var record = bed.Probe("folder", TestBed.Remote, ("path", @"%WdsTemp%\PXEBootfiles")).Record();

        record["path"].Should().Be(@"C:\Windows\TEMP\PXEBootfiles");
        record["hidden"].Should().Be(false);
        bed.Files.Asked.Should().Equal(@"\\PXE02\C$\Windows\TEMP\PXEBootfiles");
    }

    [Fact]
    public void A_missing_folder_is_not_found()
    {
        var result = bed.Probe("folder", TestBed.Local, ("path", @"%WdsTemp%\PXEBootfiles"));

        result.Status.Should().Be(ProbeStatus.NotFound);
        result.Reason.Should().Be(@"No folder C:\Windows\TEMP\PXEBootfiles on this computer.");
    }

    [Fact]
    public void A_file_where_a_folder_is_asked_for_is_not_found()
    {
        bed.Files.File(@"C:\Windows\TEMP\PXEBootfiles");

        bed.Probe("folder", TestBed.Local, ("path", @"C:\Windows\TEMP\PXEBootfiles")).Reason
            .Should().Be(@"C:\Windows\TEMP\PXEBootfiles on this computer is a file, not a folder.");
    }

    [Fact]
    public void A_folder_whose_acl_cannot_be_read_is_unavailable_as_seed_issue_one_leaves_it()
    {
        bed.Files.Folder(@"\\PXE02\C$\Windows\TEMP\PXEBootfiles", FileAttributes.Hidden);
        bed.Files.AclDenied.Add(@"\\PXE02\C$\Windows\TEMP\PXEBootfiles");

        var result = bed.Probe("folder", TestBed.Remote, ("path", @"%WdsTemp%\PXEBootfiles"));

        result.Status.Should().Be(ProbeStatus.Unavailable);
        result.Reason.Should().Be(@"The folder C:\Windows\TEMP\PXEBootfiles exists on PXE02, but its owner and permissions cannot be read: access is denied. Its security descriptor does not let the account running the check read it.");
    }

    [Fact]
    public void An_admin_share_that_cannot_be_reached_is_unavailable()
    {
        bed.Files.Failures[@"\\PXE02\"] = new IOException("The network path was not found.", 53);

        bed.Probe("folder", TestBed.Remote, ("path", @"C:\RemoteInstall")).Reason
            .Should().Be(@"PXE02 cannot be reached for the folder C:\RemoteInstall (The network path was not found): the host is down or its administrative shares (C$) are not reachable.");
    }

    [Fact]
    public void A_relative_path_is_unavailable()
    {
        bed.Probe("folder", TestBed.Local, ("path", @"RemoteInstall")).Reason.Should().Be("'RemoteInstall' is not an absolute path.");
    }

    [Theory]
    [InlineData(@"\\FILES\share\x")]
    [InlineData(@"//FILES/share/x")]
    [InlineData(@"\\?\C:\x")]
    [InlineData(@"\\.\PhysicalDrive0")]
    public void A_path_naming_another_host_or_a_device_is_refused_without_touching_it(string path)
    {
        bed.Files.Folder(path);

        var result = bed.Probe("folder", TestBed.Remote, ("path", path));

        result.Status.Should().Be(ProbeStatus.Unavailable);
        result.Reason.Should().StartWith($"'{path}' names another host or a device; only paths on ");
        bed.Files.Asked.Should().BeEmpty();
    }
}
