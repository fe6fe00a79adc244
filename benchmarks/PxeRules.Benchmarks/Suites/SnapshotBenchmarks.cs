using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using PxeRules.Evaluation;
using PxeRules.Facts;
using PxeRules.Snapshots;

namespace PxeRules.Benchmarks.Suites;

/// <summary>
/// Snapshot: write and read a snapshot of 1,000 facts (services, files with versions, registry strings) in memory.
/// Baselines: System.Text.Json writing and reading the same document as plain objects, without validation or typing
/// values by the probe catalogue.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class SnapshotBenchmarks
{
    private FactTable table = null!;
    private byte[] snapshot = null!;
    private SnapshotDoc document = null!;

    [GlobalSetup]
    public void Setup()
    {
        var workload = FactsWorkload.Create(1_000);
        var engine = workload.Engine();
        table = engine.CollectAsync(new[] { FactsWorkload.Machine }).GetAwaiter().GetResult();
        using var stream = new MemoryStream();
        SnapshotFile.Write(table, stream);
        snapshot = stream.ToArray();
        document = JsonSerializer.Deserialize<SnapshotDoc>(snapshot)!;
        if (PxeRules_Read() != 1_000 || SystemTextJson_Read() != 1_000) throw new InvalidOperationException("The snapshot does not hold 1,000 facts.");
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Write")]
    public long SystemTextJson_Write()
    {
        using var stream = new MemoryStream();
        JsonSerializer.Serialize(stream, document);
        return stream.Length;
    }

    [Benchmark]
    [BenchmarkCategory("Write")]
    public long PxeRules_Write()
    {
        using var stream = new MemoryStream();
        SnapshotFile.Write(table, stream);
        return stream.Length;
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Read")]
    public int SystemTextJson_Read() => JsonSerializer.Deserialize<SnapshotDoc>(snapshot)!.Machines!.Sum(m => m.Probes!.Count);

    [Benchmark]
    [BenchmarkCategory("Read")]
    public int PxeRules_Read()
    {
        using var stream = new MemoryStream(snapshot, writable: false);
        return SnapshotFile.Read(stream, "snapshot.json").Facts!.Records.Count;
    }
}

#pragma warning disable CA1812 // Instantiated by System.Text.Json.
public sealed class SnapshotDoc
{
    [System.Text.Json.Serialization.JsonPropertyName("format")]
    public string? Format { get; set; }

    [System.Text.Json.Serialization.JsonPropertyName("formatVersion")]
    public int FormatVersion { get; set; }

    [System.Text.Json.Serialization.JsonPropertyName("pxeRulesVersion")]
    public string? PxeRulesVersion { get; set; }

    [System.Text.Json.Serialization.JsonPropertyName("collectedAt")]
    public DateTimeOffset CollectedAt { get; set; }

    [System.Text.Json.Serialization.JsonPropertyName("machines")]
    public List<MachineDoc>? Machines { get; set; }
}

public sealed class MachineDoc
{
    [System.Text.Json.Serialization.JsonPropertyName("name")]
    public string? Name { get; set; }

    [System.Text.Json.Serialization.JsonPropertyName("roles")]
    public List<string>? Roles { get; set; }

    [System.Text.Json.Serialization.JsonPropertyName("probes")]
    public List<ProbeDoc>? Probes { get; set; }
}

public sealed class ProbeDoc
{
    [System.Text.Json.Serialization.JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [System.Text.Json.Serialization.JsonPropertyName("args")]
    public Dictionary<string, JsonElement>? Args { get; set; }

    [System.Text.Json.Serialization.JsonPropertyName("status")]
    public string? Status { get; set; }

    [System.Text.Json.Serialization.JsonPropertyName("value")]
    public JsonElement Value { get; set; }

    [System.Text.Json.Serialization.JsonPropertyName("reason")]
    public string? Reason { get; set; }

    [System.Text.Json.Serialization.JsonPropertyName("durationMs")]
    public double DurationMs { get; set; }
}
#pragma warning restore CA1812
