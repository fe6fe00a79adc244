using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using FluentAssertions;
using PxeRules.Loading;
using PxeRules.Probes;
using PxeRules.Probes.FileSystem;
using Xunit;

namespace PxeRules.Tests.Probes.FileSystem;

/// <summary>
/// Over copies of a machine's files, the provider reads inside them and nowhere else: not a rooted or UNC path a
/// rule names, not a device path, not a link that leads out of the copy.
/// </summary>
public sealed class ConfinementTests : IDisposable
{
    private static readonly Machine Pxe01 = new("PXE01", MachineRoles.PxeServicePoint);

    private readonly string root = Directory.CreateTempSubdirectory("pxerules-confined-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private FileSystemProbeProvider Provider() => new(new FileSystemProbeOptions
    {
        Variables = new Dictionary<string, string> { ["windir"] = @"C:\WINDOWS", ["SystemRoot"] = @"C:\WINDOWS" },
        MapPath = (machine, path) => Path.Combine(root, machine.Name, path.Replace(":", string.Empty).Replace('\\', Path.DirectorySeparatorChar)),
        Root = root,
    });

    private ProbeResult Probe(string kind, params (string Name, object? Value)[] arguments) =>
        Provider().ProbeAsync(new ProbeCall(Pxe01, kind, arguments.ToDictionary(a => a.Name, a => a.Value)), CancellationToken.None).GetAwaiter().GetResult();

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData(@"\WINDOWS\win.ini")]
    [InlineData(@"\\evil\share\payload.dll")]
    [InlineData(@"//evil/share/payload.dll")]
    [InlineData(@"\\?\C:\WINDOWS\win.ini")]
    [InlineData(@"\\.\PhysicalDrive0")]
    public void A_path_that_names_no_drive_of_the_machine_is_refused(string path)
    {
        var result = Probe("file", ("path", path));

        result.Status.Should().Be(ProbeStatus.Unavailable);
        result.Reason.Should().Be($"'{path}' names no drive of PXE01 (a UNC, device or rooted path); only paths such as C:\\… are read.");
    }

    [Fact]
    public void A_link_in_the_copy_that_leads_outside_is_refused()
    {
        var temp = Directory.CreateDirectory(Path.Combine(root, "PXE01", "C", "WINDOWS", "Temp")).FullName;
        var outside = Directory.CreateTempSubdirectory("pxerules-outside-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(outside, "secret.txt"), "not the machine's");
            Directory.CreateSymbolicLink(Path.Combine(temp, "PXEBootfiles"), outside);

            var folder = Probe("folder", ("path", @"%SystemRoot%\Temp\PXEBootfiles"));
            var entries = Probe("folder.entries", ("path", @"%SystemRoot%\Temp\PXEBootfiles"));

            folder.Status.Should().Be(ProbeStatus.Unavailable);
            folder.Reason.Should().Contain($"is a link to '{outside}', outside the machine's files in '{root}'");
            entries.Status.Should().Be(ProbeStatus.Unavailable);
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    [Fact]
    public void Paths_inside_the_copy_are_read()
    {
        var temp = Directory.CreateDirectory(Path.Combine(root, "PXE01", "C", "WINDOWS", "Temp", "PXEBootfiles")).FullName;
        File.WriteAllText(Path.Combine(temp, "wdsnbp.com"), "x");

        Probe("folder.entries", ("path", @"C:\WINDOWS\Temp\PXEBootfiles")).Status.Should().Be(ProbeStatus.Value);
        Probe("folder", ("path", @"C:\WINDOWS\Temp\Missing")).Status.Should().Be(ProbeStatus.NotFound);
    }

    [Fact]
    public void Lint_warns_about_a_rule_path_that_names_no_drive()
    {
        const string Rule = """
            apiVersion: pxerules/v1
            kind: Rule
            id: test-paths
            title: t
            summary: s
            severity: warning
            confidence: inferred
            facts:
              shadow:
                probe: file
                args: { path: /etc/shadow }
            when:
              fact: shadow
              exists: true
            remediation:
              - text: t
            """;

        var result = new RuleLoader().AddText(Rule, "rule.yaml").Load();

        result.Success.Should().BeTrue("a warning does not stop the load");
        result.Diagnostics.Select(d => d.ToString()).Should().Equal(
            "rule.yaml(11,11): warning PXR0046: The fact 'shadow' reads '/etc/shadow', which names no drive of the machine (a UNC, device or rooted path); providers refuse it. Write a path such as C:\\… or %windir%\\….");
    }
}
