using System;
using System.Text;

namespace PxeRules.Tests.Probes.FileSystem;

/// <summary>
/// Writes the smallest PE image the version reader accepts: headers, one .rsrc section and a three-level resource
/// tree (type 16, name 1, language 0x409) holding a VS_VERSIONINFO. The offsets are public so tests can damage
/// exactly one field.
/// </summary>
internal sealed class PeImageBuilder
{
    public const int PeOffset = 0x40;
    public const int SectionRva = 0x1000;
    public const int SectionOffset = 0x200;

    // Offsets inside the resource section.
    public const int RootDirectory = 0x00;
    public const int NameDirectory = 0x18;
    public const int LanguageDirectory = 0x30;
    public const int DataEntry = 0x48;
    public const int VersionInfo = 0x58;

    public bool Pe32Plus { get; set; }

    public Version FileVersion { get; set; } = new(6, 0, 6001, 18000);

    public Version ProductVersion { get; set; } = new(6, 0, 6001, 18000);

    /// <summary>The resource type of the only resource; 16 is RT_VERSION.</summary>
    public int ResourceType { get; set; } = 16;

    public bool WithResources { get; set; } = true;

    public bool WithFixedFileInfo { get; set; } = true;

    public int OptionalHeaderOffset => PeOffset + 24;

    public int DirectoriesOffset => OptionalHeaderOffset + (Pe32Plus ? 112 : 96);

    /// <summary>Where the resource data-directory entry (RVA, size) is written.</summary>
    public int ResourceDirectoryEntry => DirectoriesOffset + (2 * 8);

    public int SectionTable => OptionalHeaderOffset + (Pe32Plus ? 240 : 224);

    public byte[] Build()
    {
        var version = VersionInfoBytes();
        var resourceSize = VersionInfo + version.Length;
        var image = new byte[SectionOffset + resourceSize];

        image[0] = (byte)'M';
        image[1] = (byte)'Z';
        WriteUInt32(image, 0x3C, PeOffset);
        Encoding.ASCII.GetBytes("PE\0\0").CopyTo(image, PeOffset);
        WriteUInt16(image, PeOffset + 4, Pe32Plus ? 0x8664 : 0x14C);
        WriteUInt16(image, PeOffset + 6, 1);
        WriteUInt16(image, PeOffset + 20, Pe32Plus ? 240 : 224);
        WriteUInt16(image, PeOffset + 22, 0x2102);

        WriteUInt16(image, OptionalHeaderOffset, Pe32Plus ? 0x20B : 0x10B);
        WriteUInt32(image, DirectoriesOffset - 4, 16);
        if (WithResources)
        {
            WriteUInt32(image, ResourceDirectoryEntry, SectionRva);
            WriteUInt32(image, ResourceDirectoryEntry + 4, (uint)resourceSize);
        }

        Encoding.ASCII.GetBytes(".rsrc").CopyTo(image, SectionTable);
        WriteUInt32(image, SectionTable + 8, (uint)resourceSize);
        WriteUInt32(image, SectionTable + 12, SectionRva);
        WriteUInt32(image, SectionTable + 16, (uint)resourceSize);
        WriteUInt32(image, SectionTable + 20, SectionOffset);

        var r = SectionOffset;
        WriteUInt16(image, r + RootDirectory + 14, 1);
        WriteUInt32(image, r + RootDirectory + 16, (uint)ResourceType);
        WriteUInt32(image, r + RootDirectory + 20, 0x80000000 | NameDirectory);
        WriteUInt16(image, r + NameDirectory + 14, 1);
        WriteUInt32(image, r + NameDirectory + 16, 1);
        WriteUInt32(image, r + NameDirectory + 20, 0x80000000 | LanguageDirectory);
        WriteUInt16(image, r + LanguageDirectory + 14, 1);
        WriteUInt32(image, r + LanguageDirectory + 16, 0x409);
        WriteUInt32(image, r + LanguageDirectory + 20, DataEntry);
        WriteUInt32(image, r + DataEntry, SectionRva + VersionInfo);
        WriteUInt32(image, r + DataEntry + 4, (uint)version.Length);
        version.CopyTo(image, r + VersionInfo);
        return image;
    }

    public static void WriteUInt16(byte[] bytes, int at, int value)
    {
        bytes[at] = (byte)value;
        bytes[at + 1] = (byte)(value >> 8);
    }

    public static void WriteUInt32(byte[] bytes, int at, uint value)
    {
        for (var i = 0; i < 4; i++)
        {
            bytes[at + i] = (byte)(value >> (8 * i));
        }
    }

    private byte[] VersionInfoBytes()
    {
        // wLength, wValueLength, wType, "VS_VERSION_INFO\0", padding to 32 bits, VS_FIXEDFILEINFO.
        var fixedLength = WithFixedFileInfo ? 52 : 0;
        var bytes = new byte[40 + fixedLength];
        WriteUInt16(bytes, 0, bytes.Length);
        WriteUInt16(bytes, 2, fixedLength);
        Encoding.Unicode.GetBytes("VS_VERSION_INFO\0").CopyTo(bytes, 6);
        if (WithFixedFileInfo)
        {
            WriteUInt32(bytes, 40, 0xFEEF04BD);
            WriteUInt32(bytes, 44, 0x00010000);
            WriteUInt32(bytes, 48, (uint)((FileVersion.Major << 16) | FileVersion.Minor));
            WriteUInt32(bytes, 52, (uint)((FileVersion.Build << 16) | FileVersion.Revision));
            WriteUInt32(bytes, 56, (uint)((ProductVersion.Major << 16) | ProductVersion.Minor));
            WriteUInt32(bytes, 60, (uint)((ProductVersion.Build << 16) | ProductVersion.Revision));
        }

        return bytes;
    }
}
