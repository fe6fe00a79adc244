using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PxeRules.Probes.Windows.Access;

namespace PxeRules.Probes.Windows.Tests.Fakes;

internal sealed class FakeFiles : IFileSystemAccess, IAclAccess
{
    private readonly Dictionary<string, FileAttributes> entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, FolderSecurity> security = new(StringComparer.OrdinalIgnoreCase);

    public HashSet<string> AclDenied { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Path prefix to the exception any look below it throws.</summary>
    public Dictionary<string, Exception> Failures { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<string> Asked { get; } = new();

    public FakeFiles Folder(string path, FileAttributes extra = 0, FolderSecurity? acl = null)
    {
        entries[path] = FileAttributes.Directory | extra;
        if (acl is not null) security[path] = acl;
        return this;
    }

    public FakeFiles File(string path)
    {
        entries[path] = FileAttributes.Archive;
        return this;
    }

    public FileAttributes? GetAttributes(string path)
    {
        Asked.Add(path);
        Fail(path);
        return entries.TryGetValue(path, out var attributes) ? attributes : null;
    }

    public FolderSecurity ReadFolderSecurity(string path)
    {
        Fail(path);
        if (AclDenied.Contains(path)) throw new UnauthorizedAccessException($"Access to the path '{path}' is denied.");
        return security.TryGetValue(path, out var acl) ? acl : new FolderSecurity("S-1-5-32-544", @"BUILTIN\Administrators", Array.Empty<AccessRuleData>());
    }

    private void Fail(string path)
    {
        var failure = Failures.FirstOrDefault(f => path.StartsWith(f.Key, StringComparison.OrdinalIgnoreCase)).Value;
        if (failure is not null) throw failure;
    }
}
