using System;
using System.ComponentModel;
using System.IO;
using FluentAssertions;
using PxeRules.Probes.Windows.Mapping;
using Xunit;

namespace PxeRules.Probes.Windows.Tests.Mapping;

public class FailuresTests
{
    private static readonly TargetMachine Remote = TargetMachine.Resolve("PXE02", new[] { "." });
    private static readonly TargetMachine Local = TargetMachine.Resolve(".", new[] { "." });

    [Fact]
    public void A_failed_logon_names_the_machine()
    {
        Failures.Describe(new Win32Exception(1326, "The user name or password is incorrect."), Remote, Channel.Registry, "the registry key HKLM\\X")
            .Should().Be("The registry key HKLM\\X on PXE02 cannot be read: the logon to PXE02 failed (The user name or password is incorrect).");
    }

    [Fact]
    public void Any_other_failure_keeps_the_apis_message()
    {
        Failures.Describe(new IOException("The device is not ready."), Remote, Channel.Files, "the folder D:\\X")
            .Should().Be("The folder D:\\X on PXE02 cannot be read: The device is not ready.");
    }

    [Fact]
    public void Network_errors_on_this_computer_are_not_called_unreachable()
    {
        Failures.Describe(new Win32Exception(1722, "The RPC server is unavailable."), Local, Channel.Wmi, "WMI")
            .Should().Be("WMI on this computer cannot be read: The RPC server is unavailable.");
    }

    [Theory]
    [InlineData(unchecked((int)0x80070035), 53)]
    [InlineData(53, 53)]
    [InlineData(unchecked((int)0x800706BA), 1722)]
    [InlineData(unchecked((int)0x80041003), 0)]
    public void Win32_codes_are_read_from_hresults(int hresult, int code)
    {
        Failures.Win32Code(new IOException("x", hresult)).Should().Be(code);
    }

    [Fact]
    public void Names_of_this_computer_resolve_locally_ignoring_case_and_leading_backslashes()
    {
        TargetMachine.Resolve(@"\\pxe01", new[] { ".", "PXE01" }).IsLocal.Should().BeTrue();
        TargetMachine.Resolve("PXE02", new[] { ".", "PXE01" }).RemoteName.Should().Be("PXE02");
        TargetMachine.Resolve("localhost", new[] { "localhost" }).Display.Should().Be("this computer");
    }
}
