using System;
using System.IO;

namespace PxeRules;

/// <summary>
/// A file written atomically: the content goes to a temporary file beside the target, flushed to disk, which then
/// replaces the target in one rename. Disposed without <see cref="Commit"/> (an exception, Ctrl-C, a full disk), the
/// temporary file is deleted and the target keeps its previous content.
/// </summary>
internal sealed class AtomicFile : IDisposable
{
    private readonly string target;
    private readonly string temporary;
    private bool committed;

    private AtomicFile(string target, string temporary, FileStream stream)
    {
        this.target = target;
        this.temporary = temporary;
        Stream = stream;
    }

    /// <summary>The temporary file's stream; write the whole content, then call <see cref="Commit"/>.</summary>
    public FileStream Stream { get; }

    /// <summary>Starts writing <paramref name="path"/>.</summary>
    /// <exception cref="IOException">The path is a folder, or its folder does not exist or cannot be written.</exception>
    public static AtomicFile Create(string path)
    {
        if (path is null) throw new ArgumentNullException(nameof(path));
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new IOException($"'{path}' is a folder; give a file name to write.");
        var folder = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(folder)) throw new IOException($"The folder of '{path}' does not exist.");
        var temporary = Path.Combine(folder, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
        var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024);
        return new AtomicFile(full, temporary, stream);
    }

    /// <summary>Writes <paramref name="path"/> atomically with what <paramref name="write"/> puts in the stream.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        using var file = Create(path);
        write(file.Stream);
        file.Commit();
    }

    /// <summary>Flushes the content to disk and puts it in place of the target.</summary>
    public void Commit()
    {
        Stream.Flush(flushToDisk: true);
        Stream.Dispose();
        if (File.Exists(target))
        {
            File.Replace(temporary, target, destinationBackupFileName: null, ignoreMetadataErrors: true);
        }
        else
        {
            File.Move(temporary, target);
        }

        committed = true;
    }

    /// <summary>Deletes the temporary file unless it was committed.</summary>
    public void Dispose()
    {
        Stream.Dispose();
        if (committed) return;
        try
        {
            File.Delete(temporary);
        }
        catch (IOException)
        {
            // Left behind only if the disk went away; the target is untouched either way.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
