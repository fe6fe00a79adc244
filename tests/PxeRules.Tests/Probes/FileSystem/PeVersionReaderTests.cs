using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using FluentAssertions;
using PxeRules.Probes.FileSystem;
using Xunit;

namespace PxeRules.Tests.Probes.FileSystem;

public class PeVersionReaderTests
{
    private static PeVersionResult Read(byte[] bytes) => PeVersionReader.Read(new MemoryStream(bytes, writable: false));

    [Fact]
    public void Reads_the_file_and_product_version_of_a_PE32_image()
    {
        var image = new PeImageBuilder { FileVersion = new Version(6, 0, 6001, 18000), ProductVersion = new Version(6, 0, 6001, 17000) }.Build();

        var result = Read(image);

        result.Status.Should().Be(PeVersionStatus.Found);
        result.FileVersion.Should().Be(new Version(6, 0, 6001, 18000));
        result.ProductVersion.Should().Be(new Version(6, 0, 6001, 17000));
        result.Reason.Should().BeNull();
        result.ToString().Should().Be("file version 6.0.6001.18000, product version 6.0.6001.17000");
    }

    [Fact]
    public void Reads_the_file_and_product_version_of_a_PE32_plus_image()
    {
        var image = new PeImageBuilder { Pe32Plus = true, FileVersion = new Version(6, 1, 7600, 16385), ProductVersion = new Version(6, 1, 7600, 16385) }.Build();

        var result = Read(image);

        result.Status.Should().Be(PeVersionStatus.Found);
        result.FileVersion.Should().Be(new Version(6, 1, 7600, 16385));
        result.ProductVersion.Should().Be(new Version(6, 1, 7600, 16385));
    }

    [Fact]
    public void Reads_every_part_as_an_unsigned_16_bit_number()
    {
        var image = new PeImageBuilder { FileVersion = new Version(65535, 0, 65535, 1) }.Build();

        Read(image).FileVersion.Should().Be(new Version(65535, 0, 65535, 1));
    }

    [Fact]
    public void Reads_the_image_that_starts_at_the_streams_position()
    {
        var image = new PeImageBuilder().Build();
        var stream = new MemoryStream();
        stream.Write(new byte[10], 0, 10);
        stream.Write(image, 0, image.Length);
        stream.Position = 10;

        PeVersionReader.Read(stream).FileVersion.Should().Be(new Version(6, 0, 6001, 18000));
    }

    [Fact]
    public void Reads_a_stream_that_cannot_seek()
    {
        var image = new PeImageBuilder().Build();

        var result = PeVersionReader.Read(new ForwardOnlyStream(image));

        result.FileVersion.Should().Be(new Version(6, 0, 6001, 18000));
    }

    [Fact]
    public void Reads_a_file_by_its_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"pxerules-{Guid.NewGuid():N}.dll");
        File.WriteAllBytes(path, new PeImageBuilder().Build());
        try
        {
            PeVersionReader.Read(path).FileVersion.Should().Be(new Version(6, 0, 6001, 18000));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Reads_System_Private_CoreLib_a_PE32_plus_image_as_FileVersionInfo_does()
    {
        var path = typeof(object).Assembly.Location;
        var expected = FileVersionInfo.GetVersionInfo(path);

        var result = PeVersionReader.Read(path);

        result.Status.Should().Be(PeVersionStatus.Found);
        result.FileVersion.Should().Be(new Version(expected.FileMajorPart, expected.FileMinorPart, expected.FileBuildPart, expected.FilePrivatePart));
        result.ProductVersion.Should().Be(new Version(expected.ProductMajorPart, expected.ProductMinorPart, expected.ProductBuildPart, expected.ProductPrivatePart));
        result.FileVersion!.Major.Should().Be(Environment.Version.Major);
    }

    [Fact]
    public void Reads_System_Runtime_a_PE32_image_as_FileVersionInfo_does()
    {
        var path = Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "System.Runtime.dll");
        var expected = FileVersionInfo.GetVersionInfo(path);

        var result = PeVersionReader.Read(path);

        result.FileVersion.Should().Be(new Version(expected.FileMajorPart, expected.FileMinorPart, expected.FileBuildPart, expected.FilePrivatePart));
        result.ProductVersion.Should().Be(new Version(expected.ProductMajorPart, expected.ProductMinorPart, expected.ProductBuildPart, expected.ProductPrivatePart));
        result.ProductVersion!.Major.Should().Be(Environment.Version.Major);
    }

    [NativePeFact("msdia140.dll")]
    public void Reads_a_native_x86_DLL()
    {
        var result = PeVersionReader.Read(NativePe.Path("msdia140.dll"));

        result.FileVersion.Should().Be(new Version(14, 50, 35313, 0));
        result.ProductVersion.Should().Be(new Version(14, 50, 35313, 0));
    }

    [NativePeFact("amd64/msdia140.dll")]
    public void Reads_a_native_x64_DLL()
    {
        var result = PeVersionReader.Read(NativePe.Path("amd64/msdia140.dll"));

        result.FileVersion.Should().Be(new Version(14, 50, 35313, 0));
    }

    [NativePeFact("covrun32.dll")]
    public void Reads_the_numeric_version_even_where_the_version_string_says_otherwise()
    {
        // covrun32.dll's string table says 18.6.25523.652306; a part is 16 bits, so the numeric field holds
        // 652306 mod 65536 = 62482, and that is what Windows compares.
        var result = PeVersionReader.Read(NativePe.Path("covrun32.dll"));

        result.FileVersion.Should().Be(new Version(18, 6, 25523, 62482));
        result.ProductVersion.Should().Be(new Version(18, 6, 25523, 62482));
    }

    [Fact]
    public void A_file_that_does_not_start_with_MZ_is_not_a_PE_image()
    {
        var result = Read(System.Text.Encoding.ASCII.GetBytes("\u007FELF this is not a Windows image"));

        result.Status.Should().Be(PeVersionStatus.NotPortableExecutable);
        result.FileVersion.Should().BeNull();
        result.ToString().Should().Be("NotPortableExecutable: The file does not start with an MZ header.");
    }

    [Fact]
    public void An_empty_file_is_not_a_PE_image()
    {
        Read(Array.Empty<byte>()).Reason.Should().Be("The file does not start with an MZ header.");
    }

    [Fact]
    public void An_MZ_file_without_a_PE_signature_is_not_a_PE_image()
    {
        var image = new PeImageBuilder().Build();
        image[PeImageBuilder.PeOffset] = (byte)'N';

        var result = Read(image);

        result.Status.Should().Be(PeVersionStatus.NotPortableExecutable);
        result.Reason.Should().Be("The file has an MZ header but no PE signature.");
    }

    [Fact]
    public void An_MZ_header_pointing_past_the_end_of_the_file_is_not_a_PE_image()
    {
        var image = new PeImageBuilder().Build();
        PeImageBuilder.WriteUInt32(image, 0x3C, 0xFFFFFFF0);

        Read(image).Reason.Should().Be("The file has an MZ header but no PE signature.");
    }

    [Fact]
    public void An_image_without_resources_has_no_version_resource()
    {
        var result = Read(new PeImageBuilder { WithResources = false }.Build());

        result.Status.Should().Be(PeVersionStatus.NoVersionResource);
        result.Reason.Should().Be("The image has no resources.");
    }

    [Fact]
    public void An_image_with_other_resources_only_has_no_version_resource()
    {
        var result = Read(new PeImageBuilder { ResourceType = 3 }.Build());

        result.Status.Should().Be(PeVersionStatus.NoVersionResource);
        result.Reason.Should().Be("The image has no version resource.");
    }

    [Fact]
    public void A_version_resource_without_fixed_file_information_has_no_version()
    {
        var result = Read(new PeImageBuilder { WithFixedFileInfo = false }.Build());

        result.Status.Should().Be(PeVersionStatus.NoVersionResource);
        result.Reason.Should().Be("The version resource has no fixed file information.");
    }

    [Fact]
    public void An_unknown_optional_header_magic_is_malformed()
    {
        var builder = new PeImageBuilder();
        var image = builder.Build();
        PeImageBuilder.WriteUInt16(image, builder.OptionalHeaderOffset, 0x107);

        var result = Read(image);

        result.Status.Should().Be(PeVersionStatus.Malformed);
        result.Reason.Should().Be("The optional header has the unknown magic 0x107.");
    }

    [Fact]
    public void A_resource_directory_outside_every_section_is_malformed()
    {
        var builder = new PeImageBuilder();
        var image = builder.Build();
        PeImageBuilder.WriteUInt32(image, builder.ResourceDirectoryEntry, 0x9000);

        Read(image).ToString().Should().Be("Malformed: The resource directory (RVA 0x9000) lies outside the file.");
    }

    [Fact]
    public void A_section_whose_data_lies_past_the_end_of_the_file_is_malformed()
    {
        var builder = new PeImageBuilder();
        var image = builder.Build();
        PeImageBuilder.WriteUInt32(image, builder.SectionTable + 20, 0x7FFFFFF0);

        Read(image).Reason.Should().Be("The resource directory (RVA 0x1000) lies outside the file.");
    }

    [Fact]
    public void A_directory_declaring_more_entries_than_fit_is_malformed()
    {
        var image = new PeImageBuilder().Build();
        PeImageBuilder.WriteUInt16(image, PeImageBuilder.SectionOffset + PeImageBuilder.RootDirectory + 12, 0xFFFF);

        Read(image).Reason.Should().Be("A resource directory (offset 0x0) declares 65536 entries that do not fit.");
    }

    [Fact]
    public void A_subdirectory_offset_outside_the_resources_is_malformed()
    {
        var image = new PeImageBuilder().Build();
        PeImageBuilder.WriteUInt32(image, PeImageBuilder.SectionOffset + PeImageBuilder.RootDirectory + 20, 0x80000000 | 0x7FFFFF00);

        Read(image).Reason.Should().Be("A resource directory (offset 0x7FFFFF00) lies outside the resource section.");
    }

    [Fact]
    public void A_directory_that_points_back_at_itself_ends_instead_of_looping()
    {
        var image = new PeImageBuilder().Build();
        PeImageBuilder.WriteUInt32(image, PeImageBuilder.SectionOffset + PeImageBuilder.RootDirectory + 20, 0x80000000);

        var result = Read(image);

        result.Status.Should().Be(PeVersionStatus.Malformed);
        result.Reason.Should().Be("The version resource goes deeper than three levels.");
    }

    [Fact]
    public void Version_data_outside_the_file_is_malformed()
    {
        var image = new PeImageBuilder().Build();
        PeImageBuilder.WriteUInt32(image, PeImageBuilder.SectionOffset + PeImageBuilder.DataEntry + 4, 0xFFFFFFFF);

        Read(image).Reason.Should().Be("The version resource's data (RVA 0x1058, 4294967295 bytes) lies outside the file.");
    }

    [Fact]
    public void A_version_resource_with_the_wrong_key_is_malformed()
    {
        var image = new PeImageBuilder().Build();
        image[PeImageBuilder.SectionOffset + PeImageBuilder.VersionInfo + 6] = (byte)'X';

        Read(image).Reason.Should().Be("The version resource does not start with VS_VERSION_INFO.");
    }

    [Fact]
    public void Fixed_file_information_with_the_wrong_signature_is_malformed()
    {
        var image = new PeImageBuilder().Build();
        PeImageBuilder.WriteUInt32(image, PeImageBuilder.SectionOffset + PeImageBuilder.VersionInfo + 40, 0x12345678);

        Read(image).Reason.Should().Be("The fixed file information has the wrong signature.");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_truncation_of_an_image_gives_a_result_without_a_version(bool pe32Plus)
    {
        var image = new PeImageBuilder { Pe32Plus = pe32Plus }.Build();

        for (var length = 0; length < image.Length; length++)
        {
            var result = Read(image.AsSpan(0, length).ToArray());

            result.Status.Should().NotBe(PeVersionStatus.Found, "the version data is the last part of the image (length {0})", length);
            result.Reason.Should().NotBeNullOrEmpty();
        }
    }

    [Fact]
    public void A_truncated_section_table_is_malformed()
    {
        var builder = new PeImageBuilder();
        var image = builder.Build().AsSpan(0, builder.SectionTable + 20).ToArray();

        var result = Read(image);

        result.Status.Should().Be(PeVersionStatus.Malformed);
        result.Reason.Should().Be("The section table is cut off.");
    }

    [Fact]
    public void Random_damage_never_throws()
    {
        var random = new Random(20080612);
        foreach (var pe32Plus in new[] { false, true })
        {
            var original = new PeImageBuilder { Pe32Plus = pe32Plus }.Build();
            for (var round = 0; round < 5000; round++)
            {
                var image = (byte[])original.Clone();
                var changes = random.Next(1, 6);
                for (var i = 0; i < changes; i++)
                {
                    image[random.Next(image.Length)] = (byte)random.Next(256);
                }

                var act = () => Read(image);

                act.Should().NotThrow();
            }
        }
    }
}
