using System.Linq;
using PxeRules.Probes.Windows.Access;

namespace PxeRules.Probes.Windows.Mapping;

/// <summary><c>registry.value</c> and <c>registry.key</c>.</summary>
internal static class RegistryProbes
{
    public static ProbeResult Value(ProbeContext c)
    {
        var (root, path, view, keyName) = Arguments(c);
        var name = c.Call.GetString("name") ?? string.Empty;
        using var key = c.OpenKey(root, path, view);
        if (key is null)
        {
            return ProbeResult.NotFound($"The key {keyName} does not exist on {c.Target.Display}{ViewNote(view)}.");
        }

        var data = key.Value(name);
        if (data is null)
        {
            return ProbeResult.NotFound($"The key {keyName} has no value '{(name.Length == 0 ? "(default)" : name)}' on {c.Target.Display}{ViewNote(view)}.");
        }

        // What a Windows program reading the value sees: REG_EXPAND_SZ expanded with the probed machine's variables.
        if (data.Kind == RegistryDataKind.ExpandString && data.Data is string text)
        {
            return ProbeResult.Found(TryExpand(c, text));
        }

        return ProbeResult.Found(RegKey.ToFact(data));
    }

    public static ProbeResult Key(ProbeContext c)
    {
        var (root, path, view, keyName) = Arguments(c);
        using var key = c.OpenKey(root, path, view);
        if (key is null)
        {
            return ProbeResult.NotFound($"The key {keyName} does not exist on {c.Target.Display}{ViewNote(view)}.");
        }

        return ProbeResult.Found(new RecordBuilder()
            .Add("subkeys", key.SubKeyNames().Cast<object?>().ToArray())
            .Add("values", key.ValueNames().Cast<object?>().ToArray())
            .Build());
    }

    private static (RegistryRoot Root, string Path, RegistryBitness View, string Name) Arguments(ProbeContext c)
    {
        var key = c.Required("key");
        if (!RegistryPath.TryParse(key, out var root, out var path))
        {
            throw new UnavailableException($"The key '{key}' does not start with a hive such as HKLM or HKEY_LOCAL_MACHINE.");
        }

        var viewText = c.Call.GetString("view");
        if (!RegistryPath.TryParseView(viewText, out var view))
        {
            throw new UnavailableException($"The view '{viewText}' is not 32, 64 or default.");
        }

        return (root, path, view, RegistryPath.Format(root, path));
    }

    private static string TryExpand(ProbeContext c, string text)
    {
        try
        {
            return c.Paths.Expand(text);
        }
        catch (UnavailableException)
        {
            // A variable the machine does not define stays as written, as ExpandEnvironmentStrings leaves it.
            return text;
        }
    }

    private static string ViewNote(RegistryBitness view) => view switch
    {
        RegistryBitness.Bits32 => " (32-bit view)",
        RegistryBitness.Bits64 => " (64-bit view)",
        _ => string.Empty,
    };
}
