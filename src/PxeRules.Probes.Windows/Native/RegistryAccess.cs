using System;
using System.Collections.Generic;
using System.Runtime.Versioning;
using Microsoft.Win32;
using PxeRules.Probes.Windows.Access;

namespace PxeRules.Probes.Windows.Native;

/// <summary>The registry through <see cref="RegistryKey"/>: <c>OpenBaseKey</c> here, <c>OpenRemoteBaseKey</c> elsewhere.</summary>
[SupportedOSPlatform("windows")]
internal sealed class RegistryAccess : IRegistryAccess
{
    public IRegistryKeyReader? OpenKey(string? machine, RegistryRoot root, string path, RegistryBitness view)
    {
        var hive = root switch
        {
            RegistryRoot.LocalMachine => RegistryHive.LocalMachine,
            RegistryRoot.Users => RegistryHive.Users,
            RegistryRoot.CurrentUser => RegistryHive.CurrentUser,
            RegistryRoot.ClassesRoot => RegistryHive.ClassesRoot,
            _ => RegistryHive.CurrentConfig,
        };
        var registryView = view switch
        {
            RegistryBitness.Bits32 => RegistryView.Registry32,
            RegistryBitness.Bits64 => RegistryView.Registry64,
            _ => RegistryView.Default,
        };
        var baseKey = machine is null ? RegistryKey.OpenBaseKey(hive, registryView) : RegistryKey.OpenRemoteBaseKey(hive, machine, registryView);
        try
        {
            if (path.Length == 0)
            {
                return new Reader(baseKey, null);
            }

            var key = baseKey.OpenSubKey(path, writable: false);
            if (key is null)
            {
                baseKey.Dispose();
                return null;
            }

            return new Reader(key, baseKey);
        }
        catch
        {
            baseKey.Dispose();
            throw;
        }
    }

    private sealed class Reader : IRegistryKeyReader
    {
        private readonly RegistryKey key;
        private readonly RegistryKey? owner;

        public Reader(RegistryKey key, RegistryKey? owner)
        {
            this.key = key;
            this.owner = owner;
        }

        public IReadOnlyList<string> GetSubKeyNames() => key.GetSubKeyNames();

        public IReadOnlyList<string> GetValueNames() => key.GetValueNames();

        public RegistryData? GetValue(string name)
        {
            var value = key.GetValue(name, null, RegistryValueOptions.DoNotExpandEnvironmentNames);
            if (value is null)
            {
                return null;
            }

            var kind = key.GetValueKind(name) switch
            {
                RegistryValueKind.String => RegistryDataKind.String,
                RegistryValueKind.ExpandString => RegistryDataKind.ExpandString,
                RegistryValueKind.MultiString => RegistryDataKind.MultiString,
                RegistryValueKind.DWord => RegistryDataKind.DWord,
                RegistryValueKind.QWord => RegistryDataKind.QWord,
                RegistryValueKind.Binary => RegistryDataKind.Binary,
                _ => RegistryDataKind.Other,
            };
            return new RegistryData(kind, value);
        }

        public IRegistryKeyReader? OpenSubKey(string name)
        {
            var child = key.OpenSubKey(name, writable: false);
            return child is null ? null : new Reader(child, null);
        }

        public void Dispose()
        {
            key.Dispose();
            owner?.Dispose();
        }
    }
}
