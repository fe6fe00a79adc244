using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace PxeRules.Bundles;

/// <summary>A line of a file that a parser did not understand: the file, the line and what was expected there.</summary>
internal sealed class OutputFormatException : Exception
{
    public OutputFormatException(string file, int line, string expected, string? found = null)
        : base(Describe(file, line, expected, found))
    {
        File = file;
        Line = line;
    }

    public string File { get; }

    public int Line { get; }

    private static string Describe(string file, int line, string expected, string? found)
    {
        var where = line > 0 ? $"{file} line {line}" : file;
        var shown = found is null ? string.Empty : $"; found '{DisplayText.Escape(found.Length > 80 ? found.Substring(0, 77) + "..." : found)}'";
        return $"{where} is not in a form this reader knows: expected {expected}{shown}.";
    }
}

/// <summary>One <c>[file]</c> record of <c>manifest.txt</c>.</summary>
internal sealed class ManifestFile
{
    public string Path { get; init; } = string.Empty;

    public string Command { get; init; } = string.Empty;

    /// <summary>The exit code, or null when the tool was not available (<c>exit=not available</c>) or it is not a number.</summary>
    public int? Exit { get; init; }

    public string ExitText { get; init; } = string.Empty;

    public string Encoding { get; init; } = string.Empty;

    public string? Note { get; init; }

    public string? Stderr { get; init; }

    public bool NotAvailable => ExitText.Equals("not available", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// <c>manifest.txt</c> of a bundle (docs/bundle-format.md): a header of <c>key=value</c> lines, then
/// <c>[file]</c>, <c>[value]</c> and <c>[end]</c> records. Lines split at the first <c>=</c>.
/// </summary>
internal sealed class BundleManifest
{
    public const string FileName = "manifest.txt";

    private BundleManifest(Dictionary<string, string> header, Dictionary<string, ManifestFile> files, Dictionary<string, string> values)
    {
        Header = header;
        Files = files;
        Values = values;
    }

    public IReadOnlyDictionary<string, string> Header { get; }

    /// <summary>File records by path (ignoring case); for a retried command, the later record.</summary>
    public IReadOnlyDictionary<string, ManifestFile> Files { get; }

    /// <summary>The <c>[value]</c> records, name to value.</summary>
    public IReadOnlyDictionary<string, string> Values { get; }

    public string? Get(string key) => Header.TryGetValue(key, out var value) && value.Length > 0 ? value : null;

    public string Computer => Get("computer") ?? string.Empty;

    public string Collector => Get("collector") ?? string.Empty;

    /// <summary>The OEM code page (<c>oem_codepage</c>), 437 when not recorded.</summary>
    public int OemCodePage => int.TryParse(Get("oem_codepage"), NumberStyles.None, CultureInfo.InvariantCulture, out var cp) && cp > 0 ? cp : 437;

    /// <summary>When collection started, from <c>started</c> (a WMI date-time with its bias), or null.</summary>
    public DateTimeOffset? Started => WmiDateTime.TryParse(Get("started"), out var at) ? at : null;

    /// <summary>Whether the operating system is 64-bit (either architecture variable says so).</summary>
    public bool Is64Bit =>
        Is64(Get("PROCESSOR_ARCHITECTURE")) || Is64(Get("PROCESSOR_ARCHITEW6432"));

    public string Architecture =>
        Get("PROCESSOR_ARCHITEW6432") is { } real ? Arch(real) : Arch(Get("PROCESSOR_ARCHITECTURE") ?? string.Empty);

    public ManifestFile? File(string path) => Files.TryGetValue(path, out var file) ? file : null;

    public static BundleManifest Parse(string text)
    {
        var header = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var files = new Dictionary<string, ManifestFile>(StringComparer.OrdinalIgnoreCase);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var lines = BundleText.Lines(text);
        string? section = null;
        Dictionary<string, string>? record = null;
        var formatSeen = false;

        void Close()
        {
            if (record is null) return;
            if (section == "file" && record.TryGetValue("path", out var path))
            {
                record.TryGetValue("exit", out var exit);
                files[path.Replace('/', '\\')] = new ManifestFile
                {
                    Path = path.Replace('/', '\\'),
                    Command = record.TryGetValue("command", out var c) ? c : string.Empty,
                    ExitText = exit ?? string.Empty,
                    Exit = int.TryParse(exit, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code) ? code : null,
                    Encoding = record.TryGetValue("encoding", out var e) ? e : string.Empty,
                    Note = record.TryGetValue("note", out var n) ? n : null,
                    Stderr = record.TryGetValue("stderr", out var s) ? s.Replace('/', '\\') : null,
                };
            }
            else if (section == "value" && record.TryGetValue("name", out var name))
            {
                values[name] = record.TryGetValue("value", out var v) ? v : string.Empty;
            }

            record = null;
        }

        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith("#", StringComparison.Ordinal)) continue;
            if (line.StartsWith("[", StringComparison.Ordinal) && line.EndsWith("]", StringComparison.Ordinal))
            {
                Close();
                section = line.Substring(1, line.Length - 2).ToLowerInvariant();
                record = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                continue;
            }

            var split = line.IndexOf('=');
            if (split <= 0) throw new OutputFormatException(FileName, i + 1, "'key=value', a '[file]', '[value]' or '[end]' line", line);
            var key = line.Substring(0, split);
            var value = line.Substring(split + 1);
            if (record is null)
            {
                header[key] = value;
                if (key.Equals("format", StringComparison.OrdinalIgnoreCase))
                {
                    formatSeen = true;
                    if (!value.StartsWith("pxerules-bundle/", StringComparison.Ordinal))
                    {
                        throw new OutputFormatException(FileName, i + 1, "'format=pxerules-bundle/1'", line);
                    }

                    if (value != "pxerules-bundle/1")
                    {
                        throw new InvalidDataException($"{FileName} says '{DisplayText.Escape(value)}'; this version of PxeRules reads pxerules-bundle/1. A newer PxeRules may read it.");
                    }
                }
            }
            else if (section == "file" && key.Equals("note", StringComparison.OrdinalIgnoreCase) && record.TryGetValue("note", out var earlier))
            {
                record["note"] = earlier + "; " + value;
            }
            else
            {
                record[key] = value;
            }
        }

        Close();
        if (!formatSeen) throw new OutputFormatException(FileName, 1, "a header with 'format=pxerules-bundle/1'");
        return new BundleManifest(header, files, values);
    }

    private static bool Is64(string? arch) => arch is not null && (arch.Equals("AMD64", StringComparison.OrdinalIgnoreCase) || arch.Equals("IA64", StringComparison.OrdinalIgnoreCase));

    private static string Arch(string value) => value.ToUpperInvariant() switch
    {
        "AMD64" => "x64",
        "IA64" => "ia64",
        _ => "x86",
    };
}

/// <summary>WMI (CIM) date-times: <c>yyyymmddHHMMSS.mmmmmm+bias</c>, the bias in minutes east of UTC (<c>+060</c> is UTC+1).</summary>
internal static class WmiDateTime
{
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (text is null || text.Length < 14) return false;
        if (!DateTime.TryParseExact(text.Substring(0, 14), "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)) return false;
        var offset = TimeSpan.Zero;
        var fraction = 0.0;
        if (text.Length >= 21 && text[14] == '.')
        {
            double.TryParse("0" + text.Substring(14, 7), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out fraction);
            if (text.Length >= 25 && (text[21] == '+' || text[21] == '-')
                && int.TryParse(text.Substring(22, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) && minutes <= 14 * 60)
            {
                offset = TimeSpan.FromMinutes(text[21] == '-' ? -minutes : minutes);
            }
        }

        value = new DateTimeOffset(local, offset).AddTicks((long)(fraction * TimeSpan.TicksPerSecond));
        return true;
    }
}
