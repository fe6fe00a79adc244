using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using FluentAssertions;
using Json.Schema;
using PxeRules.Cli;
using Xunit;

namespace PxeRules.Tests.Reporting;

/// <summary>
/// The published formats: schemas/report.schema.json describes every JSON report the tool writes, and
/// schemas/snapshot.schema.json every sample snapshot, so pipelines can validate what they store.
/// </summary>
public class PublishedSchemaTests
{
    private static readonly JsonSchema Report = Load("report.schema.json");
    private static readonly JsonSchema Snapshot = Load("snapshot.schema.json");

    public static TheoryData<string> Samples
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var file in Directory.GetFiles(Repository.Path("samples", "snapshots"), "*.json").OrderBy(f => f, StringComparer.Ordinal)) data.Add(Path.GetFileName(file));
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task The_json_report_of_every_sample_matches_the_published_schema(string sample)
    {
        var output = new StringWriter();
        await new CliApp(new CliConsole(output, new StringWriter(), false, _ => null)).RunAsync(new[] { "check", "-s", Repository.Path("samples", "snapshots", sample), "--format", "json", "--all" });

        Errors(Report, output.ToString()).Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_sample_snapshot_matches_the_published_schema(string sample)
    {
        Errors(Snapshot, File.ReadAllText(Repository.Path("samples", "snapshots", sample))).Should().BeEmpty();
    }

    [Fact]
    public void Every_sample_after_a_fix_matches_the_published_schema()
    {
        var samples = Directory.GetFiles(Repository.Path("samples", "snapshots", "after"), "*.json");

        samples.Should().NotBeEmpty();
        samples.SelectMany(path => Errors(Snapshot, File.ReadAllText(path)).Select(e => $"{Path.GetFileName(path)}: {e}")).Should().BeEmpty();
    }

    [Fact]
    public async Task The_schema_refuses_a_report_with_a_field_it_does_not_know()
    {
        var output = new StringWriter();
        await new CliApp(new CliConsole(output, new StringWriter(), false, _ => null)).RunAsync(new[] { "check", "-s", Repository.Path("samples", "snapshots", "healthy-site-server.json"), "--format", "json" });
        var report = System.Text.Json.Nodes.JsonNode.Parse(output.ToString())!.AsObject();

        Errors(Report, report.ToJsonString()).Should().BeEmpty();
        report["colour"] = 1;
        Errors(Report, report.ToJsonString()).Should().NotBeEmpty("a field the schema does not describe means the report and its schema disagree");
    }

    private static JsonSchema Load(string name) => JsonSchema.FromText(File.ReadAllText(Repository.Path("schemas", name)));

    private static IReadOnlyList<string> Errors(JsonSchema schema, string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid
            ? Array.Empty<string>()
            : (result.Details ?? new List<EvaluationResults>()).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).ToArray();
    }
}
