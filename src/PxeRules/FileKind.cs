using System;
using System.IO;
using System.Runtime.InteropServices;

namespace PxeRules;

/// <summary>
/// Tells a regular file from a FIFO, a socket or a device before it is opened: opening a FIFO for reading waits for
/// a writer that may never come, and a device may never end. On Windows, named pipes and devices are not in the
/// file system's folders; on Linux the file's type is read with <c>lstat</c>.
/// </summary>
internal static class FileKind
{
    private const int TypeMask = 0xF000;
    private const int RegularType = 0x8000;

    /// <summary>Null when <paramref name="path"/> is a regular file (or its type cannot be told here); otherwise what it is.</summary>
    public static string? NotRegular(string path)
    {
        if (Directory.Exists(path)) return "a folder";
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return null;

        var offset = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => 24,
            Architecture.Arm64 => 16,
            _ => -1,
        };
        if (offset < 0) return null;

        // struct stat is at most 144 bytes on these architectures; st_mode is 32 bits at the offset above.
        var buffer = new byte[256];
        var name = System.Text.Encoding.UTF8.GetBytes(path + "\0");
        try
        {
            if (Stat(name, buffer) != 0) return null;
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            // A C library without a 'stat' export (glibc before 2.33 names it __xstat): the type is not told.
            return null;
        }

        var mode = BitConverter.ToInt32(buffer, offset);
        return (mode & TypeMask) switch
        {
            RegularType => null,
            0x1000 => "a FIFO (named pipe)",
            0xC000 => "a socket",
            0x2000 => "a character device",
            0x6000 => "a block device",
            _ => "not a regular file",
        };
    }

    [DllImport("libc", EntryPoint = "stat", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Stat(byte[] path, byte[] buffer);
}
