using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace PxeRules.Bundles;

/// <summary>One line of a <c>dir /a /q</c> listing.</summary>
internal sealed class DirEntry
{
    public string Name { get; init; } = string.Empty;

    public bool IsFolder { get; init; }

    public long? Size { get; init; }

    /// <summary>The owner column, trimmed; null when empty. Cut to 23 characters by <c>dir</c> when longer.</summary>
    public string? Owner { get; init; }

    /// <summary>Whether the owner filled its column, so may have been cut.</summary>
    public bool OwnerMayBeCut { get; init; }

    /// <summary>The date and time as written (local time of the server, in its format).</summary>
    public string DateText { get; init; } = string.Empty;

    public DateTime? LocalTime { get; init; }
}

/// <summary>The sections of a listing: folder path to its entries (<c>dir /s</c> has one section per folder).</summary>
internal sealed class DirListing
{
    public Dictionary<string, List<DirEntry>> Folders { get; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>
/// Reads <c>dir /a /q</c> output: per folder a <c>Directory of</c> heading, then one line per entry with date, time,
/// an 18-column size field (<c>&lt;DIR&gt;</c> or a number), a blank, a 23-column owner and the name. The headings
/// are translated: English (<c>Directory of</c>) and German (<c>Verzeichnis von</c>) are read; dates in the
/// <c>MM/dd/yyyy hh:mm tt</c> and <c>dd.MM.yyyy HH:mm</c> forms. Also <c>attrib</c> output.
/// </summary>
internal static class DirText
{
    private static readonly string[] Headings = { " Directory of ", " Verzeichnis von " };
    private static readonly Regex EntryStart = new(@"^(?<date>\d{1,4}[./-]\d{1,2}[./-]\d{1,4})\s+(?<time>\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp][Mm])?)", RegexOptions.CultureInvariant);

    /// <summary>Parses a listing.</summary>
    /// <exception cref="OutputFormatException">An entry line before any heading, or a size field that is neither a folder nor a number.</exception>
    public static DirListing Parse(string text, string file)
    {
        var listing = new DirListing();
        List<DirEntry>? current = null;
        var lines = BundleText.Lines(text);
        var headingSeen = false;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var heading = Headings.FirstOrDefault(h => line.StartsWith(h, StringComparison.Ordinal));
            if (heading is not null)
            {
                var folder = line.Substring(heading.Length).Trim();
                headingSeen = true;
                if (!listing.Folders.TryGetValue(folder, out current))
                {
                    current = new List<DirEntry>();
                    listing.Folders[folder] = current;
                }

                continue;
            }

            var match = EntryStart.Match(line);
            if (!match.Success) continue; // volume lines, summaries, blank lines: localised, not needed
            if (current is null)
            {
                throw new OutputFormatException(file, i + 1, "a 'Directory of' heading (English or German) before the entries", line);
            }

            var rest = line.Substring(match.Length);
            if (rest.Length < 19) throw new OutputFormatException(file, i + 1, "an 18-column size field, the owner and the name after the time", line);
            var sizeField = rest.Substring(0, 18).Trim();
            var isFolder = sizeField.StartsWith("<", StringComparison.Ordinal);
            long? size = null;
            if (!isFolder)
            {
                var digits = new string(sizeField.Where(char.IsDigit).ToArray());
                if (digits.Length == 0 || sizeField.Any(c => !char.IsDigit(c) && c != ',' && c != '.' && c != '\u00A0' && c != ' '))
                {
                    throw new OutputFormatException(file, i + 1, "<DIR> or a size in the 18 columns after the time", line);
                }

                size = long.Parse(digits, CultureInfo.InvariantCulture);
            }

            var after = rest.Substring(19);
            var ownerColumn = after.Length >= 23 ? after.Substring(0, 23) : after;
            var name = after.Length >= 23 ? after.Substring(23) : string.Empty;
            var owner = ownerColumn.Trim();
            current.Add(new DirEntry
            {
                Name = name,
                IsFolder = isFolder,
                Size = size,
                Owner = owner.Length == 0 ? null : owner,
                OwnerMayBeCut = ownerColumn.Length == 23 && ownerColumn[22] != ' ',
                DateText = match.Value,
                LocalTime = ParseTime(match.Groups["date"].Value, match.Groups["time"].Value),
            });
        }

        if (!headingSeen && lines.Any(l => l.Trim().Length > 0))
        {
            throw new OutputFormatException(file, 0, "a 'Directory of' heading; dir headings are read in English and German");
        }

        return listing;
    }

    private static DateTime? ParseTime(string date, string time)
    {
        var formats = new[] { "MM/dd/yyyy hh:mm tt", "MM/dd/yyyy h:mm tt", "dd.MM.yyyy HH:mm", "dd.MM.yyyy H:mm", "yyyy-MM-dd HH:mm" };
        var text = date + " " + time.ToUpperInvariant().Replace("AM", " AM").Replace("PM", " PM").Replace("  ", " ");
        return DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) ? value : null;
    }

    /// <summary>Reads the attribute letters <c>attrib "folder"</c> prints before the path: true when they hold <c>H</c>.</summary>
    /// <exception cref="OutputFormatException">The line does not end with the folder's path.</exception>
    public static bool ParseAttribHidden(string text, string folder, string file)
    {
        var lines = BundleText.Lines(text).Where(l => l.Trim().Length > 0).ToList();
        var line = lines.FirstOrDefault(l => l.TrimEnd().EndsWith(folder, StringComparison.OrdinalIgnoreCase));
        if (line is null) throw new OutputFormatException(file, 1, $"attribute letters, then '{folder}'", lines.FirstOrDefault());
        var letters = line.Substring(0, line.TrimEnd().Length - folder.Length);
        return letters.IndexOf('H') >= 0;
    }
}
