using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using FluentAssertions;
using PxeRules.Cli;
using PxeRules.Loading;
using PxeRules.Snapshots;
using Xunit;

namespace PxeRules.Tests.Hardening;

/// <summary>
/// Inputs must be regular files and folders are walked once each: a FIFO given as a snapshot or named like a rule
/// file, and a link that points back up a rules folder, give a clear error or are passed over, and never hang.
/// </summary>
public sealed class SpecialFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("pxerules-special-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Fifo(string name)
    {
        var path = Path.Combine(folder, name);
        using var process = Process.Start(new ProcessStartInfo("mkfifo", path) { UseShellExecute = false })!;
        process.WaitForExit();
        process.ExitCode.Should().Be(0);
        return path;
    }

    [LinuxFact]
    public async Task A_fifo_given_as_the_snapshot_is_refused_at_once()
    {
        var fifo = Fifo("snapshot.json");
        var error = new StringWriter();

        var run = new CliApp(new CliConsole(new StringWriter(), error, false, _ => null)).RunAsync(new[] { "check", "-s", fifo });
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(60)));

        finished.Should().BeSameAs(run, "reading a FIFO must not wait for a writer");
        (await run).Should().Be(2);
        error.ToString().Should().Contain("a FIFO (named pipe), not a file");
    }

    [LinuxFact]
    public void A_fifo_named_like_a_rule_file_is_an_error_not_a_hang()
    {
        Fifo("pipe.yaml");

        var result = new RuleLoader().AddDirectory(folder).Load();

        result.Diagnostics.Select(d => d.ToString()).Should().ContainSingle().Which.Should().EndWith("error PXR0027: This is a FIFO (named pipe), not a rule file; it is not read.");
    }

    [Fact]
    public void A_link_back_up_a_rules_folder_is_not_followed()
    {
        var rules = Directory.CreateDirectory(Path.Combine(folder, "rules")).FullName;
        File.Copy(Repository.Path("rules", "wds-service-down.yaml"), Path.Combine(rules, "wds-service-down.yaml"));
        Directory.CreateSymbolicLink(Path.Combine(rules, "loop"), rules);

        var result = new RuleLoader().AddDirectory(rules).Load();

        result.Diagnostics.Should().BeEmpty();
        result.KnowledgeBase!.Rules.Select(r => r.Id).Should().Equal("wds-service-down");
    }
}

/// <summary>A test of Linux file-system behaviour (FIFOs made with mkfifo); skipped, with the reason, elsewhere.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "Needs Linux: it makes FIFOs with mkfifo, and their type is read with lstat there.";
        }
    }
}
