using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using FluentAssertions;
using PxeRules.Evaluation;
using PxeRules.Probes;
using PxeRules.Snapshots;
using Xunit;
using static PxeRules.Tests.Evaluation.EngineHarness;

namespace PxeRules.Tests.Snapshots;

public class SnapshotTests
{
    private const string Facts =
        "  wimgapi: { probe: file, args: { path: '%windir%\\System32\\wimgapi.dll' } }\n" +
        "  log: { probe: log.entries, args: { paths: ['C:\\SMSPXE.log'], maxEntries: 100 } }\n" +
        "  wds: { probe: service, args: { name: WDSServer } }\n" +
        "  events: { probe: eventlog.entries, args: { log: System, ids: [7031], since: 7d } }\n";

    private static readonly string[] Rules =
    {
        Rule("fact: wimgapi.version\nless: 6.0.6001.18000\n", Facts, id: "old-wimgapi"),
        Rule("fact: log\nanyItem:\n  all:\n    - field: text\n      contains: denied\n    - field: time\n      within: 7d\n", Facts, id: "denied-in-log"),
        Rule("fact: wds.state\nequals: Running\n", Facts, id: "wds-running"),
        Rule("fact: events\ncount:\n  greaterOrEqual: 1\n", Facts, id: "crashes"),
        Rule("fact: wds.startMode\nequals: Disabled\n", Facts, id: "wds-disabled"),
    };

    private static InMemoryProbeProvider Provider()
    {
        var provider = new InMemoryProbeProvider();
        provider.Add(Server, "file", new Dictionary<string, object?> { ["path"] = "%windir%\\System32\\wimgapi.dll" },
            ProbeResult.Found(new Dictionary<string, object?> { ["path"] = "C:\\WINDOWS\\system32\\wimgapi.dll", ["version"] = new Version(6, 0, 6000, 16386), ["size"] = 412160, ["modified"] = new DateTime(2006, 11, 2, 9, 46, 0, DateTimeKind.Utc), ["hidden"] = false }));
        provider.Add(Server, "log.entries", new Dictionary<string, object?> { ["paths"] = new object?[] { "C:\\SMSPXE.log" }, ["maxEntries"] = 100 },
            ProbeResult.Found(
                new object?[] { new Dictionary<string, object?> { ["time"] = FixedClock.ExampleNow.AddDays(-1), ["text"] = "Access is denied.\n\"quoted\" \\ \u0001", ["type"] = 3, ["thread"] = 2348 } },
                "C:\\SMSPXE.log: CCM log: 1 line, 1 entry (1 with a time)"));
        provider.Add(Server, "service", new Dictionary<string, object?> { ["name"] = "WDSServer" }, ProbeResult.Unavailable("The RPC server is unavailable."));
        provider.Add(Server, "eventlog.entries", new Dictionary<string, object?> { ["log"] = "System", ["ids"] = new object?[] { 7031 }, ["since"] = TimeSpan.FromDays(7) }, ProbeResult.NotFound("no such log"));
        return provider;
    }

    private static string Outcomes(EvaluationReport report) =>
        string.Join("\n", report.Results.Select(r => $"{r.Rule.Id}: {r.Outcome}: {r.Explanation} | {string.Join("; ", r.Evidence)}"));

    [Fact]
    public async Task A_snapshot_round_trip_gives_exactly_the_live_results()
    {
        var knowledgeBase = Load(Rules);
        var live = await RuleEngine.CreateBuilder().AddRules(knowledgeBase).AddProvider(Provider()).WithTimeProvider(new FixedClock()).Build().EvaluateAsync(new[] { Server });
        using var stream = new MemoryStream();

        SnapshotFile.Write(live.Facts, stream);
        stream.Position = 0;
        var read = SnapshotFile.Read(stream, "snap.json");

        read.Diagnostics.Should().BeEmpty();
        var fromTable = RuleEngine.CreateBuilder().AddRules(knowledgeBase).WithTimeProvider(new FixedClock()).Build().Evaluate(read.Facts!);
        var throughProvider = await RuleEngine.CreateBuilder().AddRules(knowledgeBase).AddSnapshot(read.Facts!).WithTimeProvider(new FixedClock()).Build().EvaluateAsync(read.Facts!.Machines);
        Outcomes(fromTable).Should().Be(Outcomes(live));
        Outcomes(throughProvider).Should().Be(Outcomes(live));
        Outcomes(fromTable).Should().Contain("(C:\\SMSPXE.log: CCM log: 1 line, 1 entry (1 with a time))", "how a log was read is kept with its value");
        live.Results.Select(r => r.Outcome.ToString()).Should().Equal("Detected", "Detected", "Inconclusive", "NotDetected", "Inconclusive");
        read.Facts!.Machines.Single().Roles.Should().Equal("pxe-service-point");
    }

    [Fact]
    public void A_call_missing_from_the_snapshot_is_unavailable_not_in_snapshot()
    {
        var knowledgeBase = Load(Rule("fact: wds\nexists: false\n", "  wds: { probe: service, args: { name: WDSServer } }\n"));
        var snapshot = SnapshotFile.Read(new MemoryStream(Encoding.UTF8.GetBytes(
            "{\"format\": \"pxerules-snapshot\", \"formatVersion\": 1, \"collectedAt\": \"2026-11-25T10:00:00Z\", \"machines\": [{\"name\": \"PXE01\", \"roles\": [\"pxe-service-point\"], \"probes\": []}]}")), "s.json");

        var result = RuleEngine.CreateBuilder().AddRules(knowledgeBase).Build().Evaluate(snapshot.Facts!).Results.Single();

        result.Outcome.Should().Be(PxeRules.Model.Outcome.Inconclusive);
        result.Evidence.Single().Note.Should().Be("The fact is not in the snapshot.");
    }

    [Theory]
    [InlineData("{\"format\": \"pxerules-snapshot\", \"formatVersion\": 2, \"collectedAt\": \"2026-11-25T10:00:00Z\", \"machines\": []}",
        "s.json(1,50): error PXR0040: The snapshot's formatVersion is 2; this version of PxeRules reads formatVersion 1.")]
    [InlineData("{\"format\": \"other\"}", "s.json(1,12): error PXR0040: This is not a PxeRules snapshot: 'format' should be 'pxerules-snapshot'.")]
    [InlineData("{\"format\": \"pxerules-snapshot\", \"formatVersion\": 1,\n \"collectedAt\": \"2026-11-25T10:00:00Z\", \"machines\": [\n",
        "s.json(3,1): error PXR0001: The text is not valid JSON: While parsing a node, did not find expected node content.")]
    [InlineData("{\"format\": \"pxerules-snapshot\", \"formatVersion\": 1, \"collectedAt\": \"2026-11-25T10:00:00Z\", \"machines\": [{\"name\": \"A\", \"roles\": [], \"probes\": [\n  {\"kind\": \"file\", \"args\": {\"path\": \"x\"}, \"status\": \"value\", \"value\": {\"version\": \"six\"}}]}]}",
        "s.json(2,83): error PXR0041: The value of 'file'.version should be a version (two to four numeric parts, such as 6.0.6001.18000), but found the scalar 'six'.")]
    [InlineData("{\"format\": \"pxerules-snapshot\", \"formatVersion\": 1, \"collectedAt\": \"2026-11-25T10:00:00Z\", \"machines\": [{\"name\": \"A\", \"roles\": [], \"probes\": [\n  {\"kind\": \"file\", \"status\": \"maybe\"}]}]}",
        "s.json(2,30): error PXR0014: 'status' should be one of value, notFound, unavailable, invalid, but found 'maybe'.")]
    [InlineData("{\"format\": \"pxerules-snapshot\", \"formatVersion\": 1, \"collectedAt\": \"2026-11-25T10:00:00Z\", \"machines\": [\n {\"name\": \"A\", \"roles\": [], \"probes\": []},\n {\"name\": \"a\", \"roles\": [], \"probes\": []}]}",
        "s.json(3,11): error PXR0042: The machine 'a' appears more than once.")]
    public void A_broken_or_future_snapshot_is_a_located_error(string json, string expected)
    {
        var result = SnapshotFile.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), "s.json");

        result.Success.Should().BeFalse();
        result.Diagnostics.Select(d => d.ToString()).Should().Equal(expected);
    }

    [Fact]
    public async Task A_collection_says_what_could_not_be_read_and_why()
    {
        var knowledgeBase = Load(Rules);

        var facts = await RuleEngine.CreateBuilder().AddRules(knowledgeBase).AddProvider(Provider()).WithTimeProvider(new FixedClock()).WithRoleDiscovery(false).Build().CollectAsync(new[] { Server });

        facts.UnavailableByReason.Select(u => $"{u.Key}: {string.Join(", ", u.Value)}").Should().Equal("The RPC server is unavailable.: service(name: WDSServer) on PXE01");
        facts.Records.Should().OnlyContain(r => r.Duration >= TimeSpan.Zero);
    }

    [Fact]
    public void Snapshots_of_several_machines_combine_into_one_site()
    {
        static PxeRules.Facts.FactTable Table(string name, string role) =>
            new(new[] { new Machine(name, role) }, Array.Empty<PxeRules.Facts.FactRecord>(), FixedClock.ExampleNow);

        var site = PxeRules.Facts.FactTable.Combine(new[] { Table("SITE01", MachineRoles.SiteServer), Table("PXE02", MachineRoles.PxeServicePoint) });
        var twice = () => PxeRules.Facts.FactTable.Combine(new[] { Table("SITE01", MachineRoles.SiteServer), Table("site01", MachineRoles.SiteServer) });

        site.Machines.Select(m => m.Name).Should().Equal("SITE01", "PXE02");
        twice.Should().Throw<ArgumentException>().WithMessage("The machine 'site01' is in more than one table.*");
    }
}
