using System;
using System.Collections.Generic;

namespace PxeRules.Probes.Windows.Access;

/// <summary>A registry hive a probe may name.</summary>
internal enum RegistryRoot
{
    LocalMachine,
    Users,
    CurrentUser,
    ClassesRoot,
    CurrentConfig,
}

/// <summary>Which registry view to open: the process default, the 32-bit view (Wow6432Node on x64) or the 64-bit one.</summary>
internal enum RegistryBitness
{
    Default,
    Bits32,
    Bits64,
}

/// <summary>The type of a registry value.</summary>
internal enum RegistryDataKind
{
    String,
    ExpandString,
    MultiString,
    DWord,
    QWord,
    Binary,
    Other,
}

/// <summary>
/// A registry value as stored: REG_SZ and REG_EXPAND_SZ as <see cref="string"/> (not expanded), REG_MULTI_SZ as
/// <c>string[]</c>, REG_DWORD as <see cref="int"/>, REG_QWORD as <see cref="long"/>, REG_BINARY as <c>byte[]</c>.
/// </summary>
internal sealed class RegistryData
{
    public RegistryData(RegistryDataKind kind, object data)
    {
        Kind = kind;
        Data = data ?? throw new ArgumentNullException(nameof(data));
    }

    public RegistryDataKind Kind { get; }

    public object Data { get; }
}

/// <summary>
/// Opens registry keys of this machine or a remote one. Returns <see langword="null"/> only when the key does not
/// exist; throws (SecurityException, UnauthorizedAccessException, IOException) when the registry cannot be reached
/// or read.
/// </summary>
internal interface IRegistryAccess
{
    /// <param name="machine">The remote computer, or <see langword="null"/> for this one.</param>
    /// <param name="root">The hive.</param>
    /// <param name="path">The key below the hive, without leading or trailing backslashes; empty for the hive itself.</param>
    /// <param name="view">The registry view.</param>
    IRegistryKeyReader? OpenKey(string? machine, RegistryRoot root, string path, RegistryBitness view);
}

/// <summary>An open registry key. Methods throw when the key cannot be read.</summary>
internal interface IRegistryKeyReader : IDisposable
{
    IReadOnlyList<string> GetSubKeyNames();

    IReadOnlyList<string> GetValueNames();

    /// <summary>The value, or <see langword="null"/> when it does not exist. An empty name is the default value.</summary>
    RegistryData? GetValue(string name);

    /// <summary>A subkey, or <see langword="null"/> when it does not exist.</summary>
    IRegistryKeyReader? OpenSubKey(string name);
}
