using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using PxeRules.Cli;
using PxeRules.Probes;
using Xunit;

namespace PxeRules.Tests.Cli;

/// <summary>An overall time limit for a check, and rules that cannot be evaluated failing the exit code.</summary>
public sealed class RunLimitTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("pxerules-limits-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>Serves every kind and never answers until cancelled.</summary>
    private sealed class SilentProvider : IProbeProvider
    {
        public System.Collections.Generic.IReadOnlyCollection<ProbeKind> Kinds => ProbeCatalog.Default.Kinds.ToArray();

        public async Task<ProbeResult> ProbeAsync(ProbeCall call, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            return ProbeResult.NotFound();
        }
    }

    [Fact]
    public async Task A_check_that_does_not_finish_within_its_timeout_stops_with_exit_2_and_writes_nothing()
    {
        var error = new StringWriter();
        var report = Path.Combine(folder, "report.json");
        var app = new CliApp(new CliConsole(new StringWriter(), error, false, _ => null)) { LiveProviders = builder => builder.AddProvider(new SilentProvider()), Clock = new FixedClock() };

        var run = app.RunAsync(new[] { "check", "--computer", "PXE01", "--timeout", "1", "--format", "json", "-o", report });
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(60)));

        finished.Should().BeSameAs(run, "the timeout ends the run although every probe hangs");
        (await run).Should().Be(2);
        error.ToString().Should().Be($"pxerules: error: the check did not finish within --timeout 1 s; no report was written.{Environment.NewLine}");
        File.Exists(report).Should().BeFalse();
    }

    [Fact]
    public async Task A_rule_that_cannot_be_evaluated_fails_the_check()
    {
        var rule = Path.Combine(folder, "bad-compare.yaml");
        File.WriteAllText(rule, """
            apiVersion: pxerules/v1
            kind: Rule
            id: bad-compare
            title: Compares a folder name with a number
            summary: s
            severity: info
            confidence: inferred
            appliesTo:
              roles: [pxe-service-point]
            facts:
              wds: { probe: wds }
            when:
              fact: wds.rootFolder
              matches: '^(a+)+$'
            remediation:
              - text: t
            """);
        var snapshot = Path.Combine(folder, "pxe01.json");
        File.WriteAllText(snapshot, """
            {"format": "pxerules-snapshot", "formatVersion": 1, "collectedAt": "2026-11-25T10:00:00Z", "machines": [
              {"name": "PXE01", "roles": ["pxe-service-point"], "probes": [
                {"kind": "wds", "status": "value", "value": {"rootFolder": "D:\\RemoteInstall"}}]}]}
            """);
        var output = new StringWriter();

        var clean = await new CliApp(new CliConsole(output, new StringWriter(), false, _ => null)).RunAsync(new[] { "check", "-s", snapshot, "--no-bundled", "--rules", rule, "--fail-on", "critical" });

        clean.Should().Be(0, "a rule that evaluates and finds nothing does not fail");
        File.WriteAllText(snapshot, File.ReadAllText(snapshot).Replace("\"status\": \"value\"", "\"status\": \"invalid\", \"reason\": \"The value did not fit its declared type.\""));
        var failed = await new CliApp(new CliConsole(output, new StringWriter(), false, _ => null)).RunAsync(new[] { "check", "-s", snapshot, "--no-bundled", "--rules", rule, "--fail-on", "critical" });
        var none = await new CliApp(new CliConsole(output, new StringWriter(), false, _ => null)).RunAsync(new[] { "check", "-s", snapshot, "--no-bundled", "--rules", rule, "--fail-on", "none" });

        failed.Should().Be(1, "an error outcome is not a healthy result");
        none.Should().Be(0, "--fail-on none never fails");
    }
}
