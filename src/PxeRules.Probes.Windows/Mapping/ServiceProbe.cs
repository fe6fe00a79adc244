namespace PxeRules.Probes.Windows.Mapping;

/// <summary><c>service</c>: a service from the service control manager.</summary>
internal static class ServiceProbe
{
    public static ProbeResult Run(ProbeContext c)
    {
        var name = c.Required("name");
        var service = c.Guard(Channel.ServiceControlManager, $"the service '{name}'", () => c.Apis.Services.Find(c.Target.RemoteName, name));
        if (service is null)
        {
            return ProbeResult.NotFound($"No service named '{name}' on {c.Target.Display}.");
        }

        return ProbeResult.Found(new RecordBuilder()
            .Add("name", service.Name)
            .Add("displayName", service.DisplayName)
            .Add("state", State(service.Status))
            .Add("startMode", StartMode(service.StartType))
            .Add("account", service.Account)
            .Build());
    }

    public static string? State(int status) => status switch
    {
        1 => "Stopped",
        2 => "StartPending",
        3 => "StopPending",
        4 => "Running",
        5 => "ContinuePending",
        6 => "PausePending",
        7 => "Paused",
        _ => null,
    };

    public static string? StartMode(int startType) => startType switch
    {
        0 => "Boot",
        1 => "System",
        2 => "Automatic",
        3 => "Manual",
        4 => "Disabled",
        _ => null,
    };
}
