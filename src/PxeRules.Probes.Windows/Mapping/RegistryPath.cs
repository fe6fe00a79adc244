using System;
using System.Collections.Generic;
using PxeRules.Probes.Windows.Access;

namespace PxeRules.Probes.Windows.Mapping;

/// <summary>Parses registry key names as rules write them (<c>HKLM\...</c>, <c>HKEY_LOCAL_MACHINE\...</c>) and views.</summary>
internal static class RegistryPath
{
    private static readonly Dictionary<string, RegistryRoot> Hives = new(StringComparer.OrdinalIgnoreCase)
    {
        ["HKLM"] = RegistryRoot.LocalMachine,
        ["HKEY_LOCAL_MACHINE"] = RegistryRoot.LocalMachine,
        ["HKU"] = RegistryRoot.Users,
        ["HKEY_USERS"] = RegistryRoot.Users,
        ["HKCU"] = RegistryRoot.CurrentUser,
        ["HKEY_CURRENT_USER"] = RegistryRoot.CurrentUser,
        ["HKCR"] = RegistryRoot.ClassesRoot,
        ["HKEY_CLASSES_ROOT"] = RegistryRoot.ClassesRoot,
        ["HKCC"] = RegistryRoot.CurrentConfig,
        ["HKEY_CURRENT_CONFIG"] = RegistryRoot.CurrentConfig,
    };

    /// <summary>Splits <c>HKLM\SOFTWARE\X</c> into the hive and <c>SOFTWARE\X</c>.</summary>
    public static bool TryParse(string key, out RegistryRoot root, out string path)
    {
        var parts = key.Trim().Split(new[] { '\\' }, StringSplitOptions.RemoveEmptyEntries);
        path = string.Empty;
        root = RegistryRoot.LocalMachine;
        if (parts.Length == 0 || !Hives.TryGetValue(parts[0].TrimEnd(':'), out root))
        {
            return false;
        }

        path = string.Join("\\", parts, 1, parts.Length - 1);
        return true;
    }

    /// <summary>Parses the <c>view</c> argument: <c>32</c>, <c>64</c>, <c>default</c> or absent.</summary>
    public static bool TryParseView(string? text, out RegistryBitness view)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "" or "default":
                view = RegistryBitness.Default;
                return true;
            case "32":
                view = RegistryBitness.Bits32;
                return true;
            case "64":
                view = RegistryBitness.Bits64;
                return true;
            default:
                view = RegistryBitness.Default;
                return false;
        }
    }

    public static string Format(RegistryRoot root, string path)
    {
        var hive = root switch
        {
            RegistryRoot.LocalMachine => "HKLM",
            RegistryRoot.Users => "HKU",
            RegistryRoot.CurrentUser => "HKCU",
            RegistryRoot.ClassesRoot => "HKCR",
            _ => "HKCC",
        };
        return path.Length == 0 ? hive : hive + "\\" + path;
    }
}
