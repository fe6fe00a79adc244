using System;
using System.IO;
using System.Linq;
using System.Runtime.Versioning;
using System.Security.AccessControl;
using System.Security.Principal;
using PxeRules.Probes.Windows.Access;

namespace PxeRules.Probes.Windows.Native;

/// <summary>Attributes through <see cref="File.GetAttributes(string)"/> and folder ACLs through <see cref="DirectorySecurity"/>.</summary>
[SupportedOSPlatform("windows")]
internal sealed class FileSystemAccess : IFileSystemAccess, IAclAccess
{
    public FileAttributes? GetAttributes(string path)
    {
        try
        {
            return File.GetAttributes(path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    public FolderSecurity ReadFolderSecurity(string path)
    {
#if NETFRAMEWORK
        var security = new DirectoryInfo(path).GetAccessControl(AccessControlSections.Owner | AccessControlSections.Access);
#else
        var security = FileSystemAclExtensions.GetAccessControl(new DirectoryInfo(path), AccessControlSections.Owner | AccessControlSections.Access);
#endif
        var owner = security.GetOwner(typeof(SecurityIdentifier)) as SecurityIdentifier;
        var rules = security.GetAccessRules(includeExplicit: true, includeInherited: true, typeof(SecurityIdentifier))
            .OfType<FileSystemAccessRule>()
            .Select(rule => new AccessRuleData(
                rule.IdentityReference.Value,
                Translate(rule.IdentityReference as SecurityIdentifier),
                (int)rule.FileSystemRights,
                rule.AccessControlType == AccessControlType.Allow,
                rule.IsInherited))
            .ToArray();
        return new FolderSecurity(owner?.Value, Translate(owner), rules);
    }

    private static string? Translate(SecurityIdentifier? sid)
    {
        if (sid is null)
        {
            return null;
        }

        try
        {
            return sid.Translate(typeof(NTAccount)).Value;
        }
        catch (Exception e) when (e is IdentityNotMappedException or SystemException)
        {
            // A local account of a remote machine has no name here; the SID still identifies it.
            return null;
        }
    }
}
