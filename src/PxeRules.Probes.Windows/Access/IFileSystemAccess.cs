using System.Collections.Generic;
using System.IO;

namespace PxeRules.Probes.Windows.Access;

/// <summary>Looks at paths (local, or UNC through a remote machine's admin share).</summary>
internal interface IFileSystemAccess
{
    /// <summary>
    /// The attributes of what is at <paramref name="path"/>, or <see langword="null"/> when nothing is there. Throws
    /// UnauthorizedAccessException or IOException when it cannot find out.
    /// </summary>
    FileAttributes? GetAttributes(string path);
}

/// <summary>One access control entry of a folder.</summary>
/// <param name="Sid">The trustee's SID.</param>
/// <param name="Identity">The trustee's account name, or <see langword="null"/> when it cannot be translated.</param>
/// <param name="Rights">The access mask.</param>
/// <param name="Allow">Allow or deny.</param>
/// <param name="Inherited">Whether it is inherited from a parent.</param>
internal sealed record AccessRuleData(string Sid, string? Identity, int Rights, bool Allow, bool Inherited);

/// <summary>The owner and the discretionary ACL of a folder.</summary>
internal sealed record FolderSecurity(string? OwnerSid, string? OwnerName, IReadOnlyList<AccessRuleData> Rules);

/// <summary>Reads folder security descriptors.</summary>
internal interface IAclAccess
{
    /// <summary>Reads owner and access rules. Throws UnauthorizedAccessException when access is denied.</summary>
    FolderSecurity ReadFolderSecurity(string path);
}
