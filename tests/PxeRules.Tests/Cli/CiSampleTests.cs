using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using System.Xml.Linq;
using FluentAssertions;
using PxeRules.Cli;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace PxeRules.Tests.Cli;

/// <summary>
/// The pipeline samples in samples/ci: every pxerules step of the GitHub Actions workflow and of the Azure Pipelines
/// file is run here as the pipeline runs it, and the files they hand to the upload steps are valid.
/// </summary>
public sealed class CiSampleTests : IDisposable
{
    private readonly string staging = Directory.CreateTempSubdirectory("pxerules-ci-").FullName;

    public void Dispose() => Directory.Delete(staging, recursive: true);

    [Theory]
    [InlineData("github-actions.yml")]
    [InlineData("azure-pipelines.yml")]
    public async Task Every_pxerules_step_runs_as_the_pipeline_runs_it(string file)
    {
        var steps = Commands(Repository.Path("samples", "ci", file)).ToArray();

        steps.Should().HaveCount(3, "one step writes SARIF, one JUnit, one gates the build");
        var codes = new List<int>();
        foreach (var command in steps)
        {
            codes.Add(await Run(command));
        }

        codes.Should().Equal(0, 0, 1);
        var sarif = Directory.GetFiles(staging, "pxerules.sarif", SearchOption.AllDirectories).Should().ContainSingle().Subject;
        JsonNode.Parse(File.ReadAllText(sarif))!["runs"]![0]!["results"]!.AsArray().Should().Contain(r => (string?)r!["kind"] == "fail");
        var junit = Directory.GetFiles(staging, "pxerules.junit.xml", SearchOption.AllDirectories).Should().ContainSingle().Subject;
        XDocument.Load(junit).Root!.Attribute("failures")!.Value.Should().Be("0", "--fail-on none: a published test run does not fail where the gate step decides");
    }

    /// <summary>The 'run:' or 'script:' lines of the file that call pxerules, in order.</summary>
    private static IEnumerable<string> Commands(string path)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(path)) yaml.Load(reader);
        foreach (var node in yaml.Documents[0].AllNodes.OfType<YamlMappingNode>())
        {
            foreach (var key in new[] { "run", "script" })
            {
                if (node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode { Value: { } line } && line.StartsWith("pxerules ", StringComparison.Ordinal))
                {
                    yield return line;
                }
            }
        }
    }

    private async Task<int> Run(string command)
    {
        // The repository is the working folder of the pipeline; the staging folder is the pipeline's.
        var args = command.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(a => a.StartsWith("samples/", StringComparison.Ordinal) ? Repository.Path(a.Split('/'))
                : a.Replace("$(Build.ArtifactStagingDirectory)", staging, StringComparison.Ordinal))
            .Select(a => a is "pxerules.sarif" or "pxerules.junit.xml" ? Path.Combine(staging, a) : a)
            .ToArray();
        return await new CliApp(new CliConsole(new StringWriter(), new StringWriter(), false, _ => null)).RunAsync(args);
    }
}
