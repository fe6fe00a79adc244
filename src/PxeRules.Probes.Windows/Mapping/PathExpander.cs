using System;
using System.Collections.Generic;
using PxeRules.Probes.Windows.Access;

namespace PxeRules.Probes.Windows.Mapping;

/// <summary>
/// Expands <c>%VAR%</c> in paths with the values of the probed machine, read from its registry: <c>%SystemRoot%</c>
/// and <c>%windir%</c> (Windows NT\CurrentVersion), <c>%SystemDrive%</c>, <c>%ProgramFiles%</c>,
/// <c>%ProgramFiles(x86)%</c>, <c>%ProgramW6432%</c>, <c>%CommonProgramFiles%</c> (Windows\CurrentVersion, native
/// view), <c>%COMPUTERNAME%</c> (Control\ComputerName), <c>%WdsTemp%</c> (the temp folder of the account WDSServer runs as) and every
/// system variable under Session Manager\Environment. <c>%TEMP%</c> and <c>%TMP%</c> are the process's own on this
/// computer (the temp folder of the person running the check) and the system's on a remote one.
/// </summary>
internal sealed class PathExpander
{
    private const int MaxDepth = 8;
    private const string CurrentVersion = @"SOFTWARE\Microsoft\Windows\CurrentVersion";
    private const string NtCurrentVersion = @"SOFTWARE\Microsoft\Windows NT\CurrentVersion";
    private const string SystemEnvironment = @"SYSTEM\CurrentControlSet\Control\Session Manager\Environment";
    private const string WdsServerKey = @"SYSTEM\CurrentControlSet\Services\WDSServer";

    private readonly ProbeContext context;
    private readonly Func<string, string?> processEnvironment;
    private readonly Dictionary<string, string?> cache = new(StringComparer.OrdinalIgnoreCase);

    public PathExpander(ProbeContext context, Func<string, string?> processEnvironment)
    {
        this.context = context;
        this.processEnvironment = processEnvironment;
    }

    /// <summary>Expands every variable (values that name variables too, up to 8 levels), with the core's expander; throws <see cref="UnavailableException"/> when one is not defined.</summary>
    public string Expand(string text) =>
        PathVariables.TryExpand(text, Variable, out var expanded, out var undefined, MaxDepth)
            ? expanded
            : throw new UnavailableException($"The variable %{undefined}% is not defined on {context.Target.Display}.");

    /// <summary>The raw value of a variable on the probed machine, or <see langword="null"/> when it is not defined.</summary>
    public string? Variable(string name)
    {
        if (cache.TryGetValue(name, out var cached))
        {
            return cached;
        }

        var value = Read(name);
        cache[name] = value;
        return value;
    }

    private string? Read(string name)
    {
        switch (name.ToUpperInvariant())
        {
            case "SYSTEMROOT":
            case "WINDIR":
                return Native(NtCurrentVersion, "SystemRoot");
            case "SYSTEMDRIVE":
                return Variable("SystemRoot") is { Length: >= 2 } root && root[1] == ':' ? root.Substring(0, 2) : Environment("SystemDrive");
            case "PROGRAMFILES":
                return Native(CurrentVersion, "ProgramFilesDir");
            case "PROGRAMFILES(X86)":
                return Native(CurrentVersion, "ProgramFilesDir (x86)");
            case "PROGRAMW6432":
                return Native(CurrentVersion, "ProgramW6432Dir") ?? Native(CurrentVersion, "ProgramFilesDir");
            case "COMMONPROGRAMFILES":
                return Native(CurrentVersion, "CommonFilesDir");
            case "COMMONPROGRAMFILES(X86)":
                return Native(CurrentVersion, "CommonFilesDir (x86)");
            case "COMPUTERNAME":
                return Native(@"SYSTEM\CurrentControlSet\Control\ComputerName\ComputerName", "ComputerName");
            case "TEMP":
            case "TMP":
                return (context.Target.IsLocal ? processEnvironment(name) : null) ?? Environment(name);
            case "WDSTEMP":
                return WdsTemp();
            default:
                return Environment(name);
        }
    }

    private string WdsTemp()
    {
        using var service = context.OpenKey(RegistryRoot.LocalMachine, WdsServerKey, RegistryBitness.Bits64)
            ?? throw new UnavailableException($"%WdsTemp% is not defined on {context.Target.Display}: the WDSServer service is not installed.");
        var account = service.String("ObjectName");
        if (account is not null && !string.Equals(account, "LocalSystem", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(account, @"NT AUTHORITY\SYSTEM", StringComparison.OrdinalIgnoreCase))
        {
            throw new UnavailableException($"%WdsTemp% cannot be worked out on {context.Target.Display}: WDSServer runs as {account}, not LocalSystem.");
        }

        // LocalSystem has no profile temp of its own: it uses the system TEMP (%SystemRoot%\TEMP by default).
        return Environment("TEMP") ?? @"%SystemRoot%\Temp";
    }

    private string? Native(string key, string value)
    {
        using var opened = context.OpenKey(RegistryRoot.LocalMachine, key, RegistryBitness.Bits64);
        return opened?.String(value);
    }

    private string? Environment(string name) => Native(SystemEnvironment, name);
}
