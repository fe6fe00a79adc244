using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using PxeRules.Evaluation;
using PxeRules.Facts;
using PxeRules.Loading;
using PxeRules.Model;
using PxeRules.Probes;
using PxeRules.Probes.FileSystem;
using Xunit;

namespace PxeRules.Tests.BundledRules;

/// <summary>
/// The bundled rules that read logs, given a real log text quoted in public material (tests/TestData/RealLogs) as
/// the machine's SMSPXE.log or distmgr.log, read through the file-system provider from a copy of the machine's files. The
/// other facts come from the rule's own detected example. Evidence of a known issue, in whatever form it arrived,
/// must give "detected" or "inconclusive", never "not detected".
/// </summary>
public sealed class RealLogRuleTests : IDisposable
{
    private static readonly Machine Pxe01 = new("PXE01", MachineRoles.PxeServicePoint);
    private static readonly Machine Site01 = new("SITE01", MachineRoles.SiteServer);
    private const string SmspxeLog = @"C:\Program Files\SMS_CCM\Logs\SMSPXE.log";
    private static readonly KnowledgeBase Bundled = KnowledgeBase.LoadBundled();

    private readonly string root = Path.Combine(Path.GetTempPath(), "pxerules-real-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    [Theory]
    [InlineData("no-advertisement-for-device", "marckean-2011-smspxe-no-advert.txt", Outcome.Inconclusive)]
    [InlineData("no-advertisement-for-device", "kb2591483-smspxe-duplicate-smbios.log", Outcome.Inconclusive)]
    [InlineData("network-no-ip-helper", "marckean-2011-smspxe-no-advert.txt", Outcome.Inconclusive)]
    [InlineData("network-no-ip-helper", "kb2591483-smspxe-duplicate-smbios.log", Outcome.Inconclusive)]
    public async Task An_untimed_copy_of_a_log_that_shows_the_issue_is_inconclusive_not_healthy(string ruleId, string realLog, Outcome expected)
    {
        var result = await Evaluate(ruleId, realLog);

        result.Outcome.Should().Be(expected);
        result.Explanation.Should().Contain("an item has no 'time': a line in no log form (a message pasted without its columns), so it has no time");
    }

    [Fact]
    public async Task A_pasted_settings_block_decides_a_rule_that_needs_no_time()
    {
        // KB2019640's "PXE Settings:" block, CacheExpire: 3600, on an SP1 site without the registry value.
        var result = await Evaluate("pxe-cache-expire", "kb2019640-smspxe-cacheexpire.txt", "SP1 site without the value, SMSPXE.log reports 3600 seconds");

        result.Outcome.Should().Be(Outcome.Detected);
    }

    [Fact]
    public async Task A_viewer_copy_of_distmgr_log_showing_the_share_error_is_inconclusive_not_healthy()
    {
        // KB947683 quotes the distmgr.log line as copied out of the log viewer: its time has no time zone.
        var result = await Evaluate("distmgr-pxe-share-inaccessible", "kb947683-distmgr-smspxeimages.log", machine: Site01, log: @"C:\Program Files\Microsoft Configuration Manager\Logs\distmgr.log");

        result.Outcome.Should().Be(Outcome.Inconclusive);
        result.Explanation.Should().Contain("an item has no 'time': copied from a log viewer, whose date and time have no time zone");
    }

    [Fact]
    public async Task A_native_log_without_the_issue_still_decides_not_detected()
    {
        // A real, timed SMSPXE.log record (2022) that says nothing of a missing advertisement.
        var result = await Evaluate("no-advertisement-for-device", "engrit-cmcb-smspxe-native-multiline.log");

        result.Outcome.Should().Be(Outcome.NotDetected);
    }

    /// <summary>
    /// Evaluates <paramref name="ruleId"/> on PXE01 with <paramref name="realLog"/> as its SMSPXE.log and the other
    /// facts of the rule's example <paramref name="exampleName"/> (its first detected example by default).
    /// </summary>
    private async Task<RuleResult> Evaluate(string ruleId, string realLog, string? exampleName = null, Machine? machine = null, string log = SmspxeLog)
    {
        machine ??= Pxe01;
        var copy = Path.Combine(root, machine.Name, log.Replace(":", string.Empty).Replace('\\', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        File.Copy(Repository.Path("tests", "TestData", "RealLogs", realLog), copy);
        var files = new FileSystemProbeProvider(new FileSystemProbeOptions
        {
            Variables = new Dictionary<string, string> { ["windir"] = @"C:\WINDOWS", ["ProgramFiles"] = @"C:\Program Files" },
            MapPath = (machine, path) => Path.Combine(root, machine.Name, path.Replace(":", string.Empty).Replace('\\', Path.DirectorySeparatorChar)),
        });

        var rule = Bundled.Rules.Single(r => r.Id == ruleId);
        var example = rule.Examples.First(e => exampleName is null ? e.Expect == Outcome.Detected : e.Name == exampleName);
        var prepared = new PreparedRule(rule);
        var slots = new FactSlot[prepared.SlotCount];
        slots[PreparedRule.MachineSlot] = FactSlot.Found(PreparedRule.MachineValue(machine));
        foreach (var fact in prepared.Facts)
        {
            var slot = prepared.SlotOf(fact.Name);
            if (fact.Kind.Name == "log.entries")
            {
                var arguments = new Dictionary<string, object?> { ["paths"] = new object?[] { log } };
                if (fact.Arguments.TryGetValue("match", out var match)) arguments["match"] = match;
                var call = new ProbeCall(machine, "log.entries", arguments);
                var read = await files.ProbeAsync(call, CancellationToken.None);
                read.Status.Should().Be(ProbeStatus.Value, read.Reason);
                slots[slot] = FactSlot.From(new FactRecord(call, read, TimeSpan.Zero, read.Value, null));
            }
            else if (example.Facts.TryGetValue(fact.Name, out var value))
            {
                slots[slot] = value is null ? FactSlot.NotFound(null, null) : FactSlot.Found(value);
            }
            else if (example.NotFound.Contains(fact.Name))
            {
                slots[slot] = FactSlot.NotFound(null, null);
            }
            else
            {
                slots[slot] = FactSlot.Unavailable(null, "not in the example");
            }
        }

        return RuleEngine.Decide(prepared, machine, slots, RuleExamples.ReferenceTime);
    }
}
