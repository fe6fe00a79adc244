using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using PxeRules.Evaluation;
using PxeRules.Facts;
using PxeRules.Model;
using PxeRules.Probes;
using PxeRules.Probes.Windows;

namespace PxeRules.PowerShell;

/// <summary>
/// <c>Invoke-PxeRules</c>: evaluates the knowledge base on snapshots, bundles and folders of logs (one site), or on
/// live computers, and writes one <see cref="PxeRuleResult"/> per rule and machine to the pipeline (by default the
/// detected, inconclusive and error ones, as <c>pxerules check</c> shows them), or one <see cref="PxeReport"/>.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "PxeRules", DefaultParameterSetName = EvidenceSet)]
[OutputType(typeof(PxeRuleResult), typeof(PxeReport))]
public sealed class InvokePxeRulesCommand : PSCmdlet, IDisposable
{
    private const string EvidenceSet = "Evidence";
    private const string LiveSet = "Live";
    private readonly List<string> snapshots = new();
    private readonly CancellationTokenSource stop = new();

    /// <summary>Snapshot files (from <c>pxerules collect</c> or <c>Export-PxeSnapshot</c>); several form one site.</summary>
    [Parameter(ParameterSetName = EvidenceSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    public string[]? Snapshot { get; set; }

    /// <summary>Bundles written by <c>collect-pxe.cmd</c>: a folder or a zip.</summary>
    [Parameter(ParameterSetName = EvidenceSet)]
    public string[]? Bundle { get; set; }

    /// <summary>Folders (or zips) of logs as sent, <c>DIR</c> or <c>NAME=DIR</c> to name the server.</summary>
    [Parameter(ParameterSetName = EvidenceSet)]
    public string[]? Logs { get; set; }

    /// <summary>Servers to probe live, <c>NAME</c> or <c>NAME=role,role</c>; roles are discovered, those given are hints.</summary>
    [Parameter(ParameterSetName = LiveSet, Mandatory = true)]
    public string[]? ComputerName { get; set; }

    /// <summary>Rule files or folders to add to (or, with <see cref="NoBundledRules"/>, use instead of) the bundled rules.</summary>
    [Parameter]
    public string[]? RulePath { get; set; }

    /// <summary>Leave the bundled knowledge base out.</summary>
    [Parameter]
    public SwitchParameter NoBundledRules { get; set; }

    /// <summary>Only rules of this severity or worse.</summary>
    [Parameter]
    public Severity? Severity { get; set; }

    /// <summary>Only rules with one of these tags.</summary>
    [Parameter]
    public string[]? Tag { get; set; }

    /// <summary>Only these rules, by id or former id.</summary>
    [Parameter]
    public string[]? Id { get; set; }

    /// <summary>Symptoms seen on the clients, such as <c>PXE-E78</c>.</summary>
    [Parameter]
    public string[]? Symptom { get; set; }

    /// <summary>Also write the rules that were not detected or do not apply.</summary>
    [Parameter]
    public SwitchParameter All { get; set; }

    /// <summary>Write one <see cref="PxeReport"/> (coverage, root causes, every result) instead of results.</summary>
    [Parameter]
    public SwitchParameter AsReport { get; set; }

    /// <summary>Cancels the pending probe calls.</summary>
    public void Dispose() => stop.Dispose();

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (Snapshot is not null) snapshots.AddRange(Snapshot);
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var knowledgeBase = Filter(Evidence.LoadRules(this, RulePath, NoBundledRules));
        EvaluationReport report;
        IReadOnlyList<string> sources;
        if (ParameterSetName == LiveSet)
        {
            var machines = ComputerName!.Select(c => Evidence.ParseComputer(this, c)).ToArray();
            var engine = RuleEngine.CreateBuilder().AddRules(knowledgeBase).AddWindowsProbes()
                .AddProvider(new ReportedSymptomsProvider(Symptom ?? Array.Empty<string>())).Build();
            report = engine.EvaluateAsync(machines, null, stop.Token).GetAwaiter().GetResult();
            sources = machines.Select(m => m.Name).ToArray();
        }
        else
        {
            var tables = snapshots.Select(s => Evidence.ReadSnapshot(this, s)).ToList();
            tables.AddRange((Bundle ?? Array.Empty<string>()).Select(b => Evidence.CollectBundle(this, knowledgeBase, b, stop.Token)));
            tables.AddRange((Logs ?? Array.Empty<string>()).Select(l => Evidence.CollectLogs(this, knowledgeBase, l, stop.Token)));
            if (tables.Count == 0)
            {
                throw Evidence.Fail(this, "NoEvidence", ErrorCategory.InvalidArgument, null, "Give -Snapshot, -Bundle or -Logs, or -ComputerName.");
            }

            FactTable facts;
            try
            {
                facts = FactTable.Combine(tables);
            }
            catch (ArgumentException ex)
            {
                throw Evidence.Fail(this, "EvidenceConflict", ErrorCategory.InvalidData, null, DisplayText.Escape(ex.Message.Split('\n')[0]));
            }

            report = RuleEngine.CreateBuilder().AddRules(knowledgeBase).Build().Evaluate(Evidence.WithSymptoms(facts, Symptom));
            sources = snapshots.Concat(Bundle ?? Array.Empty<string>()).Concat(Logs ?? Array.Empty<string>()).ToArray();
        }

        if (report.Coverage is { IsComplete: false } coverage)
        {
            foreach (var gap in coverage.Gaps) WriteWarning("Coverage incomplete: " + DisplayText.Escape(gap));
        }

        if (AsReport)
        {
            WriteObject(new PxeReport(report, sources));
            return;
        }

        foreach (var result in report.Results)
        {
            if (All || result.Outcome is Outcome.Detected or Outcome.Inconclusive or Outcome.Error)
            {
                WriteObject(new PxeRuleResult(result, report));
            }
        }
    }

    /// <inheritdoc />
    protected override void StopProcessing() => stop.Cancel();

    private KnowledgeBase Filter(KnowledgeBase knowledgeBase)
    {
        var tags = Tag ?? Array.Empty<string>();
        var ids = Id ?? Array.Empty<string>();
        foreach (var wanted in ids.Where(i => knowledgeBase.Find(i) is null))
        {
            throw Evidence.Fail(this, "RuleNotFound", ErrorCategory.ObjectNotFound, wanted, $"No rule has the id '{DisplayText.Escape(wanted)}'.");
        }

        return knowledgeBase.Where(r =>
            (Severity is null || r.Severity >= Severity)
            && (tags.Length == 0 || r.Tags.Any(t => tags.Contains(t, StringComparer.OrdinalIgnoreCase)))
            && (ids.Length == 0 || ids.Any(i => knowledgeBase.Find(i) == r)));
    }
}
