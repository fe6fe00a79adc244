using System.IO;
using FluentAssertions;
using PxeRules.Probes.Windows.Tests.Fakes;
using Xunit;

namespace PxeRules.Probes.Windows.Tests.Mapping;

public class RegistryProbeTests
{
    private const string Pxe = @"HKLM\SOFTWARE\Microsoft\SMS\PXE";
    private readonly TestBed bed = new TestBed().WithWindows();

    private ProbeResult Value(string key, string name, string? view = null, string machine = TestBed.Local) =>
        view is null
            ? bed.Probe("registry.value", machine, ("key", key), ("name", name))
            : bed.Probe("registry.value", machine, ("key", key), ("name", name), ("view", view));

    [Fact]
    public void A_dword_is_a_number_read_unsigned()
    {
        bed.Registry.Set(Pxe, "CacheExpire", 3600).Set(Pxe, "Big", unchecked((int)0xFFFFFFFF));

        Value(Pxe, "CacheExpire").Value.Should().Be(3600d);
        Value(Pxe, "Big").Value.Should().Be(4294967295d);
    }

    [Fact]
    public void Strings_qwords_multi_strings_and_binary_values_have_the_catalogue_types()
    {
        bed.Registry.Set(Pxe, "Text", "abc").Set(Pxe, "Large", 1L << 40).Set(Pxe, "List", new[] { "SMSPXE", "BINLSVC" })
            .Set(Pxe, "Blob", new byte[] { 0x0A, 0xFF, 0x00 });

        Value(Pxe, "Text").Value.Should().Be("abc");
        Value(Pxe, "Large").Value.Should().Be(1099511627776d);
        Value(Pxe, "List").Value.Should().BeEquivalentTo(new object?[] { "SMSPXE", "BINLSVC" }, o => o.WithStrictOrdering());
        Value(Pxe, "List").Value.Should().BeOfType<object?[]>();
        Value(Pxe, "Blob").Value.Should().Be("0AFF00");
    }

    [Fact]
    public void An_expandable_string_is_expanded_with_the_probed_machines_variables()
    {
        bed.WithWindows(@"D:\WINNT");
        bed.Registry.SetExpand(Pxe, "Dll", @"%SystemRoot%\system32\smspxe.dll").SetExpand(Pxe, "Odd", @"%NOSUCH%\x");

        Value(Pxe, "Dll", machine: TestBed.Remote).Value.Should().Be(@"D:\WINNT\system32\smspxe.dll");
        Value(Pxe, "Odd").Value.Should().Be(@"%NOSUCH%\x");
    }

    [Fact]
    public void An_empty_name_reads_the_default_value()
    {
        bed.Registry.Set(Pxe, string.Empty, "default text");

        Value(Pxe, string.Empty).Value.Should().Be("default text");
    }

    [Fact]
    public void A_missing_key_or_value_is_not_found()
    {
        bed.Registry.Set(Pxe, "CacheExpire", 3600);

        var key = Value(@"HKLM\SOFTWARE\Microsoft\SMS\Nothing", "CacheExpire");
        var value = Value(Pxe, "ResponseDelay");
        var defaultValue = Value(Pxe, string.Empty);

        key.Status.Should().Be(ProbeStatus.NotFound);
        key.Reason.Should().Be(@"The key HKLM\SOFTWARE\Microsoft\SMS\Nothing does not exist on this computer.");
        value.Status.Should().Be(ProbeStatus.NotFound);
        value.Reason.Should().Be(@"The key HKLM\SOFTWARE\Microsoft\SMS\PXE has no value 'ResponseDelay' on this computer.");
        defaultValue.Reason.Should().Be(@"The key HKLM\SOFTWARE\Microsoft\SMS\PXE has no value '(default)' on this computer.");
    }

    [Fact]
    public void View_32_reads_the_Wow6432Node_side_of_an_x64_machine()
    {
        bed.Registry.Set(Pxe, "CacheExpire", 120, view: 32).Set(Pxe, "CacheExpire", 3600, view: 64);

        Value(Pxe, "CacheExpire", "32").Value.Should().Be(120d);
        Value(Pxe, "CacheExpire", "64").Value.Should().Be(3600d);
        Value(Pxe, "CacheExpire", "default").Value.Should().Be(3600d);
        Value(Pxe, "CacheExpire").Value.Should().Be(3600d);
    }

    [Fact]
    public void A_key_only_in_the_32_bit_view_is_not_found_in_the_64_bit_view_and_says_which_view()
    {
        bed.Registry.Set(Pxe, "CacheExpire", 120, view: 32);

        var result = Value(Pxe, "CacheExpire", "64");

        result.Status.Should().Be(ProbeStatus.NotFound);
        result.Reason.Should().Be(@"The key HKLM\SOFTWARE\Microsoft\SMS\PXE does not exist on this computer (64-bit view).");
    }

    [Fact]
    public void On_a_32_bit_machine_view_32_is_the_only_view()
    {
        bed.Registry.Is64BitOs = false;
        bed.Registry.Set(Pxe, "CacheExpire", 3600);

        Value(Pxe, "CacheExpire", "32").Value.Should().Be(3600d);
    }

    [Fact]
    public void Long_hive_names_and_a_trailing_backslash_are_accepted()
    {
        bed.Registry.Set(Pxe, "CacheExpire", 3600);

        Value(@"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\SMS\PXE\", "CacheExpire").Value.Should().Be(3600d);
    }

    [Fact]
    public void A_key_without_a_hive_or_a_bad_view_is_unavailable()
    {
        Value(@"SOFTWARE\Microsoft\SMS\PXE", "CacheExpire").Reason
            .Should().Be(@"The key 'SOFTWARE\Microsoft\SMS\PXE' does not start with a hive such as HKLM or HKEY_LOCAL_MACHINE.");
        Value(Pxe, "CacheExpire", "wow").Reason.Should().Be("The view 'wow' is not 32, 64 or default.");
    }

    [Fact]
    public void A_key_whose_access_is_denied_is_unavailable()
    {
        bed.Registry.Set(Pxe, "CacheExpire", 3600).Deny(Pxe);

        var result = Value(Pxe, "CacheExpire", machine: TestBed.Remote);

        result.Status.Should().Be(ProbeStatus.Unavailable);
        result.Reason.Should().Be(@"Access is denied to the registry key HKLM\SOFTWARE\Microsoft\SMS\PXE on PXE02; the account running the check needs administrative rights there.");
    }

    [Fact]
    public void A_remote_registry_that_cannot_be_reached_is_unavailable_and_names_the_remote_registry_service()
    {
        bed.Registry.Unreachable[TestBed.Remote] = new IOException("The network path was not found.", unchecked((int)0x80070035));

        var result = Value(Pxe, "CacheExpire", machine: TestBed.Remote);

        result.Status.Should().Be(ProbeStatus.Unavailable);
        result.Reason.Should().Be(@"PXE02 cannot be reached for the registry key HKLM\SOFTWARE\Microsoft\SMS\PXE (The network path was not found): the host is down or its Remote Registry service is not running.");
    }

    [Fact]
    public void Hives_other_than_HKLM_and_HKU_of_a_remote_machine_are_unavailable()
    {
        Value(@"HKCU\Environment", "TEMP", machine: TestBed.Remote).Reason
            .Should().Be(@"HKCU of PXE02 cannot be read remotely; name the user's key under HKU\<SID> instead.");
        Value(@"HKCR\CLSID", string.Empty, machine: TestBed.Remote).Reason
            .Should().Be(@"HKCR of PXE02 cannot be read remotely; name it under HKLM\SOFTWARE\Classes instead.");
        Value(@"HKU\.DEFAULT\Environment", "TEMP", machine: TestBed.Remote).Status.Should().Be(ProbeStatus.NotFound);
    }

    [Fact]
    public void A_key_lists_its_subkeys_and_value_names()
    {
        bed.Registry.Set(Pxe + @"\Child", "x", 1).Set(Pxe, "CacheExpire", 3600).Set(Pxe, "IsActive", 1);

        var record = bed.Probe("registry.key", TestBed.Local, ("key", Pxe)).Record();

        record["subkeys"].Should().BeEquivalentTo(new object?[] { "Child" });
        record["values"].Should().BeEquivalentTo(new object?[] { "CacheExpire", "IsActive" });
        bed.Probe("registry.key", TestBed.Local, ("key", Pxe + @"\Missing")).Status.Should().Be(ProbeStatus.NotFound);
    }
}
