using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PxeRules.Probes;

namespace PxeRules.Bundles;

/// <summary>
/// Answers probe calls for one server from a bundle written by <c>collectors/collect-pxe.cmd</c> (a folder, or a zip of
/// it; format in <c>docs/bundle-format.md</c>). Each fact comes from the output of the in-box command that shows it; a
/// fact the bundle has no output for is unavailable with a reason naming what would answer it, never not found.
/// Opening checks the whole bundle (limits, encodings, the manifest); answering parses each file once. Thread-safe.
/// </summary>
public sealed class BundleProbeProvider : IProbeProvider, IDisposable
{
    private static readonly IReadOnlyCollection<ProbeKind> ServedKinds =
        ProbeCatalog.Default.Kinds.Where(k => k.Name != DefaultProbeKinds.ReportedSymptoms.Name).ToArray();

    private readonly BundleFacts facts;

    private BundleProbeProvider(BundleFacts facts)
    {
        this.facts = facts;
        Machine = new Machine(facts.ComputerName, facts.Roles());
    }

    /// <summary>
    /// The server the bundle was collected on, with the roles its files show: <c>pxe-service-point</c> when the SMSPXE
    /// provider is registered or SMSPXE logs were copied, <c>distribution-point</c> when it has an SMSPXEIMAGES$ share,
    /// <c>site-server</c> when a site is installed or distmgr logs were copied, <c>dhcp-server</c> when the DHCP Server
    /// service is installed.
    /// </summary>
    public Machine Machine { get; }

    /// <summary>When collection started on the server (the manifest's <c>started</c>), or <see langword="null"/> when it does not say.</summary>
    public DateTimeOffset? CollectedAt => facts.Started;

    /// <summary>The folder or zip the bundle was read from.</summary>
    public string Source => facts.Files.Source;

    /// <inheritdoc />
    public IReadOnlyCollection<ProbeKind> Kinds => ServedKinds;

    /// <summary>
    /// Opens a bundle: a folder holding <c>manifest.txt</c>, or a zip of such a folder (the manifest at the top or in
    /// one folder). The zip is read in place, never extracted.
    /// </summary>
    /// <param name="path">The folder or zip.</param>
    /// <exception cref="InvalidDataException">The input is not a bundle, or breaks a bound: an entry that climbs out
    /// of the bundle, is absolute, names a drive or is a link; a zip bomb; too many or too large files; a command output
    /// that is binary or not in its encoding. The message names the file.</exception>
    /// <exception cref="IOException">The folder or zip cannot be read.</exception>
    public static BundleProbeProvider Open(string path) => Open(path, EvidenceLimits.Default);

    internal static BundleProbeProvider Open(string path, EvidenceLimits limits)
    {
        if (string.IsNullOrEmpty(path)) throw new ArgumentException("A path is needed.", nameof(path));
        var files = EvidenceFiles.Open(path, limits);
        try
        {
            return new BundleProbeProvider(new BundleFacts(files, limits));
        }
        catch
        {
            files.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public Task<ProbeResult> ProbeAsync(ProbeCall call, CancellationToken cancellationToken)
    {
        if (call is null) throw new ArgumentNullException(nameof(call));
        if (!call.Machine.Equals(Machine))
        {
            return Task.FromResult(ProbeResult.Unavailable($"{call.Describe()} on {call.Machine.Name}: the bundle {Source} holds the evidence of {Machine.Name} only."));
        }

        ProbeResult result;
        try
        {
            result = facts.Probe(call, cancellationToken);
        }
        catch (OutputFormatException ex)
        {
            result = ProbeResult.Unavailable(ex.Message);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            result = ProbeResult.Unavailable($"{call.Describe()} cannot be read from the bundle: {ex.Message}");
        }

        return Task.FromResult(result);
    }

    /// <summary>Closes the zip, when the bundle is one.</summary>
    public void Dispose() => facts.Files.Dispose();
}
