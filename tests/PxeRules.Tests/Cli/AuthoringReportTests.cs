using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using System.Xml.Linq;
using FluentAssertions;
using Json.Schema;
using PxeRules.Cli;
using Xunit;

namespace PxeRules.Tests.Cli;

/// <summary>A rule repository's pipeline: lint and test write SARIF and JUnit that point at the rule file and line.</summary>
public sealed class AuthoringReportTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("pxerules-authoring-reports-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static Task<(int Code, string Out, string Err)> Run(params string[] args) => InProcessCli.RunAsync(args);

    [Fact]
    public async Task Lint_writes_each_problem_to_sarif_at_its_line_and_keeps_its_lines_on_standard_error()
    {
        var broken = Repository.Path("tests", "PxeRules.Tests", "TestData", "rules", "broken-rule.yaml");
        var sarifPath = Path.Combine(folder, "lint.sarif");

        var (code, output, error) = await Run("lint", broken, "--samples", "none", "--format", "sarif", "--output", sarifPath);

        code.Should().NotBe(0);
        output.Should().BeEmpty("the report goes to the file");
        error.Should().Contain("error PXR");
        var text = File.ReadAllText(sarifPath);
        using var document = JsonDocument.Parse(text);
        JsonSchema.FromText(File.ReadAllText(Repository.Path("tests", "PxeRules.Tests", "TestData", "sarif-schema-2.1.0.json"))).Evaluate(document.RootElement).IsValid.Should().BeTrue();
        var results = JsonNode.Parse(text)!["runs"]![0]!["results"]!.AsArray();
        results.Should().NotBeEmpty();
        results.Should().OnlyContain(r => ((string)r!["ruleId"]!).StartsWith("PXR", StringComparison.Ordinal)
            && ((string)r["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]!).EndsWith("broken-rule.yaml", StringComparison.Ordinal)
            && (int)r["locations"]![0]!["physicalLocation"]!["region"]!["startLine"]! > 0);
    }

    [Fact]
    public async Task Test_writes_a_junit_case_per_example_and_a_failure_where_one_fails()
    {
        var rule = File.ReadAllText(Repository.Path("rules", "wds-service-down.yaml"));
        var broken = rule.Replace("expect: notApplicable", "expect: detected");
        broken.Should().NotBe(rule);
        var path = Path.Combine(folder, "wds-service-down-copy.yaml");
        File.WriteAllText(path, broken.Replace("id: wds-service-down", "id: wds-service-down-copy"));

        var (code, output, _) = await Run("test", path, "--samples", "none", "--format", "junit");

        code.Should().Be(1);
        var xml = XDocument.Parse(output);
        var suite = xml.Descendants("testsuite").Single(s => s.Attribute("name")!.Value == "wds-service-down-copy");
        suite.Elements("testcase").Should().HaveCount(4);
        suite.Elements("testcase").Where(c => c.Element("failure") is not null).Should().ContainSingle()
            .Which.Element("failure")!.Attribute("message")!.Value.Should().Be("expected detected, got notApplicable");
    }
}
