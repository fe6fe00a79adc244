namespace PxeRules.Probes.Windows.Access;

/// <summary>A service as the service control manager describes it.</summary>
/// <param name="Name">The service name.</param>
/// <param name="DisplayName">The display name.</param>
/// <param name="Status">The state as the SCM numbers it: 1 stopped, 2 start pending, 3 stop pending, 4 running,
/// 5 continue pending, 6 pause pending, 7 paused.</param>
/// <param name="StartType">0 boot, 1 system, 2 automatic, 3 manual (demand), 4 disabled.</param>
/// <param name="Account">The account it runs as (<c>LocalSystem</c>, <c>NT AUTHORITY\NetworkService</c>, …).</param>
internal sealed record ServiceData(string Name, string DisplayName, int Status, int StartType, string? Account);

/// <summary>
/// Reads services through the service control manager of this machine or a remote one. Returns
/// <see langword="null"/> only when no service of that name exists; throws when the SCM cannot be reached or refuses.
/// </summary>
internal interface IServiceAccess
{
    ServiceData? Find(string? machine, string name);
}
