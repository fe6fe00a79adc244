using System;
using System.Collections.Generic;

namespace PxeRules.Probes.Windows.Mapping;

/// <summary>The machine a probe call reads: this computer, or a remote one reached by name.</summary>
internal sealed class TargetMachine
{
    private TargetMachine(string name, bool isLocal)
    {
        Name = name;
        IsLocal = isLocal;
    }

    /// <summary>The name the call gave.</summary>
    public string Name { get; }

    /// <summary>Whether the name means this computer.</summary>
    public bool IsLocal { get; }

    /// <summary>The name to hand to a Windows API: <see langword="null"/> for this computer.</summary>
    public string? RemoteName => IsLocal ? null : Name;

    /// <summary>How messages name it.</summary>
    public string Display => IsLocal && (Name == "." || string.Equals(Name, "localhost", StringComparison.OrdinalIgnoreCase))
        ? "this computer"
        : Name;

    public static TargetMachine Resolve(string name, IReadOnlyCollection<string> localNames)
    {
        var trimmed = name.Trim().TrimStart('\\');
        foreach (var local in localNames)
        {
            if (string.Equals(trimmed, local, StringComparison.OrdinalIgnoreCase))
            {
                return new TargetMachine(trimmed, true);
            }
        }

        return new TargetMachine(trimmed, false);
    }

    public override string ToString() => Display;
}
