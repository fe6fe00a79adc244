using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using FluentAssertions;
using PxeRules.Cli;
using PxeRules.Evaluation;
using PxeRules.Model;
using PxeRules.Snapshots;
using Xunit;

namespace PxeRules.Tests.PowerShell;

/// <summary>The PxeRules module as a PowerShell 7 user meets it: imported from its folder, cmdlets, objects, views, help.</summary>
[Trait("Category", "PowerShell")]
public sealed class ModuleTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("pxerules-module-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static async Task<string[]> Tool(params string[] args)
    {
        var output = new StringWriter();
        var code = await new CliApp(new CliConsole(output, new StringWriter(), false, _ => null)).RunAsync(args.Concat(new[] { "--format", "json", "--all", "--fail-on", "none" }).ToArray());
        code.Should().Be(0, output.ToString());
        return JsonNode.Parse(output.ToString())!["results"]!.AsArray()
            .Select(r => $"{r!["ruleId"]!.GetValue<string>()}@{r["machine"]?.GetValue<string>()}: {r["outcome"]!.GetValue<string>()}")
            .OrderBy(l => l, StringComparer.Ordinal).ToArray();
    }

    private static string[] Lines(string text, string prefix) =>
        text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).Select(l => l.Substring(prefix.Length)).ToArray();

    [PwshFact]
    public void The_module_exports_four_cmdlets_with_help_and_an_about_topic()
    {
        var (code, output, error) = Pwsh.Run("""
            (Get-Module PxeRules).ExportedCmdlets.Keys | Sort-Object | ForEach-Object { "cmdlet:$_" }
            "version:$((Get-Module PxeRules).Version)"
            'Invoke-PxeRules', 'Get-PxeRule', 'Test-PxeRule', 'Export-PxeSnapshot' | ForEach-Object { "synopsis:$_=$((Get-Help $_).Synopsis)" }
            "about:" + ((Get-Help about_PxeRules | Out-String) -match 'Windows PowerShell 5.1 is untested')
            """);

        code.Should().Be(0, error);
        Lines(output, "cmdlet:").Should().Equal("Export-PxeSnapshot", "Get-PxeRule", "Invoke-PxeRules", "Test-PxeRule");
        Lines(output, "version:").Should().Equal("0.1.0");
        Lines(output, "synopsis:").Should().Equal(
            "Invoke-PxeRules=Evaluates the PxeRules knowledge base on snapshots, bundles, folders of logs or live servers.",
            "Get-PxeRule=Gets the rules of the PxeRules knowledge base.",
            "Test-PxeRule=Runs the examples written in rules, as 'pxerules test' does.",
            "Export-PxeSnapshot=Writes the facts the rules need to a snapshot file.");
        Lines(output, "about:").Should().Equal("True");
    }

    [PwshFact]
    public async Task Invoke_PxeRules_gives_the_outcomes_pxerules_check_gives_on_every_sample_snapshot_bundle_and_folder_of_logs()
    {
        var snapshots = Directory.GetFiles(Repository.Path("samples", "snapshots"), "*.json").OrderBy(f => f, StringComparer.Ordinal).ToArray();
        var bundles = Directory.GetDirectories(Repository.Path("samples", "bundles")).OrderBy(f => f, StringComparer.Ordinal).ToArray();
        var logs = Directory.GetDirectories(Repository.Path("samples", "logs")).OrderBy(f => f, StringComparer.Ordinal).ToArray();
        static string Outcome(string source) =>
            "ForEach-Object { \"" + source + "|$($_.RuleId)@$($_.Machine): $(switch ($_.Outcome) { 'NotDetected' { 'notDetected' } 'NotApplicable' { 'notApplicable' } default { $_.ToString().ToLowerInvariant() } })\" }";
        var script = string.Join("\n",
            snapshots.Select(s => $"Invoke-PxeRules -Snapshot {Pwsh.Quote(s)} -All | {Outcome("snapshot:" + Path.GetFileName(s))}")
            .Concat(bundles.Select(b => $"Invoke-PxeRules -Bundle {Pwsh.Quote(b)} -All | {Outcome("bundle:" + Path.GetFileName(b))}"))
            .Concat(logs.Select(l => $"Invoke-PxeRules -Logs {Pwsh.Quote(l)} -All | {Outcome("logs:" + Path.GetFileName(l))}")));

        var (code, output, error) = Pwsh.Run(script);

        code.Should().Be(0, error);
        var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Contains('|')).ToArray();
        foreach (var (kind, option, paths) in new[] { ("snapshot", "--snapshot", snapshots), ("bundle", "--bundle", bundles), ("logs", "--logs", logs) })
        {
            foreach (var path in paths)
            {
                var prefix = $"{kind}:{Path.GetFileName(path)}|";
                Lines(string.Join("\n", lines), prefix).OrderBy(l => l, StringComparer.Ordinal).Should().Equal(await Tool("check", option, path), prefix);
            }
        }
    }

    [PwshFact]
    public void The_default_view_is_a_table_of_the_findings_and_a_list_shows_evidence_what_would_clear_it_and_remediation()
    {
        var sample = Pwsh.Quote(Repository.Path("samples", "snapshots", "remote-pxe-sp-old-wimgapi.json"));
        var (code, output, error) = Pwsh.Run($$"""
            Invoke-PxeRules -Snapshot {{sample}} | Out-String -Width 200
            Invoke-PxeRules -Snapshot {{sample}} | Format-List | Out-String -Width 300
            """);

        code.Should().Be(0, error);
        output.Should().MatchRegex(@"Severity +Rule +Machine +Outcome +Explanation")
            .And.MatchRegex(@"\nError +pxe-remote-wimgapi-not-updated-sp1 +PXE02 +Detected +Detected: looked for wimgapi.version less than 6.0.6001.18000; seen 6.0.6000.16386.")
            .And.Contain("Evidence    : wimgapi.version = 6.0.6000.16386, less 6.0.6001.18000: true [file(path: %windir%\\System32\\wimgapi.dll) on PXE02]")
            .And.Contain("WouldClear  : wimgapi.version at least 6.0.6001.18000 (now 6.0.6000.16386) on PXE02")
            .And.Contain("2. On PXE02, stop the Windows Deployment Services Server service. (disruptive)")
            .And.Contain("   > net stop WDSServer");
    }

    [PwshFact]
    public void AsReport_gives_coverage_and_root_causes_and_an_incomplete_site_warns()
    {
        var site = Pwsh.Quote(Repository.Path("samples", "snapshots", "remote-pxe-sp-old-wimgapi.json"));
        var uncovered = Pwsh.Quote(Repository.Path("samples", "snapshots", "site-pxe-sp-not-collected.json"));
        var (code, output, error) = Pwsh.Run($$"""
            $report = Invoke-PxeRules -Snapshot {{site}} -AsReport
            "coverage:$($report.CoverageSummary)"
            "complete:$($report.Coverage.IsComplete)"
            $report.RootCauses | ForEach-Object { "cause:$_" }
            $report.Findings | ForEach-Object { "finding:$($_.RuleId)@$($_.Machine)" }
            "results:$($report.Results.Count)"
            $null = Invoke-PxeRules -Snapshot {{uncovered}} -WarningVariable warned -WarningAction SilentlyContinue
            "warned:$($warned.Count -gt 0)"
            """);

        code.Should().Be(0, error);
        Lines(output, "coverage:").Should().Equal("complete: 2 of 2 machine(s) collected");
        Lines(output, "complete:").Should().Equal("True");
        Lines(output, "cause:").Should().Equal("pxe-remote-wimgapi-not-updated-sp1 on PXE02: Detected");
        Lines(output, "finding:").Should().Equal("pxe-remote-wimgapi-not-updated-sp1@PXE02");
        Lines(output, "results:").Should().Equal("36");
        Lines(output, "warned:").Should().Equal("True");
    }

    [PwshFact]
    public void Get_PxeRule_filters_by_wildcard_and_severity_and_Test_PxeRule_runs_every_bundled_example()
    {
        var knowledgeBase = KnowledgeBase.LoadBundled();
        var examples = RuleExamples.RunAll(knowledgeBase, RuleExamples.ReferenceTime);
        var (code, output, error) = Pwsh.Run("""
            Get-PxeRule *wimgapi* | ForEach-Object { "wild:$($_.Id)" }
            "critical:$(@(Get-PxeRule -Severity Critical).Count)"
            $results = Test-PxeRule
            "examples:$($results.Count)"
            "failed:$(@($results | Where-Object { -not $_.Passed }).Count)"
            "quiet:$(Test-PxeRule -Quiet)"
            Get-PxeRule no-such-rule -ErrorAction SilentlyContinue -ErrorVariable missing
            "missing:$($missing[0].Exception.Message)"
            """);

        code.Should().Be(0, error);
        Lines(output, "wild:").Should().Equal(knowledgeBase.Rules.Where(r => r.Id.Contains("wimgapi")).Select(r => r.Id));
        Lines(output, "critical:").Should().Equal(knowledgeBase.Rules.Count(r => r.Severity >= Severity.Critical).ToString());
        Lines(output, "examples:").Should().Equal(examples.Count.ToString());
        Lines(output, "failed:").Should().Equal("0");
        Lines(output, "quiet:").Should().Equal("True");
        Lines(output, "missing:").Should().Equal("No rule has the id 'no-such-rule'.");
    }

    [PwshFact]
    public void Test_PxeRule_reports_an_example_that_fails()
    {
        var rule = KnowledgeBase.LoadBundled().Find("pxe-remote-wimgapi-not-updated-sp1")!;
        var text = File.ReadAllText(Repository.Path("rules", "pxe-remote-wimgapi-not-updated-sp1.yaml"));
        var example = rule.Examples.First(e => e.Expect == Outcome.Detected);
        File.WriteAllText(Path.Combine(folder, "rule.yaml"), text.Replace("expect: detected", "expect: notDetected"));

        var (code, output, error) = Pwsh.Run($$"""
            Test-PxeRule {{Pwsh.Quote(folder)}} | Where-Object { -not $_.Passed } | ForEach-Object { "failed:$($_.RuleId)|$($_.Example)|$($_.Expected)|$($_.Actual)" }
            "quiet:$(Test-PxeRule {{Pwsh.Quote(folder)}} -Quiet)"
            """);

        code.Should().Be(0, error);
        Lines(output, "failed:").Should().Contain($"pxe-remote-wimgapi-not-updated-sp1|{example.Name}|NotDetected|Detected");
        Lines(output, "quiet:").Should().Equal("False");
    }

    [PwshFact]
    public void Export_PxeSnapshot_reads_a_bundle_into_a_snapshot_that_evaluates_as_the_bundle_does()
    {
        var bundle = Pwsh.Quote(Repository.Path("samples", "bundles", "pxe02-remote-old-wimgapi"));
        var target = Path.Combine(folder, "pxe02.json");
        var (code, output, error) = Pwsh.Run($$"""
            $file = Export-PxeSnapshot -Path {{Pwsh.Quote(target)}} -Bundle {{bundle}}
            "file:$($file.FullName)"
            Invoke-PxeRules -Snapshot $file.FullName -All | ForEach-Object { "snapshot:$($_.RuleId)@$($_.Machine): $($_.Outcome)" }
            Invoke-PxeRules -Bundle {{bundle}} -All | ForEach-Object { "bundle:$($_.RuleId)@$($_.Machine): $($_.Outcome)" }
            """);

        code.Should().Be(0, error);
        Lines(output, "file:").Should().Equal(target);
        SnapshotFile.Read(target).Success.Should().BeTrue();
        Lines(output, "bundle:").Should().NotBeEmpty();
        Lines(output, "snapshot:").Should().Equal(Lines(output, "bundle:"));
    }

    [PwshFact]
    public void A_snapshot_that_cannot_be_read_stops_Invoke_PxeRules_with_its_diagnostics()
    {
        var broken = Path.Combine(folder, "broken.json");
        File.WriteAllText(broken, "{ \"schema\": \"pxerules-snapshot\", \"machines\": [ }\n");
        var expected = string.Join("\n", SnapshotFile.Read(broken).Diagnostics.Select(d => d.ToString()));

        var (code, output, error) = Pwsh.Run($$"""
            try { Invoke-PxeRules -Snapshot {{Pwsh.Quote(broken)}} } catch { "id:$($_.FullyQualifiedErrorId)"; "message:$($_.Exception.Message -replace "`n", '|')" }
            """);

        code.Should().Be(0, error);
        Lines(output, "id:").Should().Equal("SnapshotInvalid,PxeRules.PowerShell.InvokePxeRulesCommand");
        Lines(output, "message:").Should().Equal(expected.Replace("\n", "|"));
    }

    [PwshFact]
    public void The_module_package_has_its_manifest_at_the_root_and_installs_from_a_PowerShell_repository()
    {
        var feed = Path.Combine(folder, "feed");
        var installed = Path.Combine(folder, "modules");
        var sample = Pwsh.Quote(Repository.Path("samples", "snapshots", "remote-pxe-sp-old-wimgapi.json"));
        var (code, output, error) = Pwsh.Run($$"""
            Remove-Module PxeRules
            & {{Pwsh.Quote(Repository.Path("src", "PxeRules.PowerShell", "pack-module.ps1"))}} -ModuleFolder {{Pwsh.Quote(Pwsh.ModuleFolder)}} -Output {{Pwsh.Quote(feed)}} | ForEach-Object { "package:$($_.Name)" }
            Register-PSResourceRepository -Name packed -Uri {{Pwsh.Quote(feed)}} -Trusted
            $null = New-Item -ItemType Directory -Path {{Pwsh.Quote(installed)}}
            Save-PSResource -Name PxeRules -Repository packed -Path {{Pwsh.Quote(installed)}} -TrustRepository
            Import-Module (Join-Path {{Pwsh.Quote(installed)}} 'PxeRules')
            "from:$((Get-Module PxeRules).ModuleBase)"
            Invoke-PxeRules -Snapshot {{sample}} | ForEach-Object { "finding:$($_.RuleId)@$($_.Machine)" }
            """);

        code.Should().Be(0, error);
        Lines(output, "package:").Should().Equal("PxeRules.0.1.0.nupkg");
        using (var package = System.IO.Compression.ZipFile.OpenRead(Path.Combine(feed, "PxeRules.0.1.0.nupkg")))
        {
            package.Entries.Select(e => e.FullName).Should().Contain(new[] { "PxeRules.psd1", "PxeRules.format.ps1xml", "PxeRules.PowerShell.dll", "PxeRules.dll", "en-US/about_PxeRules.help.txt" })
                .And.NotContain(e => e.EndsWith(".pdb", StringComparison.Ordinal) || e.StartsWith("System.Management.Automation", StringComparison.Ordinal));
        }

        Lines(output, "from:").Single().Should().StartWith(installed);
        Lines(output, "finding:").Should().Equal("pxe-remote-wimgapi-not-updated-sp1@PXE02");
    }
}
