using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using PxeRules.Evaluation;
using PxeRules.Facts;
using PxeRules.Probes;
using PxeRules.Probes.Windows;
using PxeRules.Snapshots;

namespace PxeRules.PowerShell;

/// <summary>
/// <c>Export-PxeSnapshot</c>: collects every fact the rules need from live computers, or reads a bundle, and writes
/// them to a snapshot file (atomically: a failed run leaves the previous file as it was). Writes the file's
/// <see cref="FileInfo"/>.
/// </summary>
[Cmdlet(VerbsData.Export, "PxeSnapshot", DefaultParameterSetName = LiveSet)]
[OutputType(typeof(FileInfo))]
public sealed class ExportPxeSnapshotCommand : PSCmdlet, IDisposable
{
    private const string LiveSet = "Live";
    private const string BundleSet = "Bundle";
    private readonly CancellationTokenSource stop = new();

    /// <summary>The snapshot file to write.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    public string Path { get; set; } = string.Empty;

    /// <summary>Servers to probe, <c>NAME</c> or <c>NAME=role,role</c> (default: this computer).</summary>
    [Parameter(ParameterSetName = LiveSet)]
    public string[]? ComputerName { get; set; }

    /// <summary>A bundle written by <c>collect-pxe.cmd</c>, a folder or a zip, to read into the snapshot.</summary>
    [Parameter(ParameterSetName = BundleSet, Mandatory = true)]
    public string? Bundle { get; set; }

    /// <summary>Symptoms seen on the clients, recorded in the snapshot.</summary>
    [Parameter]
    public string[]? Symptom { get; set; }

    /// <summary>Rule files or folders whose facts to collect too.</summary>
    [Parameter]
    public string[]? RulePath { get; set; }

    /// <summary>Leave the bundled knowledge base out.</summary>
    [Parameter]
    public SwitchParameter NoBundledRules { get; set; }

    /// <summary>Cancels the pending probe calls.</summary>
    public void Dispose() => stop.Dispose();

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var knowledgeBase = Evidence.LoadRules(this, RulePath, NoBundledRules);
        FactTable facts;
        if (ParameterSetName == BundleSet)
        {
            facts = Evidence.WithSymptoms(Evidence.CollectBundle(this, knowledgeBase, Bundle!, stop.Token), Symptom);
        }
        else
        {
            var machines = ComputerName is { Length: > 0 } ? ComputerName.Select(c => Evidence.ParseComputer(this, c)).ToArray() : new[] { new Machine(Environment.MachineName) };
            var engine = RuleEngine.CreateBuilder().AddRules(knowledgeBase).AddWindowsProbes()
                .AddProvider(new ReportedSymptomsProvider(Symptom ?? Array.Empty<string>())).Build();
            facts = engine.CollectAsync(machines, null, stop.Token).GetAwaiter().GetResult();
        }

        var target = Evidence.Resolve(this, Path);
        try
        {
            SnapshotFile.Write(facts, target);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Evidence.Fail(this, "SnapshotNotWritten", ErrorCategory.WriteError, Path, $"{DisplayText.Escape(target)} cannot be written: {DisplayText.Escape(ex.Message)}");
        }

        var unavailable = facts.UnavailableByReason.Sum(u => u.Value.Count);
        WriteVerbose(DisplayText.Escape($"Wrote {target}: {facts.Records.Count} probe calls on {facts.Machines.Count} machine(s), {unavailable} unavailable."));
        WriteObject(new FileInfo(target));
    }

    /// <inheritdoc />
    protected override void StopProcessing() => stop.Cancel();
}
