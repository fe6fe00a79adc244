using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading.Tasks;
using FluentAssertions;
using PxeRules.Cli;
using PxeRules.Snapshots;
using Xunit;

namespace PxeRules.Tests.Hardening;

/// <summary>
/// Every file the tool writes replaces the previous one only once it is complete: a run that fails or is interrupted
/// while writing leaves the previous file intact and no temporary file behind.
/// </summary>
public sealed class AtomicWriteTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("pxerules-atomic-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>The core's AtomicFile (the same source is compiled into each assembly that writes files).</summary>
    private static readonly Type Atomic = typeof(SnapshotFile).Assembly.GetType("PxeRules.AtomicFile", throwOnError: true)!;

    private static IDisposable Create(string path) => (IDisposable)Atomic.GetMethod("Create")!.Invoke(null, new object[] { path })!;

    private static Stream StreamOf(IDisposable file) => (Stream)Atomic.GetProperty("Stream")!.GetValue(file)!;

    private static void Commit(IDisposable file) => Atomic.GetMethod("Commit")!.Invoke(file, null);

    [Fact]
    public void A_write_that_stops_before_it_is_committed_leaves_the_previous_file_and_no_temporary_file()
    {
        var path = Path.Combine(folder, "report.json");
        File.WriteAllText(path, "{\"previous\": true}");

        using (var file = Create(path))
        {
            StreamOf(file).Write(Encoding.UTF8.GetBytes("{\"trunc"));
            File.ReadAllText(path).Should().Be("{\"previous\": true}", "nothing reaches the file while it is written");
        }

        File.ReadAllText(path).Should().Be("{\"previous\": true}");
        Directory.GetFiles(folder).Select(Path.GetFileName).Should().Equal("report.json");
    }

    [Fact]
    public void A_committed_write_replaces_the_file_whole()
    {
        var path = Path.Combine(folder, "report.json");
        File.WriteAllText(path, "{\"previous\": true}");

        using (var file = Create(path))
        {
            StreamOf(file).Write(Encoding.UTF8.GetBytes("{\"next\": true}"));
            Commit(file);
        }

        File.ReadAllText(path).Should().Be("{\"next\": true}");
        Directory.GetFiles(folder).Select(Path.GetFileName).Should().Equal("report.json");
    }

    [Fact]
    public async Task Check_with_a_folder_as_output_says_so_and_writes_nothing()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var sample = Repository.Path("samples", "snapshots", "healthy-site-server.json");

        var code = await new CliApp(new CliConsole(output, error, false, _ => null)).RunAsync(new[] { "check", "-s", sample, "-o", folder });

        code.Should().Be(2);
        error.ToString().Should().Be($"pxerules: error: '{folder}' is a folder; give a file name to write.{Environment.NewLine}");
        Directory.GetFileSystemEntries(folder).Should().BeEmpty();
    }

    [Fact]
    public async Task Check_writes_its_report_file_in_one_piece()
    {
        var path = Path.Combine(folder, "report.sarif");
        File.WriteAllText(path, "old");
        var sample = Repository.Path("samples", "snapshots", "remote-pxe-sp-old-wimgapi.json");

        var code = await new CliApp(new CliConsole(new StringWriter(), new StringWriter(), false, _ => null)).RunAsync(new[] { "check", "-s", sample, "--format", "sarif", "-o", path });

        code.Should().Be(1);
        File.ReadAllText(path).Should().StartWith("{").And.Contain("pxe-remote-wimgapi-not-updated-sp1");
        Directory.GetFiles(folder).Select(Path.GetFileName).Should().Equal("report.sarif");
    }
}
