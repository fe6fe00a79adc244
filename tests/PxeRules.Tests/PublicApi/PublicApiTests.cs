using System;
using System.IO;
using System.Linq;
using System.Reflection;
using FluentAssertions;
using Xunit;

namespace PxeRules.Tests.PublicApi;

/// <summary>
/// The public API of each shipped assembly is written down in its PublicAPI.Shipped.txt and PublicAPI.Unshipped.txt;
/// the build checks them with PublicApiAnalyzers, and this test checks them against the compiled assembly.
/// (PxeRules.PowerShell's cmdlets derive from System.Management.Automation types that only a PowerShell host loads, so
/// its PublicAPI files are checked by the analyzer at build time alone.)
/// After an intended change, rewrite PublicAPI.Unshipped.txt with
/// <c>PXERULES_UPDATE_PUBLIC_API=1 dotnet test tests/PxeRules.Tests --filter PublicApiTests -p:RunAnalyzers=false</c>.
/// </summary>
public class PublicApiTests
{
    [Theory]
    [InlineData("PxeRules", typeof(PxeRules.Model.KnowledgeBase))]
    [InlineData("PxeRules.Probes.Windows", typeof(PxeRules.Probes.Windows.WindowsProbeProvider))]
    [InlineData("PxeRules.Extensions.Hosting", typeof(PxeRules.Extensions.Hosting.PxeRulesOptions))]
    public void The_declared_public_api_is_the_compiled_one(string project, Type anyType)
    {
        var folder = Repository.Path("src", project);
        var generated = PublicApiText.Lines(anyType.Assembly);
        var shipped = ReadApi(Path.Combine(folder, "PublicAPI.Shipped.txt"));
        var unshippedPath = Path.Combine(folder, "PublicAPI.Unshipped.txt");
        if (Environment.GetEnvironmentVariable("PXERULES_UPDATE_PUBLIC_API") == "1")
        {
            File.WriteAllText(unshippedPath, "#nullable enable\n" + string.Join("\n", generated.Except(shipped)) + "\n");
        }

        shipped.Concat(ReadApi(unshippedPath)).OrderBy(l => l, StringComparer.Ordinal)
            .Should().Equal(generated, $"src/{project}/PublicAPI.*.txt must list exactly the public API; after an intended change run: PXERULES_UPDATE_PUBLIC_API=1 dotnet test tests/PxeRules.Tests --filter PublicApiTests -p:RunAnalyzers=false");
    }

    private static string[] ReadApi(string path) =>
        File.Exists(path) ? File.ReadAllLines(path).Where(l => l.Length > 0 && !l.StartsWith("#", StringComparison.Ordinal)).ToArray() : Array.Empty<string>();
}
