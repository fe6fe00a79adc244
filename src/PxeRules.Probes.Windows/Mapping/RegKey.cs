using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using PxeRules.Probes.Windows.Access;

namespace PxeRules.Probes.Windows.Mapping;

/// <summary>
/// An open registry key of the probed machine with typed readers. Every read is guarded: a failure becomes an
/// unavailable reason naming the key.
/// </summary>
internal sealed class RegKey : IDisposable
{
    private readonly ProbeContext context;
    private readonly IRegistryKeyReader reader;

    public RegKey(ProbeContext context, IRegistryKeyReader reader, string name)
    {
        this.context = context;
        this.reader = reader;
        Name = name;
    }

    /// <summary>The key's full name, e.g. <c>HKLM\SOFTWARE\Microsoft\SMS\PXE</c>.</summary>
    public string Name { get; }

    public IReadOnlyList<string> SubKeyNames() => context.Guard(Channel.Registry, $"the registry key {Name}", reader.GetSubKeyNames);

    public IReadOnlyList<string> ValueNames() => context.Guard(Channel.Registry, $"the registry key {Name}", reader.GetValueNames);

    public RegistryData? Value(string name) =>
        context.Guard(Channel.Registry, $"the registry value {Name}\\{(name.Length == 0 ? "(default)" : name)}", () => reader.GetValue(name));

    public RegKey? Open(string subKey)
    {
        var child = context.Guard(Channel.Registry, $"the registry key {Name}\\{subKey}", () => reader.OpenSubKey(subKey));
        return child is null ? null : new RegKey(context, child, Name + "\\" + subKey);
    }

    /// <summary>A REG_SZ or REG_EXPAND_SZ as stored (variables not expanded); a number as its decimal text.</summary>
    public string? String(string name) => Value(name) switch
    {
        null => null,
        { Data: string s } => s,
        { Data: string[] list } => string.Join(" ", list),
        { Kind: RegistryDataKind.DWord or RegistryDataKind.QWord } data => ToNumber(data)?.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>A REG_DWORD or REG_QWORD (unsigned), or a string holding a decimal or 0x number.</summary>
    public double? Number(string name) => Value(name) is { } data ? ToNumber(data) : null;

    /// <summary>A REG_MULTI_SZ as a list; a REG_SZ as a one-item list.</summary>
    public object?[]? Strings(string name) => Value(name) switch
    {
        null => null,
        { Data: string[] list } => list.Where(s => s.Length > 0).Cast<object?>().ToArray(),
        { Data: string s } => s.Length == 0 ? Array.Empty<object?>() : new object?[] { s },
        _ => null,
    };

    /// <summary>A flag: a non-zero number, or the text <c>TRUE</c>/<c>FALSE</c>/<c>1</c>/<c>0</c>.</summary>
    public bool? Boolean(string name) => Value(name) switch
    {
        null => null,
        { Data: string s } => ParseBoolean(s),
        { } data => ToNumber(data) is { } n ? n != 0 : null,
    };

    public void Dispose() => reader.Dispose();

    public static double? ToNumber(RegistryData data) => data.Data switch
    {
        int i => unchecked((uint)i),
        long l => unchecked((ulong)l),
        string s => ParseNumber(s),
        _ => null,
    };

    /// <summary>A value the way <c>registry.value</c> returns it; REG_EXPAND_SZ is expanded by the caller.</summary>
    public static object ToFact(RegistryData data) => data.Data switch
    {
        string s => s,
        string[] list => list.Cast<object?>().ToArray(),
        int or long => ToNumber(data)!.Value,
        byte[] bytes => Hex(bytes),
        var other => other.ToString() ?? string.Empty,
    };

    public static string Hex(byte[] bytes)
    {
        var builder = new StringBuilder(bytes.Length * 2);
        foreach (var b in bytes)
        {
            builder.Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    private static double? ParseNumber(string text)
    {
        text = text.Trim();
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && ulong.TryParse(text.Substring(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex))
        {
            return hex;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
    }

    private static bool? ParseBoolean(string text) => text.Trim().ToUpperInvariant() switch
    {
        "TRUE" or "YES" or "1" => true,
        "FALSE" or "NO" or "0" => false,
        _ => null,
    };
}
