using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using PxeRules.Bundles;
using PxeRules.Probes;
using Xunit;

namespace PxeRules.Tests.Bundles;

/// <summary>A folder of logs as sent: files recognised by content, log.entries by the pattern's file name, everything else not in the logs.</summary>
public sealed class LogsProviderTests : IDisposable
{
    private static readonly string Ticket = Repository.Path("samples", "logs", "pxe02-ticket");
    private readonly string folder = Directory.CreateTempSubdirectory("pxerules-logs-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static async Task<ProbeResult> Probe(LogsProbeProvider logs, string kind, params (string Name, object? Value)[] args) =>
        await logs.ProbeAsync(new ProbeCall(logs.Machine, kind, args.ToDictionary(a => a.Name, a => a.Value)), CancellationToken.None);

    [Fact]
    public void Logs_are_recognised_by_content_whatever_their_names()
    {
        using var logs = LogsProbeProvider.Open(Ticket, "PXE02");

        logs.Recognised.Should().BeEquivalentTo("SMSPXE.log: smspxe", "pasted-from-ticket.txt: smspxe", "wds-application-events.xml: events");
        logs.Ignored.Should().ContainSingle(i => i.StartsWith("SOURCES.md: "));
        logs.Machine.Roles.Should().Equal(MachineRoles.PxeServicePoint);
        logs.NewestEntry.Should().Be(new DateTimeOffset(2026, 11, 24, 10, 14, 58, 262, TimeSpan.Zero));
    }

    [Fact]
    public async Task Log_entries_take_the_logs_whose_kind_the_last_part_of_the_path_names()
    {
        using var logs = LogsProbeProvider.Open(Ticket, "PXE02");

        var result = await Probe(logs, "log.entries", ("paths", new object?[] { "%ProgramFiles%\\SMS_CCM\\Logs\\SMSPXE*.lo?" }), ("match", "No Advertisement found"));
        var distmgr = await Probe(logs, "log.entries", ("paths", new object?[] { "C:\\SMS\\Logs\\distmgr.lo?" }));

        var entry = (IReadOnlyDictionary<string, object?>)((object?[])result.Value!).Single()!;
        // The paste has no columns to split: the log parser keeps the line whole (form "text").
        entry["text"].Should().Be("ProcessDatabaseReply: No Advertisement found in Db for device smspxe");
        entry["log"].Should().Be("pasted-from-ticket.txt");
        distmgr.Status.Should().Be(ProbeStatus.Unavailable);
        distmgr.Reason.Should().StartWith("No log matching distmgr.lo? is in the logs (");
    }

    [Fact]
    public async Task Every_other_fact_is_unavailable_naming_what_would_decide_it()
    {
        using var logs = LogsProbeProvider.Open(Ticket, "PXE02");

        var pxe = await Probe(logs, "configmgr.pxe");
        var events = await Probe(logs, "eventlog.entries", ("log", "Application"), ("source", "WDSPXE"), ("since", "30d"));

        pxe.Status.Should().Be(ProbeStatus.Unavailable);
        pxe.Reason.Should().EndWith("): a bundle from collect-pxe.cmd or a snapshot (pxerules collect) of PXE02 would decide it").And.StartWith("configmgr.pxe is not in the logs (");
        ((object?[])events.Value!).Should().HaveCount(3);
    }

    [Fact]
    public void A_binary_file_among_the_logs_is_an_error_naming_it()
    {
        File.WriteAllBytes(Path.Combine(folder, "Application.evtx"), new byte[] { 0x45, 0x6C, 0x66, 0x46, 0x69, 0x6C, 0x65, 0, 0, 0, 0, 0, 1, 2, 3, 4 });

        var act = () => LogsProbeProvider.Open(folder, "PXE02");

        act.Should().Throw<InvalidDataException>().WithMessage("'Application.evtx' in * is not text (it holds NUL or control bytes); a folder of logs holds text logs and event exports only. Export the events as text: wevtutil qe <log> /lf:true /f:RenderedXml on 2008, or eventquery.vbs /fo csv on 2003.");
    }
}
