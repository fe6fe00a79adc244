using System;
using System.Collections.Generic;
using System.Linq;
using PxeRules.Benchmarks.Baselines;
using PxeRules.Benchmarks.Synthetic;
using PxeRules.Evaluation;
using PxeRules.Facts;
using PxeRules.Loading;
using PxeRules.Probes;
using PxeRules.Model;

namespace PxeRules.Benchmarks;

/// <summary>Everything the suites need for N synthetic rules, made once per N.</summary>
public sealed class Workload
{
    private Workload(int count)
    {
        Count = count;
        Rules = SyntheticRules.Generate(count);
        Yaml = RuleYaml.Files(Rules);
        KnowledgeBase = PxeRulesSystem.Load(Yaml);
        Facts = PxeRulesSystem.Collect(KnowledgeBase);
        Slots = SyntheticSnapshot.Slots();
        Poco = PxePoco.FromSnapshot();
        Expected = SyntheticRules.Checksums[count];
    }

    public int Count { get; }

    public RuleDef[] Rules { get; }

    public IReadOnlyList<string> Yaml { get; }

    public KnowledgeBase KnowledgeBase { get; }

    /// <summary>The 50 facts collected once through an in-memory provider.</summary>
    public FactTable Facts { get; }

    public object?[] Slots { get; }

    public PxePoco Poco { get; }

    /// <summary>The rules that must come out true (the design's checksum).</summary>
    public int Expected { get; }

    public static Workload For(int count) => new(count);

    /// <summary>
    /// A new table of the same records, as a host that evaluates a snapshot or a collection once has: the engine has
    /// not seen it, so nothing it keeps per table (resolved facts, regex results, discovered roles) is reused.
    /// </summary>
    public FactTable NewTable() => new(Facts.Machines, Facts.Records, Facts.CollectedAt);

    /// <summary>
    /// A table of <paramref name="machines"/> PXE service points (PXE0001…) with the same 50 facts each, so every
    /// machine detects <see cref="Expected"/> rules.
    /// </summary>
    public FactTable Fleet(int machines) => Fleet(Facts, machines);

    /// <summary>The records of the one-machine table <paramref name="facts"/> copied onto each of <paramref name="count"/> machines.</summary>
    public static FactTable Fleet(FactTable facts, int count)
    {
        var machines = new Machine[count];
        var records = new List<FactRecord>(facts.Records.Count * count);
        for (var m = 0; m < count; m++)
        {
            var machine = machines[m] = new Machine($"PXE{m + 1:0000}", MachineRoles.PxeServicePoint);
            foreach (var record in facts.Records)
            {
                records.Add(FactRecord.From(new ProbeCall(machine, record.Call.Kind, record.Call.Arguments), record.Result));
            }
        }

        return new FactTable(machines, records, facts.CollectedAt);
    }

    /// <summary>Throws unless <paramref name="actual"/> rules came out true, so no system is measured giving a wrong answer.</summary>
    public void Check(string system, int actual)
    {
        if (actual != Expected)
        {
            throw new InvalidOperationException($"{system} found {actual} of {Count} rules true; the checksum is {Expected}.");
        }
    }
}

/// <summary>Our engine on the synthetic rules: load the YAML, build, collect, evaluate.</summary>
public static class PxeRulesSystem
{
    public static KnowledgeBase Load(IReadOnlyList<string> files)
    {
        var loader = new RuleLoader();
        for (var i = 0; i < files.Count; i++) loader.AddText(files[i], $"synthetic-{i:00}.yaml");
        return loader.LoadOrThrow();
    }

    private static readonly InMemoryProbeProvider Provider = SyntheticSnapshot.Provider();

    public static RuleEngine Build(KnowledgeBase knowledgeBase) =>
        RuleEngine.CreateBuilder().AddRules(knowledgeBase).AddProvider(Provider).Build();

    public static FactTable Collect(KnowledgeBase knowledgeBase) =>
        Build(knowledgeBase).CollectAsync(new[] { SyntheticSnapshot.Machine }).GetAwaiter().GetResult();

    /// <summary>What a host reads first: the detected results.</summary>
    public static int CountDetected(EvaluationReport report) => report.Detected.Count();

    /// <summary>Every result's outcome, as a report reads them; returns the number detected.</summary>
    public static int ReadOutcomes(EvaluationReport report)
    {
        var detected = 0;
        foreach (var outcome in report.Outcomes)
        {
            if (outcome.Outcome == Outcome.Detected) detected++;
        }

        return detected;
    }

    /// <summary>Every outcome read through its <see cref="RuleResult"/>: a result object made per rule and machine.</summary>
    public static int ReadResultObjects(EvaluationReport report)
    {
        var detected = 0;
        foreach (var result in report.Results)
        {
            if (result.Outcome == Outcome.Detected) detected++;
        }

        return detected;
    }

    /// <summary>
    /// What <c>pxerules check</c> reads: every outcome (its counts), the results it prints (<see cref="EvaluationReport.Problems"/>),
    /// and for each detected result its explanation, evidence, what would clear it and its rendered remediation
    /// (ReportWriter does the same for every format). Returns the number detected; <paramref name="characters"/> sums
    /// the lengths read, so nothing is skipped.
    /// </summary>
    public static int ReadAsTheTool(EvaluationReport report, out long characters)
    {
        var detected = 0;
        characters = report.Outcomes.CountOf(Outcome.NotDetected) + report.Outcomes.CountOf(Outcome.NotApplicable);
        foreach (var result in report.Problems)
        {
            if (result.Outcome != Outcome.Detected) continue;
            detected++;
            characters += result.Explanation.Length;
            foreach (var evidence in result.Evidence) characters += evidence.Observed.Length + evidence.Expected.Length;
            foreach (var clear in result.WouldClear) characters += clear.Length;
            foreach (var step in result.Remediation) characters += step.Text.Length + (step.Command?.Length ?? 0);
        }

        return detected;
    }

    /// <summary><see cref="ReadAsTheTool(EvaluationReport, out long)"/>, the count only.</summary>
    public static int ReadAsTheTool(EvaluationReport report) => ReadAsTheTool(report, out _);
}
