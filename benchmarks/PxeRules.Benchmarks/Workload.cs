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
}
