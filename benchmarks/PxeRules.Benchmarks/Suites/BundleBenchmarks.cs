using System;
using System.IO;
using System.IO.Compression;
using System.Text;
using BenchmarkDotNet.Attributes;
using PxeRules.Bundles;
using PxeRules.Evaluation;
using PxeRules.Model;

namespace PxeRules.Benchmarks.Suites;

/// <summary>
/// Bundle: collect every fact the bundled knowledge base needs from a 200 MB bundle of a PXE service point, mostly
/// logs (four CCM logs of 50 MiB), read from its folder (the baseline) and from its zip.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class BundleBenchmarks
{
    private readonly KnowledgeBase rules = KnowledgeBase.LoadBundled();
    private string root = null!;
    private string folder = null!;
    private string zip = null!;

    [GlobalSetup]
    public void Setup()
    {
        root = Directory.CreateTempSubdirectory("pxerules-bundle-bench-").FullName;
        folder = Path.Combine(root, "pxerules-bundle-PXE01");
        Write(folder);
        zip = Path.Combine(root, "bundle.zip");
        ZipFile.CreateFromDirectory(folder, zip, CompressionLevel.Fastest, includeBaseDirectory: true);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(root, recursive: true);

    [Benchmark(Baseline = true)]
    public int Folder() => Collect(folder);

    [Benchmark]
    public int Zip() => Collect(zip);

    private int Collect(string path)
    {
        using var bundle = BundleProbeProvider.Open(path);
        var engine = RuleEngine.CreateBuilder().AddRules(rules).AddBundle(bundle).Build();
        return engine.CollectAsync(new[] { bundle.Machine }).GetAwaiter().GetResult().Records.Count;
    }

    private static void Write(string folder)
    {
        var logs = Path.Combine(folder, "logs", "01-ccm-logdirectory");
        Directory.CreateDirectory(logs);
        File.WriteAllText(Path.Combine(folder, "manifest.txt"),
            "format=pxerules-bundle/1\r\ncollector=collect-pxe.cmd 1.0\r\ncomputer=PXE01\r\nstarted=20261125100000.000000+000\r\nPROCESSOR_ARCHITECTURE=x86\r\nSystemRoot=C:\\WINDOWS\r\nProgramFiles=C:\\Program Files\r\n", Encoding.ASCII);
        File.WriteAllText(Path.Combine(folder, "reg-wdsserver.txt"),
            "! REG.EXE VERSION 3.0\r\n\r\nHKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\WDSServer\r\n\r\n" +
            "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\WDSServer\\Providers\\WDSPXE\\Providers\\SMSPXE\r\n    ProviderDLL\tREG_SZ\tC:\\Program Files\\SMS_CCM\\smspxe.dll\r\n", Encoding.ASCII);
        File.WriteAllText(Path.Combine(folder, "logs", "origins.txt"), "01|ccm-logdirectory|C:\\Program Files\\SMS_CCM\\Logs|present\r\n", Encoding.ASCII);
        var time = new DateTime(2026, 10, 1);
        foreach (var (name, component) in new[] { ("SMSPXE.lo_", "SMSPXE"), ("SMSPXE.log", "SMSPXE"), ("smsdpprov.lo_", "SMSDPPROV"), ("smsdpprov.log", "SMSDPPROV") })
        {
            using var writer = new StreamWriter(Path.Combine(logs, name), false, new UTF8Encoding(false), 1 << 16);
            long written = 0;
            for (var i = 0; written < 50L << 20; i++)
            {
                time = time.AddSeconds(7);
                var line = $"<![LOG[MAC=00:1E:C9:4B:2A:{i % 256:X2} SMBIOS GUID=4C4C4544-0039-4710-8058-B3C04F4A4E31 > Device found in the database. MacCount=1 GuidCount=1]LOG]!><time=\"{time:HH:mm:ss}.000+000\" date=\"{time:MM-dd-yyyy}\" component=\"{component}\" context=\"\" type=\"1\" thread=\"3388\" file=\"\">\r\n";
                writer.Write(line);
                written += line.Length;
            }
        }
    }
}
