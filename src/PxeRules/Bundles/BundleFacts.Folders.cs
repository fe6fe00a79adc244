using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using PxeRules.Probes;
using PxeRules.Probes.FileSystem;

namespace PxeRules.Bundles;

internal sealed partial class BundleFacts
{
    private static readonly string[] AccessDenied = { "Access is denied", "Zugriff verweigert" };
    private static readonly string[] NoSuchFile = { "File Not Found", "cannot find the file", "cannot find the path", "Datei nicht gefunden", "kann die angegebene Datei nicht finden", "kann den angegebenen Pfad nicht finden" };
    private static readonly Regex Quoted = new("\"([^\"]+)\"", RegexOptions.CultureInvariant);

    private Dictionary<string, string>? folderTags;

    /// <summary>Folder tag (the part after <c>dir-</c>, <c>cacls-</c>, ...) to the folder the commands named.</summary>
    private Dictionary<string, string> FolderTags()
    {
        if (folderTags is not null) return folderTags;
        var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var names = Manifest.Files.Keys.Concat(texts.Keys).Distinct(StringComparer.OrdinalIgnoreCase);
        foreach (var name in names)
        {
            var tag = FolderTag(name);
            if (tag is null || tags.ContainsKey(tag)) continue;
            if (Manifest.File(name) is { } record && Quoted.Match(record.Command) is { Success: true } match && !match.Groups[1].Value.EndsWith("*", StringComparison.Ordinal))
            {
                tags[tag] = match.Groups[1].Value.TrimEnd('\\');
            }
        }

        // Without the manifest's command lines (an abridged bundle), the collector's fixed folders.
        foreach (var (tag, folder) in new[] { ("pxebootfiles", "%SystemRoot%\\Temp\\PXEBootfiles"), ("pxebootfiles-usertemp", "%TEMP%\\PXEBootfiles") })
        {
            if (!tags.ContainsKey(tag) && Expand(folder, out _) is { } expanded) tags[tag] = expanded;
        }

        if (!tags.ContainsKey("remoteinstall") && Manifest.Values.TryGetValue("remoteinstall_folder", out var reminst) && reminst.Length > 0) tags["remoteinstall"] = reminst;
        if (!tags.ContainsKey("smspxeimages") && Manifest.Values.TryGetValue("smspxeimages_folder", out var images) && images.Length > 0) tags["smspxeimages"] = images;
        return folderTags = tags;
    }

    private static string? FolderTag(string file)
    {
        if (!file.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) || file.IndexOf('\\') >= 0) return null;
        var stem = file.Substring(0, file.Length - 4);
        foreach (var prefix in new[] { "icacls-save-", "icacls-", "cacls-", "attrib-", "dir-" })
        {
            if (stem.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                var tag = stem.Substring(prefix.Length);
                return tag.EndsWith("-entry", StringComparison.OrdinalIgnoreCase) || tag.EndsWith("-recursive", StringComparison.OrdinalIgnoreCase)
                    || tag.StartsWith("remoteinstall-", StringComparison.OrdinalIgnoreCase) ? null : tag;
            }
        }

        return null;
    }

    private string? TagOf(string folder) =>
        FolderTags().FirstOrDefault(t => t.Value.Equals(folder.TrimEnd('\\'), StringComparison.OrdinalIgnoreCase)).Key;

    private static bool Says(CommandOutput? output, string[] phrases) =>
        output is not null && phrases.Any(p => ((output.Stderr ?? string.Empty) + "\n" + (output.Succeeded ? string.Empty : output.Text ?? string.Empty)).IndexOf(p, StringComparison.OrdinalIgnoreCase) >= 0);

    /// <summary>What the folder commands of a tag say about the folder's existence: true, false, or null (not known) with a reason.</summary>
    private bool? FolderState(string tag, out string reason)
    {
        reason = string.Empty;
        var outputs = new[] { $"dir-{tag}.txt", $"cacls-{tag}.txt", $"icacls-{tag}.txt", $"attrib-{tag}.txt" }.Select(Output).Where(o => o is not null).ToList();
        var denied = outputs.FirstOrDefault(o => Says(o, AccessDenied));
        if (denied is not null)
        {
            reason = $"Access is denied: the folder exists but the account that ran the collector cannot read it ({denied.Path}: {denied.Message})";
            return null;
        }

        if (outputs.Any(o => o!.Succeeded && o.Path.StartsWith("dir-", StringComparison.OrdinalIgnoreCase))) return true;
        if (outputs.Any(o => !o!.Succeeded && Says(o, NoSuchFile))) return false;
        var failed = outputs.FirstOrDefault(o => o!.Record?.NotAvailable != true && !o.Succeeded);
        reason = failed is null
            ? NotCollected($"A listing of the folder (dir-{tag}.txt)")
            : $"{failed.Path} failed (exit {failed.Record?.ExitText ?? "?"}) with a message this reader does not know (English and German are read): {failed.Message}";
        return null;
    }

    private bool? FolderExists(string path)
    {
        if (TagOf(path) is { } tag) return FolderState(tag, out _);
        return Listings().Folders.ContainsKey(path.TrimEnd('\\')) ? true : null;
    }

    private ProbeResult Folder(ProbeCall call)
    {
        if (ExpandArgument(call, "path", out var path) is { } failure) return failure;
        var tag = TagOf(path);
        if (tag is null) return ProbeResult.Unavailable(NotCollected($"The folder {path}") + " (the collector lists PXEBootfiles, RemoteInstall and SMSPXEIMAGES$ only)");
        var exists = FolderState(tag, out var reason);
        if (exists is null) return ProbeResult.Unavailable(reason);
        if (exists == false) return ProbeResult.NotFound($"{path} does not exist on {ComputerName} (dir-{tag}.txt).");

        var record = new Dictionary<string, object?>(StringComparer.Ordinal) { ["path"] = path };
        if (Output($"attrib-{tag}.txt") is { Succeeded: true, Text: { } attrib })
        {
            record["hidden"] = Parse($"attrib-{tag}.txt", () => new object[] { DirText.ParseAttribHidden(attrib, path, $"attrib-{tag}.txt") })[0];
        }

        if (Output($"dir-{tag}.txt") is { Succeeded: true, Text: { } dir })
        {
            var listing = Parse($"dir-{tag}.txt", () => DirText.Parse(dir, $"dir-{tag}.txt"));
            if (listing.Folders.TryGetValue(path, out var entries) && entries.FirstOrDefault(e => e.Name == ".") is { Owner: { } owner, OwnerMayBeCut: false })
            {
                record["owner"] = owner;
                Put(record, "ownerSid", AclText.SidOf(owner));
            }
        }

        var access = Access(tag, path);
        if (access is not null) record["access"] = access.Select(a => (object?)a.ToRecord()).ToArray();
        return ProbeResult.Found(record);
    }

    /// <summary>The DACL from the most precise file the bundle has: <c>icacls /save</c> (SIDs), <c>icacls</c>, then <c>cacls</c>.</summary>
    private List<AceData>? Access(string tag, string path)
    {
        var save = $"icacls-save-{tag}.txt";
        var icacls = $"icacls-{tag}.txt";
        if (Output(save) is { Succeeded: true, Text: { } sddl })
        {
            var bySid = Parse(save, () => AclText.ParseSddlSave(sddl, save));
            // SDDL has SIDs only; icacls of the same folder names the accounts in the same order.
            List<AceData>? named = null;
            try
            {
                if (Output(icacls) is { Succeeded: true, Text: { } text }) named = Parse(icacls, () => AclText.ParseIcacls(text, path, icacls));
            }
            catch (ParseFailure)
            {
                named = null;
            }

            if (named is null || named.Count != bySid.Count || named.Where((a, i) => a.Sid is not null && a.Sid != bySid[i].Sid).Any()) return bySid;
            return bySid.Select((a, i) => new AceData { Identity = named[i].Identity, Sid = a.Sid, Rights = a.Rights, Type = a.Type, Inherited = a.Inherited }).ToList();
        }

        if (Output(icacls) is { Succeeded: true, Text: { } ic }) return Parse(icacls, () => AclText.ParseIcacls(ic, path, icacls));
        var cacls = $"cacls-{tag}.txt";
        if (Output(cacls) is { Succeeded: true, Text: { } c }) return Parse(cacls, () => AclText.ParseCacls(c, path, cacls));
        return null;
    }

    private DirListing? listings;

    /// <summary>Every <c>dir</c> listing of the bundle merged: folder to entries.</summary>
    private DirListing Listings()
    {
        if (listings is not null) return listings;
        var merged = new DirListing();
        foreach (var name in texts.Keys.Where(k => k.StartsWith("dir-", StringComparison.OrdinalIgnoreCase) && k.IndexOf('\\') < 0).OrderBy(k => k, StringComparer.Ordinal))
        {
            if (Output(name) is not { Succeeded: true, Text: { } text }) continue;
            try
            {
                var listing = Parse(name, () => DirText.Parse(text, name));
                foreach (var folder in listing.Folders)
                {
                    if (name.EndsWith("-entry.txt", StringComparison.OrdinalIgnoreCase)) continue; // a filtered listing of the parent
                    if (!merged.Folders.ContainsKey(folder.Key)) merged.Folders[folder.Key] = folder.Value;
                }
            }
            catch (ParseFailure)
            {
                // Folders of a damaged listing are left out: calls about them say they are not in the bundle.
            }
        }

        return listings = merged;
    }

    private ProbeResult FolderEntries(ProbeCall call)
    {
        if (ExpandArgument(call, "path", out var path) is { } failure) return failure;
        var pattern = call.GetString("pattern") ?? "*";
        var recursive = call.GetBoolean("recursive", false);
        var max = call.TryGetNumber("max", out var m) ? (int)Math.Max(1, Math.Min(m, 100_000)) : 1000;
        if (TagOf(path) is { } tag && FolderState(tag, out var reason) is var state && state != true)
        {
            return state == false ? ProbeResult.NotFound($"{path} does not exist on {ComputerName} (dir-{tag}.txt).") : ProbeResult.Unavailable(reason);
        }

        var all = Listings();
        if (!all.Folders.ContainsKey(path))
        {
            var split = path.LastIndexOf('\\');
            if (split > 0 && all.Folders.TryGetValue(path.Substring(0, split), out var parent)
                && !parent.Any(e => e.IsFolder && e.Name.Equals(path.Substring(split + 1), StringComparison.OrdinalIgnoreCase)))
            {
                return ProbeResult.NotFound($"{path} does not exist on {ComputerName}: the listing of {path.Substring(0, split)} has no such folder.");
            }

            return ProbeResult.Unavailable(NotCollected($"A listing of {path}") + " (the collector lists PXEBootfiles, RemoteInstall, RemoteInstall\\SMSBoot, RemoteInstall\\SMSImages and SMSPXEIMAGES$)");
        }

        var results = new List<object?>();
        string? missing = null;
        void Walk(string folder, int depth)
        {
            foreach (var entry in all.Folders[folder].Where(e => e.Name is not "." and not ".."))
            {
                if (results.Count >= max) return;
                var full = folder + "\\" + entry.Name;
                if (Wildcard.IsMatch(pattern, entry.Name))
                {
                    var record = new Dictionary<string, object?>(StringComparer.Ordinal) { ["name"] = entry.Name, ["path"] = full, ["isFolder"] = entry.IsFolder };
                    if (entry.Size is { } size) record["size"] = (double)size;
                    if (entry.LocalTime is { } local) record["modified"] = new DateTimeOffset(local, Offset);
                    results.Add(record);
                }

                if (recursive && entry.IsFolder && depth < 64)
                {
                    if (!all.Folders.ContainsKey(full))
                    {
                        missing ??= full;
                        continue;
                    }

                    Walk(full, depth + 1);
                }
            }
        }

        Walk(path, 0);
        if (missing is not null) return ProbeResult.Unavailable(NotCollected($"A listing of {missing} (below {path})"));
        return ProbeResult.Found(results.ToArray());
    }

    // ---- files --------------------------------------------------------------------------------------------------

    private Dictionary<string, string>? fileOutputs;

    /// <summary>The file each <c>wmic datafile</c> output asked about, by path.</summary>
    private Dictionary<string, string> FileOutputs()
    {
        if (fileOutputs is not null) return fileOutputs;
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in Manifest.Files.Keys.Concat(texts.Keys).Where(n => n.StartsWith("wmic-file-", StringComparison.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            string? asked = null;
            if (Manifest.File(name) is { } record && Regex.Match(record.Command, "name=\"([^\"]+)\"", RegexOptions.IgnoreCase) is { Success: true } match)
            {
                asked = match.Groups[1].Value.Replace("\\\\", "\\");
            }

            asked ??= name.ToLowerInvariant() switch
            {
                "wmic-file-wimgapi-system32.csv" => Expand("%SystemRoot%\\System32\\wimgapi.dll", out _),
                "wmic-file-wimgapi-syswow64.csv" => Expand("%SystemRoot%\\SysWOW64\\wimgapi.dll", out _),
                "wmic-file-smspxe.csv" => Manifest.Values.TryGetValue("smspxe_provider_dll", out var dll) ? Expand(dll, out _) : null,
                _ => null,
            };
            if (asked is not null && !map.ContainsKey(asked)) map[asked] = name;
        }

        return fileOutputs = map;
    }

    private bool? FileExists(string path) => FileFact(path).Status switch
    {
        ProbeStatus.Value => true,
        ProbeStatus.NotFound => false,
        _ => null,
    };

    private ProbeResult File(ProbeCall call)
    {
        if (ExpandArgument(call, "path", out var path) is { } failure) return failure;
        return FileFact(path);
    }

    private ProbeResult FileFact(string path)
    {
        if (!FileOutputs().TryGetValue(path, out var name))
        {
            return ProbeResult.Unavailable(NotCollected($"The file {path}") + " (the collector reads the versions of wimgapi.dll and of the SMSPXE provider DLL only)");
        }

        var output = Output(name)!;
        if (output.Record?.NotAvailable == true) return ProbeResult.Unavailable($"wmic.exe was not available on {ComputerName} ({name}).");
        if (!output.Succeeded && output.Exit is not null && output.Exit != 0) return ProbeResult.Unavailable($"{name}: wmic failed (exit {output.Record!.ExitText}): {output.Message}");
        if (output.Text is null) return ProbeResult.Unavailable(NotCollected($"The file {path} ({name})"));
        var rows = Parse(name, () => output.Text.Trim().Length == 0 ? new List<Dictionary<string, string>>() : WmicText.ParseCsv(output.Text, name, "Name"));
        // WMIC prints a header and a row per file found; for no file it prints nothing on standard output
        // ("No Instance(s) Available." goes to standard error): the same in every language.
        if (rows.Count == 0) return ProbeResult.NotFound($"No file {path} on {ComputerName} ({name} has no row).");
        var row = rows[0];
        var record = new Dictionary<string, object?>(StringComparer.Ordinal) { ["path"] = row.TryGetValue("Name", out var n) && n.Length > 0 ? n : path };
        if (row.TryGetValue("FileSize", out var size) && double.TryParse(size, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var bytes)) record["size"] = bytes;
        if (row.TryGetValue("LastModified", out var modified) && WmiDateTime.TryParse(modified, out var at)) record["modified"] = at;
        if (row.TryGetValue("Version", out var version) && FactValues.TryParseVersion(version.Trim(), out var v)) record["version"] = v;
        return ProbeResult.Found(record);
    }
}
