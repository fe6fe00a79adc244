using System;
using System.Collections.Generic;
using System.Linq;
using System.Security;
using PxeRules.Probes.Windows.Access;
using PxeRules.Probes.Windows.Mapping;

namespace PxeRules.Probes.Windows.Tests.Fakes;

/// <summary>
/// An in-memory registry with two physical views, as 64-bit Windows has: the native one and the 32-bit one
/// (Wow6432Node). On a 32-bit OS both views are the native one.
/// </summary>
internal sealed class FakeRegistry : IRegistryAccess
{
    private readonly Dictionary<string, FakeKey> keys = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> denied = new(StringComparer.OrdinalIgnoreCase);

    public bool Is64BitOs { get; set; } = true;

    /// <summary>Machine name to the exception every open on it throws.</summary>
    public Dictionary<string, Exception> Unreachable { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The machines asked, <c>(local)</c> for this computer.</summary>
    public List<string> Machines { get; } = new();

    public FakeRegistry Set(string key, string name, object value, int view = 64)
    {
        var data = value switch
        {
            RegistryData d => d,
            string s => new RegistryData(RegistryDataKind.String, s),
            string[] list => new RegistryData(RegistryDataKind.MultiString, list),
            int i => new RegistryData(RegistryDataKind.DWord, i),
            uint u => new RegistryData(RegistryDataKind.DWord, unchecked((int)u)),
            long l => new RegistryData(RegistryDataKind.QWord, l),
            byte[] bytes => new RegistryData(RegistryDataKind.Binary, bytes),
            _ => throw new ArgumentException("Unsupported value type.", nameof(value)),
        };
        Key(key, view).Values[name] = data;
        return this;
    }

    public FakeRegistry SetExpand(string key, string name, string value, int view = 64) =>
        Set(key, name, new RegistryData(RegistryDataKind.ExpandString, value), view);

    public FakeRegistry AddKey(string key, int view = 64)
    {
        Key(key, view);
        return this;
    }

    public FakeRegistry Deny(string key, int view = 64)
    {
        denied.Add(Physical(view) + "|" + Normalize(key));
        return this;
    }

    public IRegistryKeyReader? OpenKey(string? machine, RegistryRoot root, string path, RegistryBitness view)
    {
        Machines.Add(machine ?? "(local)");
        if (machine is not null && Unreachable.TryGetValue(machine, out var failure))
        {
            throw failure;
        }

        var physical = view == RegistryBitness.Bits32 && Is64BitOs ? "32" : "64";
        return Open(physical, RegistryPath.Format(root, path));
    }

    private IRegistryKeyReader? Open(string physical, string name)
    {
        var id = physical + "|" + Normalize(name);
        if (denied.Contains(id))
        {
            throw new SecurityException("Requested registry access is not allowed.");
        }

        return keys.TryGetValue(id, out var key) ? new Reader(this, physical, name, key) : null;
    }

    private FakeKey Key(string key, int view)
    {
        var physical = Physical(view);
        var name = Normalize(key);
        if (keys.TryGetValue(physical + "|" + name, out var existing))
        {
            return existing;
        }

        var created = new FakeKey();
        keys[physical + "|" + name] = created;
        var split = name.LastIndexOf('\\');
        if (split > 0)
        {
            var parent = Key(name.Substring(0, split), view);
            var child = name.Substring(split + 1);
            if (!parent.SubKeys.Contains(child, StringComparer.OrdinalIgnoreCase))
            {
                parent.SubKeys.Add(child);
            }
        }

        return created;
    }

    private string Physical(int view) => view == 32 && Is64BitOs ? "32" : "64";

    private static string Normalize(string key)
    {
        if (!RegistryPath.TryParse(key, out var root, out var path))
        {
            throw new ArgumentException($"'{key}' is not a registry key with a hive.", nameof(key));
        }

        return RegistryPath.Format(root, path);
    }

    private sealed class FakeKey
    {
        public Dictionary<string, RegistryData> Values { get; } = new(StringComparer.OrdinalIgnoreCase);

        public List<string> SubKeys { get; } = new();
    }

    private sealed class Reader : IRegistryKeyReader
    {
        private readonly FakeRegistry registry;
        private readonly string physical;
        private readonly string name;
        private readonly FakeKey key;

        public Reader(FakeRegistry registry, string physical, string name, FakeKey key)
        {
            this.registry = registry;
            this.physical = physical;
            this.name = name;
            this.key = key;
        }

        public IReadOnlyList<string> GetSubKeyNames() => key.SubKeys.ToArray();

        public IReadOnlyList<string> GetValueNames() => key.Values.Keys.ToArray();

        public RegistryData? GetValue(string valueName) => key.Values.TryGetValue(valueName, out var data) ? data : null;

        public IRegistryKeyReader? OpenSubKey(string subKey) => registry.Open(physical, name + "\\" + subKey);

        public void Dispose()
        {
        }
    }
}
