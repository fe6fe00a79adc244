using FluentAssertions;
using PxeRules.Probes.FileSystem;
using Xunit;

namespace PxeRules.Tests.Probes.FileSystem;

/// <summary>Paths are normalised before they are mapped, so a rule cannot climb out of a machine's copied files.</summary>
public class PathNormalizationTests
{
    [Theory]
    [InlineData(@"C:\WINDOWS\System32\wimgapi.dll", @"C:\WINDOWS\System32\wimgapi.dll")]
    [InlineData(@"C:\WINDOWS\.\System32\..\Temp\PXEBootfiles", @"C:\WINDOWS\Temp\PXEBootfiles")]
    [InlineData(@"C:\WINDOWS\\System32", @"C:\WINDOWS\System32")]
    [InlineData(@"\\PXE02\C$\WINDOWS\..\Program Files", @"\\PXE02\C$\Program Files")]
    [InlineData("/tmp/copy/./C/../C/x.log", "/tmp/copy/C/x.log")]
    [InlineData("x", "x")]
    public void Dots_and_doubled_separators_are_resolved(string path, string expected)
    {
        FileSystemProbeProvider.TryNormalize(path, out var normalized).Should().BeTrue();
        normalized.Should().Be(expected);
    }

    [Theory]
    [InlineData(@"C:\..\etc\passwd")]
    [InlineData(@"C:\WINDOWS\..\..\secret")]
    [InlineData(@"\\PXE02\C$\..\D$\x")]
    [InlineData("/tmp/../../etc")]
    public void A_path_that_climbs_above_its_root_is_refused(string path)
    {
        FileSystemProbeProvider.TryNormalize(path, out _).Should().BeFalse();
    }

    [Fact]
    public async System.Threading.Tasks.Task The_provider_makes_a_climbing_path_unavailable_before_mapping_it()
    {
        var mapped = false;
        var provider = new FileSystemProbeProvider(new FileSystemProbeOptions
        {
            Variables = new System.Collections.Generic.Dictionary<string, string>(),
            MapPath = (_, path) => { mapped = true; return path; },
        });

        var result = await provider.ProbeAsync(new PxeRules.Probes.ProbeCall(new PxeRules.Probes.Machine("PXE01"), "file", new System.Collections.Generic.Dictionary<string, object?> { ["path"] = @"C:\WINDOWS\..\..\secret" }), default);

        result.Status.Should().Be(PxeRules.Probes.ProbeStatus.Unavailable);
        result.Reason.Should().Be(@"'C:\WINDOWS\..\..\secret' climbs above the root of its drive or share with '..'.");
        mapped.Should().BeFalse();
    }
}
