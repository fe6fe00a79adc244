using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using System.Xml.Linq;
using FluentAssertions;
using Json.Schema;
using PxeRules.Cli;
using Xunit;

namespace PxeRules.Tests.Cli;

/// <summary>
/// Reports in pipelines. SARIF as GitHub code scanning and Azure DevOps take it: every result points at a file and a
/// line (the log entry, the snapshot line or the rule that decided it), carries a stable partial fingerprint, and the run
/// says which analysis it is ("SARIF support for code scanning", docs.github.com: ruleId, message.text,
/// locations[].physicalLocation.artifactLocation.uri, partialFingerprints, runAutomationDetails). JUnit agrees with the
/// exit code.
/// </summary>
public sealed class PipelineReportTests
{
    private static readonly JsonSchema Sarif = JsonSchema.FromText(File.ReadAllText(Repository.Path("tests", "PxeRules.Tests", "TestData", "sarif-schema-2.1.0.json")));

    public static TheoryData<string> Samples
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var file in Directory.GetFiles(Repository.Path("samples", "snapshots"), "*.json").OrderBy(f => f, StringComparer.Ordinal)) data.Add(Path.GetFileName(file));
            return data;
        }
    }

    private static async Task<(int Code, string Out)> Run(params string[] args)
    {
        var (code, output, _) = await RunWithError(args);
        return (code, output);
    }

    private static Task<(int Code, string Out, string Err)> RunWithError(params string[] args) => InProcessCli.RunAsync(args);

    [Fact]
    public async Task A_run_that_checks_nothing_or_could_read_nothing_says_so_and_exits_2()
    {
        var sample = Repository.Path("samples", "snapshots", "healthy-site-server.json");
        var unreadable = Path.Combine(Path.GetTempPath(), $"pxerules-unreadable-{Guid.NewGuid():N}.json");
        File.WriteAllText(unreadable, "{\"format\":\"pxerules-snapshot\",\"formatVersion\":1,\"collectedAt\":\"2026-11-25T10:00:00Z\",\"machines\":[{\"name\":\"PXE09\",\"roles\":[\"pxe-service-point\"],\"probes\":[{\"kind\":\"configmgr.pxe\",\"status\":\"unavailable\",\"reason\":\"The RPC server is unavailable.\"}]}]}");
        try
        {
            var noTag = await RunWithError("check", "-s", sample, "--tag", "no-such-tag");
            var noRules = await RunWithError("check", "-s", sample, "--no-bundled");
            var nothingRead = await RunWithError("check", "-s", unreadable);
            var badFailOn = await RunWithError("check", "-s", sample, "--fail-on", "bogus");
            var unknownSymptom = await RunWithError("check", "-s", sample, "--symptom", "winpe-no-netwrk");
            var pxeCode = await RunWithError("check", "-s", sample, "--symptom", "PXE-E53");

            noTag.Code.Should().Be(2);
            noTag.Err.Should().Contain("no rule matches --tag no-such-tag; nothing was checked.");
            noRules.Code.Should().Be(2);
            noRules.Err.Should().Contain("there are no rules to check");
            nothingRead.Code.Should().Be(2);
            nothingRead.Err.Should().Contain("pxerules: error: no fact could be read (1 × The RPC server is unavailable); nothing was checked.");
            badFailOn.Err.Should().Contain("should be one of info, warning, error, critical, or none.");
            unknownSymptom.Code.Should().Be(2, "a symptom no rule looks for would be ignored without a word");
            unknownSymptom.Err.Should().Contain("no rule looks for the symptom 'winpe-no-netwrk'; did you mean 'winpe-no-network'?");
            pxeCode.Code.Should().Be(0, "PXE error codes are always accepted");
            var help = await RunWithError("check", "--help");
            help.Out.Should().Contain("Usage:\n  pxerules check [options]", "the tool names itself as people type it");
        }
        finally
        {
            File.Delete(unreadable);
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task The_sarif_of_every_sample_is_valid_and_has_what_code_scanning_needs(string sample)
    {
        var path = Repository.Path("samples", "snapshots", sample);

        var (_, text) = await Run("check", "-s", path, "--format", "sarif", "--all");
        var (_, again) = await Run("check", "-s", path, "--format", "sarif", "--all");

        using var document = System.Text.Json.JsonDocument.Parse(text);
        Sarif.Evaluate(document.RootElement).IsValid.Should().BeTrue();
        var run = JsonNode.Parse(text)!["runs"]![0]!;
        var driver = run["tool"]!["driver"]!;
        ((string?)driver["fullName"]).Should().StartWith("PxeRules ");
        ((string?)driver["informationUri"]).Should().StartWith("https://");
        ((string?)run["automationDetails"]!["id"]).Should().MatchRegex("^pxerules/[^/]+/$");
        foreach (var rule in driver["rules"]!.AsArray())
        {
            ((string?)rule!["help"]!["markdown"]).Should().NotBeNullOrWhiteSpace().And.NotContain("{{", "help describes every machine, with no template left in it");
            ((string?)rule["help"]!["text"]).Should().NotContain("{{");
        }

        var results = run["results"]!.AsArray();
        results.Should().NotBeEmpty();
        foreach (var result in results)
        {
            ((string?)result!["message"]!["text"]).Should().NotBeNullOrWhiteSpace();
            var physical = result["locations"]![0]!["physicalLocation"]!;
            var uri = (string)physical["artifactLocation"]!["uri"]!;
            File.Exists(Resolve(uri, (string?)physical["artifactLocation"]!["uriBaseId"])).Should().BeTrue($"{uri} is the file the result comes from");
            ((int?)physical["region"]?["startLine"] ?? 1).Should().BeGreaterThan(0);
            ((string?)result["partialFingerprints"]!["pxerules/v1"]).Should().MatchRegex("^[0-9a-f]{32}$");
        }

        Fingerprints(again).Should().Equal(Fingerprints(text), "the same finding has the same fingerprint in every run");
    }

    [Fact]
    public async Task A_finding_from_a_snapshot_points_at_the_line_of_the_fact_that_decided_it()
    {
        var path = Repository.Path("samples", "snapshots", "remote-pxe-sp-old-wimgapi.json");

        var (_, text) = await Run("check", "-s", path, "--format", "sarif");

        var finding = JsonNode.Parse(text)!["runs"]![0]!["results"]!.AsArray().Single(r => (string?)r!["kind"] == "fail")!;
        var line = (int)finding["locations"]![0]!["physicalLocation"]!["region"]!["startLine"]!;
        var lines = File.ReadAllLines(path);
        string.Join("\n", lines.Skip(line - 1).Take(8)).Should().Contain("\"kind\": \"file\"").And.Contain("wimgapi.dll", "the snapshot's record of the wimgapi.dll file decided it");
    }

    [Fact]
    public async Task A_finding_from_a_bundle_points_at_the_command_output_that_decided_it()
    {
        var bundle = Repository.Path("samples", "bundles", "dp02-reinstall-leftovers");

        var (_, text) = await Run("check", "--bundle", bundle, "--format", "sarif");

        var finding = JsonNode.Parse(text)!["runs"]![0]!["results"]!.AsArray().Single(r => (string?)r!["kind"] == "fail")!;
        var artifact = finding["locations"]![0]!["physicalLocation"]!["artifactLocation"]!;
        var file = Resolve((string)artifact["uri"]!, (string?)artifact["uriBaseId"]);
        File.Exists(file).Should().BeTrue();
        Path.GetDirectoryName(file).Should().Be(bundle, "the answer came from one of the bundle's command outputs");
    }

    [Fact]
    public async Task Junit_agrees_with_the_exit_code_and_says_how_long_each_rule_took()
    {
        var site = Repository.Path("samples", "snapshots", "site-pxe-sp-not-collected.json");
        var old = Repository.Path("samples", "snapshots", "remote-pxe-sp-old-wimgapi.json");

        var inconclusive = await Run("check", "-s", site, "--format", "junit");
        var strict = await Run("check", "-s", site, "--format", "junit", "--junit-inconclusive", "error");
        var belowFailOn = await Run("check", "-s", old, "--format", "junit", "--fail-on", "critical");
        var atFailOn = await Run("check", "-s", old, "--format", "junit");

        inconclusive.Code.Should().Be(0);
        Totals(inconclusive.Out).Should().Be((0, 0), "inconclusive results do not fail the run, so they are skipped");
        XDocument.Parse(inconclusive.Out).Descendants("skipped").Should().Contain(s => s.Attribute("message")!.Value.Contains("was not collected"));
        Totals(strict.Out).Errors.Should().BeGreaterThan(0);
        belowFailOn.Code.Should().Be(0);
        Totals(belowFailOn.Out).Should().Be((0, 0), "a finding below --fail-on passes, as the exit code has it");
        XDocument.Parse(belowFailOn.Out).Descendants("system-out").Single().Value.Should().StartWith("Detected (error, below the failing severity)");
        atFailOn.Code.Should().Be(1);
        Totals(atFailOn.Out).Failures.Should().Be(1);
        XDocument.Parse(atFailOn.Out).Descendants("testcase").Should().OnlyContain(t => t.Attribute("time") != null);
        XDocument.Parse(atFailOn.Out).Root!.Attribute("time")!.Value.Should().MatchRegex(@"^\d+\.\d{3}$");
    }

    private static (int Failures, int Errors) Totals(string junit)
    {
        var root = XDocument.Parse(junit).Root!;
        return (int.Parse(root.Attribute("failures")!.Value), int.Parse(root.Attribute("errors")!.Value));
    }

    private static string[] Fingerprints(string sarif) =>
        JsonNode.Parse(sarif)!["runs"]![0]!["results"]!.AsArray().Select(r => (string)r!["partialFingerprints"]!["pxerules/v1"]!).ToArray();

    /// <summary>A relative path from the working folder; a bundled rule's path (<c>rules/…</c>) is relative to this repository.</summary>
    private static string Resolve(string uri, string? baseId)
    {
        if (baseId != "%SRCROOT%") return new Uri(uri).LocalPath;
        var relative = Uri.UnescapeDataString(uri);
        var here = Path.Combine(Directory.GetCurrentDirectory(), relative);
        return File.Exists(here) ? here : Repository.Path(relative.Split('/'));
    }
}
