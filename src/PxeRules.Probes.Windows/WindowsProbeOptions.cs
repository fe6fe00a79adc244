using System;
using System.Collections.Generic;

namespace PxeRules.Probes.Windows;

/// <summary>
/// Settings of the <see cref="WindowsProbeProvider"/>. The provider copies them when it is created; changing the
/// options afterwards has no effect on it.
/// </summary>
public sealed class WindowsProbeOptions
{
    /// <summary>
    /// How long a WMI connection, and each step of a WMI query, may take (default 20 seconds). The engine's
    /// probe timeout still bounds the whole call.
    /// </summary>
    public TimeSpan WmiTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Further machine names that mean this computer, such as its DNS name or an address (<c>.</c>,
    /// <c>localhost</c>, <c>127.0.0.1</c>, <c>::1</c>, the computer name and its fully qualified name always do).
    /// Calls for this computer use the local APIs, which need no remote registry, admin share or DCOM.
    /// </summary>
    public IList<string> LocalMachineNames { get; } = new List<string>();
}
