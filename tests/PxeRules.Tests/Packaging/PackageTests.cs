using System;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Threading.Tasks;
using System.Xml.Linq;
using FluentAssertions;
using Xunit;
using PxeRules.Model;

namespace PxeRules.Tests.Packaging;

/// <summary>Packs the packages once for the tests of this class, into a folder of its own.</summary>
public sealed class PackedFeed : IDisposable
{
    public PackedFeed()
    {
        Root = Directory.CreateTempSubdirectory("pxerules-packages-").FullName;
        Feed = Path.Combine(Root, "feed");
        Packages = Path.Combine(Root, "nuget-packages");
        // The pack restores the repository's own projects: with the machine's package folder, as every other build
        // of this tree does. Restored with the folder below, their obj/project.assets.json would name a folder this
        // fixture deletes, and a build of the tree that runs after it (the rest of `dotnet test PxeRules.sln`, the
        // Wine stage) would fail with NETSDK1064.
        PackResult = PackageTests.Dotnet(Repository.Root, null, "pack", "PxeRules.sln", "-c", "Release", "-o", Feed, "-p:ContinuousIntegrationBuild=true");
    }

    public string Root { get; }

    public string Feed { get; }

    /// <summary>A NuGet cache of its own for the projects that consume the feed, so a package packed by an earlier run is never used.</summary>
    public string Packages { get; }

    public (int Code, string Output) PackResult { get; }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

/// <summary>The path an in-house tool takes: reference the packed packages from a folder and use them.</summary>
[Trait("Category", "Packaging")]
public sealed class PackageTests : IClassFixture<PackedFeed>
{
    private readonly PackedFeed packed;

    public PackageTests(PackedFeed packed) => this.packed = packed;

    internal static (int Code, string Output) Dotnet(string directory, string? nugetPackages, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.ArgumentList.Add("-nodeReuse:false");
        // The test host's MSBuild settings must not leak into the build of a fresh project.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("DOTNET_HOST", StringComparison.Ordinal) || k == "VSTEST_HOST_DEBUG").ToArray())
        {
            start.Environment.Remove(name);
        }

        if (nugetPackages is not null)
        {
            start.Environment["NUGET_PACKAGES"] = nugetPackages;
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
        }

        return (process.ExitCode, output.Result + error.Result);
    }

    private string NewProject(string name)
    {
        var directory = Path.Combine(packed.Root, name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "nuget.config"),
            $"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <packageSources>\n    <add key=\"packed\" value=\"{packed.Feed}\" />\n  </packageSources>\n</configuration>\n");
        return directory;
    }

    [Fact]
    public void Pack_produces_the_library_the_windows_provider_and_the_tool_with_symbols_and_readmes()
    {
        packed.PackResult.Code.Should().Be(0, packed.PackResult.Output);
        var files = Directory.GetFiles(packed.Feed).Select(Path.GetFileName).ToArray();

        files.Should().Contain(new[]
        {
            "PxeRules.0.1.0.nupkg", "PxeRules.0.1.0.snupkg",
            "PxeRules.Probes.Windows.0.1.0.nupkg", "PxeRules.Probes.Windows.0.1.0.snupkg",
            "PxeRules.Tool.0.1.0.nupkg", "PxeRules.Tool.0.1.0.snupkg",
            "PxeRules.Extensions.Hosting.0.1.0.nupkg", "PxeRules.Extensions.Hosting.0.1.0.snupkg",
        });
        foreach (var package in new[] { "PxeRules", "PxeRules.Probes.Windows", "PxeRules.Tool", "PxeRules.Extensions.Hosting" })
        {
            var nuspec = Nuspec(package);
            var metadata = nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
            string Value(string element) => metadata.Elements().Single(e => e.Name.LocalName == element).Value;
            Value("readme").Should().Be("README.md", package);
            Value("description").Should().NotBeNullOrWhiteSpace();
            Value("tags").Should().Contain("configmgr");
            metadata.Elements().Single(e => e.Name.LocalName == "license").Value.Should().Be("MIT");
            metadata.Elements().Single(e => e.Name.LocalName == "repository").Attribute("commit")!.Value.Should().MatchRegex("^[0-9a-f]{40}$");
        }
    }

    private XDocument Nuspec(string package)
    {
        using var archive = ZipFile.OpenRead(Path.Combine(packed.Feed, $"{package}.0.1.0.nupkg"));
        using var stream = archive.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        return XDocument.Load(stream);
    }

    [Fact]
    public void Nothing_roslyn_or_scripting_is_in_the_dependency_graph_of_a_package()
    {
        packed.PackResult.Code.Should().Be(0, packed.PackResult.Output);
        var forbidden = new[] { "Microsoft.CodeAnalysis", "System.Linq.Dynamic", "Microsoft.CSharp", "System.Management.Automation", "Microsoft.PowerShell", "RulesEngine" };

        foreach (var package in new[] { "PxeRules", "PxeRules.Probes.Windows", "PxeRules.Tool", "PxeRules.Extensions.Hosting" })
        {
            var dependencies = Nuspec(package).Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => e.Attribute("id")!.Value).ToArray();
            dependencies.Should().NotContain(id => forbidden.Any(f => id.StartsWith(f, StringComparison.OrdinalIgnoreCase)), package);
        }

        Nuspec("PxeRules").Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => e.Attribute("id")!.Value).Distinct()
            .Should().BeEquivalentTo("YamlDotNet", "Microsoft.Extensions.FileSystemGlobbing", "Microsoft.Bcl.TimeProvider");
        Nuspec("PxeRules.Extensions.Hosting").Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => e.Attribute("id")!.Value).Distinct()
            .Should().BeEquivalentTo("PxeRules", "Microsoft.Extensions.Logging.Abstractions", "Microsoft.Extensions.DependencyInjection.Abstractions", "Microsoft.Extensions.Options");
    }

    [Fact]
    public void A_fresh_console_tool_referencing_the_packages_builds_and_finds_the_issue()
    {
        packed.PackResult.Code.Should().Be(0, packed.PackResult.Output);
        var directory = NewProject("InHouseTool");
        foreach (var file in Directory.GetFiles(Repository.Path("samples", "InHouseTool")))
        {
            File.Copy(file, Path.Combine(directory, Path.GetFileName(file)));
        }

        var run = Dotnet(directory, packed.Packages, "run", "--", "inventory.csv", "site-server.json");

        run.Code.Should().Be(1, "the inventory shows a finding; output:\n" + run.Output);
        run.Output.Should().Contain("Error pxe-remote-wimgapi-not-updated-sp1 on PXE02: Detected: looked for wimgapi.version less than 6.0.6001.18000; seen 6.0.6000.16386.")
            .And.Contain("  2. On PXE02, stop the Windows Deployment Services Server service. (net stop WDSServer)")
            .And.NotContain("on PXE03:");
    }

    [Fact]
    public void A_net472_library_referencing_the_core_package_compiles()
    {
        packed.PackResult.Code.Should().Be(0, packed.PackResult.Output);
        var directory = NewProject("Net472Consumer");
        File.WriteAllText(Path.Combine(directory, "Net472Consumer.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net472</TargetFramework>
                <LangVersion>latest</LangVersion>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="PxeRules" Version="0.1.0" />
                <PackageReference Include="Microsoft.NETFramework.ReferenceAssemblies" Version="1.0.3" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Check.cs"), """
            using System.Linq;
            using PxeRules.Evaluation;
            using PxeRules.Model;
            using PxeRules.Snapshots;

            public static class Check
            {
                public static int Findings(string snapshotPath)
                {
                    var snapshot = SnapshotFile.Read(snapshotPath).Facts;
                    var engine = RuleEngine.CreateBuilder().AddRules(KnowledgeBase.LoadBundled()).Build();
                    return engine.Evaluate(snapshot).Findings.Count();
                }
            }
            """);

        var build = Dotnet(directory, packed.Packages, "build");

        build.Code.Should().Be(0, build.Output);
    }

    [Fact]
    public void A_net472_program_referencing_the_windows_provider_builds_without_conflicts_and_binds_to_the_inbox_framework()
    {
        packed.PackResult.Code.Should().Be(0, packed.PackResult.Output);
        var directory = NewProject("Net472WindowsConsumer");
        File.WriteAllText(Path.Combine(directory, "Net472WindowsConsumer.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net472</TargetFramework>
                <LangVersion>latest</LangVersion>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="PxeRules.Probes.Windows" Version="0.1.0" />
                <PackageReference Include="Microsoft.NETFramework.ReferenceAssemblies" Version="1.0.3" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), """
            using PxeRules.Evaluation;
            using PxeRules.Model;
            using PxeRules.Probes.Windows;

            public static class Program
            {
                public static int Main()
                {
                    var engine = RuleEngine.CreateBuilder().AddRules(KnowledgeBase.LoadBundled()).AddWindowsProbes().Build();
                    return engine == null ? 1 : 0;
                }
            }
            """);

        var build = Dotnet(directory, packed.Packages, "build", "-c", "Release");

        build.Code.Should().Be(0, build.Output);
        build.Output.Should().NotContain("MSB3277", "a .NET Framework host must not meet two versions of one assembly");
        var bin = Path.Combine(directory, "bin", "Release", "net472");
        File.Exists(Path.Combine(bin, "System.Management.dll")).Should().BeFalse("System.Management is the framework's own");
        var framework = Path.Combine(packed.Packages, "microsoft.netframework.referenceassemblies.net472", "1.0.3", "build", ".NETFramework", "v4.7.2");
        var config = File.ReadAllText(Path.Combine(bin, "Net472WindowsConsumer.exe.config"));
        var references = AssemblyReferences(Path.Combine(bin, "PxeRules.Probes.Windows.dll"));

        references.Should().Contain(("System.Management", new Version(4, 0, 0, 0)));
        foreach (var (name, version) in references)
        {
            // What the .NET Framework loader does: the framework's assemblies unify to its own version; any other
            // assembly must be beside the program in the version asked for, or the program's config redirects it.
            var inFramework = new[] { framework, Path.Combine(framework, "Facades") }.Select(f => Path.Combine(f, name + ".dll")).FirstOrDefault(File.Exists);
            if (inFramework is not null)
            {
                AssemblyVersion(inFramework).Should().BeGreaterThanOrEqualTo(version, name);
                continue;
            }

            var beside = Path.Combine(bin, name + ".dll");
            File.Exists(beside).Should().BeTrue($"{name} {version} is neither in .NET Framework 4.7.2 nor beside the program");
            if (AssemblyVersion(beside) != version)
            {
                config.Should().Contain($"name=\"{name}\"", $"{name} {version} is beside the program as {AssemblyVersion(beside)}, so the program needs a binding redirect");
            }
        }
    }

    private static (string Name, Version Version)[] AssemblyReferences(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        var metadata = pe.GetMetadataReader();
        return metadata.AssemblyReferences.Select(h => metadata.GetAssemblyReference(h))
            .Select(r => (metadata.GetString(r.Name), r.Version)).ToArray();
    }

    private static Version AssemblyVersion(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        return pe.GetMetadataReader().GetAssemblyDefinition().Version;
    }
}
