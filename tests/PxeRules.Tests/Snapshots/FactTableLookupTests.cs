using System.Collections.Generic;
using System.Linq;
using FluentAssertions;
using PxeRules.Facts;
using PxeRules.Probes;
using Xunit;

namespace PxeRules.Tests.Snapshots;

/// <summary>
/// The engine finds a call's record by the machine's name and the rest of the call's key, without building the call;
/// it must find exactly what looking up the whole call finds.
/// </summary>
public class FactTableLookupTests
{
    private static readonly IReadOnlyDictionary<string, object?> WdsService = new Dictionary<string, object?> { ["name"] = "WDSServer" };

    [Theory]
    [InlineData("PXE01", "PXE01")]
    [InlineData("PXE01", "pxe01")]
    [InlineData("pxe01.corp.contoso.com", "PXE01.CORP.CONTOSO.COM")]
    public void A_record_is_found_by_machine_and_key_suffix_ignoring_case(string collected, string asked)
    {
        var call = new ProbeCall(new Machine(collected), "service", WdsService);
        var table = new FactTable(new[] { call.Machine }, new[] { FactRecord.From(call, ProbeResult.Found(Service("Running"))) }, default);

        var found = table.Find(asked, ProbeCall.KeySuffix("SERVICE", new Dictionary<string, object?> { ["NAME"] = "wdsserver" }));

        found.Should().NotBeNull().And.BeSameAs(table.Find(call));
    }

    [Fact]
    public void Another_machine_or_argument_finds_nothing()
    {
        var call = new ProbeCall(new Machine("PXE01"), "service", WdsService);
        var table = new FactTable(new[] { call.Machine }, new[] { FactRecord.From(call, ProbeResult.Found(Service("Running"))) }, default);

        table.Find("PXE02", ProbeCall.KeySuffix("service", WdsService)).Should().BeNull();
        table.Find("PXE01", ProbeCall.KeySuffix("service", new Dictionary<string, object?> { ["name"] = "DHCPServer" })).Should().BeNull();
        table.Find("PXE0", ProbeCall.KeySuffix("service", WdsService)).Should().BeNull("a prefix of the name is another machine");
    }

    [Fact]
    public void A_key_longer_than_the_stack_buffer_is_found()
    {
        // A registry path of 400 characters: the key no longer fits the lookup's stack buffer.
        var path = @"HKLM\SOFTWARE\" + string.Join(@"\", Enumerable.Repeat("Microsoft", 40));
        var call = new ProbeCall(new Machine("PXE01"), "registry.value", new Dictionary<string, object?> { ["path"] = path, ["name"] = "RootFolder" });
        var table = new FactTable(new[] { call.Machine }, new[] { FactRecord.From(call, ProbeResult.Found("D:\\RemoteInstall")) }, default);

        call.Key.Length.Should().BeGreaterThan(256);
        table.Find("PXE01", ProbeCall.KeySuffix("registry.value", call.Arguments)).Should().BeSameAs(table.Find(call));
    }

    private static Dictionary<string, object?> Service(string state) => new() { ["state"] = state, ["startMode"] = "Auto" };
}
