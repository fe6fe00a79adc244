using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using FluentAssertions;
using PxeRules.Cli;
using PxeRules.Loading;
using PxeRules.Model;
using PxeRules.Snapshots;
using Xunit;

namespace PxeRules.Tests.Cli;

/// <summary>
/// docs/authoring.md followed end to end on a copy of the repository: scaffold, write the rule, lint and test it, bring
/// the samples up to date with the command the checks name, and end with the suite's rule checks green.
/// </summary>
public sealed class AuthoringWalkthroughTests : IDisposable
{
    private const string Id = "wds-start-mode-manual";

    /// <summary>The rule as the author writes it over the scaffold: a service fact, a registry fact and a log window.</summary>
    private const string Rule = """
        # yaml-language-server: $schema=../schemas/rule.schema.json
        apiVersion: pxerules/v1
        kind: Rule
        id: wds-start-mode-manual
        title: WDS is set to start manually and has not started in the last 7 days
        summary: >-
          The Windows Deployment Services service of a PXE service point is set to start manually. After the
          next restart of the server it stays stopped and no client can PXE boot from it.
        status: experimental
        tags: [wds, service]
        severity: warning
        confidence: inferred
        appliesTo:
          versions: [SP1, SP2]
          roles: [pxe-service-point]
        symptoms:
          - PXE-E53 on every client after the PXE service point was restarted.
        cause: >-
          Someone changed the start mode of WDSServer while troubleshooting and did not set it back.
        facts:
          wds:
            probe: service
            args:
              name: WDSServer
          tftpRoot:
            probe: registry.value
            args:
              key: 'HKLM\SYSTEM\CurrentControlSet\Services\WDSServer\Providers\WDSTFTP'
              name: RootFolder
          wdsStarts:
            probe: log.entries
            args:
              paths: ['%windir%\tracing\wdsserver.log']
              match: 'WDSServer started'
            unverified: >-
              Written from the description of the WDS tracing log; no public material quotes the line.
        when:
          all:
            - fact: wds.startMode
              equals: Manual
            - fact: tftpRoot
              exists: true
            - not:
                fact: wdsStarts
                anyItem:
                  field: time
                  within: 7d
        remediation:
          - text: Set WDSServer on {{ machine.name }} to start automatically and start it.
            command: sc config WDSServer start= auto && net start WDSServer
        references:
          - title: Windows Deployment Services service settings
            url: https://learn.microsoft.com/previous-versions/windows/it-pro/windows-server-2008-r2-and-2008/cc771670(v=ws.10)
        examples:
          - name: manual start, no start logged this week
            expect: detected
            facts:
              site: { version: 4.00.6487.2000 }
              wds: { name: WDSServer, state: Stopped, startMode: Manual }
              tftpRoot: 'D:\RemoteInstall'
              wdsStarts: []
          - name: automatic start
            expect: notDetected
            facts:
              site: { version: 4.00.6487.2000 }
              wds: { name: WDSServer, state: Running, startMode: Automatic }
              tftpRoot: 'D:\RemoteInstall'
              wdsStarts: []
          - name: an RTM site
            expect: notApplicable
            facts:
              site: { version: 4.00.5931.0000 }
          - name: the service cannot be read
            expect: inconclusive
            facts:
              site: { version: 4.00.6487.2000 }
              tftpRoot: 'D:\RemoteInstall'
              wdsStarts: []
            unavailable:
              wds: Access is denied.

        """;

    private readonly string root = Directory.CreateTempSubdirectory("pxerules-authoring-").FullName;

    public AuthoringWalkthroughTests()
    {
        foreach (var folder in new[] { "rules", "schemas", Path.Combine("samples", "snapshots") })
        {
            Directory.CreateDirectory(Path.Combine(root, folder));
            foreach (var file in Directory.GetFiles(Repository.Path(folder)))
            {
                File.Copy(file, Path.Combine(root, folder, Path.GetFileName(file)));
            }
        }
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static Task<(int Code, string Out, string Err)> Run(params string[] args) => InProcessCli.RunAsync(args);

    [Fact]
    public async Task A_new_rule_goes_from_the_scaffold_to_green_rule_checks_without_editing_a_sample_by_hand()
    {
        var rulesFolder = Path.Combine(root, "rules");
        var samples = Path.Combine(root, "samples", "snapshots");
        var path = Path.Combine(rulesFolder, Id + ".yaml");

        // 1. Scaffold: the schema reference works from where the rule is.
        (await Run("new", Id, "--output", rulesFolder)).Code.Should().Be(0);
        var scaffold = File.ReadAllText(path);
        scaffold.Should().StartWith("# yaml-language-server: $schema=../schemas/rule.schema.json\n");
        File.Exists(Path.Combine(root, "rules", "../schemas/rule.schema.json")).Should().BeTrue();

        // The untouched scaffold does not pass: its placeholders are errors.
        (await Run("lint", path)).Code.Should().Be(1);

        // 2-5. The author writes the rule.
        File.WriteAllText(path, Rule);

        // 6. Lint and test: the rule is valid, and the samples do not yet answer its calls; the message names the command.
        var lint = await Run("lint", path);
        lint.Code.Should().Be(1);
        lint.Out.Should().Contain("error PXR0054: The sample does not answer").And.Contain($"Run '{RuleChecks.UpdateSamplesCommand}'");
        var test = await Run("test", path, "--samples", "none");
        test.Code.Should().Be(0, test.Out);
        test.Out.Should().Contain($"PASS {Id} (4/4 examples)");

        // 7. The command the message names brings the samples up to date; then lint and test are clean.
        var update = await Run("test", rulesFolder, "--update-samples", samples);
        update.Code.Should().Be(0, update.Out);
        update.Out.Should().Contain("call(s) added as not collected");
        (await Run("lint", rulesFolder)).Out.Should().EndWith("36 rule(s) valid, 0 warning(s).\n");
        (await Run("docs", "--rules", rulesFolder, "--no-bundled", "-o", Path.Combine(root, "known-issues.md"))).Code.Should().Be(0);
        File.ReadAllText(Path.Combine(root, "known-issues.md")).Should().Contain(Id);

        // The suite's rule checks, on the copy: the same library calls the bundled-rule tests make.
        var rules = new RuleLoader().AddDirectory(rulesFolder).LoadOrThrow();
        RuleChecks.Check(rules, KnowledgeBase.LoadBundled()).Select(d => d.ToString()).Should().BeEmpty();
        foreach (var sample in Directory.GetFiles(samples, "*.json"))
        {
            var facts = SnapshotFile.Read(sample).Facts!;
            (await RuleChecks.CheckSampleAsync(rules, facts, sample, wholeKnowledgeBase: true)).Select(d => d.ToString()).Should().BeEmpty();
        }
    }
}
