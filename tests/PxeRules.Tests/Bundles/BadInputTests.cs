using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using FluentAssertions;
using PxeRules.Bundles;
using PxeRules.Cli;
using Xunit;

namespace PxeRules.Tests.Bundles;

/// <summary>
/// Hostile or broken bundles: entries that climb out, absolute paths, drive letters, links, zip bombs, too many or
/// too large files, binary outputs. Each is a clear error naming the entry, exit 2 from the tool, and nothing written.
/// </summary>
public sealed class BadInputTests : IDisposable
{
    private static readonly string Seed1 = Repository.Path("samples", "bundles", "pxe01-osimage-access-denied");
    private readonly string folder = Directory.CreateTempSubdirectory("pxerules-bad-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Zip(string name, Action<ZipArchive> fill)
    {
        var path = Path.Combine(folder, name);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            foreach (var file in Directory.GetFiles(Seed1))
            {
                zip.CreateEntryFromFile(file, "pxerules-bundle-PXE01/" + Path.GetFileName(file));
            }

            fill(zip);
        }

        return path;
    }

    private static void Add(ZipArchive zip, string name, byte[] content)
    {
        using var stream = zip.CreateEntry(name).Open();
        stream.Write(content);
    }

    private static Task<(int Code, string Out, string Err)> Run(params string[] args) => PxeRules.Tests.Cli.InProcessCli.RunAsync(args);

    [Theory]
    [InlineData("../evil.txt", "climbs out of the bundle ('..')")]
    [InlineData("pxerules-bundle-PXE01/../../evil.txt", "climbs out of the bundle ('..')")]
    [InlineData("/etc/evil.txt", "is an absolute path")]
    [InlineData("\\Windows\\evil.txt", "is an absolute path")]
    [InlineData("C:/Windows/evil.txt", "names a drive or a stream (':')")]
    [InlineData("pxerules-bundle-PXE01/ver.txt:stream", "names a drive or a stream (':')")]
    public void An_entry_that_leaves_the_bundle_is_refused_naming_it(string entry, string why)
    {
        var path = Zip("climb.zip", zip => Add(zip, entry, new byte[] { 0x41 }));

        var act = () => BundleProbeProvider.Open(path);

        act.Should().Throw<InvalidDataException>().WithMessage($"The entry '{entry}' in {path} {why}; nothing was read.");
    }

    [Fact]
    public void A_symbolic_link_entry_is_refused()
    {
        var path = Zip("link.zip", zip =>
        {
            var link = zip.CreateEntry("pxerules-bundle-PXE01/ver.txt.lnk");
            link.ExternalAttributes = unchecked((int)(0xA1FFu << 16));
            using var stream = link.Open();
            stream.Write("/etc/passwd"u8);
        });

        var act = () => BundleProbeProvider.Open(path);

        act.Should().Throw<InvalidDataException>().WithMessage($"The entry 'pxerules-bundle-PXE01/ver.txt.lnk' in {path} is a symbolic link; a bundle holds plain files only. Nothing was read.");
    }

    [Fact]
    public void A_link_in_a_bundle_folder_is_refused()
    {
        var bundle = Path.Combine(folder, "linked");
        Directory.CreateDirectory(bundle);
        foreach (var file in Directory.GetFiles(Seed1)) File.Copy(file, Path.Combine(bundle, Path.GetFileName(file)));
        File.CreateSymbolicLink(Path.Combine(bundle, "reg-sms.txt.link"), "/etc/hostname");

        var act = () => BundleProbeProvider.Open(bundle);

        act.Should().Throw<InvalidDataException>().WithMessage($"'reg-sms.txt.link' in {bundle} is a link; a bundle holds plain files only. Nothing was read.");
    }

    [Fact]
    public void A_zip_bomb_is_refused_by_its_expansion_ratio_before_anything_is_expanded()
    {
        var path = Zip("bomb.zip", zip =>
        {
            var entry = zip.CreateEntry("pxerules-bundle-PXE01/logs/01-x/SMSPXE.log", CompressionLevel.SmallestSize);
            using var stream = entry.Open();
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 64; i++) stream.Write(zeros);
        });

        var act = () => BundleProbeProvider.Open(path);

        act.Should().Throw<InvalidDataException>().WithMessage($"The entry 'pxerules-bundle-PXE01/logs/01-x/SMSPXE.log' in {path} expands * times (more than 200), as a zip bomb does; nothing was read.");
    }

    [Fact]
    public void Total_size_and_entry_count_are_bounded()
    {
        var path = Zip("many.zip", zip =>
        {
            for (var i = 0; i < 40; i++) Add(zip, $"pxerules-bundle-PXE01/logs/01-x/f{i}.log", new byte[1000]);
        });

        var tooMany = () => BundleProbeProvider.Open(path, new EvidenceLimits { MaxEntries = 30 });
        var tooLarge = () => BundleProbeProvider.Open(path, new EvidenceLimits { MaxTotalBytes = 20_000 });

        tooMany.Should().Throw<InvalidDataException>().WithMessage($"{path} holds more than 30 entries, the limit; nothing was read.");
        tooLarge.Should().Throw<InvalidDataException>().WithMessage($"{path} expands to more than 20000 bytes, the limit; nothing was read.");
    }

    [Fact]
    public void A_command_output_larger_than_its_bound_is_an_error_naming_the_file()
    {
        var path = Zip("huge.zip", zip => Add(zip, "pxerules-bundle-PXE01/reg-uninstall.txt", Encoding.ASCII.GetBytes(new string('x', 5000))));

        var act = () => BundleProbeProvider.Open(path, new EvidenceLimits { MaxTextBytes = 4096 });

        act.Should().Throw<InvalidDataException>().WithMessage($"'pxerules-bundle-PXE01\\reg-uninstall.txt' in {path} is 5000 bytes; a command output is at most 4096 bytes.");
    }

    [Fact]
    public void A_binary_command_output_is_an_error_naming_the_file()
    {
        var path = Zip("binary.zip", zip => Add(zip, "pxerules-bundle-PXE01/reg-sms.txt", new byte[] { 0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00 }));

        var act = () => BundleProbeProvider.Open(path);

        act.Should().Throw<InvalidDataException>().WithMessage("'reg-sms.txt' cannot be read as text: *");
    }

    [Fact]
    public void A_file_that_is_not_a_zip_is_a_clear_error()
    {
        var path = Path.Combine(folder, "bundle.zip");
        File.WriteAllText(path, "not a zip");

        var act = () => BundleProbeProvider.Open(path);

        act.Should().Throw<InvalidDataException>().WithMessage($"'{path}' is neither a folder nor a zip file that can be read: *");
    }

    [Fact]
    public async Task Import_of_a_hostile_zip_exits_2_names_the_entry_and_writes_nothing()
    {
        var zip = Zip("climb.zip", z => Add(z, "../../evil.txt", new byte[] { 0x41 }));
        var target = Path.Combine(folder, "out", "pxe01.json");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);

        var (code, output, error) = await Run("import", zip, "-o", target);

        code.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().Be($"pxerules: error: import {zip}: The entry '../../evil.txt' in {zip} climbs out of the bundle ('..'); nothing was read.\n".Replace("\n", Environment.NewLine));
        Directory.GetFileSystemEntries(Path.GetDirectoryName(target)!).Should().BeEmpty("no snapshot, not even a temporary file, is left behind");
        File.Exists(Path.Combine(folder, "evil.txt")).Should().BeFalse();
        File.Exists(Path.Combine(Path.GetDirectoryName(folder)!, "evil.txt")).Should().BeFalse();
    }

    [Fact]
    public async Task Check_of_a_bundle_with_a_binary_output_exits_2()
    {
        var zip = Zip("binary.zip", z => Add(z, "pxerules-bundle-PXE01/sc-qc-dns.txt", new byte[] { 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07 }));

        var (code, _, error) = await Run("check", "--bundle", zip);

        code.Should().Be(2);
        error.Should().StartWith($"pxerules: error: --bundle {zip}: 'sc-qc-dns.txt' cannot be read as text:");
    }
}
