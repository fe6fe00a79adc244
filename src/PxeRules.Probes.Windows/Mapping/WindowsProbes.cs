using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using PxeRules.Probes.Windows.Access;

namespace PxeRules.Probes.Windows.Mapping;

/// <summary>
/// Serves the Windows kinds over the seams: picks the probe for a call, resolves its machine and turns every
/// failure into an unavailable result with a reason. Plain code, tested with fakes.
/// </summary>
internal sealed class WindowsProbes
{
    private static readonly Dictionary<string, Func<ProbeContext, ProbeResult>> Handlers = new(StringComparer.Ordinal)
    {
        [DefaultProbeKinds.Service.Name] = ServiceProbe.Run,
        [DefaultProbeKinds.RegistryValue.Name] = RegistryProbes.Value,
        [DefaultProbeKinds.RegistryKey.Name] = RegistryProbes.Key,
        [DefaultProbeKinds.File.Name] = FileSystemProbes.File,
        [DefaultProbeKinds.Folder.Name] = FileProbes.Folder,
        [DefaultProbeKinds.FolderEntries.Name] = FileSystemProbes.FolderEntries,
        [DefaultProbeKinds.LogEntries.Name] = FileSystemProbes.LogEntries,
        [DefaultProbeKinds.Share.Name] = FileProbes.Share,
        [DefaultProbeKinds.EventLogEntries.Name] = EventLogProbe.Run,
        [DefaultProbeKinds.InstalledProducts.Name] = SoftwareProbes.Products,
        [DefaultProbeKinds.InstalledUpdate.Name] = SoftwareProbes.Update,
        [DefaultProbeKinds.OperatingSystem.Name] = SystemProbes.OperatingSystem,
        [DefaultProbeKinds.WindowsFeature.Name] = SystemProbes.Feature,
        [DefaultProbeKinds.EnvironmentPath.Name] = FileProbes.EnvironmentPath,
        [DefaultProbeKinds.Wds.Name] = WdsProbe.Run,
        [DefaultProbeKinds.ConfigMgrSite.Name] = ConfigMgrProbes.Site,
        [DefaultProbeKinds.ConfigMgrPxe.Name] = ConfigMgrProbes.Pxe,
        [DefaultProbeKinds.ConfigMgrPxeServicePoints.Name] = ConfigMgrProbes.PxeServicePoints,
        [DefaultProbeKinds.ConfigMgrSiteSystems.Name] = ConfigMgrProbes.SiteSystems,
        [DefaultProbeKinds.ConfigMgrPxePackages.Name] = ConfigMgrProbes.PxePackages,
        [DefaultProbeKinds.ConfigMgrDuplicateSmbiosGuids.Name] = ConfigMgrProbes.DuplicateSmbiosGuids,
        [DefaultProbeKinds.DhcpOptions.Name] = DhcpProbe.Run,
    };

    private readonly string[] localNames;

    public WindowsProbes(WindowsApis apis, IEnumerable<string> localNames, TimeSpan wmiTimeout, TimeProvider clock, Func<string, string?> processEnvironment)
    {
        Apis = apis;
        this.localNames = localNames.ToArray();
        WmiTimeout = wmiTimeout;
        Clock = clock;
        ProcessEnvironment = processEnvironment;
    }

    /// <summary>The kinds of the default catalogue this provider serves, in catalogue order.</summary>
    public static IReadOnlyList<ProbeKind> Kinds { get; } = DefaultProbeKinds.All.Where(k => Handlers.ContainsKey(k.Name)).ToArray();

    public WindowsApis Apis { get; }

    public TimeSpan WmiTimeout { get; }

    public TimeProvider Clock { get; }

    public Func<string, string?> ProcessEnvironment { get; }

    public TargetMachine Resolve(string name) => TargetMachine.Resolve(name, localNames);

    public ProbeResult Probe(ProbeCall call, CancellationToken cancellationToken)
    {
        if (!Handlers.TryGetValue(call.Kind, out var handler))
        {
            return ProbeResult.Unavailable($"The Windows provider does not serve the probe kind '{call.Kind}'.");
        }

        var target = Resolve(call.Machine.Name);
        try
        {
            return handler(new ProbeContext(this, call, target, cancellationToken));
        }
        catch (UnavailableException e)
        {
            return ProbeResult.Unavailable(e.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            return ProbeResult.Unavailable($"{call.Describe()} failed on {target.Display}: {e.GetType().Name}: {e.Message}");
        }
    }
}
