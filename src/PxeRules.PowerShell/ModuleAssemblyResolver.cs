using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace PxeRules.PowerShell;

/// <summary>
/// Loads the module's own dependencies from the module folder whatever version is asked for. Windows PowerShell 5.1
/// (.NET Framework) applies no binding redirects to a module, and the netstandard2.0 packages ask for different
/// versions of the same helper assemblies (System.Runtime.CompilerServices.Unsafe, Microsoft.Bcl.AsyncInterfaces).
/// PowerShell calls this when the module is imported; it only answers for files that are in the module folder.
/// </summary>
public sealed class ModuleAssemblyResolver : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly string Folder = Path.GetDirectoryName(typeof(ModuleAssemblyResolver).Assembly.Location) ?? string.Empty;

    /// <summary>Starts answering assembly loads the runtime could not resolve.</summary>
    public void OnImport() => AppDomain.CurrentDomain.AssemblyResolve += Resolve;

    /// <summary>Stops answering when the module is removed.</summary>
    /// <param name="psModuleInfo">The module being removed.</param>
    public void OnRemove(PSModuleInfo psModuleInfo) => AppDomain.CurrentDomain.AssemblyResolve -= Resolve;

    private static Assembly? Resolve(object? sender, ResolveEventArgs args)
    {
        var name = new AssemblyName(args.Name).Name;
        if (string.IsNullOrEmpty(name) || name!.IndexOfAny(new[] { '/', '\\' }) >= 0) return null;
        var path = Path.Combine(Folder, name + ".dll");
        return File.Exists(path) ? Assembly.LoadFrom(path) : null;
    }
}
