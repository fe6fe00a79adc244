using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using FluentAssertions;
using PxeRules.Model;
using PxeRules.Probes;
using Xunit;
using static PxeRules.Tests.Evaluation.EngineHarness;

namespace PxeRules.Tests.Evaluation;

/// <summary>
/// A field a record does not have is unknown, not false: an entry copied out of a log viewer has no time, and
/// "within the last 7 days" cannot be false for it. Only <c>exists</c> is decided (the field does not exist).
/// </summary>
public class UnknownFieldTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private const string LogFact = "  log: { probe: log.entries, args: { paths: ['C:\\SMSPXE.log'] } }\n";

    private const string Why = "copied from a log viewer, whose date and time have no time zone";

    /// <summary>Entries with a time of <c>daysAgo</c> days before now, or none where it is null.</summary>
    private static InMemoryProbeProvider Log(params (string Text, int? DaysAgo)[] entries)
    {
        var items = new List<object?>();
        foreach (var (text, daysAgo) in entries)
        {
            var item = new Dictionary<string, object?> { ["text"] = text, ["format"] = daysAgo is null ? "viewer-copy" : "ccm" };
            if (daysAgo is { } days) item["time"] = Now.AddDays(-days);
            else item["timeNote"] = Why;
            items.Add(item);
        }

        return new InMemoryProbeProvider().Add(
            Server, "log.entries", new Dictionary<string, object?> { ["paths"] = new object?[] { "C:\\SMSPXE.log" } }, ProbeResult.Found(items.ToArray(), "copy from a log viewer: 1 line, 1 entry (0 with a time)"));
    }

    private static Task<PxeRules.Evaluation.RuleResult> Run(string when, InMemoryProbeProvider provider) =>
        EvaluateOne(Rule(when, LogFact), provider, new FixedClock(Now));

    // The truth table of every comparison on an entry without the field: unknown, whatever the operator; exists is
    // decided.
    [Theory]
    [InlineData("field: time\n  within: 7d", Outcome.Inconclusive)]
    [InlineData("field: time\n  olderThan: 7d", Outcome.Inconclusive)]
    [InlineData("field: time\n  greater: 2026-11-01T00:00:00Z", Outcome.Inconclusive)]
    [InlineData("field: time\n  less: 2026-11-01T00:00:00Z", Outcome.Inconclusive)]
    [InlineData("field: time\n  equals: 2026-11-01T00:00:00Z", Outcome.Inconclusive)]
    [InlineData("field: time\n  notEquals: 2026-11-01T00:00:00Z", Outcome.Inconclusive)]
    [InlineData("field: component\n  equals: SMSPXE", Outcome.Inconclusive)]
    [InlineData("field: component\n  matches: 'PXE'", Outcome.Inconclusive)]
    [InlineData("field: component\n  notMatches: 'PXE'", Outcome.Inconclusive)]
    [InlineData("field: component\n  contains: PXE", Outcome.Inconclusive)]
    [InlineData("field: component\n  in: [SMSPXE]", Outcome.Inconclusive)]
    [InlineData("field: component\n  notIn: [SMSPXE]", Outcome.Inconclusive)]
    [InlineData("field: time\n  exists: true", Outcome.NotDetected)]
    [InlineData("field: time\n  exists: false", Outcome.Detected)]
    public async Task A_comparison_on_a_field_the_entry_lacks_is_unknown(string itemCondition, Outcome expected)
    {
        var result = await Run("fact: log\nanyItem:\n  " + itemCondition + "\n", Log(("Access is denied.", null)));

        result.Outcome.Should().Be(expected);
    }

    // anyItem: true with one true item; otherwise unknown if any item is unknown; false only when every item is false.
    [Theory]
    [InlineData(new[] { -1 }, Outcome.Inconclusive)]
    [InlineData(new[] { -1, 2 }, Outcome.Detected)]
    [InlineData(new[] { -1, 30 }, Outcome.Inconclusive)]
    [InlineData(new[] { 30 }, Outcome.NotDetected)]
    [InlineData(new int[0], Outcome.NotDetected)]
    public async Task AnyItem_over_untimed_matching_entries_is_inconclusive_at_worst(int[] daysAgo, Outcome expected)
    {
        var entries = daysAgo.Select(d => ("Opening image file failed: Access is denied. (0x80070005)", d < 0 ? (int?)null : d)).ToArray();

        var result = await Run("fact: log\nanyItem:\n  all:\n    - field: text\n      matches: 'access is denied'\n    - field: time\n      within: 7d\n", Log(entries));

        result.Outcome.Should().Be(expected);
    }

    // noItem: false with one true item; otherwise unknown if any item is unknown; true only when every item is false.
    [Theory]
    [InlineData(new[] { -1 }, Outcome.Inconclusive)]
    [InlineData(new[] { -1, 2 }, Outcome.NotDetected)]
    [InlineData(new[] { 30 }, Outcome.Detected)]
    public async Task NoItem_follows_the_same_table(int[] daysAgo, Outcome expected)
    {
        var entries = daysAgo.Select(d => ("MAC=00:11:22:33:44:55 SMBIOS GUID=00000011-4918", d < 0 ? (int?)null : d)).ToArray();

        var result = await Run("fact: log\nnoItem:\n  field: time\n  within: 7d\n", Log(entries));

        result.Outcome.Should().Be(expected);
    }

    // allItems: false with one false item; otherwise unknown if any item is unknown.
    [Theory]
    [InlineData(new[] { -1, 30 }, Outcome.Inconclusive)]
    [InlineData(new[] { -1, 2 }, Outcome.NotDetected)]
    [InlineData(new[] { 30, 40 }, Outcome.Detected)]
    public async Task AllItems_follows_the_same_table(int[] daysAgo, Outcome expected)
    {
        var entries = daysAgo.Select(d => ("x", d < 0 ? (int?)null : d)).ToArray();

        var result = await Run("fact: log\nallItems:\n  field: time\n  olderThan: 7d\n", Log(entries));

        result.Outcome.Should().Be(expected);
    }

    // count: decided when every way the unknown items could go gives the same answer.
    [Theory]
    [InlineData(new[] { -1, 2, 2 }, "greaterOrEqual: 2", Outcome.Detected)]
    [InlineData(new[] { -1, 2, 30 }, "greaterOrEqual: 2", Outcome.Inconclusive)]
    [InlineData(new[] { -1, 30, 30 }, "greaterOrEqual: 2", Outcome.NotDetected)]
    public async Task Count_is_decided_only_when_the_unknown_items_cannot_change_it(int[] daysAgo, string comparison, Outcome expected)
    {
        var entries = daysAgo.Select(d => ("x", d < 0 ? (int?)null : d)).ToArray();

        var result = await Run($"fact: log\ncount:\n  where:\n    field: time\n    within: 7d\n  {comparison}\n", Log(entries));

        result.Outcome.Should().Be(expected);
    }

    [Fact]
    public async Task The_evidence_counts_every_entry_and_says_why_the_unknown_ones_are_unknown()
    {
        var result = await Run(
            "fact: log\nanyItem:\n  all:\n    - field: text\n      matches: 'access is denied'\n    - field: time\n      within: 7d\n",
            Log(("Access is denied.", null), ("Access is denied.", null), ("Started.", 1), ("Access is denied.", 30)));

        result.Outcome.Should().Be(Outcome.Inconclusive);
        var evidence = result.Evidence.Should().ContainSingle().Subject;
        evidence.Observed.Should().Be("0 of 4 item(s) match, 2 unknown");
        evidence.Items.Should().Equal("time unknown: Access is denied.", "time unknown: Access is denied.");
        evidence.Note.Should().Be($"an item has no 'time': {Why}; read: copy from a log viewer: 1 line, 1 entry (0 with a time)");
        result.Explanation.Should().Contain($"an item has no 'time': {Why}");
    }

    [Fact]
    public async Task A_field_a_fact_record_leaves_out_is_not_set_there_and_so_not_found()
    {
        // Each probe kind documents that a field whose value is not set on the machine is left out of its record
        // (wds.answerRequests when netbootAnswerRequests does not exist): that is an answer, unlike an item of a list
        // that lacks a field.
        const string facts = "  bootfiles: { probe: folder, args: { path: 'C:\\WINDOWS\\Temp\\PXEBootfiles' } }\n";
        var call = new Dictionary<string, object?> { ["path"] = "C:\\WINDOWS\\Temp\\PXEBootfiles" };
        var withoutOwner = new InMemoryProbeProvider().Add(Server, "folder", call, ProbeResult.Found(new Dictionary<string, object?> { ["path"] = "C:\\WINDOWS\\Temp\\PXEBootfiles", ["hidden"] = true }));

        var compared = await EvaluateOne(Rule("fact: bootfiles.ownerSid\nstartsWith: 'S-1-5-80-'\n", facts), withoutOwner);
        var exists = await EvaluateOne(Rule("fact: bootfiles.ownerSid\nexists: false\n", facts), withoutOwner);

        compared.Outcome.Should().Be(Outcome.NotDetected);
        exists.Outcome.Should().Be(Outcome.Detected);
    }

    [Fact]
    public async Task The_evidence_shows_the_first_matching_entries_with_their_time_file_and_line()
    {
        var entries = Enumerable.Range(1, 5).Select(i => (object?)new Dictionary<string, object?>
        {
            ["time"] = Now.AddDays(-1).AddMinutes(i),
            ["text"] = $"Failed to copy boot image {i}: Access is denied. (0x80070005)",
            ["log"] = @"C:\Program Files\SMS_CCM\Logs\SMSPXE.log",
            ["line"] = (double)(10 * i),
        }).ToArray();
        var provider = new InMemoryProbeProvider().Add(Server, "log.entries", new Dictionary<string, object?> { ["paths"] = new object?[] { "C:\\SMSPXE.log" } }, ProbeResult.Found(entries));

        var result = await Run("fact: log\nanyItem:\n  field: text\n  matches: 'access is denied'\n", provider);

        result.Outcome.Should().Be(Outcome.Detected);
        result.Evidence.Single().Observed.Should().Be("5 of 5 item(s) match");
        result.Evidence.Single().Items.Should().Equal(
            "2026-11-24T12:01:00Z SMSPXE.log:10: Failed to copy boot image 1: Access is denied. (0x80070005)",
            "2026-11-24T12:02:00Z SMSPXE.log:20: Failed to copy boot image 2: Access is denied. (0x80070005)",
            "2026-11-24T12:03:00Z SMSPXE.log:30: Failed to copy boot image 3: Access is denied. (0x80070005)");
    }
}
