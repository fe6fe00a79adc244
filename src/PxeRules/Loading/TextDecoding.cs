using System;
using System.Text;
using PxeRules.Model;

namespace PxeRules.Loading;

/// <summary>Decodes file bytes strictly: UTF-8 (with or without a byte-order mark) or UTF-16 with a byte-order mark.</summary>
internal static class TextDecoding
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly Encoding StrictUtf16Le = new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true);
    private static readonly Encoding StrictUtf16Be = new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true);

    public static string? Decode(byte[] bytes, int length, string source, DiagnosticBag diagnostics)
    {
        var encoding = StrictUtf8;
        var offset = 0;
        if (length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        {
            offset = 3;
        }
        else if (length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
        {
            encoding = StrictUtf16Le;
            offset = 2;
        }
        else if (length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
        {
            encoding = StrictUtf16Be;
            offset = 2;
        }

        try
        {
            var text = encoding.GetString(bytes, offset, length - offset);
            var control = IndexOfControl(text);
            if (control >= 0)
            {
                var (line, column) = LineColumn(text, control);
                diagnostics.Error(
                    DiagnosticCodes.InvalidEncoding,
                    text[control] == '\0'
                        ? "The file contains a NUL character; expected UTF-8 or UTF-16 text."
                        : $"The file contains the control character U+{(int)text[control]:X4}, which YAML and JSON allow only escaped in a double-quoted string.",
                    new SourceLocation(source, line, column));
                return null;
            }

            return text;
        }
        catch (DecoderFallbackException ex)
        {
            var badIndex = Math.Max(0, ex.Index) + offset;
            var line = 1;
            var column = 1;
            if (encoding == StrictUtf8)
            {
                for (var i = offset; i < badIndex && i < length; i++)
                {
                    if (bytes[i] == (byte)'\n')
                    {
                        line++;
                        column = 1;
                    }
                    else if ((bytes[i] & 0xC0) != 0x80)
                    {
                        column++;
                    }
                }
            }

            diagnostics.Error(
                DiagnosticCodes.InvalidEncoding,
                $"The file is not valid {(encoding == StrictUtf8 ? "UTF-8" : "UTF-16")} text (byte {badIndex}); save it as UTF-8.",
                new SourceLocation(source, line, column));
            return null;
        }
    }

    /// <summary>
    /// The first character YAML 1.2 does not allow in a stream (C0 and C1 controls other than tab, line feed, carriage
    /// return and next line, and DEL), or -1. YamlDotNet reads them, and a terminal would act on them when a title or a
    /// value is printed.
    /// </summary>
    private static int IndexOfControl(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F && c != '\u0085'))
            {
                return i;
            }
        }

        return -1;
    }

    public static (int Line, int Column) LineColumn(string text, int index)
    {
        var line = 1;
        var column = 1;
        for (var i = 0; i < index && i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        return (line, column);
    }
}
