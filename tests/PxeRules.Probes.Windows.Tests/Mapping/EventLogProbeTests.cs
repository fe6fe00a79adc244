using System;
using System.Collections.Generic;
using System.Linq;
using FluentAssertions;
using PxeRules.Probes.Windows.Access;
using PxeRules.Probes.Windows.Tests.Fakes;
using Xunit;

namespace PxeRules.Probes.Windows.Tests.Mapping;

public class EventLogProbeTests
{
    private readonly TestBed bed = new TestBed().WithWindows();

    private void Log(string name, params EventData[] oldestFirst)
    {
        bed.Registry.AddKey(@"HKLM\SYSTEM\CurrentControlSet\Services\EventLog\" + name);
        bed.EventLogs.Logs[name] = oldestFirst.ToList();
    }

    private static EventData Entry(double daysAgo, long id, string source, int type = 1, string message = "m") =>
        new(TestBed.Now.AddDays(-daysAgo), id, source, type, message);

    private ProbeResult Read(params (string, object?)[] arguments) => bed.Probe("eventlog.entries", TestBed.Local, arguments);

    [Fact]
    public void Entries_come_newest_first_with_time_id_source_level_and_message()
    {
        Log("Application", Entry(3, 512, "WDSServer", 2, "older"), Entry(1, 513, "WDSServer", 1, "newer"));

        var list = Read(("log", "Application")).List();

        list.Should().HaveCount(2);
        list.At(0).Should().BeEquivalentTo(new Dictionary<string, object?>
        {
            ["time"] = TestBed.Now.AddDays(-1),
            ["id"] = 513d,
            ["source"] = "WDSServer",
            ["level"] = "Error",
            ["message"] = "newer",
        });
        list.At(1)["level"].Should().Be("Warning");
    }

    [Fact]
    public void The_event_id_is_the_low_16_bits_of_the_instance_id()
    {
        Log("Application", Entry(1, unchecked((long)0xC0000201), "WDSServer"));

        Read(("log", "Application"), ("ids", new object?[] { 513d })).List().At(0)["id"].Should().Be(513d);
    }

    [Fact]
    public void Source_ids_since_and_max_filter_the_entries()
    {
        Log("System",
            Entry(40, 7031, "Service Control Manager"),
            Entry(6, 7031, "Service Control Manager"),
            Entry(5, 7036, "Service Control Manager"),
            Entry(4, 7034, "service control manager"),
            Entry(3, 7031, "EventLog"),
            Entry(2, 7031, "Service Control Manager"),
            Entry(1, 7031, "Service Control Manager"));

        var week = Read(("log", "System"), ("source", "Service Control Manager"), ("ids", new object?[] { 7031d, 7034d }), ("since", TimeSpan.FromDays(7))).List();
        var two = Read(("log", "System"), ("source", "Service Control Manager"), ("ids", new object?[] { 7031d, 7034d }), ("max", 2d)).List();

        week.Select(e => ((IReadOnlyDictionary<string, object?>)e!)["time"]).Should().Equal(
            TestBed.Now.AddDays(-1), TestBed.Now.AddDays(-2), TestBed.Now.AddDays(-4), TestBed.Now.AddDays(-6));
        two.Should().HaveCount(2);
    }

    [Fact]
    public void The_default_window_is_30_days_and_older_entries_are_not_read()
    {
        Log("System", Entry(45, 1, "a"), Entry(40, 1, "a"), Entry(31, 1, "a"), Entry(29, 1, "a"));

        Read(("log", "System")).List().Should().HaveCount(1);
        bed.EventLogs.Reads.Should().Be(2);
    }

    [Fact]
    public void A_duration_written_as_text_is_accepted()
    {
        Log("System", Entry(3, 1, "a"), Entry(1, 1, "a"));

        Read(("log", "System"), ("since", "2d")).List().Should().HaveCount(1);
    }

    [Theory]
    [InlineData(1, "Error")]
    [InlineData(2, "Warning")]
    [InlineData(4, "Information")]
    [InlineData(0, "Information")]
    [InlineData(8, "SuccessAudit")]
    [InlineData(16, "FailureAudit")]
    public void Entry_types_have_level_names(int type, string level)
    {
        Log("Application", Entry(1, 1, "a", type));

        Read(("log", "Application")).List().At(0)["level"].Should().Be(level);
    }

    [Fact]
    public void A_log_that_does_not_exist_is_not_found()
    {
        var result = Read(("log", "Setup"));

        result.Status.Should().Be(ProbeStatus.NotFound);
        result.Reason.Should().Be("No event log named 'Setup' on this computer.");
    }

    [Fact]
    public void A_log_that_cannot_be_read_is_unavailable()
    {
        Log("Security");
        bed.EventLogs.Failures["Security"] = new InvalidOperationException("Cannot open log Security on machine .. Access is denied.", new System.ComponentModel.Win32Exception(5));

        Read(("log", "Security")).Reason.Should().Be("Access is denied to the event log 'Security' on this computer; run the check as an administrator.");
    }

    [Fact]
    public void A_log_registry_that_cannot_be_reached_is_unavailable_not_missing()
    {
        bed.Registry.Unreachable[TestBed.Remote] = new System.IO.IOException("The network path was not found.", unchecked((int)0x80070035));

        bed.Probe("eventlog.entries", TestBed.Remote, ("log", "System")).Status.Should().Be(ProbeStatus.Unavailable);
    }

    [Fact]
    public void A_bad_event_id_or_a_crimson_channel_is_unavailable()
    {
        Log("System");

        Read(("log", "System"), ("ids", new object?[] { 1.5 })).Reason.Should().Be("The event id '1.5' is not a whole number from 0 to 65535.");
        Read(("log", "Microsoft-Windows-Deployment-Services-Diagnostics/Admin")).Reason
            .Should().Be("'Microsoft-Windows-Deployment-Services-Diagnostics/Admin' is not a classic event log (System, Application, …); the Windows provider reads only those.");
    }
}
