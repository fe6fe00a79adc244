using FluentAssertions;
using PxeRules.Probes.Windows.Tests.Fakes;
using Xunit;

namespace PxeRules.Probes.Windows.Tests.Mapping;

/// <summary>file, folder.entries and log.entries go to the portable provider with the probed machine's paths.</summary>
public class FileSystemProbesTests
{
    private readonly TestBed bed = new TestBed().WithWindows(@"D:\WINDOWS");

    [Fact]
    public void A_remote_file_is_read_through_the_administrative_share_with_the_remote_machines_variables()
    {
        var result = bed.Probe("file", TestBed.Remote, ("path", @"%windir%\System32\wimgapi.dll"));

        result.Status.Should().Be(ProbeStatus.Unavailable, "this test machine cannot reach \\\\PXE02");
        result.Reason.Should().Contain(@"\\PXE02\D$\WINDOWS\System32\wimgapi.dll").And.EndWith("(read on PXE02 through its administrative share)");
    }

    [Fact]
    public void Every_path_of_a_log_probe_is_mapped()
    {
        var result = bed.Probe("log.entries", TestBed.Remote, ("paths", new object?[] { @"%ProgramFiles%\SMS_CCM\Logs\SMSPXE*.lo?", @"E:\Logs\SMSPXE.log" }));

        result.Status.Should().Be(ProbeStatus.Unavailable);
        result.Reason.Should().Contain(@"\\PXE02\");
    }

    [Fact]
    public void A_relative_path_is_unavailable_with_the_reason()
    {
        var result = bed.Probe("folder.entries", TestBed.Remote, ("path", @"RemoteInstall\SMSBoot"));

        result.Status.Should().Be(ProbeStatus.Unavailable);
        result.Reason.Should().Be(@"'RemoteInstall\SMSBoot' is not an absolute path.");
    }
}
