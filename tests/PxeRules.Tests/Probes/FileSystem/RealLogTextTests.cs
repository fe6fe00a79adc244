using System;
using System.IO;
using System.Linq;
using System.Text;
using FluentAssertions;
using PxeRules.Probes.FileSystem;
using Xunit;

namespace PxeRules.Tests.Probes.FileSystem;

/// <summary>
/// The parser on log text as it travels, quoted in public material (tests/TestData/RealLogs; each file's
/// <c>.source.md</c> gives its URL): native logs, copies out of the log viewer, message-only pastes, wrapped and
/// double-spaced lines, SMS 2.0 and SMS 2003 trace dates. Each test asserts the entries, their times (or that there
/// is none, and why) and the coverage figures.
/// </summary>
public sealed class RealLogTextTests
{
    private static readonly ConfigMgrLogParser Parser = new();

    private static ConfigMgrLogRead Read(string name, ConfigMgrLogParser? parser = null)
    {
        var bytes = File.ReadAllBytes(Repository.Path("tests", "TestData", "RealLogs", name));
        return (parser ?? Parser).ReadLog(new MemoryStream(bytes));
    }

    [Fact]
    public void A_CMTrace_copy_with_its_tabs_is_a_viewer_copy_whose_time_is_kept_as_text()
    {
        // MicrosoftDocs/windows-itpro-docs, windows-10-poc-sc-config-mgr.md: the tab bytes of the copy survive there.
        var read = Read("itpro-poc-distmgr-cmtrace-tabcopy.log");

        var entry = read.Entries.Should().ContainSingle().Subject;
        entry.Format.Should().Be(LogEntryFormat.ViewerCopy);
        entry.Text.Should().StartWith("STATMSG: ID=2301 SEV=I LEV=M").And.EndWith("AVAL0=\"PS10000A\"");
        entry.Component.Should().Be("SMS_DISTRIBUTION_MANAGER");
        entry.Thread.Should().Be(1424);
        entry.Time.Should().BeNull("the viewer shows the local time without its time zone");
        entry.TimeText.Should().Be("10/9/2018 3:36:30 PM");
        entry.TimeNote.Should().Be("copied from a log viewer, whose date and time have no time zone");
        read.Coverage.Format.Should().Be(LogEntryFormat.ViewerCopy);
        read.Coverage.TimedEntries.Should().Be(0);
        read.Coverage.ToString().Should().Be("copy from a log viewer: 1 line, 1 entry (0 with a time)");
    }

    [Fact]
    public void A_Trace32_copy_whose_tabs_became_spaces_is_still_read_by_its_columns()
    {
        // KB947683: distmgr.log cannot access the SMSPXEIMAGES$ share, quoted with single spaces between the columns.
        var entry = Read("kb947683-distmgr-smspxeimages.log").Entries.Should().ContainSingle().Subject;

        entry.Format.Should().Be(LogEntryFormat.ViewerCopy);
        entry.Text.Should().Be("Cannot access [\"Display=\\\\server\\SMSPXEIMAGES$\\\"]MSWNET:[\"SMS_SITE=site\"]\\\\server\\SMSPXEIMAGES$\\");
        entry.Component.Should().Be("SMS_DISTRIBUTION_MANAGER");
        entry.TimeText.Should().Be("9/4/2007 8:05:42 AM");
        entry.Thread.Should().Be(2168);
        entry.Time.Should().BeNull();
    }

    [Fact]
    public void Columns_run_together_are_not_taken_apart_by_guesswork()
    {
        // KB4468601 lost the tabs entirely ("SMS Provider04/09/2014 11:30:131552 (0x0610)"): no column boundary is
        // certain, so every line stays text and no entry is given a time it might not have.
        var read = Read("kb4468601-cm2012-tabstripped-viewercopy.log");

        read.Entries.Should().HaveCount(8).And.OnlyContain(e => e.Format == LogEntryFormat.Text && e.Time == null && e.TimeText == null);
        read.Entries[0].Text.Should().Be("PutInstanceAsync SMS_SCI_SysResUseSMS Provider04/09/2014 11:30:131552 (0x0610)");
        read.Coverage.Format.Should().Be(LogEntryFormat.Text);
        read.Coverage.TextEntries.Should().Be(8);
    }

    [Fact]
    public void A_message_only_paste_is_text_with_no_time_and_says_so()
    {
        // marckean.com, 2011: SMSPXE.log lines of ConfigMgr 2007 pasted without their columns.
        var read = Read("marckean-2011-smspxe-no-advert.txt");

        read.Entries.Select(e => e.Text).Should().Equal(
            "PXE Boot aborted. Booting to next device",
            "MAC=70:71:BC:88:C3:BC SMBIOS GUID=00000011-4918-8015-BF5A-888888888788 > Device found in the database. MacCount=1 GuidCount=1",
            "The SMS PXE Service Point intructed device to boot normally since it has no PXE advertisement assigned",
            "The SMS PXE Service Point instructed device to boot normally since it has no PXE advertisement assigned");
        read.Entries.Should().OnlyContain(e => e.Time == null && e.Format == LogEntryFormat.Text);
        read.Entries.Select(e => e.Line).Should().Equal(1, 2, 3, 4);
        read.Entries[0].ToRecord()["timeNote"].Should().Be("a line in no log form (a message pasted without its columns), so it has no time");
        read.Coverage.ToString().Should().Be("plain text: 4 lines, 4 entries (0 with a time)");
    }

    [Fact]
    public void A_multi_line_message_pasted_without_columns_keeps_each_line_findable()
    {
        // KB2019640: the "PXE Settings:" record of SMSPXE.log, quoted over several lines.
        var read = Read("kb2019640-smspxe-cacheexpire.txt");

        read.Entries.Should().Contain(e => e.Text == "    CacheExpire: 3600");
        read.Coverage.Entries.Should().Be(read.Coverage.Lines);
    }

    [Fact]
    public void A_native_SMSPXE_record_over_thirteen_lines_is_one_timed_entry()
    {
        // engrit-illinois/Get-MacsFromSmsPxeLog (2022): a real SMSPXE.log record whose text spans 13 lines.
        var read = Read("engrit-cmcb-smspxe-native-multiline.log");

        read.Entries.Should().HaveCount(2);
        read.Entries[0].Text.Should().Be("============> Received from client:");
        read.Entries[0].Time.Should().Be(new DateTimeOffset(2022, 11, 14, 3, 53, 49, 320, TimeSpan.FromHours(-6)));
        var record = read.Entries[1];
        record.Format.Should().Be(LogEntryFormat.Ccm);
        record.Line.Should().Be(2);
        record.Text.Should().Contain("Operation: BootReply (2)").And.Contain("Type=60 ClassId: PXEClient");
        record.Time.Should().Be(new DateTimeOffset(2022, 11, 14, 3, 53, 44, 895, TimeSpan.FromHours(-6)));
        record.Thread.Should().Be(4472);
        record.File.Should().Be("pxedump.cpp:303");
        read.Coverage.Lines.Should().Be(14);
        read.Coverage.TimedEntries.Should().Be(2);
    }

    [Fact]
    public void SMS_2_0_trace_dates_with_a_zone_name_get_the_zone_offset()
    {
        // Q248969: SMS 2.0 site-server lines, "<Fri Dec 10 01:12:40.304 1999 Pacific Standard Time>".
        var read = Read("q248969-sms20-sinvproc.log");

        read.Entries.Should().HaveCount(4).And.OnlyContain(e => e.Format == LogEntryFormat.Trace && e.Component == "SMS_SOFTWARE_INVENTORY_PROCESSOR" && e.Thread == 322);
        read.Entries[0].Time.Should().Be(new DateTimeOffset(1999, 12, 10, 1, 12, 40, 304, TimeSpan.FromHours(-8)));
        read.Entries[1].Text.Should().Be("  ERROR - Failed to open file D:\\SMS\\inboxes\\sinv.box\\7U74Z2GZ.sid");
        read.Coverage.TimedEntries.Should().Be(4);
    }

    [Fact]
    public void A_wrapped_SMS_2_0_trailer_is_rejoined_and_a_cut_off_one_keeps_its_time_as_text()
    {
        // Q244405: the KB wrapped the trailer onto the next line, twice, and cut the last line off.
        var read = Read("q244405-sms20-distmgr-wrapped.log");

        read.Entries.Should().HaveCount(3);
        read.Entries[0].Text.Should().Be("~Starting package processing thread,thread ID = 129");
        read.Entries[0].Time.Should().Be(new DateTimeOffset(1999, 10, 15, 17, 9, 46, 507, TimeSpan.FromHours(-7)));
        read.Entries[0].Thread.Should().Be(225);
        read.Entries[1].Text.Should().Be("...\nStart deleting the package 61000012...");
        read.Entries[1].Thread.Should().Be(297);
        read.Entries[1].Time.Should().NotBeNull();
        read.Entries[2].Text.Should().Be("~Successfully deleted the package 61000012");
        read.Entries[2].Time.Should().BeNull();
        read.Entries[2].TimeText.Should().Be("Fri Oct 15 17:09:46.677 1999");
        read.Coverage.ToString().Should().Be("SMS trace log: 6 lines, 3 entries (2 with a time)");
    }

    [Fact]
    public void A_double_spaced_trace_with_trailers_on_their_own_lines_gives_one_entry_per_message()
    {
        // Q267889: SMS 2.0 SP2, "GMT Daylight Time", blank lines between message and trailer and inside a trailer.
        var read = Read("q267889-sms20-sitecomp-gmt-daylight.log");

        read.Entries.Select(e => e.Text).Should().Equal(
            "  Could not install the performance counters.",
            "  Installation failed and will be retried in the next polling cycle.");
        read.Entries.Should().OnlyContain(e => e.Time == new DateTimeOffset(2000, 7, 3, 12, 25, 46, 750, TimeSpan.FromHours(1)) && e.Thread == 43);
    }

    [Fact]
    public void An_SMS_2003_client_log_and_a_date_first_copy_are_told_apart()
    {
        // KB922362: CcmExec.log with "<Fri Feb 13 8:13:13.819 2004 Central Standard Time>", then a copy that puts
        // the viewer's date first and glues it to the text.
        var read = Read("kb922362-sms2003-ccmexec.log");

        var trace = read.Entries.Where(e => e.Format == LogEntryFormat.Trace).ToArray();
        trace.Should().HaveCount(6).And.OnlyContain(e => e.Component == "CcmExec" && e.Thread == 1216);
        trace[0].Text.Should().Be("Starting CCMEXEC service...");
        trace[0].Time.Should().Be(new DateTimeOffset(2004, 2, 13, 8, 13, 13, 819, TimeSpan.FromHours(-6)));
        var copies = read.Entries.Where(e => e.Format == LogEntryFormat.ViewerCopy).ToArray();
        copies.Should().HaveCount(5).And.OnlyContain(e => e.TimeText == "1/25/2006 9:16:35 PM" && e.Time == null);
        copies[0].Text.Should().Be("CCMDoCertificateMaintenance failed (0x8004100a).");
        read.Entries.Should().ContainSingle(e => e.Format == LogEntryFormat.Text).Which.Text.Should().Be("CCMExec.log file entry 2");
    }

    [Fact]
    public void A_component_first_paste_is_text()
    {
        // KB4469580: "SMSPXE    PXE::MP_GetList failed; 0x80092002".
        var read = Read("kb4469580-cm-smspxe-certmgr-componentfirst.log");

        read.Entries.Should().OnlyContain(e => e.Format == LogEntryFormat.Text && e.Time == null);
        read.Entries.Should().Contain(e => e.Text == "SMSPXE    PXE::MP_GetList failed; 0x80092002");
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    [InlineData("\r")]
    public void Every_line_end_gives_the_same_entries(string lineEnd)
    {
        var lines = File.ReadAllLines(Repository.Path("tests", "TestData", "RealLogs", "q248969-sms20-sinvproc.log"));
        var bytes = Encoding.UTF8.GetBytes(string.Join(lineEnd, lines) + lineEnd);

        var read = Parser.ReadLog(new MemoryStream(bytes));

        read.Entries.Should().HaveCount(4).And.OnlyContain(e => e.Time != null);
        read.Coverage.Lines.Should().Be(4);
    }

    [Theory]
    [InlineData("> ")]
    [InlineData("\"")]
    [InlineData(">> ")]
    public void Quote_marks_of_a_mail_or_forum_before_a_CCM_entry_are_dropped(string quote)
    {
        var lines = File.ReadAllLines(Repository.Path("tests", "TestData", "RealLogs", "engrit-cmcb-smspxe-native-multiline.log"));
        var quoted = quote + lines[0];

        var entry = Parser.Parse(quoted).Should().ContainSingle().Subject;

        entry.Text.Should().Be("============> Received from client:");
        entry.Time.Should().NotBeNull();
    }

    [Fact]
    public void CCM_attributes_wrapped_by_a_mail_client_are_rejoined()
    {
        var line = File.ReadAllLines(Repository.Path("tests", "TestData", "RealLogs", "engrit-cmcb-smspxe-native-multiline.log"))[0];
        var wrapAt = line.IndexOf(" thread=", StringComparison.Ordinal);
        var wrapped = line.Substring(0, wrapAt) + "\r\n" + line.Substring(wrapAt + 1);

        var read = Parser.ParseLog(wrapped);

        var entry = read.Entries.Should().ContainSingle().Subject;
        entry.Time.Should().Be(new DateTimeOffset(2022, 11, 14, 3, 53, 49, 320, TimeSpan.FromHours(-6)));
        entry.Thread.Should().Be(3580);
        entry.File.Should().Be("smspxe.cpp:666");
        read.Coverage.Lines.Should().Be(2);
    }
}
