using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using PxeRules.Probes.Windows.Access;

namespace PxeRules.Probes.Windows.Mapping;

/// <summary>An uninstall entry of the registry.</summary>
internal sealed record InstalledProduct(string KeyName, string Name, Version? Version, string? Publisher, DateTimeOffset? InstallDate);

/// <summary><c>installed.products</c> and <c>installed.update</c>.</summary>
internal static class SoftwareProbes
{
    private const string UninstallKey = @"SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall";
    private static readonly Regex ShortDate = new(@"^(?<first>\d{1,2})(?<separator>[/.\-])(?<second>\d{1,2})\k<separator>(?<year>\d{4})$", RegexOptions.CultureInvariant);

    public static ProbeResult Products(ProbeContext c)
    {
        var pattern = c.Required("name");
        Regex regex;
        try
        {
            regex = new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            throw new UnavailableException($"The pattern '{pattern}' is not a valid regex: {e.Message}");
        }

        var list = Scan(c).Where(p => regex.IsMatch(p.Name)).Select(p => (object?)new RecordBuilder()
            .Add("name", p.Name)
            .Add("version", p.Version)
            .Add("publisher", p.Publisher)
            .Add("installDate", p.InstallDate)
            .Build()).ToArray();
        return ProbeResult.Found(list);
    }

    public static ProbeResult Update(ProbeContext c)
    {
        var kb = c.Required("kb").Trim().ToUpperInvariant();
        if (!kb.StartsWith("KB", StringComparison.Ordinal))
        {
            kb = "KB" + kb;
        }

        var rows = c.Wmi(@"root\cimv2", $"SELECT HotFixID, InstalledOn FROM Win32_QuickFixEngineering WHERE HotFixID = {Wql.Quote(kb)}", "the installed updates (Win32_QuickFixEngineering)");
        if (rows.Count > 0)
        {
            return ProbeResult.Found(new RecordBuilder()
                .Add("kb", kb)
                .Add("installedOn", ParseInstalledOn(Wql.String(rows[0], "InstalledOn")))
                .Build());
        }

        // Updates that Windows Installer applied (ConfigMgr hotfixes, some WDS ones) show only as uninstall entries.
        var word = new Regex(@"\b" + Regex.Escape(kb) + @"\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        var product = Scan(c).FirstOrDefault(p => string.Equals(p.KeyName, kb, StringComparison.OrdinalIgnoreCase) || word.IsMatch(p.Name));
        if (product is not null)
        {
            return ProbeResult.Found(new RecordBuilder().Add("kb", kb).Add("installedOn", product.InstallDate).Build());
        }

        return ProbeResult.NotFound($"{kb} is not installed on {c.Target.Display}.");
    }

    /// <summary>The uninstall entries with a display name, of the 64-bit and the 32-bit view, sorted by name.</summary>
    public static IReadOnlyList<InstalledProduct> Scan(ProbeContext c)
    {
        var products = new List<InstalledProduct>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var view in new[] { RegistryBitness.Bits64, RegistryBitness.Bits32 })
        {
            using var uninstall = c.OpenKey(RegistryRoot.LocalMachine, UninstallKey, view);
            if (uninstall is null)
            {
                continue;
            }

            foreach (var keyName in uninstall.SubKeyNames())
            {
                c.CancellationToken.ThrowIfCancellationRequested();
                using var entry = uninstall.Open(keyName);
                var name = entry?.String("DisplayName");
                if (entry is null || string.IsNullOrWhiteSpace(name))
                {
                    continue;
                }

                var version = Version(entry);
                // On 32-bit Windows both views are the same key: keep each entry once.
                if (!seen.Add(keyName + "|" + name + "|" + version))
                {
                    continue;
                }

                products.Add(new InstalledProduct(keyName, name!.Trim(), version, entry.String("Publisher"), ParseInstallDate(entry.String("InstallDate"))));
            }
        }

        return products.OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Version?.ToString(), StringComparer.Ordinal).ToArray();
    }

    private static Version? Version(RegKey entry)
    {
        if (FactValues.TryParseVersion(entry.String("DisplayVersion")?.Trim(), out var version))
        {
            return version;
        }

        return entry.Number("VersionMajor") is { } major && entry.Number("VersionMinor") is { } minor
            ? new Version((int)major, (int)minor)
            : null;
    }

    /// <summary>An uninstall entry's InstallDate: <c>yyyyMMdd</c>.</summary>
    public static DateTimeOffset? ParseInstallDate(string? text) =>
        text is not null && DateTime.TryParseExact(text.Trim(), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? new DateTimeOffset(date, TimeSpan.Zero)
            : null;

    /// <summary>
    /// Win32_QuickFixEngineering.InstalledOn: <c>M/d/yyyy</c> on most systems, <c>yyyyMMdd</c> on some, a hexadecimal
    /// FILETIME on Windows Server 2003, and elsewhere the short date of the machine's locale (<c>d/M/yyyy</c>,
    /// <c>dd.MM.yyyy</c>, <c>yyyy-MM-dd</c>). A date with slashes or dashes is month first unless its first number
    /// cannot be a month; a dotted date is day first. Anything else is <see langword="null"/>.
    /// </summary>
    public static DateTimeOffset? ParseInstalledOn(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text!.Trim();
        if (DateTime.TryParseExact(text, new[] { "yyyyMMdd", "yyyy-MM-dd" }, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new DateTimeOffset(date, TimeSpan.Zero);
        }

        var parts = ShortDate.Match(text);
        if (parts.Success)
        {
            var first = int.Parse(parts.Groups["first"].Value, CultureInfo.InvariantCulture);
            var second = int.Parse(parts.Groups["second"].Value, CultureInfo.InvariantCulture);
            var year = int.Parse(parts.Groups["year"].Value, CultureInfo.InvariantCulture);
            var dayFirst = parts.Groups["separator"].Value == "." || first > 12;
            var (month, day) = dayFirst ? (second, first) : (first, second);
            return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
                ? new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero)
                : null;
        }

        if (text.Length == 16 && long.TryParse(text, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var fileTime) && fileTime > 0)
        {
            return DateTimeOffset.FromFileTime(fileTime).ToUniversalTime();
        }

        return null;
    }
}
