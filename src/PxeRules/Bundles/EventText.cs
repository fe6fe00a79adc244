using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Xml;

namespace PxeRules.Bundles;

/// <summary>One event as the <c>eventlog.entries</c> fact gives it.</summary>
internal sealed class EventData
{
    public DateTimeOffset? Time { get; init; }

    public long Id { get; init; }

    public string Source { get; init; } = string.Empty;

    public string Level { get; init; } = string.Empty;

    public string Message { get; init; } = string.Empty;

    /// <summary>The log (channel) the event is in, when the export says.</summary>
    public string? Log { get; init; }

    public IDictionary<string, object?> ToRecord()
    {
        var record = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (Time is { } time) record["time"] = time;
        record["id"] = (double)Id;
        record["source"] = Source;
        record["level"] = Level;
        record["message"] = Message;
        return record;
    }
}

/// <summary>
/// Reads event exports: <c>wevtutil qe ... /f:RenderedXml</c> or <c>/f:xml</c> (a sequence of <c>&lt;Event&gt;</c>
/// elements without a root, in the event schema's namespace; the <c>&lt;System&gt;</c> part is the same in every
/// language) and <c>eventquery.vbs /fo csv /v</c> (a quoted CSV with a localised header row; English headings are read).
/// </summary>
internal static class EventText
{
    private const string EventNamespace = "http://schemas.microsoft.com/win/2004/08/events/event";

    /// <summary>Parses wevtutil XML output.</summary>
    /// <exception cref="OutputFormatException">The text is not a sequence of well-formed Event elements.</exception>
    public static List<EventData> ParseWevtutil(string text, string file)
    {
        var events = new List<EventData>();
        var settings = new XmlReaderSettings
        {
            ConformanceLevel = ConformanceLevel.Fragment,
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = 256L << 20,
            IgnoreComments = true,
            IgnoreWhitespace = true,
        };
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), settings);
            reader.MoveToContent();
            while (!reader.EOF)
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    reader.Read();
                    continue;
                }

                if (reader.LocalName != "Event") throw new OutputFormatException(file, ((IXmlLineInfo)reader).LineNumber, "an <Event> element", "<" + reader.LocalName + ">");
                using var sub = reader.ReadSubtree();
                var doc = new XmlDocument { XmlResolver = null };
                doc.Load(sub);
                reader.Read();
                events.Add(FromXml(doc.DocumentElement!, file));
            }
        }
        catch (XmlException ex)
        {
            throw new OutputFormatException(file, ex.LineNumber, "well-formed <Event> elements", ex.Message);
        }

        return events;
    }

    private static EventData FromXml(XmlElement element, string file)
    {
        var ns = new XmlNamespaceManager(element.OwnerDocument.NameTable);
        ns.AddNamespace("e", EventNamespace);
        string? Pick(string xpath) => element.SelectSingleNode(xpath, ns)?.InnerText ?? element.SelectSingleNode(xpath.Replace("e:", string.Empty), ns)?.InnerText;
        string? Attr(string xpath, string name) =>
            (element.SelectSingleNode(xpath, ns) ?? element.SelectSingleNode(xpath.Replace("e:", string.Empty), ns))?.Attributes?[name]?.Value;

        var idText = Pick("e:System/e:EventID");
        if (!long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            throw new OutputFormatException(file, 0, "an <EventID> number in each event's <System>", idText);
        }

        var timeText = Attr("e:System/e:TimeCreated", "SystemTime");
        DateTimeOffset? time = DateTimeOffset.TryParse(timeText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : null;
        var level = Pick("e:System/e:Level") switch
        {
            "1" => "Critical",
            "2" => "Error",
            "3" => "Warning",
            "0" or "4" => "Information",
            "5" => "Verbose",
            var other => other ?? string.Empty,
        };
        var message = Pick("e:RenderingInfo/e:Message")
            ?? string.Join(" ", element.SelectNodes("e:EventData/e:Data", ns)!.Cast<XmlNode>().Select(n => n.InnerText));
        return new EventData
        {
            Id = id & 0xFFFF,
            Time = time,
            Source = Attr("e:System/e:Provider", "Name") ?? Attr("e:System/e:Provider", "EventSourceName") ?? string.Empty,
            Level = level,
            Message = message,
            Log = Pick("e:System/e:Channel"),
        };
    }

    /// <summary>
    /// Parses <c>eventquery.vbs /fo csv /v</c> output. Times have no zone: they are the server's local time, read with
    /// <paramref name="offset"/> (from the manifest) in the <c>M/d/yyyy h:mm:ss tt</c> form; another form leaves the
    /// event without a time. A file without a header row (a query that matched nothing) gives no events.
    /// </summary>
    /// <exception cref="OutputFormatException">The header is not in English, or a row has fewer fields than it.</exception>
    public static List<EventData> ParseEventQueryCsv(string text, string file, TimeSpan offset)
    {
        var events = new List<EventData>();
        var lines = BundleText.Lines(text).Where(l => l.Trim().Length > 0).ToList();
        var headerAt = lines.FindIndex(l => l.StartsWith("\"", StringComparison.Ordinal));
        if (headerAt < 0) return events;
        var header = SplitCsv(lines[headerAt]);
        int Column(params string[] names) => header.FindIndex(h => names.Contains(h, StringComparer.OrdinalIgnoreCase));
        var type = Column("Type");
        var id = Column("Event", "Event ID");
        var date = Column("Date Time");
        var source = Column("Source");
        var description = Column("Description");
        if (type < 0 || id < 0 || source < 0)
        {
            throw new OutputFormatException(file, headerAt + 1, "the English column headings Type, Event, Date Time, Source (eventquery.vbs headings are read in English only)", lines[headerAt]);
        }

        for (var i = headerAt + 1; i < lines.Count; i++)
        {
            var fields = SplitCsv(lines[i]);
            if (fields.Count < header.Count) throw new OutputFormatException(file, i + 1, $"{header.Count} quoted fields as in the header", lines[i]);
            if (!long.TryParse(fields[id], NumberStyles.None, CultureInfo.InvariantCulture, out var number)) throw new OutputFormatException(file, i + 1, "an event number", fields[id]);
            DateTimeOffset? time = null;
            if (date >= 0 && DateTime.TryParseExact(fields[date], new[] { "M/d/yyyy h:mm:ss tt", "M/d/yyyy H:mm:ss" }, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                time = new DateTimeOffset(local, offset);
            }

            events.Add(new EventData
            {
                Id = number,
                Time = time,
                Source = fields[source],
                Level = fields[type] switch
                {
                    "error" or "Error" => "Error",
                    "warning" or "Warning" => "Warning",
                    "information" or "Information" => "Information",
                    var other => other,
                },
                Message = description >= 0 ? fields[description] : string.Empty,
            });
        }

        return events;
    }

    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else current.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(current.ToString()); current.Clear(); }
            else current.Append(c);
        }

        fields.Add(current.ToString());
        return fields;
    }
}
