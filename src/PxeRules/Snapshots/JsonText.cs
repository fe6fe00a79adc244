using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using PxeRules.Probes;

namespace PxeRules.Snapshots;

/// <summary>A small JSON writer for the engine's value types, so the core needs no JSON package on netstandard2.0.</summary>
internal sealed class JsonText
{
    private readonly TextWriter writer;
    private int indent;

    public JsonText(TextWriter writer) => this.writer = writer;

    public void Begin(char bracket)
    {
        writer.Write(bracket);
        indent++;
    }

    public void End(char bracket, bool empty)
    {
        indent--;
        if (!empty) NewLine();
        writer.Write(bracket);
    }

    public void NewLine()
    {
        writer.Write('\n');
        writer.Write(new string(' ', indent * 2));
    }

    public void Property(string name, bool first)
    {
        if (!first) writer.Write(',');
        NewLine();
        String(name);
        writer.Write(": ");
    }

    public void String(string value)
    {
        writer.Write('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsSurrogate(c))
            {
                // A pair is one character; a lone half (possible in Windows strings) cannot be read back, so it
                // becomes U+FFFD and the snapshot stays readable.
                if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    writer.Write(c);
                    writer.Write(value[++i]);
                }
                else
                {
                    writer.Write("\\ufffd");
                }

                continue;
            }

            switch (c)
            {
                case '"': writer.Write("\\\""); break;
                case '\\': writer.Write("\\\\"); break;
                case '\n': writer.Write("\\n"); break;
                case '\r': writer.Write("\\r"); break;
                case '\t': writer.Write("\\t"); break;
                default:
                    if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029' || c == '\uFEFF' || c == '\uFFFE' || c == '\uFFFF')
                    {
                        writer.Write("\\u");
                        writer.Write(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        writer.Write(c);
                    }

                    break;
            }
        }

        writer.Write('"');
    }

    /// <summary>Writes a value: scalars in their text forms, lists as arrays, records as objects.</summary>
    public void Value(object? value)
    {
        switch (value)
        {
            case null:
                writer.Write("null");
                break;
            case string s:
                String(s);
                break;
            case bool b:
                writer.Write(b ? "true" : "false");
                break;
            case IReadOnlyDictionary<string, object?> record:
                Begin('{');
                var first = true;
                foreach (var pair in record)
                {
                    Property(pair.Key, first);
                    first = false;
                    Value(pair.Value);
                }

                End('}', record.Count == 0);
                break;
            case System.Collections.IEnumerable items:
                Begin('[');
                var any = false;
                foreach (var item in items)
                {
                    if (any) writer.Write(',');
                    NewLine();
                    Value(item);
                    any = true;
                }

                End(']', !any);
                break;
            default:
                if (FactValues.TryNumber(value, out var number) && !double.IsNaN(number) && !double.IsInfinity(number))
                {
                    writer.Write(number.ToString("R", CultureInfo.InvariantCulture));
                }
                else
                {
                    String(FactValues.ToInvariantString(value));
                }

                break;
        }
    }

    public void Raw(string text) => writer.Write(text);
}
