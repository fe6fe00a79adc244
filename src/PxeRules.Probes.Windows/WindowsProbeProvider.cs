using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.NetworkInformation;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using PxeRules.Probes.Windows.Access;
using PxeRules.Probes.Windows.Mapping;
using PxeRules.Probes.Windows.Native;

namespace PxeRules.Probes.Windows;

/// <summary>
/// Reads facts of live Windows machines: services, registry, folders with their ACLs, shares, event logs, installed
/// software, the OS and its roles, WDS, the ConfigMgr 2007 site and PXE service point, and DHCP options. A call's
/// machine is read locally when its name means this computer (<c>.</c>, <c>localhost</c>, the computer name,
/// <see cref="WindowsProbeOptions.LocalMachineNames"/>) and remotely otherwise, through the remote registry, the
/// service control manager, WMI over DCOM, the admin shares (<c>C$</c>), the event log service and the DHCP API.
/// </summary>
/// <remarks>
/// <para>Serves the kinds <c>service</c>, <c>registry.value</c>, <c>registry.key</c>, <c>folder</c>, <c>share</c>,
/// <c>eventlog.entries</c>, <c>installed.products</c>, <c>installed.update</c>, <c>os</c>, <c>windows.feature</c>,
/// <c>environment.path</c>, <c>wds</c>, <c>configmgr.site</c>, <c>configmgr.pxe</c>,
/// <c>configmgr.pxeServicePoints</c>, <c>configmgr.pxePackages</c>, <c>configmgr.duplicateSmbiosGuids</c> and
/// <c>dhcp.options</c> of <see cref="ProbeCatalog.Default"/>.</para>
/// <para>Never throws for a failing probe: access denied, an unreachable host, a stopped Remote Registry service or a
/// blocked RPC port make the fact unavailable with that reason; not found means the thing definitively does not
/// exist. On an operating system other than Windows every call is unavailable. Thread-safe: calls may run
/// concurrently.</para>
/// </remarks>
public sealed class WindowsProbeProvider : IProbeProvider
{
    private readonly WindowsProbes? probes;

    /// <summary>Creates the provider.</summary>
    /// <param name="options">Settings; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="WindowsProbeOptions.WmiTimeout"/> is not positive.</exception>
    public WindowsProbeProvider(WindowsProbeOptions? options = null)
    {
        options ??= new WindowsProbeOptions();
        if (options.WmiTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.WmiTimeout, "The WMI timeout must be positive.");
        }

#if NET
        if (OperatingSystem.IsWindows())
#else
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
#endif
        {
            var files = new FileSystemAccess();
            var apis = new WindowsApis(new RegistryAccess(), new ServiceAccess(), new WmiAccess(), new EventLogAccess(), files, files, new DhcpAccess());
            probes = new WindowsProbes(apis, LocalNames(options.LocalMachineNames), options.WmiTimeout, TimeProvider.System, Environment.GetEnvironmentVariable);
        }
    }

    /// <inheritdoc />
    public IReadOnlyCollection<ProbeKind> Kinds => WindowsProbes.Kinds;

    /// <inheritdoc />
    public Task<ProbeResult> ProbeAsync(ProbeCall call, CancellationToken cancellationToken)
    {
        if (call is null) throw new ArgumentNullException(nameof(call));
        if (probes is null)
        {
            return Task.FromResult(ProbeResult.Unavailable($"The Windows provider needs Windows; this is {RuntimeInformation.OSDescription.Trim()}."));
        }

        // The Windows APIs block; run them off the caller's thread so the engine's timeout can abandon them.
        return Task.Run(() => probes.Probe(call, cancellationToken), cancellationToken);
    }

    private static IEnumerable<string> LocalNames(IEnumerable<string> extra)
    {
        var names = new List<string> { ".", "localhost", "127.0.0.1", "::1", Environment.MachineName };
        try
        {
            var domain = IPGlobalProperties.GetIPGlobalProperties().DomainName;
            if (!string.IsNullOrEmpty(domain))
            {
                names.Add(Environment.MachineName + "." + domain);
            }
        }
        catch (NetworkInformationException)
        {
            // Without a domain name the short name still means this computer.
        }

        return names.Concat(extra.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()));
    }
}
