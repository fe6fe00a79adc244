using System.Collections.Generic;
using FluentAssertions;
using PxeRules.Probes.Windows.Tests.Fakes;
using Xunit;

namespace PxeRules.Probes.Windows.Tests.Mapping;

public class WdsProbeTests
{
    private const string Wds = @"HKLM\SYSTEM\CurrentControlSet\Services\WDSServer";
    private readonly TestBed bed = new();

    [Fact]
    public void The_wds_record_is_assembled_from_the_registry_values()
    {
        bed.Registry.Set(Wds + @"\Providers\WDSTFTP", "RootFolder", @"D:\RemoteInstall")
            .Set(Wds + @"\Providers\WDSTFTP", "ReadFilter", new[] { @"\boot\*", @"\tmp\*", @"\SMSBoot\*" })
            .Set(Wds + @"\Providers\WDSTFTP", "MaximumBlockSize", 1456)
            .Set(Wds + @"\Providers\WDSPXE", "UseDHCPPorts", 0)
            .Set(Wds + @"\Providers\WDSPXE", "ProvidersOrder", new[] { "SMSPXE" })
            .Set(Wds + @"\Providers\WDSPXE", "BannedGuids", new[] { "{00000000000000000000000000000000}" })
            .Set(Wds + @"\Providers\WDSPXE\Providers\SMSPXE", "ProviderDLL", @"C:\Program Files\SMS_CCM\smspxe.dll")
            .Set(Wds + @"\Providers\WDSPXE\Providers\BINLSVC", "netbootAnswerRequests", "FALSE")
            .Set(Wds + @"\Parameters", "UdpPortPolicy", 0);

        bed.Probe("wds").Record().Should().BeEquivalentTo(new Dictionary<string, object?>
        {
            ["rootFolder"] = @"D:\RemoteInstall",
            ["useDhcpPorts"] = 0d,
            ["providersOrder"] = new object?[] { "SMSPXE" },
            ["pxeProviders"] = new object?[] { "SMSPXE", "BINLSVC" },
            ["bannedGuids"] = new object?[] { "{00000000000000000000000000000000}" },
            ["readFilter"] = new object?[] { @"\boot\*", @"\tmp\*", @"\SMSBoot\*" },
            ["maximumBlockSize"] = 1456d,
            ["udpPortPolicy"] = 0d,
            ["answerRequests"] = false,
        });
    }

    [Fact]
    public void Values_that_are_not_set_are_left_out()
    {
        bed.Registry.Set(Wds, "ObjectName", "LocalSystem").Set(Wds + @"\Providers\WDSTFTP", "RootFolder", @"C:\RemoteInstall");

        bed.Probe("wds").Record().Keys.Should().BeEquivalentTo("rootFolder");
    }

    [Theory]
    [InlineData("TRUE", true)]
    [InlineData("false", false)]
    [InlineData(1, true)]
    [InlineData(0, false)]
    public void AnswerRequests_is_read_from_text_or_a_number(object stored, bool expected)
    {
        bed.Registry.Set(Wds + @"\Providers\WDSPXE\Providers\BINLSVC", "netbootAnswerRequests", stored);

        bed.Probe("wds").Record()["answerRequests"].Should().Be(expected);
    }

    [Fact]
    public void A_read_filter_stored_as_one_string_is_a_one_item_list_and_numbers_as_text_are_numbers()
    {
        bed.Registry.Set(Wds + @"\Providers\WDSTFTP", "ReadFilter", @"\boot\*").Set(Wds + @"\Providers\WDSTFTP", "MaximumBlockSize", "0x5B0");

        var record = bed.Probe("wds").Record();

        record["readFilter"].Should().BeEquivalentTo(new object?[] { @"\boot\*" });
        record["maximumBlockSize"].Should().Be(1456d);
    }

    [Fact]
    public void Without_the_WDSServer_key_wds_is_not_found()
    {
        var result = bed.Probe("wds", TestBed.Remote);

        result.Status.Should().Be(ProbeStatus.NotFound);
        result.Reason.Should().Be("The WDSServer service key does not exist on PXE02: WDS is not installed.");
    }
}
