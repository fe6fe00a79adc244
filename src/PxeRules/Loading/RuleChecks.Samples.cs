using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PxeRules.Evaluation;
using PxeRules.Facts;
using PxeRules.Model;
using PxeRules.Probes;
using PxeRules.Snapshots;

namespace PxeRules.Loading;

/// <summary>How a sample snapshot differs from the probe calls a knowledge base makes on its machines.</summary>
public sealed class SampleCalls
{
    internal SampleCalls(IReadOnlyList<ProbeCall> missing, IReadOnlyList<ProbeCall> unused)
    {
        Missing = missing;
        Unused = unused;
    }

    /// <summary>Calls the rules make that the sample does not answer.</summary>
    public IReadOnlyList<ProbeCall> Missing { get; }

    /// <summary>Calls the sample answers that no rule makes.</summary>
    public IReadOnlyList<ProbeCall> Unused { get; }

    /// <summary>Whether the sample answers exactly the calls the rules make.</summary>
    public bool UpToDate => Missing.Count == 0 && Unused.Count == 0;
}

public static partial class RuleChecks
{
    /// <summary>The command that brings sample snapshots up to date; failure messages name it.</summary>
    public const string UpdateSamplesCommand = "pxerules test rules --update-samples samples/snapshots";

    /// <summary>
    /// Compares a sample snapshot with the probe calls <paramref name="rules"/> make on its machines, the way a
    /// collection with those rules would make them (arguments that use other facts are filled in from the sample).
    /// </summary>
    /// <param name="rules">The knowledge base.</param>
    /// <param name="sample">The sample, as read by <see cref="SnapshotFile.Read(string, ProbeCatalog?, LoadLimits?)"/>.</param>
    /// <param name="cancellationToken">Stops the comparison.</param>
    public static async Task<SampleCalls> CompareSampleAsync(KnowledgeBase rules, FactTable sample, CancellationToken cancellationToken = default)
    {
        if (rules is null) throw new ArgumentNullException(nameof(rules));
        if (sample is null) throw new ArgumentNullException(nameof(sample));
        var engine = RuleEngine.CreateBuilder().AddRules(rules).AddSnapshot(sample).Build();
        var made = await engine.CollectAsync(sample.Machines, null, cancellationToken).ConfigureAwait(false);
        var missing = made.Records.Select(r => r.Call).Where(call => sample.Find(call) is null).ToArray();
        var unused = sample.Records.Select(r => r.Call).Where(call => made.Find(call) is null).ToArray();
        return new SampleCalls(missing, unused);
    }

    /// <summary>
    /// The diagnostics of a sample that does not answer the calls the rules make (PXR0054, errors). Each names
    /// <see cref="UpdateSamplesCommand"/>.
    /// </summary>
    /// <param name="rules">The knowledge base.</param>
    /// <param name="sample">The sample.</param>
    /// <param name="sampleName">The sample's file, for the diagnostics.</param>
    /// <param name="wholeKnowledgeBase">
    /// Whether <paramref name="rules"/> is every rule the sample serves: then calls no rule makes are reported too.
    /// When only some rules are checked, calls of the others are expected in the sample.
    /// </param>
    /// <param name="cancellationToken">Stops the check.</param>
    public static async Task<IReadOnlyList<Diagnostic>> CheckSampleAsync(KnowledgeBase rules, FactTable sample, string sampleName, bool wholeKnowledgeBase, CancellationToken cancellationToken = default)
    {
        var calls = await CompareSampleAsync(rules, sample, cancellationToken).ConfigureAwait(false);
        var found = new List<Diagnostic>();
        var at = new SourceLocation(sampleName ?? throw new ArgumentNullException(nameof(sampleName)), 0, 0);
        if (calls.Missing.Count > 0)
        {
            found.Add(Error(
                DiagnosticCodes.SampleOutOfDate,
                $"The sample does not answer {calls.Missing.Count} probe call(s) the rules make: {string.Join("; ", calls.Missing.Take(5))}{(calls.Missing.Count > 5 ? "; …" : string.Empty)}. Run '{UpdateSamplesCommand}' to add them as not collected (or with '--ask' to give their values).",
                at));
        }

        if (wholeKnowledgeBase && calls.Unused.Count > 0)
        {
            found.Add(Error(
                DiagnosticCodes.SampleOutOfDate,
                $"The sample answers {calls.Unused.Count} probe call(s) no rule makes: {string.Join("; ", calls.Unused.Take(5))}{(calls.Unused.Count > 5 ? "; …" : string.Empty)}. Run '{UpdateSamplesCommand}' to remove them.",
                at));
        }

        return found;
    }

    /// <summary>
    /// Brings a sample up to date: each missing call is added with the result <paramref name="answer"/> gives for it
    /// (by default unavailable, with a reason saying it was not collected for the sample), and, when
    /// <paramref name="removeUnused"/>, calls no rule makes are removed.
    /// </summary>
    /// <param name="sample">The sample.</param>
    /// <param name="calls">What <see cref="CompareSampleAsync"/> found.</param>
    /// <param name="removeUnused">Whether to remove the calls no rule makes.</param>
    /// <param name="answer">The result of a missing call; null leaves it unavailable.</param>
    public static FactTable UpdateSample(FactTable sample, SampleCalls calls, bool removeUnused, Func<ProbeCall, ProbeResult?>? answer = null)
    {
        if (sample is null) throw new ArgumentNullException(nameof(sample));
        if (calls is null) throw new ArgumentNullException(nameof(calls));
        var unused = new HashSet<string>(removeUnused ? calls.Unused.Select(c => c.Key) : Enumerable.Empty<string>(), StringComparer.OrdinalIgnoreCase);
        var kept = sample.Records.Where(r => !unused.Contains(r.Call.Key));
        var added = calls.Missing.Select(call => FactRecord.From(call, answer?.Invoke(call) ?? ProbeResult.Unavailable(NotCollectedReason)));
        return new FactTable(sample.Machines, kept.Concat(added), sample.CollectedAt);
    }

    /// <summary>The reason a call added to a sample without a value gives.</summary>
    public const string NotCollectedReason = "Not collected for this sample: the call was added by 'pxerules test --update-samples' after the sample was made.";
}
