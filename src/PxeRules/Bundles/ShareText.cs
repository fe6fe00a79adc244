using System;
using System.Collections.Generic;

namespace PxeRules.Bundles;

/// <summary>A share as the bundle shows it.</summary>
internal sealed class ShareData
{
    public string Name { get; init; } = string.Empty;

    public string? Path { get; init; }

    public string? Remark { get; init; }
}

/// <summary>
/// Reads <c>net share NAME</c> (labels padded to 18 columns) and the share values of
/// <c>reg query ...\LanmanServer\Shares</c>. The labels of <c>net share</c> are translated; only the English ones
/// are read, and another language is reported as such, never as a missing share.
/// </summary>
internal static class ShareText
{
    /// <summary>The number in "NET HELPMSG 2310", which <c>net</c> prints in every language for a share that does not exist.</summary>
    public const string NoSuchShareMessage = "HELPMSG 2310";

    /// <summary>Parses <c>net share NAME</c> output.</summary>
    /// <exception cref="OutputFormatException">The first label is not <c>Share name</c> (another language or another output).</exception>
    public static ShareData ParseNetShare(string text, string file)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var lines = BundleText.Lines(text);
        var first = true;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Trim().Length == 0) continue;
            var label = (line.Length > 18 ? line.Substring(0, 18) : line).Trim();
            var value = line.Length > 18 ? line.Substring(18).Trim() : string.Empty;
            if (first)
            {
                if (!label.Equals("Share name", StringComparison.Ordinal))
                {
                    throw new OutputFormatException(file, i + 1, "the English label 'Share name' (net share labels are read in English only; wmic-share.csv and reg-lanmanserver-shares.txt are read in any language)", line);
                }

                first = false;
            }

            if (!fields.ContainsKey(label)) fields[label] = value;
        }

        if (first) throw new OutputFormatException(file, 0, "'Share name' and the share's fields (the file is empty)");
        fields.TryGetValue("Path", out var path);
        fields.TryGetValue("Remark", out var remark);
        return new ShareData { Name = fields["Share name"], Path = string.IsNullOrEmpty(path) ? null : path, Remark = remark ?? string.Empty };
    }

    /// <summary>Reads the shares of <c>HKLM\SYSTEM\CurrentControlSet\Services\LanmanServer\Shares</c>: one REG_MULTI_SZ per share, with <c>Path=</c> and <c>Remark=</c> items.</summary>
    public static List<ShareData> FromRegistry(RegKeyData key)
    {
        var shares = new List<ShareData>();
        foreach (var value in key.Values)
        {
            if (value.Data is not List<object?> items) continue;
            string? path = null;
            string? remark = null;
            foreach (var item in items)
            {
                var text = item as string ?? string.Empty;
                if (text.StartsWith("Path=", StringComparison.OrdinalIgnoreCase)) path = text.Substring(5);
                else if (text.StartsWith("Remark=", StringComparison.OrdinalIgnoreCase)) remark = text.Substring(7);
            }

            shares.Add(new ShareData { Name = value.Name, Path = path, Remark = remark ?? string.Empty });
        }

        return shares;
    }
}
