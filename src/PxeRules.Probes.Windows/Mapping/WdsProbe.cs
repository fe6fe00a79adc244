using PxeRules.Probes.Windows.Access;

namespace PxeRules.Probes.Windows.Mapping;

/// <summary><c>wds</c>: the WDS configuration under HKLM\SYSTEM\CurrentControlSet\Services\WDSServer.</summary>
internal static class WdsProbe
{
    public const string ServiceKey = @"SYSTEM\CurrentControlSet\Services\WDSServer";

    public static ProbeResult Run(ProbeContext c)
    {
        using var service = c.OpenKey(RegistryRoot.LocalMachine, ServiceKey, RegistryBitness.Default);
        if (service is null)
        {
            return ProbeResult.NotFound($"The WDSServer service key does not exist on {c.Target.Display}: WDS is not installed.");
        }

        var record = new RecordBuilder();
        using (var tftp = service.Open(@"Providers\WDSTFTP"))
        {
            if (tftp is not null)
            {
                record.Add("rootFolder", tftp.String("RootFolder"))
                    .Add("readFilter", tftp.Strings("ReadFilter"))
                    .Add("maximumBlockSize", tftp.Number("MaximumBlockSize"));
            }
        }

        using (var pxe = service.Open(@"Providers\WDSPXE"))
        {
            if (pxe is not null)
            {
                record.Add("useDhcpPorts", pxe.Number("UseDHCPPorts"))
                    .Add("providersOrder", pxe.Strings("ProvidersOrder"))
                    .Add("bannedGuids", pxe.Strings("BannedGuids"));
                using var providers = pxe.Open("Providers");
                if (providers is not null)
                {
                    record.Add("pxeProviders", ToList(providers.SubKeyNames()));
                    using var binl = providers.Open("BINLSVC");
                    record.Add("answerRequests", binl?.Boolean("netbootAnswerRequests"));
                }
            }
        }

        using (var parameters = service.Open("Parameters"))
        {
            record.Add("udpPortPolicy", parameters?.Number("UdpPortPolicy"));
        }

        return ProbeResult.Found(record.Build());
    }

    private static object?[] ToList(System.Collections.Generic.IReadOnlyList<string> names)
    {
        var list = new object?[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            list[i] = names[i];
        }

        return list;
    }
}
