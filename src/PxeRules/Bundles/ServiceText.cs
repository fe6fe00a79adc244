using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace PxeRules.Bundles;

/// <summary>What <c>sc queryex</c> / <c>sc qc</c> said about one service.</summary>
internal sealed class ServiceData
{
    public string Name { get; set; } = string.Empty;

    public string? DisplayName { get; set; }

    public string? State { get; set; }

    public string? StartMode { get; set; }

    public string? Account { get; set; }

    public IDictionary<string, object?> ToRecord()
    {
        var record = new Dictionary<string, object?>(StringComparer.Ordinal) { ["name"] = Name };
        if (DisplayName is not null) record["displayName"] = DisplayName;
        if (State is not null) record["state"] = State;
        if (StartMode is not null) record["startMode"] = StartMode;
        if (Account is not null) record["account"] = Account;
        return record;
    }
}

/// <summary>
/// Reads <c>sc queryex</c>, <c>sc qc</c> and <c>sc queryex type= service state= all</c> output: the field labels
/// (<c>SERVICE_NAME</c>, <c>STATE</c>, ...) and the numbers before the symbolic values are the same in every
/// language, and so is the error number after <c>[SC] OpenService FAILED</c> (1060: no such service), so these
/// files are read whatever the server's language; only the message after the number is localised.
/// </summary>
internal static class ServiceText
{
    private static readonly Regex Failure = new(@"^\[SC\]\s+\S+\s+\S+\s+(?<code>\d+):", RegexOptions.CultureInvariant);
    private static readonly Regex Field = new(@"^\s*(?<label>[A-Z_0-9]+)\s*:\s?(?<value>.*)$", RegexOptions.CultureInvariant);

    /// <summary>The error number of an <c>[SC] ... FAILED nnnn:</c> line, or null when the output has none.</summary>
    public static int? FailureCode(string text)
    {
        foreach (var line in BundleText.Lines(text))
        {
            var match = Failure.Match(line.Trim());
            if (match.Success && int.TryParse(match.Groups["code"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var code)) return code;
        }

        return null;
    }

    /// <summary>Parses the services of an <c>sc</c> output (one for <c>queryex NAME</c> and <c>qc NAME</c>, many for the enumeration).</summary>
    /// <exception cref="OutputFormatException">A line is neither a labelled field, a continuation, the SC status line nor blank.</exception>
    public static List<ServiceData> Parse(string text, string file)
    {
        var services = new List<ServiceData>();
        ServiceData? current = null;
        string? lastLabel = null;
        var lines = BundleText.Lines(text);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith("[SC]", StringComparison.Ordinal)) continue;
            if (trimmed.StartsWith("(", StringComparison.Ordinal) && lastLabel == "STATE") continue; // the accepted controls
            if (trimmed.StartsWith(":", StringComparison.Ordinal) && lastLabel == "DEPENDENCIES") continue; // further dependencies
            var match = Field.Match(line);
            if (!match.Success)
            {
                throw new OutputFormatException(file, i + 1, "a 'LABEL : value' line of sc", line);
            }

            var label = match.Groups["label"].Value;
            var value = match.Groups["value"].Value.Trim();
            lastLabel = label;
            if (label == "SERVICE_NAME")
            {
                current = new ServiceData { Name = value };
                services.Add(current);
                continue;
            }

            if (current is null) throw new OutputFormatException(file, i + 1, "SERVICE_NAME before the other fields", line);
            switch (label)
            {
                case "DISPLAY_NAME":
                    current.DisplayName = value;
                    break;
                case "STATE":
                    current.State = Number(value) switch
                    {
                        1 => "Stopped",
                        2 => "StartPending",
                        3 => "StopPending",
                        4 => "Running",
                        5 => "ContinuePending",
                        6 => "PausePending",
                        7 => "Paused",
                        _ => throw new OutputFormatException(file, i + 1, "a state number from 1 to 7", value),
                    };
                    break;
                case "START_TYPE":
                    current.StartMode = Number(value) switch
                    {
                        0 => "Boot",
                        1 => "System",
                        2 => "Automatic",
                        3 => "Manual",
                        4 => "Disabled",
                        _ => throw new OutputFormatException(file, i + 1, "a start type number from 0 to 4", value),
                    };
                    break;
                case "SERVICE_START_NAME":
                    current.Account = value;
                    break;
            }
        }

        return services;
    }

    private static int Number(string value)
    {
        var end = 0;
        while (end < value.Length && char.IsDigit(value[end])) end++;
        return end > 0 && int.TryParse(value.Substring(0, end), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
    }
}
