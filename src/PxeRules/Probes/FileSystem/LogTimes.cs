using System;
using System.Collections.Generic;

namespace PxeRules.Probes.FileSystem;

/// <summary>The small, allocation-light readers of the parts of a log line: times, dates, threads and attributes.</summary>
internal static class LogTimes
{
    /// <summary>Reads <c>2348</c>, <c>2348 (0x92C)</c> or <c>0x92C</c>.</summary>
    internal static long? ReadThread(string text)
    {
        var cursor = new Cursor(text.Trim());
        long number;
        if (cursor.Take('0') && (cursor.Take('x') || cursor.Take('X')))
        {
            return cursor.TryReadHex(1, 8, out number) ? number : null;
        }

        cursor = new Cursor(text.Trim());
        return cursor.TryReadNumber(1, 10, out number) ? number : null;
    }

    /// <summary>
    /// Reads <c>&lt;name="value" ...&gt;</c> from <paramref name="at"/>, keeping the attributes a CCM entry uses;
    /// stops quietly where the text is cut off, and then <paramref name="closed"/> is false.
    /// </summary>
    internal static CcmAttributes ReadAttributes(string line, int at, out int next, out bool closed)
    {
        var attributes = default(CcmAttributes);
        next = line.Length;
        closed = false;
        var i = at;
        if (i >= line.Length || line[i] != '<')
        {
            next = at;
            closed = true;
            return attributes;
        }

        i++;
        while (i < line.Length)
        {
            while (i < line.Length && line[i] == ' ') i++;
            if (i >= line.Length) break;
            if (line[i] == '>')
            {
                next = i + 1;
                closed = true;
                break;
            }

            var nameStart = i;
            while (i < line.Length && (char.IsLetterOrDigit(line[i]) || line[i] == '_')) i++;
            if (i == nameStart || i + 1 >= line.Length || line[i] != '=' || line[i + 1] != '"') break;
            var nameLength = i - nameStart;
            var valueStart = i + 2;
            var valueEnd = line.IndexOf('"', valueStart);
            if (valueEnd < 0) break;
            attributes.Set(line, nameStart, nameLength, valueStart, valueEnd - valueStart);
            i = valueEnd + 1;
        }

        return attributes;
    }

    /// <summary>The attributes of a CCM entry's tag that the parser uses; others are skipped without a copy.</summary>
    internal struct CcmAttributes
    {
        public string? Time;
        public string? Date;
        public string? Component;
        public string? Type;
        public string? Thread;
        public string? File;

        public void Set(string line, int name, int nameLength, int value, int valueLength)
        {
            if (Is(line, name, nameLength, "time")) Time = line.Substring(value, valueLength);
            else if (Is(line, name, nameLength, "date")) Date = line.Substring(value, valueLength);
            else if (Is(line, name, nameLength, "component")) Component = line.Substring(value, valueLength);
            else if (Is(line, name, nameLength, "type")) Type = line.Substring(value, valueLength);
            else if (Is(line, name, nameLength, "thread")) Thread = line.Substring(value, valueLength);
            else if (Is(line, name, nameLength, "file")) File = line.Substring(value, valueLength);
        }

        private static bool Is(string line, int at, int length, string name) =>
            length == name.Length && string.CompareOrdinal(line, at, name, 0, length) == 0;
    }

    /// <summary>The English Windows time-zone names SMS 2.0 and SMS 2003 wrote in their trace dates, with their offsets.</summary>
    private static readonly Dictionary<string, TimeSpan> ZoneNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Hawaiian Standard Time"] = TimeSpan.FromHours(-10),
        ["Alaskan Standard Time"] = TimeSpan.FromHours(-9),
        ["Alaskan Daylight Time"] = TimeSpan.FromHours(-8),
        ["Pacific Standard Time"] = TimeSpan.FromHours(-8),
        ["Pacific Daylight Time"] = TimeSpan.FromHours(-7),
        ["Mountain Standard Time"] = TimeSpan.FromHours(-7),
        ["Mountain Daylight Time"] = TimeSpan.FromHours(-6),
        ["Central Standard Time"] = TimeSpan.FromHours(-6),
        ["Central Daylight Time"] = TimeSpan.FromHours(-5),
        ["Eastern Standard Time"] = TimeSpan.FromHours(-5),
        ["Eastern Daylight Time"] = TimeSpan.FromHours(-4),
        ["Atlantic Standard Time"] = TimeSpan.FromHours(-4),
        ["Atlantic Daylight Time"] = TimeSpan.FromHours(-3),
        ["Greenwich Standard Time"] = TimeSpan.Zero,
        ["GMT Standard Time"] = TimeSpan.Zero,
        ["GMT Daylight Time"] = TimeSpan.FromHours(1),
        ["W. Europe Standard Time"] = TimeSpan.FromHours(1),
        ["W. Europe Daylight Time"] = TimeSpan.FromHours(2),
        ["Romance Standard Time"] = TimeSpan.FromHours(1),
        ["Romance Daylight Time"] = TimeSpan.FromHours(2),
        ["Central Europe Standard Time"] = TimeSpan.FromHours(1),
        ["Central Europe Daylight Time"] = TimeSpan.FromHours(2),
        ["Central European Standard Time"] = TimeSpan.FromHours(1),
        ["Central European Daylight Time"] = TimeSpan.FromHours(2),
        ["E. Europe Standard Time"] = TimeSpan.FromHours(2),
        ["E. Europe Daylight Time"] = TimeSpan.FromHours(3),
        ["India Standard Time"] = TimeSpan.FromMinutes(330),
        ["China Standard Time"] = TimeSpan.FromHours(8),
        ["Tokyo Standard Time"] = TimeSpan.FromHours(9),
        ["AUS Eastern Standard Time"] = TimeSpan.FromHours(10),
        ["AUS Eastern Daylight Time"] = TimeSpan.FromHours(11),
    };

    private static readonly string[] MonthNames = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

    /// <summary>
    /// Reads the SMS 2.0 and SMS 2003 trace date <c>Fri Oct 15 17:09:46.507 1999 Pacific Daylight Time</c>: the zone's
    /// name says whether daylight saving was in force, so a name in <see cref="ZoneNames"/> gives the exact offset.
    /// Any other name is not guessed.
    /// </summary>
    internal static bool TryReadZoneNamedTime(string text, out DateTimeOffset time)
    {
        time = default;
        var parts = text.Split(new[] { ' ' }, 6, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 6 || parts[0].Length != 3) return false;
        var month = Array.FindIndex(MonthNames, m => string.Equals(m, parts[1], StringComparison.OrdinalIgnoreCase)) + 1;
        if (month == 0 || !ZoneNames.TryGetValue(parts[5].Trim(), out var offset)) return false;
        var cursor = new Cursor(parts[2]);
        if (!cursor.TryReadNumber(1, 2, out var day) || !cursor.AtEnd) return false;
        cursor = new Cursor(parts[4]);
        if (!cursor.TryReadNumber(4, 4, out var year) || !cursor.AtEnd) return false;
        if (year < 1601 || year > 9998 || day < 1 || day > DateTime.DaysInMonth((int)year, month)) return false;

        // The clock without a bias: read it with a zero bias, then give it the zone's offset.
        cursor = new Cursor(parts[3] + "+0");
        if (!TryReadClock(ref cursor, new DateTime((int)year, month, (int)day, 0, 0, 0, DateTimeKind.Unspecified), out var clock) || !cursor.AtEnd)
        {
            return false;
        }

        time = new DateTimeOffset(clock.DateTime, offset);
        return true;
    }

    /// <summary>Reads <c>MM-DD-YYYY</c> (one or two digits for month and day).</summary>
    internal static bool TryReadDate(ref Cursor cursor, out DateTime date)
    {
        date = default;
        if (!cursor.TryReadNumber(1, 2, out var month) || !cursor.Take('-')
            || !cursor.TryReadNumber(1, 2, out var day) || !cursor.Take('-')
            || !cursor.TryReadNumber(4, 4, out var year))
        {
            return false;
        }

        // Years outside FILETIME's range are damage, and would not survive the offset either.
        if (year < 1601 || year > 9998 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth((int)year, (int)month))
        {
            return false;
        }

        date = new DateTime((int)year, (int)month, (int)day, 0, 0, 0, DateTimeKind.Unspecified);
        return true;
    }

    /// <summary>Reads <c>HH:MM:SS[.fffffff]±bias</c> and combines it with <paramref name="date"/>.</summary>
    internal static bool TryReadClock(ref Cursor cursor, DateTime date, out DateTimeOffset time)
    {
        time = default;
        if (!cursor.TryReadNumber(1, 2, out var hours) || !cursor.Take(':')
            || !cursor.TryReadNumber(2, 2, out var minutes) || !cursor.Take(':')
            || !cursor.TryReadNumber(2, 2, out var seconds)
            || hours > 23 || minutes > 59 || seconds > 59)
        {
            return false;
        }

        long ticks = 0;
        if (cursor.Take('.'))
        {
            var fractionStart = cursor.Position;
            if (!cursor.TryReadNumber(1, 7, out var fraction))
            {
                return false;
            }

            var digits = cursor.Position - fractionStart;
            ticks = fraction;
            for (var i = digits; i < 7; i++) ticks *= 10;
        }

        // UTC = local + bias: the offset from UTC is the bias negated.
        int sign;
        if (cursor.Take('+')) sign = 1;
        else if (cursor.Take('-')) sign = -1;
        else return false;
        if (!cursor.TryReadNumber(1, 4, out var bias) || bias > 14 * 60)
        {
            return false;
        }

        var local = date.AddTicks((((hours * 60) + minutes) * 60 + seconds) * TimeSpan.TicksPerSecond + ticks);
        time = new DateTimeOffset(local, TimeSpan.FromMinutes(-sign * bias));
        return true;
    }

    /// <summary>A position in a string with small, allocation-free readers.</summary>
    internal struct Cursor
    {
        private readonly string text;

        public Cursor(string text, int position = 0)
        {
            this.text = text;
            Position = position;
        }

        public int Position { get; private set; }

        public bool AtEnd => Position >= text.Length;

        public bool Take(char c)
        {
            if (Position < text.Length && text[Position] == c)
            {
                Position++;
                return true;
            }

            return false;
        }

        public bool TryReadNumber(int minDigits, int maxDigits, out long value)
        {
            value = 0;
            var start = Position;
            while (Position < text.Length && Position - start < maxDigits && text[Position] >= '0' && text[Position] <= '9')
            {
                value = (value * 10) + (text[Position] - '0');
                Position++;
            }

            if (Position - start >= minDigits)
            {
                return true;
            }

            Position = start;
            return false;
        }

        public bool TryReadHex(int minDigits, int maxDigits, out long value)
        {
            value = 0;
            var start = Position;
            while (Position < text.Length && Position - start < maxDigits)
            {
                var c = text[Position];
                int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
                if (digit < 0) break;
                value = (value * 16) + digit;
                Position++;
            }

            if (Position - start >= minDigits)
            {
                return true;
            }

            Position = start;
            return false;
        }
    }
}
