using System;
using System.Collections.Generic;
using System.Linq;
using PxeRules.Probes.FileSystem;

namespace PxeRules.Probes.Windows.Mapping;

/// <summary>
/// Serves <c>file</c>, <c>folder.entries</c> and <c>log.entries</c> on Windows machines through the portable
/// file-system provider of the core: paths are expanded with the probed machine's variables and, for a remote
/// machine, read through its administrative share (<c>\\server\C$\...</c>). The result answers the original call.
/// </summary>
internal static class FileSystemProbes
{
    private static readonly Machine Here = new(".");

    // Paths are already expanded and mapped when they reach it, so it needs no variables of its own.
    private static readonly FileSystemProbeProvider Files = new(new FileSystemProbeOptions { Variables = new Dictionary<string, string>() });

    public static ProbeResult File(ProbeContext c) => Delegate(c, "path");

    public static ProbeResult FolderEntries(ProbeContext c) => Delegate(c, "path");

    public static ProbeResult LogEntries(ProbeContext c) => Delegate(c, "paths");

    private static ProbeResult Delegate(ProbeContext c, string pathArgument)
    {
        var arguments = c.Call.Arguments.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        arguments[pathArgument] = arguments.TryGetValue(pathArgument, out var value) && value is object?[] list
            ? list.Select(p => (object?)Map(c, p as string ?? string.Empty)).ToArray()
            : Map(c, c.Required(pathArgument));
        var local = new ProbeCall(Here, c.Call.Kind, arguments);
        var result = Files.ProbeAsync(local, c.CancellationToken).GetAwaiter().GetResult();
        return result.Status == ProbeStatus.Unavailable && !c.Target.IsLocal
            ? ProbeResult.Unavailable($"{result.Reason} (read on {c.Target.Display} through its administrative share)")
            : result;
    }

    private static string Map(ProbeContext c, string path) => c.AccessPath(c.Paths.Expand(path));
}
