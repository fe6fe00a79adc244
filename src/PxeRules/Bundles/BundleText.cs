using System;
using System.Collections.Generic;
using System.Text;

namespace PxeRules.Bundles;

/// <summary>
/// Decodes the text files of a bundle: OEM code page output of console tools and the UTF-16LE output of WMIC,
/// <c>reg export</c>, <c>icacls /save</c> and <c>wevtutil /uni:true</c>. A file that is not text in the expected
/// encoding is an error naming it, never read as something else.
/// </summary>
internal static class BundleText
{
    // The upper halves of the OEM code pages of English (437) and western European, German included (850)
    // Windows, so that these decode on netstandard2.0 and without registering a code-page provider.
    private const string Cp437 = "\u00C7\u00FC\u00E9\u00E2\u00E4\u00E0\u00E5\u00E7\u00EA\u00EB\u00E8\u00EF\u00EE\u00EC\u00C4\u00C5\u00C9\u00E6\u00C6\u00F4\u00F6\u00F2\u00FB\u00F9\u00FF\u00D6\u00DC\u00A2\u00A3\u00A5\u20A7\u0192\u00E1\u00ED\u00F3\u00FA\u00F1\u00D1\u00AA\u00BA\u00BF\u2310\u00AC\u00BD\u00BC\u00A1\u00AB\u00BB\u2591\u2592\u2593\u2502\u2524\u2561\u2562\u2556\u2555\u2563\u2551\u2557\u255D\u255C\u255B\u2510\u2514\u2534\u252C\u251C\u2500\u253C\u255E\u255F\u255A\u2554\u2569\u2566\u2560\u2550\u256C\u2567\u2568\u2564\u2565\u2559\u2558\u2552\u2553\u256B\u256A\u2518\u250C\u2588\u2584\u258C\u2590\u2580\u03B1\u00DF\u0393\u03C0\u03A3\u03C3\u00B5\u03C4\u03A6\u0398\u03A9\u03B4\u221E\u03C6\u03B5\u2229\u2261\u00B1\u2265\u2264\u2320\u2321\u00F7\u2248\u00B0\u2219\u00B7\u221A\u207F\u00B2\u25A0\u00A0";
    private const string Cp850 = "\u00C7\u00FC\u00E9\u00E2\u00E4\u00E0\u00E5\u00E7\u00EA\u00EB\u00E8\u00EF\u00EE\u00EC\u00C4\u00C5\u00C9\u00E6\u00C6\u00F4\u00F6\u00F2\u00FB\u00F9\u00FF\u00D6\u00DC\u00F8\u00A3\u00D8\u00D7\u0192\u00E1\u00ED\u00F3\u00FA\u00F1\u00D1\u00AA\u00BA\u00BF\u00AE\u00AC\u00BD\u00BC\u00A1\u00AB\u00BB\u2591\u2592\u2593\u2502\u2524\u00C1\u00C2\u00C0\u00A9\u2563\u2551\u2557\u255D\u00A2\u00A5\u2510\u2514\u2534\u252C\u251C\u2500\u253C\u00E3\u00C3\u255A\u2554\u2569\u2566\u2560\u2550\u256C\u00A4\u00F0\u00D0\u00CA\u00CB\u00C8\u0131\u00CD\u00CE\u00CF\u2518\u250C\u2588\u2584\u00A6\u00CC\u2580\u00D3\u00DF\u00D4\u00D2\u00F5\u00D5\u00B5\u00FE\u00DE\u00DA\u00DB\u00D9\u00FD\u00DD\u00AF\u00B4\u00AD\u00B1\u2017\u00BE\u00B6\u00A7\u00F7\u00B8\u00B0\u00A8\u00B7\u00B9\u00B3\u00B2\u25A0\u00A0";

    /// <summary>The OEM code pages this reader decodes without a code-page provider.</summary>
    public static IReadOnlyList<int> OemCodePages { get; } = new[] { 437, 850 };

    /// <summary>
    /// Decodes <paramref name="bytes"/>: UTF-16LE when it starts with a byte-order mark or has the NUL bytes of
    /// UTF-16 ASCII text, otherwise the OEM code page <paramref name="oemCodePage"/> (437 and 850 are built in; another
    /// is used when the runtime has it, else only the ASCII range is accepted).
    /// </summary>
    /// <exception cref="System.IO.InvalidDataException">The bytes are not text: a NUL in 8-bit text, a lone surrogate, a control character.</exception>
    public static string Decode(byte[] bytes, string name, int oemCodePage)
    {
        string text;
        if (LooksUtf16(bytes))
        {
            var offset = bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE ? 2 : 0;
            if ((bytes.Length - offset) % 2 != 0) throw Bad(name, "it looks like UTF-16LE but has an odd number of bytes");
            try
            {
                text = new UnicodeEncoding(false, false, true).GetString(bytes, offset, bytes.Length - offset);
            }
            catch (DecoderFallbackException)
            {
                throw Bad(name, "it looks like UTF-16LE but is not valid UTF-16");
            }
        }
        else if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        {
            try
            {
                text = new UTF8Encoding(false, true).GetString(bytes, 3, bytes.Length - 3);
            }
            catch (DecoderFallbackException)
            {
                throw Bad(name, "it starts with a UTF-8 byte-order mark but is not valid UTF-8");
            }
        }
        else
        {
            text = DecodeOem(bytes, name, oemCodePage);
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < ' ' && c != '\r' && c != '\n' && c != '\t' && c != '\f')
            {
                throw Bad(name, $"line {LineOf(text, i)} holds the control character U+{(int)c:X4}; it is not text output");
            }
        }

        return text;
    }

    /// <summary>Splits text into lines at CR LF, CR CR LF (WMIC), LF or CR.</summary>
    public static List<string> Lines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\r' || c == '\n')
            {
                lines.Add(text.Substring(start, i - start));
                // CR LF, CR CR LF and LF end one line; a CR alone also ends one.
                if (c == '\r')
                {
                    var j = i + 1;
                    while (j < text.Length && text[j] == '\r') j++;
                    if (j < text.Length && text[j] == '\n') i = j;
                }

                i++;
                start = i;
                continue;
            }

            i++;
        }

        if (start < text.Length) lines.Add(text.Substring(start));
        return lines;
    }

    private static bool LooksUtf16(byte[] bytes)
    {
        if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE) return true;
        if (bytes.Length < 2) return false;
        // ASCII text in UTF-16LE has a NUL in every odd byte; 8-bit text has none.
        var sample = Math.Min(bytes.Length & ~1, 512);
        var oddNuls = 0;
        for (var i = 1; i < sample; i += 2)
        {
            if (bytes[i] == 0) oddNuls++;
        }

        return oddNuls * 4 >= sample / 2 * 3;
    }

    private static string DecodeOem(byte[] bytes, string name, int codePage)
    {
        var table = codePage switch { 437 => Cp437, 850 => Cp850, _ => null };
        Encoding? encoding = null;
        if (table is null)
        {
            try
            {
                encoding = Encoding.GetEncoding(codePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
            }
            catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
            {
                encoding = null;
            }
        }

        if (encoding is not null)
        {
            try
            {
                return encoding.GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                throw Bad(name, $"it is not valid text in code page {codePage}");
            }
        }

        var chars = new char[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            if (b == 0) throw Bad(name, $"byte {i} is NUL; it is not text output");
            if (b < 0x80) chars[i] = (char)b;
            else if (table is not null) chars[i] = table[b - 0x80];
            else throw Bad(name, $"it holds characters outside ASCII in code page {codePage}, which this reader does not decode (437 and 850 are built in)");
        }

        return new string(chars);
    }

    private static int LineOf(string text, int index)
    {
        var line = 1;
        for (var i = 0; i < index; i++)
        {
            if (text[i] == '\n') line++;
        }

        return line;
    }

    private static System.IO.InvalidDataException Bad(string name, string why) =>
        new($"'{DisplayText.Escape(name)}' cannot be read as text: {why}.");
}
