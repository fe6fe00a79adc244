using System;
using System.IO;
using System.Linq;

namespace PxeRules.Probes.Windows.Mapping;

/// <summary><c>folder</c>, <c>share</c> and <c>environment.path</c>.</summary>
internal static class FileProbes
{
    public static ProbeResult EnvironmentPath(ProbeContext c) => ProbeResult.Found(c.Paths.Expand(c.Required("path")));

    public static ProbeResult Folder(ProbeContext c)
    {
        var path = c.Paths.Expand(c.Required("path"));
        var access = c.AccessPath(path);
        var attributes = c.Guard(Channel.Files, $"the folder {path}", () => c.Apis.Files.GetAttributes(access));
        if (attributes is null)
        {
            return ProbeResult.NotFound($"No folder {path} on {c.Target.Display}.");
        }

        if ((attributes.Value & FileAttributes.Directory) == 0)
        {
            return ProbeResult.NotFound($"{path} on {c.Target.Display} is a file, not a folder.");
        }

        Access.FolderSecurity security;
        try
        {
            security = c.Apis.Acls.ReadFolderSecurity(access);
        }
        catch (Exception e) when (Failures.IsAccessDenied(e))
        {
            // The state of a PXEBootfiles folder that carries an OS image's permissions: it is there, and it is shut.
            throw new UnavailableException(
                $"The folder {path} exists on {c.Target.Display}, but its owner and permissions cannot be read: access is denied. " +
                "Its security descriptor does not let the account running the check read it.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new UnavailableException(Failures.Describe(e, c.Target, Channel.Files, $"the permissions of the folder {path}"));
        }

        var rules = security.Rules.Select(r => (object?)new RecordBuilder()
            .Add("identity", r.Identity)
            .Add("sid", r.Sid)
            .Add("rights", AccessRights.Format(r.Rights))
            .Add("type", r.Allow ? "Allow" : "Deny")
            .Add("inherited", r.Inherited)
            .Build()).ToArray();
        return ProbeResult.Found(new RecordBuilder()
            .Add("path", path)
            .Add("hidden", (attributes.Value & FileAttributes.Hidden) != 0)
            .Add("owner", security.OwnerName)
            .Add("ownerSid", security.OwnerSid)
            .Add("access", rules)
            .Build());
    }

    public static ProbeResult Share(ProbeContext c)
    {
        var name = c.Required("name");
        var rows = c.Wmi(@"root\cimv2", $"SELECT Name, Path, Description FROM Win32_Share WHERE Name = {Wql.Quote(name)}", $"the share {name} (Win32_Share)");
        if (rows.Count == 0)
        {
            return ProbeResult.NotFound($"No share named {name} on {c.Target.Display}.");
        }

        var row = rows[0];
        var path = Wql.String(row, "Path");
        var record = new RecordBuilder()
            .Add("name", Wql.String(row, "Name") ?? name)
            .Add("remark", Wql.String(row, "Description"));
        if (string.IsNullOrEmpty(path))
        {
            // IPC$ and printer shares have no folder.
            return ProbeResult.Found(record.Build());
        }

        var access = c.AccessPath(path!);
        var attributes = c.Guard(Channel.Files, $"the folder {path} behind the share {name}", () => c.Apis.Files.GetAttributes(access));
        return ProbeResult.Found(record
            .Add("path", path)
            .Add("pathExists", attributes is { } a && (a & FileAttributes.Directory) != 0)
            .Build());
    }
}
