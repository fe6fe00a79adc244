using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace PxeRules.Bundles;

/// <summary>A registry value as read from <c>reg query</c> or a <c>.reg</c> export.</summary>
internal sealed class RegValue
{
    public RegValue(string name, string type, object data)
    {
        Name = name;
        Type = type;
        Data = data;
    }

    /// <summary>The value name; empty for the default value.</summary>
    public string Name { get; }

    /// <summary><c>REG_SZ</c>, <c>REG_DWORD</c>, ...</summary>
    public string Type { get; }

    /// <summary>A string, a number (double), a list of strings, or the hexadecimal text of binary data.</summary>
    public object Data { get; }
}

/// <summary>One key: its path (<c>HKLM\...</c>), values in file order and subkey names.</summary>
internal sealed class RegKeyData
{
    public RegKeyData(string path) => Path = path;

    public string Path { get; }

    public List<RegValue> Values { get; } = new();

    public List<string> Subkeys { get; } = new();

    public RegValue? Value(string name) => Values.FirstOrDefault(v => string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>The keys of one <c>reg query</c> listing or <c>.reg</c> export, by path ignoring case.</summary>
internal sealed class RegistryData
{
    private readonly Dictionary<string, RegKeyData> keys = new(StringComparer.OrdinalIgnoreCase);

    public IEnumerable<RegKeyData> Keys => keys.Values;

    public RegKeyData? Find(string path) => keys.TryGetValue(RegistryText.NormalizeKey(path), out var key) ? key : null;

    public RegKeyData Add(string path)
    {
        path = RegistryText.NormalizeKey(path);
        if (keys.TryGetValue(path, out var existing)) return existing;
        var key = new RegKeyData(path);
        keys[path] = key;
        var split = path.LastIndexOf('\\');
        if (split > 0 && keys.TryGetValue(path.Substring(0, split), out var parent))
        {
            parent.Subkeys.Add(path.Substring(split + 1));
        }

        return key;
    }
}

/// <summary>
/// Reads <c>reg query</c> output (reg.exe 3.0 of Server 2003 with its version line and tab-separated columns, and the
/// four-blank form of 2008 and later) and <c>.reg</c> exports (REGEDIT4 ANSI and "Windows Registry Editor Version
/// 5.00" UTF-16LE, every value type, continued lines). The type names are the same in every language; the name of
/// the default value is not (<c>(Default)</c>, <c>(Standard)</c>, <c>&lt;NO NAME&gt;</c>), so a name wholly in
/// parentheses or angle brackets is taken for the default value (a real value named so would be misread).
/// </summary>
internal static class RegistryText
{
    private static readonly Regex ValueLine = new(
        @"^[ \t]+(?<name>.*?)[ \t]+(?<type>REG_(?:SZ|EXPAND_SZ|MULTI_SZ|DWORD|DWORD_BIG_ENDIAN|QWORD|BINARY|NONE|LINK|RESOURCE_LIST|FULL_RESOURCE_DESCRIPTOR|RESOURCE_REQUIREMENTS_LIST))(?:(?:\t| {1,4})(?<data>.*))?$",
        RegexOptions.CultureInvariant);


    public static string NormalizeKey(string path)
    {
        path = path.Trim().TrimEnd('\\');
        foreach (var (longName, shortName) in new[] { ("HKEY_LOCAL_MACHINE", "HKLM"), ("HKEY_CURRENT_USER", "HKCU"), ("HKEY_USERS", "HKU"), ("HKEY_CLASSES_ROOT", "HKCR"), ("HKEY_CURRENT_CONFIG", "HKCC") })
        {
            if (path.StartsWith(longName + "\\", StringComparison.OrdinalIgnoreCase) || path.Equals(longName, StringComparison.OrdinalIgnoreCase))
            {
                return shortName + path.Substring(longName.Length);
            }
        }

        return path;
    }

    /// <summary>Parses <c>reg query</c> output.</summary>
    /// <exception cref="OutputFormatException">A line is neither a key, a value, the version line nor a search summary.</exception>
    public static RegistryData ParseQuery(string text, string file)
    {
        var data = new RegistryData();
        RegKeyData? key = null;
        var lines = BundleText.Lines(text);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Trim().Length == 0) continue;
            if (line.StartsWith("! REG.EXE VERSION", StringComparison.OrdinalIgnoreCase)) continue;
            if (line.StartsWith("HKEY_", StringComparison.OrdinalIgnoreCase) || line.StartsWith("HKLM\\", StringComparison.OrdinalIgnoreCase))
            {
                key = data.Add(line);
                continue;
            }

            if (line[0] == ' ' || line[0] == '\t')
            {
                var match = ValueLine.Match(line);
                if (!match.Success || key is null)
                {
                    throw new OutputFormatException(file, i + 1, key is null ? "a key path (HKEY_...) before the values" : "an indented value: name, a REG_ type, data", line);
                }

                var name = match.Groups["name"].Value.Trim();
                // The default value's name is translated ("(Default)", "(Standard)", "(既定)"; "<NO NAME>" on 2003): a
                // name wholly in parentheses or angle brackets is taken for it in every language.
                if (name.Length > 2 && ((name[0] == '(' && name[name.Length - 1] == ')') || (name[0] == '<' && name[name.Length - 1] == '>'))) name = string.Empty;
                var type = match.Groups["type"].Value;
                var raw = match.Groups["data"].Success ? match.Groups["data"].Value : string.Empty;
                key.Values.Add(new RegValue(name, type, QueryData(type, raw, file, i + 1)));
                continue;
            }

            // "End of search: 3 match(es) found." is printed by /f searches, which the collector does not run.
            throw new OutputFormatException(file, i + 1, "a key path (HKEY_...), an indented value or a blank line", line);
        }

        return data;
    }

    private static object QueryData(string type, string raw, string file, int line)
    {
        switch (type)
        {
            case "REG_DWORD":
            case "REG_QWORD":
            case "REG_DWORD_BIG_ENDIAN":
                var hex = raw.Trim();
                if (hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                    && ulong.TryParse(hex.Substring(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var number))
                {
                    return (double)number;
                }

                throw new OutputFormatException(file, line, $"{type} data as 0x followed by hexadecimal digits", raw);
            case "REG_MULTI_SZ":
                return raw.Length == 0 ? new List<object?>() : raw.Split(new[] { "\\0" }, StringSplitOptions.None).Where(s => s.Length > 0).Cast<object?>().ToList();
            case "REG_BINARY":
            case "REG_NONE":
                return raw.Trim().ToUpperInvariant();
            default:
                return raw;
        }
    }

    /// <summary>Parses a <c>.reg</c> export (REGEDIT4 or version 5.00).</summary>
    /// <exception cref="OutputFormatException">The header is missing, or a line is not a key, a value or a continuation.</exception>
    public static RegistryData ParseExport(string text, string file)
    {
        var lines = BundleText.Lines(text);
        var first = 0;
        while (first < lines.Count && lines[first].Trim().Length == 0) first++;
        if (first >= lines.Count) throw new OutputFormatException(file, 1, "'Windows Registry Editor Version 5.00' or 'REGEDIT4'");
        var header = lines[first].Trim();
        var unicode = header == "Windows Registry Editor Version 5.00";
        if (!unicode && header != "REGEDIT4") throw new OutputFormatException(file, first + 1, "'Windows Registry Editor Version 5.00' or 'REGEDIT4'", header);

        var data = new RegistryData();
        RegKeyData? key = null;
        for (var i = first + 1; i < lines.Count; i++)
        {
            var start = i + 1;
            var line = lines[i];
            if (line.Trim().Length == 0 || line.StartsWith(";", StringComparison.Ordinal)) continue;
            if (line.StartsWith("[", StringComparison.Ordinal))
            {
                var close = line.LastIndexOf(']');
                if (close < 0) throw new OutputFormatException(file, start, "a key in brackets", line);
                var path = line.Substring(1, close - 1);
                if (path.StartsWith("-", StringComparison.Ordinal)) throw new OutputFormatException(file, start, "a key (an export deletes nothing)", line);
                key = data.Add(path);
                continue;
            }

            // A value: "name"=data or @=data; hex data continues on the next lines after a trailing backslash.
            var logical = new StringBuilder(line);
            while (logical.Length > 0 && logical[logical.Length - 1] == '\\' && IsHexData(logical) && i + 1 < lines.Count)
            {
                logical.Length--;
                i++;
                logical.Append(lines[i].Trim());
            }

            if (key is null) throw new OutputFormatException(file, start, "a key in brackets before the values", line);
            key.Values.Add(ParseExportValue(logical.ToString(), unicode, file, start));
        }

        return data;
    }

    private static bool IsHexData(StringBuilder line)
    {
        var text = line.ToString();
        var eq = FindAssignment(text);
        return eq >= 0 && text.Substring(eq + 1).StartsWith("hex", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The index of the '=' after the value name (a quoted name may hold '=').</summary>
    private static int FindAssignment(string line)
    {
        if (line.StartsWith("@=", StringComparison.Ordinal)) return 1;
        if (!line.StartsWith("\"", StringComparison.Ordinal)) return -1;
        for (var i = 1; i < line.Length; i++)
        {
            if (line[i] == '\\') { i++; continue; }
            if (line[i] == '"') return i + 1 < line.Length && line[i + 1] == '=' ? i + 1 : -1;
        }

        return -1;
    }

    private static RegValue ParseExportValue(string line, bool unicode, string file, int number)
    {
        var eq = FindAssignment(line);
        if (eq < 0) throw new OutputFormatException(file, number, "a value line, \"name\"=data or @=data", line);
        var name = line.StartsWith("@", StringComparison.Ordinal) ? string.Empty : Unescape(line.Substring(1, eq - 2));
        var raw = line.Substring(eq + 1);
        if (raw.StartsWith("\"", StringComparison.Ordinal))
        {
            if (raw.Length < 2 || raw[raw.Length - 1] != '"') throw new OutputFormatException(file, number, "a string in double quotes", raw);
            return new RegValue(name, "REG_SZ", Unescape(raw.Substring(1, raw.Length - 2)));
        }

        if (raw.StartsWith("dword:", StringComparison.OrdinalIgnoreCase))
        {
            if (uint.TryParse(raw.Substring(6), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var dword)) return new RegValue(name, "REG_DWORD", (double)dword);
            throw new OutputFormatException(file, number, "dword: and eight hexadecimal digits", raw);
        }

        var match = Regex.Match(raw, @"^hex(?:\((?<type>[0-9a-fA-F]+)\))?:(?<bytes>.*)$", RegexOptions.CultureInvariant);
        if (!match.Success) throw new OutputFormatException(file, number, "a string, dword: or hex data", raw);
        var type = match.Groups["type"].Success ? int.Parse(match.Groups["type"].Value, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture) : 3;
        var bytes = HexBytes(match.Groups["bytes"].Value, file, number);
        switch (type)
        {
            case 2:
            case 1:
                return new RegValue(name, type == 2 ? "REG_EXPAND_SZ" : "REG_SZ", String(bytes, unicode).TrimEnd('\0'));
            case 7:
                var items = String(bytes, unicode).Split('\0').Where(s => s.Length > 0).Cast<object?>().ToList();
                return new RegValue(name, "REG_MULTI_SZ", items);
            case 4:
                if (bytes.Length != 4) throw new OutputFormatException(file, number, "4 bytes of hex(4) data", raw);
                return new RegValue(name, "REG_DWORD", (double)BitConverter.ToUInt32(bytes, 0));
            case 0xb:
                if (bytes.Length != 8) throw new OutputFormatException(file, number, "8 bytes of hex(b) data", raw);
                return new RegValue(name, "REG_QWORD", (double)BitConverter.ToUInt64(bytes, 0));
            case 0:
                return new RegValue(name, "REG_NONE", ToHex(bytes));
            default:
                return new RegValue(name, "REG_BINARY", ToHex(bytes));
        }
    }

    private static string String(byte[] bytes, bool unicode)
    {
        if (!unicode) return new string(bytes.Select(b => (char)b).ToArray());
        return Encoding.Unicode.GetString(bytes, 0, bytes.Length & ~1);
    }

    private static byte[] HexBytes(string text, string file, int number)
    {
        var parts = text.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries).Select(p => p.Trim()).Where(p => p.Length > 0).ToArray();
        var bytes = new byte[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Length > 2 || !byte.TryParse(parts[i], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out bytes[i]))
            {
                throw new OutputFormatException(file, number, "bytes as two hexadecimal digits separated by commas", parts[i]);
            }
        }

        return bytes;
    }

    private static string ToHex(byte[] bytes) => string.Concat(bytes.Select(b => b.ToString("X2", CultureInfo.InvariantCulture)));

    private static string Unescape(string text) => text.Replace("\\\\", "\u0001").Replace("\\\"", "\"").Replace("\u0001", "\\");
}
