using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using FluentAssertions;
using PxeRules.Evaluation;
using PxeRules.Loading;
using PxeRules.Snapshots;
using Xunit;
using PxeRules.Model;

namespace PxeRules.Tests;

/// <summary>Keeps the README's C# quick start compiling and running: the snippet must equal <see cref="QuickStart"/>'s body.</summary>
public class ReadmeTests
{
    private static async Task QuickStart(TextWriter Console)
    {
        // README quick start begins
        var knowledgeBase = KnowledgeBase.LoadBundled();
        var snapshot = SnapshotFile.Read("samples/snapshots/remote-pxe-sp-old-wimgapi.json").Facts!;
        var engine = RuleEngine.CreateBuilder().AddRules(knowledgeBase).AddSnapshot(snapshot).Build();

        var report = await engine.EvaluateAsync(snapshot.Machines);

        foreach (var finding in report.Findings)
        {
            Console.WriteLine($"{finding.Rule.Severity} {finding.Rule.Id} on {finding.Machine?.Name}: {finding.Explanation}");
        }

        // README quick start ends
    }

    private static string Normalize(string code) =>
        string.Join("\n", code.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));

    [Fact]
    public void Every_picture_the_readme_shows_is_a_png_in_the_repository()
    {
        var readme = File.ReadAllText(Repository.Path("README.md"));
        var pictures = Regex.Matches(readme, @"!\[[^\]]+\]\(([^)]+)\)").Select(m => m.Groups[1].Value).ToArray();

        pictures.Should().Contain("docs/images/html-report.png");
        foreach (var picture in pictures)
        {
            var bytes = File.ReadAllBytes(Repository.Path(picture.Split('/')));
            bytes.Take(8).Should().Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, picture);
        }
    }

    [Fact]
    public void The_readme_quick_start_is_the_code_this_test_runs()
    {
        var readme = File.ReadAllText(Repository.Path("README.md"));
        var snippet = Regex.Match(readme, "```csharp\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;
        var source = File.ReadAllText(Repository.Path("tests", "PxeRules.Tests", "ReadmeTests.cs"));
        var body = Regex.Match(source, "// README quick start begins\n(.*?)// README quick start ends", RegexOptions.Singleline).Groups[1].Value;

        Normalize(snippet).Should().Be(Normalize(body));
    }

    [Fact]
    public async Task The_readme_quick_start_prints_the_findings_of_the_sample()
    {
        var console = new StringWriter();
        var directory = Environment.CurrentDirectory;
        try
        {
            Environment.CurrentDirectory = Repository.Root;
            await QuickStart(console);
        }
        finally
        {
            Environment.CurrentDirectory = directory;
        }

        console.ToString().Should().Contain("Error pxe-remote-wimgapi-not-updated-sp1 on PXE02: Detected: looked for wimgapi.version less than 6.0.6001.18000; seen 6.0.6000.16386.");
    }

    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Repository.Path("samples", "snapshots"), "*.json").OrderBy(f => f, StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task The_readme_path_gives_the_answers_pxerules_check_gives_on_every_sample(string sample)
    {
        var knowledgeBase = KnowledgeBase.LoadBundled();
        var snapshot = SnapshotFile.Read(Repository.Path("samples", "snapshots", sample)).Facts!;

        // The README's path: a snapshot provider and EvaluateAsync, no clock set.
        var readme = await RuleEngine.CreateBuilder().AddRules(knowledgeBase).AddSnapshot(snapshot).Build().EvaluateAsync(snapshot.Machines);

        // The tool's path: the fact table evaluated as it was read.
        var tool = RuleEngine.CreateBuilder().AddRules(knowledgeBase).Build().Evaluate(snapshot);

        static string[] Outcomes(EvaluationReport report) =>
            report.Results.Select(r => $"{r.Rule.Id}@{r.Machine?.Name}: {r.Outcome}").ToArray();
        Outcomes(readme).Should().Equal(Outcomes(tool));
        readme.Facts.CollectedAt.Should().Be(snapshot.CollectedAt, "time windows are measured from the snapshot's collection time");
    }
}
