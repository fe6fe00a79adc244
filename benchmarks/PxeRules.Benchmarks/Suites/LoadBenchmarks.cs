using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using PxeRules.Benchmarks.Baselines;
using PxeRules.Benchmarks.Synthetic;
using PxeRules.Loading;
using PxeRules.Model;

namespace PxeRules.Benchmarks.Suites;

/// <summary>
/// Load: rule text in our YAML format, held in memory, to a validated knowledge base, and on to a ready engine;
/// the baseline is YamlDotNet deserializing the same text into plain objects without any validation.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 6)]
public class LoadBenchmarks
{
    private IReadOnlyList<string> texts = null!;

    /// <summary><c>bundled</c>: the knowledge base shipped in PxeRules; a number: that many synthetic rules.</summary>
    [Params("bundled", "1000", "10000")]
    public string Rules { get; set; } = "bundled";

    [GlobalSetup]
    public void Setup()
    {
        if (Rules == "bundled")
        {
            var assembly = typeof(RuleLoader).Assembly;
            texts = assembly.GetManifestResourceNames()
                .Where(n => n.StartsWith("PxeRules.Rules.", StringComparison.Ordinal))
                .OrderBy(n => n, StringComparer.Ordinal)
                .Select(n =>
                {
                    using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                    return reader.ReadToEnd();
                })
                .ToArray();
        }
        else
        {
            texts = RuleYaml.Files(SyntheticRules.Generate(int.Parse(Rules, System.Globalization.CultureInfo.InvariantCulture)));
        }

        var expected = Load().Rules.Count;
        if (YamlBaseline.Deserialize(texts) != expected) throw new InvalidOperationException("The baseline read a different number of rules.");
    }

    [Benchmark(Baseline = true)]
    public int YamlDotNet_Deserialize() => YamlBaseline.Deserialize(texts);

    [Benchmark]
    public int YamlDotNet_ParserEvents() => YamlBaseline.ParserEvents(texts);

    [Benchmark]
    public int PxeRules_Load() => Load().Rules.Count;

    [Benchmark]
    public int PxeRules_LoadAndBuild() => PxeRulesSystem.Build(Load()).Rules.Count;

    private KnowledgeBase Load()
    {
        var loader = new RuleLoader();
        for (var i = 0; i < texts.Count; i++) loader.AddText(texts[i], $"rules-{i:00}.yaml");
        return loader.LoadOrThrow();
    }
}
