using System;
using System.Collections.Generic;
using PxeRules.Probes.Windows.Access;

namespace PxeRules.Probes.Windows.Tests.Fakes;

internal sealed class FakeDhcp : IDhcpAccess
{
    public List<DhcpOptionData> Options { get; } = new();

    public Exception? Failure { get; set; }

    public List<string> Servers { get; } = new();

    public IReadOnlyList<DhcpOptionData> ReadOptions(string? server)
    {
        Servers.Add(server ?? "(local)");
        if (Failure is not null) throw Failure;
        return Options;
    }
}
