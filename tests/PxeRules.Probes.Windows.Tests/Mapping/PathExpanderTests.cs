using FluentAssertions;
using PxeRules.Probes.Windows.Tests.Fakes;
using Xunit;

namespace PxeRules.Probes.Windows.Tests.Mapping;

public class PathExpanderTests
{
    private readonly TestBed bed = new TestBed().WithWindows();

    private ProbeResult Expand(string path, string machine = TestBed.Local) => bed.Probe("environment.path", machine, ("path", path));

    [Theory]
    [InlineData(@"%windir%\system32\wimgapi.dll", @"C:\Windows\system32\wimgapi.dll")]
    [InlineData(@"%SystemRoot%\Temp", @"C:\Windows\Temp")]
    [InlineData(@"%SystemDrive%\RemoteInstall", @"C:\RemoteInstall")]
    [InlineData(@"%ProgramFiles%\SMS_CCM\Logs", @"C:\Program Files\SMS_CCM\Logs")]
    [InlineData(@"%ProgramFiles(x86)%\Microsoft Configuration Manager", @"C:\Program Files (x86)\Microsoft Configuration Manager")]
    [InlineData(@"%WdsTemp%\PXEBootfiles", @"C:\Windows\TEMP\PXEBootfiles")]
    [InlineData(@"C:\no\variables", @"C:\no\variables")]
    [InlineData("100%", "100%")]
    public void Variables_come_from_the_probed_machines_registry(string path, string expanded)
    {
        Expand(path).Value.Should().Be(expanded);
    }

    [Fact]
    public void A_remote_machine_with_windows_on_another_drive_expands_to_its_own_folders()
    {
        bed.WithWindows(@"D:\WINDOWS");

        Expand(@"%windir%\system32", TestBed.Remote).Value.Should().Be(@"D:\WINDOWS\system32");
        Expand(@"%ProgramFiles%", TestBed.Remote).Value.Should().Be(@"D:\Program Files");
        bed.Registry.Machines.Should().OnlyContain(m => m == TestBed.Remote);
    }

    [Fact]
    public void TEMP_is_the_temp_folder_of_the_person_running_the_check_here_and_the_system_one_remotely()
    {
        Expand(@"%TEMP%\PXEBootfiles").Value.Should().Be(@"C:\Users\admin\AppData\Local\Temp\PXEBootfiles");
        Expand(@"%TEMP%\PXEBootfiles", TestBed.Remote).Value.Should().Be(@"C:\Windows\TEMP\PXEBootfiles");
    }

    [Fact]
    public void WdsTemp_without_WDS_is_unavailable()
    {
        var bare = new TestBed();
        bare.Registry.Set(@"HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion", "SystemRoot", @"C:\Windows");

        var result = bare.Probe("environment.path", TestBed.Remote, ("path", @"%WdsTemp%\PXEBootfiles"));

        result.Status.Should().Be(ProbeStatus.Unavailable);
        result.Reason.Should().Be("%WdsTemp% is not defined on PXE02: the WDSServer service is not installed.");
    }

    [Fact]
    public void WdsTemp_of_a_wds_running_as_another_account_is_unavailable()
    {
        bed.Registry.Set(@"HKLM\SYSTEM\CurrentControlSet\Services\WDSServer", "ObjectName", @"CONTOSO\svc-wds");

        Expand(@"%WdsTemp%\PXEBootfiles").Reason
            .Should().Be(@"%WdsTemp% cannot be worked out on this computer: WDSServer runs as CONTOSO\svc-wds, not LocalSystem.");
    }

    [Fact]
    public void A_variable_the_machine_does_not_define_is_unavailable()
    {
        var result = Expand(@"%NOSUCH%\x", TestBed.Remote);

        result.Status.Should().Be(ProbeStatus.Unavailable);
        result.Reason.Should().Be("The variable %NOSUCH% is not defined on PXE02.");
    }

    [Fact]
    public void COMPUTERNAME_is_the_probed_machines_own_name_even_when_called_by_address()
    {
        bed.Registry.Set(@"HKLM\SYSTEM\CurrentControlSet\Control\ComputerName\ComputerName", "ComputerName", "PXE02");

        Expand(@"\\%COMPUTERNAME%\REMINST", "10.0.0.12").Value.Should().Be(@"\\PXE02\REMINST");
    }

    [Fact]
    public void System_variables_of_session_manager_are_expanded_recursively()
    {
        bed.Registry.SetExpand(@"HKLM\SYSTEM\CurrentControlSet\Control\Session Manager\Environment", "SMS_LOG_PATH", @"%windir%\CCM\Logs");

        Expand(@"%SMS_LOG_PATH%\SMSPXE.log").Value.Should().Be(@"C:\Windows\CCM\Logs\SMSPXE.log");
    }
}
