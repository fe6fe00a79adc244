using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using FluentAssertions;
using PxeRules.Bundles;
using PxeRules.Cli;
using PxeRules.Evaluation;
using PxeRules.Model;
using PxeRules.Probes;
using PxeRules.Reporting;
using PxeRules.Snapshots;
using Xunit;

namespace PxeRules.Tests;

/// <summary>
/// The obvious library path (a provider added with one extension method, then <c>EvaluateAsync</c>, no clock set) gives
/// the detections <c>pxerules check</c> gives, on every sample snapshot, bundle and folder of logs, on any day.
/// </summary>
public class ReadmeVersusToolTests
{
    public static TheoryData<string> Snapshots()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Repository.Path("samples", "snapshots"), "*.json").OrderBy(f => f, StringComparer.Ordinal)) data.Add(Path.GetFileName(file));
        return data;
    }

    public static TheoryData<string> Bundles()
    {
        var data = new TheoryData<string>();
        foreach (var folder in Directory.GetDirectories(Repository.Path("samples", "bundles")).OrderBy(f => f, StringComparer.Ordinal)) data.Add(Path.GetFileName(folder));
        return data;
    }

    public static TheoryData<string> LogFolders()
    {
        var data = new TheoryData<string>();
        foreach (var folder in Directory.GetDirectories(Repository.Path("samples", "logs")).OrderBy(f => f, StringComparer.Ordinal)) data.Add(Path.GetFileName(folder));
        return data;
    }

    private static async Task<string[]> Tool(params string[] args)
    {
        var output = new StringWriter();
        var console = new CliConsole(output, new StringWriter(), false, _ => null);
        var code = await new CliApp(console).RunAsync(args.Concat(new[] { "--format", "json", "--all", "--fail-on", "none" }).ToArray());
        code.Should().Be(0, output.ToString());
        return JsonNode.Parse(output.ToString())!["results"]!.AsArray()
            .Select(r => $"{r!["ruleId"]!.GetValue<string>()}@{r["machine"]?.GetValue<string>()}: {r["outcome"]!.GetValue<string>()}")
            .OrderBy(l => l, StringComparer.Ordinal).ToArray();
    }

    private static string[] Library(EvaluationReport report) =>
        report.Results.Select(r => $"{r.Rule.Id}@{r.Machine?.Name}: {ReportWriter.Name(r.Outcome)}").OrderBy(l => l, StringComparer.Ordinal).ToArray();

    [Theory]
    [MemberData(nameof(Snapshots))]
    public async Task The_readme_snippet_finds_what_pxerules_check_finds_on_every_sample_snapshot(string sample)
    {
        var path = Repository.Path("samples", "snapshots", sample);

        // The README's snippet, word for word but for the path.
        var knowledgeBase = KnowledgeBase.LoadBundled();
        var snapshot = SnapshotFile.Read(path).Facts!;
        var engine = RuleEngine.CreateBuilder().AddRules(knowledgeBase).AddSnapshot(snapshot).Build();
        var report = await engine.EvaluateAsync(snapshot.Machines);

        Library(report).Should().Equal(await Tool("check", "--snapshot", path));
    }

    [Theory]
    [MemberData(nameof(Bundles))]
    public async Task The_same_path_with_AddBundle_finds_what_pxerules_check_finds_on_every_sample_bundle(string sample)
    {
        var path = Repository.Path("samples", "bundles", sample);

        using var bundle = BundleProbeProvider.Open(path);
        var engine = RuleEngine.CreateBuilder().AddRules(KnowledgeBase.LoadBundled()).AddBundle(bundle).Build();
        var report = await engine.EvaluateAsync(new[] { bundle.Machine });

        Library(report).Should().Equal(await Tool("check", "--bundle", path));
    }

    [Theory]
    [MemberData(nameof(LogFolders))]
    public async Task The_same_path_with_AddLogs_finds_what_pxerules_check_finds_on_every_sample_folder_of_logs(string sample)
    {
        var path = Repository.Path("samples", "logs", sample);

        using var logs = LogsProbeProvider.Open(path);
        var engine = RuleEngine.CreateBuilder().AddRules(KnowledgeBase.LoadBundled()).AddLogs(logs).Build();
        var report = await engine.EvaluateAsync(new[] { logs.Machine });

        Library(report).Should().Equal(await Tool("check", "--logs", path));
    }

    [Fact]
    public async Task Symptoms_a_host_reports_after_adding_a_bundle_count_as_the_tools_symptom_option_does()
    {
        var path = Repository.Path("samples", "bundles", "pxe01-healthy");

        using var bundle = BundleProbeProvider.Open(path);
        var engine = RuleEngine.CreateBuilder().AddRules(KnowledgeBase.LoadBundled()).AddBundle(bundle)
            .AddProvider(new ReportedSymptomsProvider(new[] { "PXE-E32" })).Build();
        var report = await engine.EvaluateAsync(new[] { bundle.Machine });

        var tool = await Tool("check", "--bundle", path, "--symptom", "PXE-E32");
        Library(report).Should().Equal(tool);
        tool.Should().NotEqual(await Tool("check", "--bundle", path), "the symptom changes an outcome, so this compares something");
    }
}
