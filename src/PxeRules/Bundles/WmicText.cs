using System;
using System.Collections.Generic;
using System.Linq;

namespace PxeRules.Bundles;

/// <summary>
/// Reads WMIC output: <c>/format:csv</c> (a <c>Node,...</c> header with the properties in alphabetical order, rows
/// after it, empty lines anywhere, values unquoted so that a value holding a comma adds a column) and <c>/value</c>
/// (<c>Name=value</c> lines, instances separated by blank lines).
/// </summary>
internal static class WmicText
{
    /// <summary>
    /// Parses CSV output. A row with more fields than the header has a comma inside one value: it is given to the one
    /// column of <paramref name="freeText"/> the header has (fields left of it are read from the left, the rest from
    /// the right); with no such column, or several, the row is an error.
    /// </summary>
    /// <exception cref="OutputFormatException">No header, a row with fewer fields, or a comma that cannot be placed.</exception>
    public static List<Dictionary<string, string>> ParseCsv(string text, string file, params string[] freeText)
    {
        var rows = new List<Dictionary<string, string>>();
        string[]? header = null;
        var lines = BundleText.Lines(text);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Trim().Length == 0) continue;
            var fields = line.Split(',');
            if (header is null)
            {
                if (!fields[0].Equals("Node", StringComparison.OrdinalIgnoreCase))
                {
                    throw new OutputFormatException(file, i + 1, "a header row starting with 'Node,'", line);
                }

                header = fields.Select(f => f.Trim()).ToArray();
                continue;
            }

            if (fields.Length < header.Length) throw new OutputFormatException(file, i + 1, $"{header.Length} comma-separated fields as in the header", line);
            var row = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (fields.Length == header.Length)
            {
                for (var c = 0; c < header.Length; c++) row[header[c]] = fields[c];
            }
            else
            {
                var free = header.Select((name, index) => (name, index)).Where(h => freeText.Contains(h.name, StringComparer.OrdinalIgnoreCase)).ToArray();
                if (free.Length != 1)
                {
                    throw new OutputFormatException(file, i + 1, $"{header.Length} fields; a value holds a comma and no single free-text column can take it (use the /value file)", line);
                }

                var at = free[0].index;
                var extra = fields.Length - header.Length;
                for (var c = 0; c < at; c++) row[header[c]] = fields[c];
                row[header[at]] = string.Join(",", fields, at, extra + 1);
                for (var c = at + 1; c < header.Length; c++) row[header[c]] = fields[c + extra];
            }

            rows.Add(row);
        }

        if (header is null) throw new OutputFormatException(file, 0, "a header row starting with 'Node,' (the file is empty)");
        return rows;
    }

    /// <summary>Parses <c>/value</c> output into one dictionary per instance.</summary>
    /// <exception cref="OutputFormatException">A non-blank line without '='.</exception>
    public static List<Dictionary<string, string>> ParseValue(string text, string file)
    {
        var instances = new List<Dictionary<string, string>>();
        Dictionary<string, string>? current = null;
        var lines = BundleText.Lines(text);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Trim().Length == 0)
            {
                current = null;
                continue;
            }

            var eq = line.IndexOf('=');
            if (eq <= 0) throw new OutputFormatException(file, i + 1, "'Property=value'", line);
            var name = line.Substring(0, eq).Trim();
            if (current is null || current.ContainsKey(name))
            {
                current = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                instances.Add(current);
            }

            current[name] = line.Substring(eq + 1);
        }

        return instances;
    }
}
