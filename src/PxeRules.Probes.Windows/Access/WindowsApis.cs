namespace PxeRules.Probes.Windows.Access;

/// <summary>The seams a probe reaches Windows through: real ones on Windows, fakes in tests.</summary>
internal sealed record WindowsApis(
    IRegistryAccess Registry,
    IServiceAccess Services,
    IWmiAccess Wmi,
    IEventLogAccess EventLogs,
    IFileSystemAccess Files,
    IAclAccess Acls,
    IDhcpAccess Dhcp);
