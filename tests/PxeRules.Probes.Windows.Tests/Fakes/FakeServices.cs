using System;
using System.Collections.Generic;
using PxeRules.Probes.Windows.Access;

namespace PxeRules.Probes.Windows.Tests.Fakes;

internal sealed class FakeServices : IServiceAccess
{
    private readonly Dictionary<string, ServiceData> services = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, Exception> Unreachable { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Exception? Failure { get; set; }

    public List<string> Machines { get; } = new();

    public FakeServices Add(string name, int status = 4, int startType = 2, string? account = "LocalSystem", string? displayName = null)
    {
        services[name] = new ServiceData(name, displayName ?? name + " display name", status, startType, account);
        return this;
    }

    public ServiceData? Find(string? machine, string name)
    {
        Machines.Add(machine ?? "(local)");
        if (machine is not null && Unreachable.TryGetValue(machine, out var unreachable)) throw unreachable;
        if (Failure is not null) throw Failure;
        return services.TryGetValue(name, out var service) ? service : null;
    }
}
