using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace PxeRules.Bundles;

/// <summary>One access rule as the <c>folder</c> fact gives it.</summary>
internal sealed class AceData
{
    public string? Identity { get; init; }

    public string? Sid { get; init; }

    public string Rights { get; init; } = string.Empty;

    public string Type { get; init; } = "Allow";

    /// <summary>Null when the output does not say (cacls).</summary>
    public bool? Inherited { get; init; }

    public IDictionary<string, object?> ToRecord()
    {
        var record = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (Identity is not null) record["identity"] = Identity;
        if (Sid is not null) record["sid"] = Sid;
        record["rights"] = Rights;
        record["type"] = Type;
        if (Inherited is { } inherited) record["inherited"] = inherited;
        return record;
    }
}

/// <summary>
/// Reads folder ACLs from <c>cacls</c>, <c>icacls</c> and <c>icacls /save</c> (SDDL). Rights are named as .NET's
/// <c>FileSystemRights</c> names them, as the Windows provider gives them (<c>FullControl</c>, <c>Modify, Synchronize</c>,
/// <c>ReadAndExecute, Synchronize</c>). Account names are translated on a localised server; the well-known accounts
/// are mapped to their SIDs in English and German, and an account shown as a SID string keeps it.
/// </summary>
internal static class AclText
{
    private static readonly Dictionary<string, string> WellKnown = new(StringComparer.OrdinalIgnoreCase)
    {
        ["NT AUTHORITY\\SYSTEM"] = "S-1-5-18",
        ["NT-AUTORITÄT\\SYSTEM"] = "S-1-5-18",
        ["BUILTIN\\Administrators"] = "S-1-5-32-544",
        ["VORDEFINIERT\\Administratoren"] = "S-1-5-32-544",
        ["BUILTIN\\Users"] = "S-1-5-32-545",
        ["VORDEFINIERT\\Benutzer"] = "S-1-5-32-545",
        ["CREATOR OWNER"] = "S-1-3-0",
        ["ERSTELLER-BESITZER"] = "S-1-3-0",
        ["Everyone"] = "S-1-1-0",
        ["Jeder"] = "S-1-1-0",
        ["NT AUTHORITY\\Authenticated Users"] = "S-1-5-11",
        ["NT-AUTORITÄT\\Authentifizierte Benutzer"] = "S-1-5-11",
        ["NT SERVICE\\TrustedInstaller"] = "S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464",
    };

    private static readonly Dictionary<string, string> SddlSids = new(StringComparer.Ordinal)
    {
        ["SY"] = "S-1-5-18", ["BA"] = "S-1-5-32-544", ["BU"] = "S-1-5-32-545", ["CO"] = "S-1-3-0", ["WD"] = "S-1-1-0",
        ["AU"] = "S-1-5-11", ["LS"] = "S-1-5-19", ["NS"] = "S-1-5-20", ["PU"] = "S-1-5-32-547", ["SO"] = "S-1-5-32-549",
        ["BO"] = "S-1-5-32-551", ["IU"] = "S-1-5-4", ["SU"] = "S-1-5-6", ["NU"] = "S-1-5-2", ["CG"] = "S-1-3-1",
    };

    private static readonly Regex SidText = new(@"^S-1-\d+(-\d+)+$", RegexOptions.CultureInvariant);

    /// <summary>The SID of an account name when it is a SID string or a well-known account in English or German.</summary>
    public static string? SidOf(string identity) =>
        SidText.IsMatch(identity) ? identity : WellKnown.TryGetValue(identity, out var sid) ? sid : null;

    /// <summary>Parses <c>cacls "folder"</c> output; <paramref name="folder"/> is the path as the command named it.</summary>
    /// <exception cref="OutputFormatException">The first line does not start with the folder, or an ACE is not <c>identity:...</c>.</exception>
    public static List<AceData> ParseCacls(string text, string folder, string file) => Parse(text, folder, file, icacls: false);

    /// <summary>Parses <c>icacls "folder"</c> output; the summary line at the end (localised) is skipped.</summary>
    /// <exception cref="OutputFormatException">The first line does not start with the folder, or an ACE is not <c>identity:(...)</c>.</exception>
    public static List<AceData> ParseIcacls(string text, string folder, string file) => Parse(text, folder, file, icacls: true);

    private static List<AceData> Parse(string text, string folder, string file, bool icacls)
    {
        var lines = BundleText.Lines(text);
        var aces = new List<AceData>();
        var start = 0;
        while (start < lines.Count && lines[start].Trim().Length == 0) start++;
        if (start >= lines.Count) throw new OutputFormatException(file, 0, $"the folder '{folder}' and its access rules (the file is empty)");
        var first = lines[start];
        if (!first.StartsWith(folder + " ", StringComparison.OrdinalIgnoreCase))
        {
            throw new OutputFormatException(file, start + 1, $"the folder '{folder}', a blank, then the first access rule", first);
        }

        var indent = folder.Length + 1;
        var entries = new List<(int Line, string Text)> { (start + 1, first.Substring(indent)) };
        for (var i = start + 1; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Trim().Length == 0)
            {
                if (icacls) break; // the blank line before the summary
                continue;
            }

            if (line.Length > indent && line.Substring(0, indent).Trim().Length == 0)
            {
                var body = line.Substring(indent);
                // cacls lists the rights of "(special access:)" one per line, further indented.
                if (!icacls && body.StartsWith(" ", StringComparison.Ordinal) && entries.Count > 0)
                {
                    entries[entries.Count - 1] = (entries[entries.Count - 1].Line, entries[entries.Count - 1].Text + "\n" + body.Trim());
                    continue;
                }

                entries.Add((i + 1, body));
                continue;
            }

            if (icacls) break; // the summary line
            throw new OutputFormatException(file, i + 1, $"an access rule indented by {indent} blanks under the first", line);
        }

        foreach (var (number, entry) in entries)
        {
            aces.Add(icacls ? IcaclsAce(entry, file, number) : CaclsAce(entry, file, number));
        }

        return aces;
    }

    private static AceData CaclsAce(string text, string file, int line)
    {
        var special = text.Split('\n');
        var head = special[0].TrimEnd();
        var colon = FindAceColon(head);
        if (colon <= 0) throw new OutputFormatException(file, line, "'identity:(flags)rights'", head);
        var identity = head.Substring(0, colon);
        var rest = head.Substring(colon + 1);
        var deny = false;
        while (rest.StartsWith("(", StringComparison.Ordinal))
        {
            var close = rest.IndexOf(')');
            if (close < 0) throw new OutputFormatException(file, line, "flags in parentheses", head);
            var flag = rest.Substring(1, close - 1);
            if (flag.Equals("DENY", StringComparison.OrdinalIgnoreCase)) deny = true;
            if (flag.EndsWith(":", StringComparison.Ordinal))
            {
                // "(special access:)": the rights follow, one per line.
                rest = string.Empty;
                break;
            }

            rest = rest.Substring(close + 1);
        }

        string rights;
        if (special.Length > 1 || rest.Length == 0)
        {
            rights = string.Join(", ", special.Skip(1).Select(SpecialRight).Distinct());
        }
        else
        {
            rights = rest.Trim() switch
            {
                "F" => "FullControl",
                "C" => "Modify, Synchronize",
                "R" => "ReadAndExecute, Synchronize",
                "W" => "Write, Synchronize",
                "N" => "None",
                _ => throw new OutputFormatException(file, line, "the rights F, C, R, W or N", head),
            };
        }

        return new AceData { Identity = identity, Sid = SidOf(identity), Rights = rights, Type = deny ? "Deny" : "Allow" };
    }

    private static AceData IcaclsAce(string text, string file, int line)
    {
        var head = text.TrimEnd();
        var colon = FindAceColon(head);
        if (colon <= 0) throw new OutputFormatException(file, line, "'identity:(flags)(rights)'", head);
        var identity = head.Substring(0, colon);
        var groups = Regex.Matches(head.Substring(colon + 1), @"\(([^)]*)\)").Cast<Match>().Select(m => m.Groups[1].Value).ToList();
        if (groups.Count == 0) throw new OutputFormatException(file, line, "'identity:(flags)(rights)'", head);
        var inherited = groups.Contains("I");
        var deny = groups.Contains("DENY");
        var rightsText = groups[groups.Count - 1];
        var rights = rightsText switch
        {
            "F" => "FullControl",
            "M" => "Modify, Synchronize",
            "RX" => "ReadAndExecute, Synchronize",
            "R" => "Read, Synchronize",
            "W" => "Write, Synchronize",
            "D" => "Delete",
            "N" => "None",
            _ => string.Join(", ", rightsText.Split(',').Select(IcaclsRight).Distinct()),
        };
        return new AceData { Identity = identity, Sid = SidOf(identity), Rights = rights, Type = deny ? "Deny" : "Allow", Inherited = inherited };
    }

    /// <summary>The ':' between account and rights: the last one before the first '(' or the rights letter.</summary>
    private static int FindAceColon(string text)
    {
        var paren = text.IndexOf(":(", StringComparison.Ordinal);
        if (paren > 0) return paren;
        return text.LastIndexOf(':');
    }

    private static string SpecialRight(string name) => name.Trim() switch
    {
        "DELETE" => "Delete",
        "GENERIC_ALL" => "GenericAll",
        "GENERIC_READ" => "GenericRead",
        "GENERIC_WRITE" => "GenericWrite",
        "GENERIC_EXECUTE" => "GenericExecute",
        "READ_CONTROL" => "ReadPermissions",
        "WRITE_DAC" => "ChangePermissions",
        "WRITE_OWNER" => "TakeOwnership",
        "SYNCHRONIZE" => "Synchronize",
        "FILE_GENERIC_READ" => "Read",
        "FILE_GENERIC_WRITE" => "Write",
        "FILE_GENERIC_EXECUTE" => "ExecuteFile",
        "FILE_READ_DATA" => "ReadData",
        "FILE_WRITE_DATA" => "WriteData",
        "FILE_APPEND_DATA" => "AppendData",
        "FILE_READ_EA" => "ReadExtendedAttributes",
        "FILE_WRITE_EA" => "WriteExtendedAttributes",
        "FILE_EXECUTE" => "ExecuteFile",
        "FILE_DELETE_CHILD" => "DeleteSubdirectoriesAndFiles",
        "FILE_READ_ATTRIBUTES" => "ReadAttributes",
        "FILE_WRITE_ATTRIBUTES" => "WriteAttributes",
        var other => other,
    };

    private static string IcaclsRight(string code) => code.Trim() switch
    {
        "DE" => "Delete",
        "RC" => "ReadPermissions",
        "WDAC" => "ChangePermissions",
        "WO" => "TakeOwnership",
        "S" => "Synchronize",
        "GR" => "GenericRead",
        "GW" => "GenericWrite",
        "GE" => "GenericExecute",
        "GA" => "GenericAll",
        "RD" => "ReadData",
        "WD" => "WriteData",
        "AD" => "AppendData",
        "REA" => "ReadExtendedAttributes",
        "WEA" => "WriteExtendedAttributes",
        "X" => "ExecuteFile",
        "DC" => "DeleteSubdirectoriesAndFiles",
        "RA" => "ReadAttributes",
        "WA" => "WriteAttributes",
        var other => other,
    };

    /// <summary>
    /// Parses an <c>icacls /save</c> file: pairs of lines, a name and its DACL in SDDL (<c>D:PAI(A;OICI;FA;;;SY)...</c>).
    /// The first pair is the folder itself. SDDL names no accounts, only SIDs: it reads the same in every language.
    /// </summary>
    /// <exception cref="OutputFormatException">The second line is not a DACL, or an ACE is not six fields in parentheses.</exception>
    public static List<AceData> ParseSddlSave(string text, string file)
    {
        var lines = BundleText.Lines(text).Where(l => l.Trim().Length > 0).ToList();
        if (lines.Count < 2) throw new OutputFormatException(file, 0, "a name line and a DACL line in SDDL");
        var sddl = lines[1].Trim();
        if (!sddl.StartsWith("D:", StringComparison.Ordinal)) throw new OutputFormatException(file, 2, "a DACL in SDDL starting with 'D:'", sddl);
        var aces = new List<AceData>();
        foreach (Match match in Regex.Matches(sddl, @"\(([^)]*)\)"))
        {
            var parts = match.Groups[1].Value.Split(';');
            if (parts.Length < 6) throw new OutputFormatException(file, 2, "an ACE of six fields, (type;flags;rights;;;sid)", match.Value);
            var type = parts[0] switch
            {
                "A" => "Allow",
                "D" => "Deny",
                _ => null,
            };
            if (type is null) continue; // object and audit ACEs do not apply to folders here
            var sid = SddlSids.TryGetValue(parts[5], out var known) ? known : parts[5];
            aces.Add(new AceData { Sid = sid, Rights = SddlRights(parts[2]), Type = type, Inherited = parts[1].Contains("ID") });
        }

        return aces;
    }

    private static string SddlRights(string rights)
    {
        if (rights.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && uint.TryParse(rights.Substring(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var mask))
        {
            return mask switch
            {
                0x1F01FF => "FullControl",
                0x1301BF => "Modify, Synchronize",
                0x1200A9 => "ReadAndExecute, Synchronize",
                0x120089 => "Read, Synchronize",
                0x100116 => "Write, Synchronize",
                0x10000000 => "GenericAll",
                _ => "0x" + mask.ToString("X", CultureInfo.InvariantCulture),
            };
        }

        var names = new List<string>();
        for (var i = 0; i + 1 < rights.Length; i += 2)
        {
            names.Add(rights.Substring(i, 2) switch
            {
                "FA" => "FullControl",
                "FR" => "Read",
                "FW" => "Write",
                "FX" => "ExecuteFile",
                "GA" => "GenericAll",
                "GR" => "GenericRead",
                "GW" => "GenericWrite",
                "GX" => "GenericExecute",
                "SD" => "Delete",
                "RC" => "ReadPermissions",
                "WD" => "ChangePermissions",
                "WO" => "TakeOwnership",
                var other => other,
            });
        }

        return string.Join(", ", names);
    }
}
