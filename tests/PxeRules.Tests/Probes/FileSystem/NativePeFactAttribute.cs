using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Xunit;

namespace PxeRules.Tests.Probes.FileSystem;

/// <summary>
/// A fact about a native Windows DLL from the NuGet cache (Microsoft.CodeCoverage, a dependency of the test SDK);
/// skipped when the package is not where the build restored it.
/// </summary>
public sealed class NativePeFactAttribute : FactAttribute
{
    public NativePeFactAttribute(string relativePath)
    {
        if (!File.Exists(NativePe.Path(relativePath)))
        {
            Skip = $"'{relativePath}' is not in the NuGet cache.";
        }
    }
}

internal static class NativePe
{
    // The version the test SDK pins; the expected file versions below belong to it.
    private const string Package = "microsoft.codecoverage/18.0.1/build/netstandard2.0/CodeCoverage";

    public static string Path(string relativePath)
    {
        var root = typeof(NativePe).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "NuGetPackageRoot")?.Value;
        return string.IsNullOrEmpty(root) ? string.Empty : System.IO.Path.Combine(root, Package, relativePath);
    }
}
