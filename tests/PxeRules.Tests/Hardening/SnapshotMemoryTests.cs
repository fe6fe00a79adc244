using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using FluentAssertions;
using Xunit;

namespace PxeRules.Tests.Hardening;

/// <summary>
/// A snapshot just inside the size limit but made of millions of tiny values is read within bounded memory: the
/// tool, run with a 1 GiB heap limit, stops with a located error and exit 2 instead of dying out of memory.
/// </summary>
[Collection(nameof(MemoryMeasurements))]
public sealed class SnapshotMemoryTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("pxerules-memory-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task A_63_MB_snapshot_of_tiny_values_gives_a_located_error_under_a_1_GiB_heap_limit()
    {
        var path = Path.Combine(folder, "tiny-values.json");
        using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
        {
            writer.Write("{\"format\": \"pxerules-snapshot\", \"formatVersion\": 1, \"collectedAt\": \"2026-11-25T10:00:00Z\", \"machines\": [{\"name\": \"PXE01\", \"roles\": [\"pxe-service-point\"], \"probes\": [{\"kind\": \"folder.entries\", \"args\": {\"path\": \"C:\\\\x\"}, \"status\": \"value\", \"value\": [0");
            var chunk = new StringBuilder().Insert(0, ",0", 1 << 20).ToString();
            for (var i = 0; i < 30; i++) writer.Write(chunk);
            writer.Write("]}]}]}");
        }

        new FileInfo(path).Length.Should().BeInRange(60L << 20, 64L << 20, "just inside the 64 MiB limit");
        var cli = Path.Combine(AppContext.BaseDirectory, "PxeRules.Cli.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(cli);
        start.ArgumentList.Add("check");
        start.ArgumentList.Add("-s");
        start.ArgumentList.Add(path);
        start.Environment["DOTNET_GCHeapHardLimit"] = "0x40000000";

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        var exited = await Task.Run(() => process.WaitForExit(120_000));
        if (!exited) process.Kill(entireProcessTree: true);

        exited.Should().BeTrue();
        process.ExitCode.Should().Be(2, "a located error, not an abort (134)");
        (await error).Should().MatchRegex(@"tiny-values\.json\(1,\d+\): error PXR0047: The file holds more values than fit in the memory allowed for reading it \(\d+ MiB\); split it into smaller files, one per machine\.");
    }
}
