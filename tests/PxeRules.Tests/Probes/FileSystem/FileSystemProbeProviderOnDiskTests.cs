using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using PxeRules.Evaluation;
using PxeRules.Loading;
using PxeRules.Model;
using PxeRules.Probes;
using PxeRules.Probes.FileSystem;
using Xunit;

namespace PxeRules.Tests.Probes.FileSystem;

/// <summary>The provider over real files in a temporary folder, and inside a rule engine.</summary>
public sealed class FileSystemProbeProviderOnDiskTests : IDisposable
{
    private const string Rule = """
        apiVersion: pxerules/v1
        kind: Rule
        id: test-old-wimgapi-with-pxe-errors
        title: Old wimgapi.dll and errors in SMSPXE.log
        summary: A test rule over a file and a log.
        severity: error
        confidence: documented
        appliesTo:
          roles: [pxe-service-point]
        facts:
          wimgapi:
            probe: file
            args:
              path: '%windir%\System32\wimgapi.dll'
          pxeErrors:
            probe: log.entries
            args:
              paths: ['%ProgramFiles%\SMS_CCM\Logs\SMSPXE*.lo?']
              match: '(?i)0x80070005|access is denied'
        when:
          all:
            - fact: wimgapi.version
              less: 6.0.6001.18000
            - fact: pxeErrors
              anyItem:
                field: type
                equals: 3
        remediation:
          - text: Update wimgapi.dll on {{ machine.name }}.
        """;

    private static readonly Machine Pxe01 = new("PXE01", MachineRoles.PxeServicePoint);

    private readonly string root = Path.Combine(Path.GetTempPath(), "pxerules-" + Guid.NewGuid().ToString("N"));

    public FileSystemProbeProviderOnDiskTests() => Directory.CreateDirectory(root);

    public void Dispose() => Directory.Delete(root, recursive: true);

    private FileSystemProbeProvider Provider() =>
        new(new FileSystemProbeOptions { Variables = new Dictionary<string, string> { ["Root"] = root } });

    private static ProbeResult Probe(FileSystemProbeProvider provider, string kind, params (string Name, object? Value)[] arguments) =>
        provider.ProbeAsync(new ProbeCall(Pxe01, kind, arguments.ToDictionary(a => a.Name, a => a.Value)), CancellationToken.None).GetAwaiter().GetResult();

    private string Write(string relativePath, byte[] content, DateTime? modifiedUtc = null)
    {
        var path = Path.Combine(root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        if (modifiedUtc is not null) File.SetLastWriteTimeUtc(path, modifiedUtc.Value);
        return path;
    }

    private static string CcmLine(string text, string time, int type = 1) =>
        $"<![LOG[{text}]LOG]!><time=\"{time}+480\" date=\"11-23-2026\" component=\"smspxe\" context=\"\" type=\"{type}\" thread=\"2188\" file=\"smspxe.cpp:1\">\r\n";

    [Fact]
    public void Reads_a_file_on_disk()
    {
        var image = new PeImageBuilder { FileVersion = new Version(6, 0, 6000, 16386) }.Build();
        var modified = new DateTime(2008, 6, 12, 17, 15, 31, DateTimeKind.Utc);
        var path = Write("wimgapi.dll", image, modified);

        var result = Probe(Provider(), "file", ("path", Path.Combine("%Root%", "wimgapi.dll")));

        var record = result.Value.Should().BeAssignableTo<IReadOnlyDictionary<string, object?>>().Subject;
        record["path"].Should().Be(path);
        record["size"].Should().Be((double)image.Length);
        record["modified"].Should().Be(new DateTimeOffset(modified));
        record["created"].Should().BeOfType<DateTimeOffset>();
        record["version"].Should().Be(new Version(6, 0, 6000, 16386));
        record["hidden"].Should().Be(false);
    }

    [Fact]
    public void A_missing_file_or_folder_on_disk_is_not_found()
    {
        var provider = Provider();

        Probe(provider, "file", ("path", Path.Combine(root, "missing.dll"))).Status.Should().Be(ProbeStatus.NotFound);
        Probe(provider, "file", ("path", Path.Combine(root, "missing", "deeper.dll"))).Status.Should().Be(ProbeStatus.NotFound);
        Probe(provider, "folder", ("path", Path.Combine(root, "PXEBootfiles"))).Status.Should().Be(ProbeStatus.NotFound);
    }

    [Fact]
    public void Reads_a_folder_and_its_entries_on_disk()
    {
        Write(Path.Combine("REMINST", "b.wim"), new byte[3]);
        Write(Path.Combine("REMINST", "A.wim"), new byte[1]);
        Write(Path.Combine("REMINST", "Boot", "x86", "wdsnbp.com"), new byte[2]);
        var folder = Path.Combine(root, "REMINST");
        var provider = Provider();

        var record = Probe(provider, "folder", ("path", folder)).Value.Should().BeAssignableTo<IReadOnlyDictionary<string, object?>>().Subject;
        var flat = (object?[])Probe(provider, "folder.entries", ("path", folder)).Value!;
        var wims = (object?[])Probe(provider, "folder.entries", ("path", folder), ("pattern", "*.WIM")).Value!;
        var deep = (object?[])Probe(provider, "folder.entries", ("path", folder), ("recursive", true)).Value!;

        record.Should().BeEquivalentTo(new Dictionary<string, object?> { ["path"] = folder, ["hidden"] = false });
        Paths(flat).Should().Equal(Path.Combine(folder, "A.wim"), Path.Combine(folder, "Boot"), Path.Combine(folder, "b.wim"));
        Paths(wims).Should().Equal(Path.Combine(folder, "A.wim"), Path.Combine(folder, "b.wim"));
        Paths(deep).Should().Equal(
            Path.Combine(folder, "A.wim"), Path.Combine(folder, "Boot"), Path.Combine(folder, "Boot", "x86"),
            Path.Combine(folder, "Boot", "x86", "wdsnbp.com"), Path.Combine(folder, "b.wim"));
        ((IReadOnlyDictionary<string, object?>)deep[3]!)["size"].Should().Be(2.0);

        static IEnumerable<object?> Paths(object?[] entries) => entries.Cast<IReadOnlyDictionary<string, object?>>().Select(e => e["path"]);
    }

    [Fact]
    public void Reads_log_entries_from_a_log_and_its_rotated_copy_on_disk()
    {
        Write(Path.Combine("Logs", "SMSPXE.lo_"), Encoding.UTF8.GetBytes(CcmLine("rotated", "07:00:00.000")), new DateTime(2026, 11, 23, 15, 0, 0, DateTimeKind.Utc));
        var current = new UnicodeEncoding(bigEndian: false, byteOrderMark: true);
        Write(Path.Combine("Logs", "SMSPXE.log"), current.GetPreamble().Concat(current.GetBytes(CcmLine("current", "08:00:00.000", 3))).ToArray());
        Write(Path.Combine("Logs", "SMSPXE.txt"), Encoding.UTF8.GetBytes(CcmLine("not a log", "09:00:00.000")));

        var result = Probe(Provider(), "log.entries", ("paths", new object?[] { Path.Combine("%Root%", "Logs", "smspxe*.lo?") }));

        var entries = ((object?[])result.Value!).Cast<IReadOnlyDictionary<string, object?>>().ToArray();
        entries.Select(e => e["text"]).Should().Equal("rotated", "current");
        entries[1]["type"].Should().Be(3.0);
    }

    [Fact]
    public void Reads_a_log_that_another_process_is_writing()
    {
        var path = Path.Combine(root, "SMSPXE.log");
        using var writer = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite);
        var bytes = Encoding.UTF8.GetBytes(CcmLine("still being written", "08:00:00.000"));
        writer.Write(bytes, 0, bytes.Length);
        writer.Flush();

        var result = Probe(Provider(), "log.entries", ("paths", new object?[] { path }));

        ((object?[])result.Value!).Should().ContainSingle();
    }

    [Theory]
    [InlineData("6.0.6000.16386", true, Outcome.Detected)]
    [InlineData("6.0.6001.18000", true, Outcome.NotDetected)]
    [InlineData("6.0.6000.16386", false, Outcome.NotDetected)]
    public async Task Evaluates_a_rule_over_a_copy_of_a_machines_files(string wimgapiVersion, bool withErrors, Outcome expected)
    {
        // A copy of PXE01's files under <root>/PXE01/C/..., as a snapshot tool would leave it.
        Write(Path.Combine("PXE01", "C", "WINDOWS", "System32", "wimgapi.dll"), new PeImageBuilder { FileVersion = Version.Parse(wimgapiVersion) }.Build());
        var log = CcmLine("Found boot image CEN00005", "08:00:00.000")
            + (withErrors ? CcmLine(@"Failed to remove the temporary folder C:\WINDOWS\Temp\PXEBootfiles (0x80070005)", "08:06:40.001", 3) : string.Empty);
        Write(Path.Combine("PXE01", "C", "Program Files", "SMS_CCM", "Logs", "SMSPXE.log"), Encoding.UTF8.GetBytes(log));

        var report = await Engine(Copies()).EvaluateAsync(new[] { Pxe01 });

        var result = report.Results.Should().ContainSingle().Subject;
        result.Outcome.Should().Be(expected, result.Explanation);
    }

    [Fact]
    public async Task A_snapshot_collected_from_files_on_linux_gives_the_live_results_when_read_back()
    {
        Write(Path.Combine("PXE01", "C", "WINDOWS", "System32", "wimgapi.dll"), new PeImageBuilder { FileVersion = Version.Parse("6.0.6000.16386") }.Build());
        Write(Path.Combine("PXE01", "C", "Program Files", "SMS_CCM", "Logs", "SMSPXE.log"),
            Encoding.UTF8.GetBytes(CcmLine(@"Failed to remove the temporary folder C:\WINDOWS\Temp\PXEBootfiles (0x80070005)", "08:06:40.001", 3)));
        var engine = Engine(Copies());

        var live = await engine.EvaluateAsync(new[] { Pxe01 });
        var path = Path.Combine(root, "pxe01.json");
        PxeRules.Snapshots.SnapshotFile.Write(live.Facts, path);
        var read = PxeRules.Snapshots.SnapshotFile.Read(path);
        var replayed = engine.Evaluate(read.Facts!);

        read.Diagnostics.Should().BeEmpty();
        live.Results.Single().Outcome.Should().Be(Outcome.Detected);
        replayed.Results.Select(r => (r.Rule.Id, r.Outcome, r.Explanation)).Should().Equal(live.Results.Select(r => (r.Rule.Id, r.Outcome, r.Explanation)));
        read.Facts!.Records.Select(r => r.Call.ToString()).Should().BeEquivalentTo(live.Facts.Records.Select(r => r.Call.ToString()));
    }

    [Fact]
    public async Task A_machine_whose_files_cannot_be_reached_leaves_the_rule_inconclusive()
    {
        var options = new FileSystemProbeOptions { Variables = Copies().Variables, MapPath = (_, _) => null };

        var report = await Engine(options).EvaluateAsync(new[] { Pxe01 });

        report.Results.Single().Outcome.Should().Be(Outcome.Inconclusive);
    }

    private FileSystemProbeOptions Copies() => new()
    {
        Variables = new Dictionary<string, string> { ["windir"] = @"C:\WINDOWS", ["ProgramFiles"] = @"C:\Program Files" },
        MapPath = (machine, path) => Path.Combine(root, machine.Name, path.Replace(":", string.Empty).Replace('\\', Path.DirectorySeparatorChar)),
    };

    private static RuleEngine Engine(FileSystemProbeOptions options)
    {
        var knowledgeBase = new RuleLoader().AddText(Rule, "test.yaml").LoadOrThrow();
        return RuleEngine.CreateBuilder().AddRules(knowledgeBase).AddProvider(new FileSystemProbeProvider(options)).Build();
    }
}
