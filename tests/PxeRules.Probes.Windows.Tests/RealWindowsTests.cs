using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using Xunit;

namespace PxeRules.Probes.Windows.Tests;

/// <summary>The real Windows APIs on this computer; run on Windows only (docs/wine.md says how, and what the Wine stage covers instead).</summary>
public class RealWindowsTests
{
    private static readonly Machine Here = new(".");

    private static Task<ProbeResult> Probe(string kind, params (string Name, object? Value)[] arguments)
    {
        var args = new Dictionary<string, object?>();
        foreach (var (name, value) in arguments) args[name] = value;
        return new WindowsProbeProvider().ProbeAsync(new ProbeCall(Here, kind, args), CancellationToken.None);
    }

    [WindowsFact]
    public async Task The_operating_system_of_this_computer_is_read_through_WMI()
    {
        var result = await Probe("os");

        result.Status.Should().Be(ProbeStatus.Value, result.Reason);
        var record = (IReadOnlyDictionary<string, object?>)result.Value!;
        record["version"].Should().BeOfType<Version>();
        record["caption"].Should().BeOfType<string>();
    }

    [WindowsFact]
    public async Task The_event_log_service_is_a_running_service()
    {
        var result = await Probe("service", ("name", "EventLog"));

        result.Status.Should().Be(ProbeStatus.Value, result.Reason);
        ((IReadOnlyDictionary<string, object?>)result.Value!)["state"].Should().Be("Running");
    }

    [WindowsFact]
    public async Task A_service_that_does_not_exist_is_not_found()
    {
        (await Probe("service", ("name", "NoSuchService" + Guid.NewGuid().ToString("N")))).Status.Should().Be(ProbeStatus.NotFound);
    }

    [WindowsFact]
    public async Task Windir_expands_to_the_system_root_from_the_registry()
    {
        var result = await Probe("environment.path", ("path", @"%windir%\system32"));

        ((string)result.Value!).Should().BeEquivalentTo(Environment.GetFolderPath(Environment.SpecialFolder.Windows) + @"\system32");
    }

    [WindowsFact]
    public async Task The_windows_folder_has_an_owner_and_access_rules()
    {
        var result = await Probe("folder", ("path", "%windir%"));

        result.Status.Should().Be(ProbeStatus.Value, result.Reason);
        var record = (IReadOnlyDictionary<string, object?>)result.Value!;
        record["ownerSid"].Should().BeOfType<string>();
        ((object?[])record["access"]!).Should().NotBeEmpty();
    }

    [WindowsFact]
    public async Task A_registry_value_and_the_system_event_log_are_read()
    {
        (await Probe("registry.value", ("key", @"HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion"), ("name", "SystemRoot"))).Value.Should().BeOfType<string>();
        (await Probe("eventlog.entries", ("log", "System"), ("max", 5d))).Value.Should().BeOfType<object?[]>();
    }
}
