using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using PxeRules.Bundles;
using PxeRules.Probes;
using Xunit;

namespace PxeRules.Tests.Bundles;

/// <summary>The bundle provider answers each probe kind from the collector's files, and says what is missing.</summary>
public sealed class BundleProviderTests : IDisposable
{
    private static readonly string Seed1 = Repository.Path("samples", "bundles", "pxe01-osimage-access-denied");
    private static readonly string Healthy = Repository.Path("samples", "bundles", "pxe01-healthy");
    private readonly string folder = Directory.CreateTempSubdirectory("pxerules-bundle-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static async Task<ProbeResult> Probe(BundleProbeProvider bundle, string kind, params (string Name, object? Value)[] args) =>
        await bundle.ProbeAsync(new ProbeCall(bundle.Machine, kind, args.ToDictionary(a => a.Name, a => a.Value)), CancellationToken.None);

    private string CopyOf(string sample)
    {
        var target = Path.Combine(folder, Path.GetFileName(sample));
        foreach (var file in Directory.GetFiles(sample, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(sample, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        return target;
    }

    [Fact]
    public async Task The_machine_and_its_roles_and_the_collection_time_come_from_the_bundle()
    {
        using var bundle = BundleProbeProvider.Open(Seed1);

        bundle.Machine.Name.Should().Be("PXE01");
        bundle.Machine.Roles.Should().Equal(MachineRoles.PxeServicePoint, MachineRoles.DistributionPoint);
        bundle.CollectedAt.Should().Be(new DateTimeOffset(2026, 11, 25, 10, 0, 0, 421, TimeSpan.Zero));
        (await Probe(bundle, "service", ("name", "WDSServer"))).Value.Should().BeEquivalentTo(new Dictionary<string, object?>
        {
            ["name"] = "WDSServer", ["displayName"] = "Windows Deployment Services Server", ["state"] = "Running", ["startMode"] = "Automatic", ["account"] = "LocalSystem",
        });
    }

    [Fact]
    public async Task The_pxebootfiles_folder_gives_its_access_rules_from_cacls()
    {
        using var bundle = BundleProbeProvider.Open(Seed1);

        var folder = await Probe(bundle, "folder", ("path", "%WdsTemp%\\PXEBootfiles"));

        folder.Status.Should().Be(ProbeStatus.Value);
        var record = (IReadOnlyDictionary<string, object?>)folder.Value!;
        record["path"].Should().Be("C:\\WINDOWS\\Temp\\PXEBootfiles");
        record.Should().NotContainKey("owner", "dir /q cut the owner's SID to 23 characters, so it is not known");
        ((object?[])record["access"]!).Should().HaveCount(4);
    }

    [Fact]
    public async Task Access_denied_on_standard_error_makes_the_folder_unavailable_never_not_found()
    {
        var copy = CopyOf(Seed1);
        File.WriteAllText(Path.Combine(copy, "dir-pxebootfiles.txt"), " Volume in drive C has no label.\r\n Volume Serial Number is 5C1E-7A3B\r\n\r\n Directory of C:\\WINDOWS\\Temp\\PXEBootfiles\r\n\r\n");
        Directory.CreateDirectory(Path.Combine(copy, "stderr"));
        File.WriteAllText(Path.Combine(copy, "stderr", "dir-pxebootfiles.txt.err"), "Access is denied.\r\n");
        var manifest = File.ReadAllText(Path.Combine(copy, "manifest.txt"));
        File.WriteAllText(Path.Combine(copy, "manifest.txt"), manifest.Replace("path=dir-pxebootfiles.txt\r\ncommand=dir /a /q \"C:\\WINDOWS\\Temp\\PXEBootfiles\"\r\nexit=0", "path=dir-pxebootfiles.txt\r\ncommand=dir /a /q \"C:\\WINDOWS\\Temp\\PXEBootfiles\"\r\nexit=1"));
        using var bundle = BundleProbeProvider.Open(copy);

        var result = await Probe(bundle, "folder", ("path", "%WdsTemp%\\PXEBootfiles"));

        result.Status.Should().Be(ProbeStatus.Unavailable);
        result.Reason.Should().Be("Access is denied: the folder exists but the account that ran the collector cannot read it (dir-pxebootfiles.txt: Access is denied.)");
    }

    [Fact]
    public async Task A_fact_the_bundle_has_no_file_for_is_unavailable_with_what_would_answer_it()
    {
        using var bundle = BundleProbeProvider.Open(Seed1);

        var dns = await Probe(bundle, "service", ("name", "DNS"));
        var dhcp = await Probe(bundle, "dhcp.options");
        var packages = await Probe(bundle, "configmgr.pxePackages");

        dns.Status.Should().Be(ProbeStatus.Unavailable);
        dns.Reason.Should().Be("The service DNS (sc-queryex-dns.txt, sc-queryex-all.txt): not in the bundle of PXE01 (collect-pxe.cmd 1.0); run collect-pxe.cmd 1.0 or later as an administrator on the server");
        dhcp.Status.Should().Be(ProbeStatus.Unavailable);
        dhcp.Reason.Should().StartWith("DHCP scope options are not collected");
        packages.Reason.Should().Be("configmgr.pxePackages is read from the site database through the SMS Provider, which a bundle of PXE01 does not hold: add a snapshot of the site server (pxerules collect on it) with --snapshot");
    }

    [Fact]
    public async Task A_missing_service_registry_key_and_file_are_not_found_by_language_neutral_evidence()
    {
        using var healthy = BundleProbeProvider.Open(Healthy);

        (await Probe(healthy, "service", ("name", "DHCPServer"))).Status.Should().Be(ProbeStatus.NotFound, "sc exited with 1060");
        (await Probe(healthy, "registry.value", ("key", "HKLM\\SOFTWARE\\Microsoft\\SMS\\PXE"), ("name", "CacheExpire"))).Status.Should().Be(ProbeStatus.NotFound, "the 64-bit view has no SMS key");
        (await Probe(healthy, "registry.value", ("key", "HKLM\\SOFTWARE\\Microsoft\\SMS\\PXE"), ("name", "CacheExpire"), ("view", "32"))).Value.Should().Be(120d);
        (await Probe(healthy, "folder", ("path", "%WdsTemp%\\PXEBootfiles"))).Status.Should().Be(ProbeStatus.NotFound);
    }

    [Fact]
    public async Task The_wds_record_comes_from_the_reg_export_with_exact_types()
    {
        using var healthy = BundleProbeProvider.Open(Healthy);

        var wds = (IReadOnlyDictionary<string, object?>)(await Probe(healthy, "wds")).Value!;

        wds["rootFolder"].Should().Be("D:\\RemoteInstall");
        wds["providersOrder"].Should().BeEquivalentTo(new object[] { "SMSPXE" });
        wds["pxeProviders"].Should().BeEquivalentTo(new object[] { "BINLSVC", "SMSPXE" });
        wds["answerRequests"].Should().Be(false);
        wds["useDhcpPorts"].Should().Be(1d);
    }

    [Fact]
    public async Task Log_entries_map_the_rules_paths_to_the_copies_by_their_origin_folder()
    {
        using var bundle = BundleProbeProvider.Open(Seed1);

        var denied = await Probe(bundle, "log.entries",
            ("paths", new object?[] { "C:\\Program Files\\SMS_CCM\\Logs\\SMSPXE*.lo?", "%windir%\\System32\\CCM\\Logs\\SMSPXE*.lo?" }),
            ("match", "(?i)0x80070005|access is denied"));
        var elsewhere = await Probe(bundle, "log.entries", ("paths", new object?[] { "%windir%\\System32\\CCM\\Logs\\SMSPXE*.lo?" }));
        var notLooked = await Probe(bundle, "log.entries", ("paths", new object?[] { "E:\\SMS\\Logs\\SMSPXE*.lo?" }));

        var entries = (object?[])denied.Value!;
        entries.Should().HaveCount(2);
        ((IReadOnlyDictionary<string, object?>)entries[0]!)["log"].Should().Be("C:\\Program Files\\SMS_CCM\\Logs\\SMSPXE.log");
        elsewhere.Status.Should().Be(ProbeStatus.NotFound, "the collector looked in that folder and it was absent");
        notLooked.Status.Should().Be(ProbeStatus.Unavailable);
        notLooked.Reason.Should().Be("The collector did not look in E:\\SMS\\Logs on PXE01 (logs\\origins.txt lists where it looked).");
    }

    [Fact]
    public async Task A_damaged_output_makes_only_its_facts_unavailable_naming_file_and_line()
    {
        var copy = CopyOf(Seed1);
        File.WriteAllText(Path.Combine(copy, "sc-queryex-wdsserver.txt"), "\r\nSERVICE_NAME: WDSServer\r\n        STATE              : RUNNING\r\n");
        using var bundle = BundleProbeProvider.Open(copy);

        var service = await Probe(bundle, "service", ("name", "WDSServer"));
        var wds = await Probe(bundle, "wds");

        service.Status.Should().Be(ProbeStatus.Unavailable);
        service.Reason.Should().Be("sc-queryex-wdsserver.txt line 3 is not in a form this reader knows: expected a state number from 1 to 7; found 'RUNNING'.");
        wds.Status.Should().Be(ProbeStatus.Value);
    }

    [Fact]
    public void A_folder_without_a_manifest_is_not_a_bundle()
    {
        var act = () => BundleProbeProvider.Open(Repository.Path("samples", "logs", "pxe02-ticket"));

        act.Should().Throw<InvalidDataException>().WithMessage("*pxe02-ticket is not a bundle from collect-pxe.cmd: it has no manifest.txt. For a folder of logs, use --logs.");
    }
}
