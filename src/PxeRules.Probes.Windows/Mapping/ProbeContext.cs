using System;
using System.Collections.Generic;
using System.Threading;
using PxeRules.Probes.Windows.Access;

namespace PxeRules.Probes.Windows.Mapping;

/// <summary>A probe gave up: the fact is unavailable for <see cref="Exception.Message"/>.</summary>
internal sealed class UnavailableException : Exception
{
    public UnavailableException(string reason)
        : base(reason)
    {
    }
}

/// <summary>Everything one probe call needs: the call, its machine, the seams and the settings.</summary>
internal sealed class ProbeContext
{
    private readonly WindowsProbes owner;
    private PathExpander? expander;

    public ProbeContext(WindowsProbes owner, ProbeCall call, TargetMachine target, CancellationToken cancellationToken)
    {
        this.owner = owner;
        Call = call;
        Target = target;
        CancellationToken = cancellationToken;
    }

    public ProbeCall Call { get; }

    public TargetMachine Target { get; }

    public CancellationToken CancellationToken { get; }

    public WindowsApis Apis => owner.Apis;

    public TimeSpan WmiTimeout => owner.WmiTimeout;

    public DateTimeOffset Now => owner.Clock.GetUtcNow();

    /// <summary>Expands variables of paths with the values of the target machine.</summary>
    public PathExpander Paths => expander ??= new PathExpander(this, owner.ProcessEnvironment);

    /// <summary>Resolves another machine name (an SMS Provider named by the site) the way call machines are resolved.</summary>
    public TargetMachine Resolve(string name) => owner.Resolve(name);

    /// <summary>A required string argument; the loader guarantees it, a host building calls by hand may not.</summary>
    public string Required(string name) =>
        Call.GetString(name) is { Length: > 0 } value ? value : throw new UnavailableException($"The argument '{name}' of {Call.Kind} is missing.");

    /// <summary>Runs a Windows API call, turning its failure into an unavailable reason.</summary>
    public T Guard<T>(Channel channel, string what, Func<T> action) => Guard(Target, channel, what, action);

    /// <summary>Runs a Windows API call against <paramref name="target"/>, turning its failure into an unavailable reason.</summary>
    public T Guard<T>(TargetMachine target, Channel channel, string what, Func<T> action)
    {
        CancellationToken.ThrowIfCancellationRequested();
        try
        {
            return action();
        }
        catch (Exception e) when (e is not UnavailableException and not OperationCanceledException)
        {
            throw new UnavailableException(Failures.Describe(e, target, channel, what));
        }
    }

    /// <summary>Opens a registry key of the target; <see langword="null"/> when it does not exist.</summary>
    public RegKey? OpenKey(RegistryRoot root, string path, RegistryBitness view)
    {
        var name = RegistryPath.Format(root, path);
        if (!Target.IsLocal && root is RegistryRoot.CurrentUser or RegistryRoot.ClassesRoot or RegistryRoot.CurrentConfig)
        {
            // RegConnectRegistry opens only HKLM and HKU of another machine.
            var instead = root switch
            {
                RegistryRoot.CurrentUser => "name the user's key under HKU\\<SID>",
                RegistryRoot.ClassesRoot => "name it under HKLM\\SOFTWARE\\Classes",
                _ => "name it under HKLM\\SYSTEM\\CurrentControlSet\\Hardware Profiles\\Current",
            };
            throw new UnavailableException($"{RegistryPath.Format(root, string.Empty)} of {Target.Display} cannot be read remotely; {instead} instead.");
        }

        var reader = Guard(Channel.Registry, $"the registry key {name}", () => Apis.Registry.OpenKey(Target.RemoteName, root, path, view));
        return reader is null ? null : new RegKey(this, reader, name);
    }

    /// <summary>Opens a key under HKLM in the 32-bit view first, then the 64-bit one (ConfigMgr 2007 is 32-bit).</summary>
    public RegKey? OpenConfigMgrKey(string path) =>
        OpenKey(RegistryRoot.LocalMachine, path, RegistryBitness.Bits32) ?? OpenKey(RegistryRoot.LocalMachine, path, RegistryBitness.Bits64);

    /// <summary>Runs a WQL query on the target (or on <paramref name="machine"/>).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, object?>> Wmi(string wmiNamespace, string query, string what, bool fullInstances = false, TargetMachine? machine = null)
    {
        var target = machine ?? Target;
        var rows = Guard(target, Channel.Wmi, what, () => Apis.Wmi.Query(target.RemoteName, wmiNamespace, query, fullInstances, WmiTimeout, CancellationToken));
        if (rows.Count == 0 && Wql.ClassOf(query) is { } className
            && !Guard(target, Channel.Wmi, what, () => Apis.Wmi.ClassExists(target.RemoteName, wmiNamespace, className, WmiTimeout)))
        {
            // An empty answer from a class the machine does not have says nothing about what is there.
            throw new UnavailableException($"{Capital(what)} cannot be read on {target.Display}: its WMI has no class {className} in {wmiNamespace}.");
        }

        return rows;
    }

    /// <summary>
    /// Runs a WQL query on the target (or on <paramref name="machine"/>); <see langword="null"/> when the namespace or
    /// the class does not exist there (the product or the OS feature is absent).
    /// </summary>
    public IReadOnlyList<IReadOnlyDictionary<string, object?>>? WmiIfPresent(string wmiNamespace, string query, string what, bool fullInstances = false, TargetMachine? machine = null)
    {
        var target = machine ?? Target;
        CancellationToken.ThrowIfCancellationRequested();
        try
        {
            var rows = Apis.Wmi.Query(target.RemoteName, wmiNamespace, query, fullInstances, WmiTimeout, CancellationToken);
            // Windows fails a query of a class it does not have; Wine's WMI answers an empty list instead.
            return rows.Count == 0 && Wql.ClassOf(query) is { } className && !Apis.Wmi.ClassExists(target.RemoteName, wmiNamespace, className, WmiTimeout)
                ? null
                : rows;
        }
        catch (Exception e) when (e.HResult is WmiException.InvalidNamespace or WmiException.InvalidClass)
        {
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new UnavailableException(Failures.Describe(e, target, Channel.Wmi, what));
        }
    }

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);

    /// <summary>Routes a local path of the target to one this process can open: itself, or the admin share.</summary>
    public string AccessPath(string path)
    {
        if (path.StartsWith(@"\\", StringComparison.Ordinal) || path.StartsWith("//", StringComparison.Ordinal))
        {
            // A UNC or device path names another host or a device: a rule reads the probed machine's drives only.
            throw new UnavailableException($"'{path}' names another host or a device; only paths on {Target.Display} such as C:\\… are read.");
        }

        if (path.Length < 3 || !char.IsLetter(path[0]) || path[1] != ':' || path[2] != '\\')
        {
            throw new UnavailableException($"'{path}' is not an absolute path.");
        }

        return Target.IsLocal ? path : $@"\\{Target.Name}\{char.ToUpperInvariant(path[0])}$\{path.Substring(3)}";
    }
}
