using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using PxeRules.Facts;
using PxeRules.Loading;
using PxeRules.Model;
using PxeRules.Probes;

namespace PxeRules.Snapshots;

/// <summary>The outcome of reading a snapshot: the facts when the file is valid, and every diagnostic.</summary>
public sealed class SnapshotReadResult
{
    internal SnapshotReadResult(FactTable? facts, string? pxeRulesVersion, IReadOnlyList<Diagnostic> diagnostics)
    {
        Facts = facts;
        PxeRulesVersion = pxeRulesVersion;
        Diagnostics = diagnostics;
    }

    /// <summary>The facts, or <see langword="null"/> when the snapshot has errors.</summary>
    public FactTable? Facts { get; }

    /// <summary>The version of PxeRules that wrote the snapshot, when it says.</summary>
    public string? PxeRulesVersion { get; }

    /// <summary>Every problem found, with file, line and column.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>Whether the snapshot was read without errors.</summary>
    public bool Success => Facts is not null;
}

/// <summary>
/// Writes and reads snapshots: a <see cref="FactTable"/> written down as JSON (format in <c>docs/snapshot-format.md</c>),
/// so facts collected on one machine can be evaluated on another, later, on any OS.
/// </summary>
public static class SnapshotFile
{
    /// <summary>The format version this library writes and reads.</summary>
    public const int FormatVersion = 1;

    private const string FormatName = "pxerules-snapshot";

    /// <summary>Writes <paramref name="facts"/> as a snapshot to <paramref name="stream"/> (UTF-8, not disposed).</summary>
    public static void Write(FactTable facts, Stream stream)
    {
        if (facts is null) throw new ArgumentNullException(nameof(facts));
        if (stream is null) throw new ArgumentNullException(nameof(stream));
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 65536, leaveOpen: true) { NewLine = "\n" };
        var json = new JsonText(writer);
        json.Begin('{');
        json.Property("format", true);
        json.String(FormatName);
        json.Property("formatVersion", false);
        json.Value(FormatVersion);
        json.Property("pxeRulesVersion", false);
        json.String(typeof(SnapshotFile).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
        json.Property("collectedAt", false);
        json.Value(facts.CollectedAt);
        json.Property("machines", false);
        json.Begin('[');
        var firstMachine = true;
        foreach (var machine in facts.Machines)
        {
            if (!firstMachine) json.Raw(",");
            firstMachine = false;
            json.NewLine();
            json.Begin('{');
            json.Property("name", true);
            json.String(machine.Name);
            json.Property("roles", false);
            json.Value(machine.Roles);
            json.Property("probes", false);
            json.Begin('[');
            var records = facts.Records.Where(r => r.Call.Machine.Equals(machine)).OrderBy(r => r.Call.Key, StringComparer.OrdinalIgnoreCase).ToArray();
            for (var i = 0; i < records.Length; i++)
            {
                if (i > 0) json.Raw(",");
                json.NewLine();
                WriteRecord(json, records[i]);
            }

            json.End(']', records.Length == 0);
            json.End('}', false);
        }

        json.End(']', facts.Machines.Count == 0);
        json.End('}', false);
        writer.Write('\n');
    }

    /// <summary>
    /// Writes <paramref name="facts"/> as a snapshot file at <paramref name="path"/>, atomically: to a temporary file
    /// beside it that replaces the file only once complete, so a failure or an interruption leaves the previous file.
    /// </summary>
    /// <exception cref="IOException">The path is a folder, or the file cannot be written.</exception>
    public static void Write(FactTable facts, string path)
    {
        if (facts is null) throw new ArgumentNullException(nameof(facts));
        AtomicFile.Write(path, stream => Write(facts, stream));
    }

    /// <summary>Reads a snapshot file. Never throws for bad input: problems are diagnostics naming line and column.</summary>
    /// <param name="path">The file.</param>
    /// <param name="catalog">The probe kinds whose declared types parse the values (default: <see cref="ProbeCatalog.Default"/>).</param>
    /// <param name="limits">Bounds on the file (default: <see cref="LoadLimits.Default"/>).</param>
    public static SnapshotReadResult Read(string path, ProbeCatalog? catalog = null, LoadLimits? limits = null)
    {
        if (string.IsNullOrEmpty(path)) throw new ArgumentException("A path is needed.", nameof(path));
        try
        {
            if (File.Exists(path) && FileKind.NotRegular(path) is { } kind)
            {
                return Failed(path, DiagnosticCodes.IoError, $"The snapshot cannot be read: it is {kind}, not a file.", 0, 0);
            }

            if (Directory.Exists(path))
            {
                return Failed(path, DiagnosticCodes.IoError, "The snapshot cannot be read: it is a folder, not a file.", 0, 0);
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            return Read(stream, path, catalog, limits);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException or System.Security.SecurityException)
        {
            return Failed(path, DiagnosticCodes.IoError, $"The snapshot cannot be read: {ex.Message}", 0, 0);
        }
    }

    /// <summary>Reads a snapshot from a stream (not disposed).</summary>
    /// <param name="stream">UTF-8 or UTF-16 JSON.</param>
    /// <param name="sourceName">The name diagnostics give for it.</param>
    /// <param name="catalog">The probe kinds whose declared types parse the values (default: <see cref="ProbeCatalog.Default"/>).</param>
    /// <param name="limits">Bounds on the file (default: <see cref="LoadLimits.Default"/>).</param>
    public static SnapshotReadResult Read(Stream stream, string sourceName, ProbeCatalog? catalog = null, LoadLimits? limits = null)
    {
        if (stream is null) throw new ArgumentNullException(nameof(stream));
        limits ??= LoadLimits.Default;
        if (HasMoreThan(stream, limits.MaxSnapshotBytes))
        {
            return Failed(sourceName, DiagnosticCodes.FileTooLarge, $"The snapshot is larger than {limits.MaxSnapshotBytes} bytes, the limit.", 1, 1);
        }

        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        try
        {
            while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > limits.MaxSnapshotBytes)
                {
                    return Failed(sourceName, DiagnosticCodes.FileTooLarge, $"The snapshot is larger than {limits.MaxSnapshotBytes} bytes, the limit.", 1, 1);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or NotSupportedException or ObjectDisposedException)
        {
            return Failed(sourceName, DiagnosticCodes.IoError, $"The snapshot cannot be read: {ex.Message}", 0, 0);
        }

        var diagnostics = new DiagnosticBag();
        var text = TextDecoding.Decode(buffer.GetBuffer(), (int)buffer.Length, sourceName, diagnostics);
        if (text is null)
        {
            return new SnapshotReadResult(null, null, diagnostics.Items);
        }

        // JSON is YAML: the YAML reader gives every node its line and column, and enforces the same limits. Reading
        // costs at most about 8 bytes of memory per byte of the file: the bytes and the decoded text take about 4, and
        // the nodes and the values made from them may take the other 4 (at least 256 MiB), past which reading stops
        // with a located error rather than exhaust the heap.
        var memoryBudget = Math.Max(4 * buffer.Length, 256L << 20);
        var documents = new YamlDocumentReader(sourceName, limits, diagnostics, limits.MaxStringLength * 16, memoryBudget).Read(text);
        if (diagnostics.ErrorCount > 0)
        {
            return new SnapshotReadResult(null, null, diagnostics.Items);
        }

        if (documents.Count != 1 || documents[0].Root is null)
        {
            diagnostics.Error(DiagnosticCodes.SyntaxError, "A snapshot holds exactly one JSON object.", new SourceLocation(sourceName, 1, 1));
            return new SnapshotReadResult(null, null, diagnostics.Items);
        }

        var reader = new SnapshotReader(new NodeReader(sourceName, diagnostics, json: true), catalog ?? ProbeCatalog.Default);
        var facts = reader.Read(documents[0].Root!, out var version);
        return new SnapshotReadResult(diagnostics.ErrorCount == 0 ? facts : null, version, diagnostics.Items);
    }

    /// <summary>Whether a stream that knows its length holds more than <paramref name="limit"/> bytes, so it need not be read.</summary>
    internal static bool HasMoreThan(Stream stream, long limit)
    {
        try
        {
            return stream.CanSeek && stream.Length - stream.Position > limit;
        }
        catch (Exception ex) when (ex is IOException or NotSupportedException or ObjectDisposedException)
        {
            return false;
        }
    }

    private static SnapshotReadResult Failed(string source, string code, string message, int line, int column) =>
        new(null, null, new[] { new Diagnostic(code, DiagnosticSeverity.Error, message, new SourceLocation(source, line, column)) });

    private static void WriteRecord(JsonText json, FactRecord record)
    {
        json.Begin('{');
        json.Property("kind", true);
        json.String(record.Call.Kind);
        if (record.Call.Arguments.Count > 0)
        {
            json.Property("args", false);
            json.Value(record.Call.Arguments);
        }

        json.Property("status", false);
        if (record.InvalidReason is not null)
        {
            json.String("invalid");
            json.Property("reason", false);
            json.String(record.InvalidReason);
            json.Property("value", false);
            json.Value(record.Result.Value);
        }
        else
        {
            switch (record.Result.Status)
            {
                case ProbeStatus.Value:
                    json.String("value");
                    json.Property("value", false);
                    json.Value(record.Value);
                    if (record.Result.Reason is not null)
                    {
                        // How the value was read (a log read's coverage): evidence shows it beside the value.
                        json.Property("reason", false);
                        json.String(record.Result.Reason);
                    }

                    break;
                case ProbeStatus.NotFound:
                    json.String("notFound");
                    if (record.Result.Reason is not null)
                    {
                        json.Property("reason", false);
                        json.String(record.Result.Reason);
                    }

                    break;
                default:
                    json.String("unavailable");
                    json.Property("reason", false);
                    json.String(record.Result.Reason ?? "unavailable");
                    break;
            }
        }

        json.Property("durationMs", false);
        json.Value(Math.Round(record.Duration.TotalMilliseconds, 3));
        json.End('}', false);
    }
}
