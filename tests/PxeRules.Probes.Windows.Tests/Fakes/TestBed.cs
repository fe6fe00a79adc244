using System;
using System.Collections.Generic;
using System.Threading;
using PxeRules.Probes.Windows.Access;
using PxeRules.Probes.Windows.Mapping;

namespace PxeRules.Probes.Windows.Tests.Fakes;

/// <summary>The mapping over fakes: a Windows machine in memory, probed locally (<c>.</c>, <c>PXE01</c>) or remotely.</summary>
internal sealed class TestBed
{
    public const string Local = ".";
    public const string LocalName = "PXE01";
    public const string Remote = "PXE02";

    public static readonly DateTimeOffset Now = new(2011, 10, 20, 12, 0, 0, TimeSpan.Zero);

    public FakeRegistry Registry { get; } = new();

    public FakeServices Services { get; } = new();

    public FakeWmi Wmi { get; } = new();

    public FakeEventLogs EventLogs { get; } = new();

    public FakeFiles Files { get; } = new();

    public FakeDhcp Dhcp { get; } = new();

    /// <summary>The environment of the process running the check (the interactive user's).</summary>
    public Dictionary<string, string> ProcessEnvironment { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["TEMP"] = @"C:\Users\admin\AppData\Local\Temp",
    };

    /// <summary>A Windows Server 2008 x64 with WDS running as LocalSystem.</summary>
    public TestBed WithWindows(string systemRoot = @"C:\Windows")
    {
        Registry.Set(@"HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion", "SystemRoot", systemRoot)
            .Set(@"HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion", "ProgramFilesDir", systemRoot.Substring(0, 2) + @"\Program Files")
            .Set(@"HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion", "ProgramFilesDir (x86)", systemRoot.Substring(0, 2) + @"\Program Files (x86)")
            .SetExpand(@"HKLM\SYSTEM\CurrentControlSet\Control\Session Manager\Environment", "TEMP", @"%SystemRoot%\TEMP")
            .SetExpand(@"HKLM\SYSTEM\CurrentControlSet\Control\Session Manager\Environment", "TMP", @"%SystemRoot%\TEMP")
            .SetExpand(@"HKLM\SYSTEM\CurrentControlSet\Control\Session Manager\Environment", "windir", "%SystemRoot%")
            .Set(@"HKLM\SYSTEM\CurrentControlSet\Services\WDSServer", "ObjectName", "LocalSystem");
        return this;
    }

    public ProbeResult Probe(string kind, string machine = Local, params (string Name, object? Value)[] arguments)
    {
        var args = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in arguments)
        {
            args[name] = value;
        }

        var probes = new WindowsProbes(
            new WindowsApis(Registry, Services, Wmi, EventLogs, Files, Files, Dhcp),
            new[] { ".", "localhost", LocalName },
            TimeSpan.FromSeconds(5),
            new FixedClock(Now),
            name => ProcessEnvironment.TryGetValue(name, out var value) ? value : null);
        return probes.Probe(new ProbeCall(new Machine(machine), kind, args), CancellationToken.None);
    }

    private sealed class FixedClock : TimeProvider
    {
        private readonly DateTimeOffset now;

        public FixedClock(DateTimeOffset now) => this.now = now;

        public override DateTimeOffset GetUtcNow() => now;
    }
}

/// <summary>Reads results the way the tests assert them.</summary>
internal static class Results
{
    public static IReadOnlyDictionary<string, object?> Record(this ProbeResult result)
    {
        if (result.Status != ProbeStatus.Value) throw new InvalidOperationException("Expected a value, got " + result);
        return (IReadOnlyDictionary<string, object?>)result.Value!;
    }

    public static object?[] List(this ProbeResult result)
    {
        if (result.Status != ProbeStatus.Value) throw new InvalidOperationException("Expected a value, got " + result);
        return (object?[])result.Value!;
    }

    public static IReadOnlyDictionary<string, object?> At(this object?[] list, int index) => (IReadOnlyDictionary<string, object?>)list[index]!;
}
