using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using FluentAssertions;
using PxeRules.Probes.FileSystem;
using Xunit;

namespace PxeRules.Tests.Probes.FileSystem;

public class ConfigMgrLogParserTests
{
    private const string CcmLine =
        "<![LOG[ProcessDatabaseReply: No Advertisement found in Db for device]LOG]!><time=\"08:05:12.515+480\" date=\"11-23-2026\" component=\"smspxe\" context=\"\" type=\"2\" thread=\"2188\" file=\"pxehandler.cpp:298\">";

    private const string DistmgrLine =
        "Cannot access [\"Display=\\\\SRV\\SMSPXEIMAGES$\\\"]MSWNET:[\"SMS_SITE=CEN\"]\\\\SRV\\SMSPXEIMAGES$\\  $$<SMS_DISTRIBUTION_MANAGER><06-12-2008 10:15:31.123+420><thread=2348 (0x92C)>";

    private static readonly ConfigMgrLogParser Parser = new();

    private static string Sample(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "Logs", name));

    private static byte[] SampleBytes(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "Logs", name));

    [Fact]
    public void Reads_every_field_of_a_CCM_line()
    {
        var entry = Parser.Parse(CcmLine).Should().ContainSingle().Subject;

        entry.Text.Should().Be("ProcessDatabaseReply: No Advertisement found in Db for device");
        entry.Time.Should().Be(new DateTimeOffset(2026, 11, 23, 8, 5, 12, 515, TimeSpan.FromHours(-8)));
        entry.Component.Should().Be("smspxe");
        entry.Type.Should().Be(2);
        entry.Thread.Should().Be(2188);
        entry.File.Should().Be("pxehandler.cpp:298");
    }

    [Fact]
    public void Gives_records_of_the_log_entry_shape()
    {
        var record = Parser.Parse(CcmLine).Single().ToRecord();

        record.Should().BeEquivalentTo(new Dictionary<string, object?>
        {
            ["time"] = new DateTimeOffset(2026, 11, 23, 8, 5, 12, 515, TimeSpan.FromHours(-8)),
            ["component"] = "smspxe",
            ["text"] = "ProcessDatabaseReply: No Advertisement found in Db for device",
            ["type"] = 2.0,
            ["thread"] = 2188.0,
            ["file"] = "pxehandler.cpp:298",
            ["format"] = "ccm",
            ["line"] = 1.0,
        });
        record["type"].Should().BeOfType<double>();
        record["thread"].Should().BeOfType<double>();
        record["time"].Should().BeOfType<DateTimeOffset>();
    }

    [Fact]
    public void A_bias_of_plus_480_minutes_means_UTC_is_eight_hours_later()
    {
        var entry = Parser.Parse(CcmLine).Single();

        entry.Time!.Value.UtcDateTime.Should().Be(new DateTime(2026, 11, 23, 16, 5, 12, 515, DateTimeKind.Utc));
    }

    [Fact]
    public void A_negative_bias_means_UTC_is_earlier()
    {
        var line = "<![LOG[x]LOG]!><time=\"10:00:00.000-60\" date=\"03-01-2008\" component=\"SMSPXE\" context=\"\" type=\"1\" thread=\"1\" file=\"\">";

        var entry = Parser.Parse(line).Single();

        entry.Time.Should().Be(new DateTimeOffset(2008, 3, 1, 10, 0, 0, TimeSpan.FromHours(1)));
        entry.Time!.Value.UtcDateTime.Should().Be(new DateTime(2008, 3, 1, 9, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void Keeps_the_lines_of_a_CCM_message_that_spans_several()
    {
        var entries = Parser.Parse(Sample("smspxe-ccm-format-sample.log"));

        entries.Should().HaveCount(6);
        entries[2].Text.Should().Be(
            "PXE Settings:\n    IsActive: 1\n    SupportUnknownMachines: 0\n    MACIgnoreListFile: \n    ResponseDelay: 0\n    CacheExpire: 3600\n    BindPolicy: Exclude <empty>");
        entries[2].Time.Should().Be(new DateTimeOffset(2026, 11, 23, 8, 0, 1, 250, TimeSpan.FromHours(-8)));
        entries[2].File.Should().Be("pxesettings.cpp:164");
        entries[5].Text.Should().Be("Failed to remove the temporary folder C:\\WINDOWS\\Temp\\PXEBootfiles (0x80070005)");
        entries[5].Type.Should().Be(3);
        entries[5].Thread.Should().Be(3104);
    }

    [Fact]
    public void Reads_every_field_of_a_site_server_line()
    {
        var entry = Parser.Parse(DistmgrLine).Should().ContainSingle().Subject;

        entry.Text.Should().Be("Cannot access [\"Display=\\\\SRV\\SMSPXEIMAGES$\\\"]MSWNET:[\"SMS_SITE=CEN\"]\\\\SRV\\SMSPXEIMAGES$\\");
        entry.Component.Should().Be("SMS_DISTRIBUTION_MANAGER");
        entry.Time.Should().Be(new DateTimeOffset(2008, 6, 12, 10, 15, 31, 123, TimeSpan.FromHours(-7)));
        entry.Thread.Should().Be(2348);
        entry.Type.Should().BeNull();
        entry.File.Should().BeNull();
        entry.Format.Should().Be(LogEntryFormat.Trace);
        entry.ToRecord().Keys.Should().BeEquivalentTo("time", "component", "text", "thread", "format", "line");
    }

    [Fact]
    public void Reads_a_site_server_log()
    {
        var entries = Parser.Parse(Sample("distmgr-site-server-format-sample.log"));

        entries.Select(e => e.Component).Should().Equal("SMS_EXECUTIVE", "SMS_DISTRIBUTION_MANAGER", "SMS_DISTRIBUTION_MANAGER", "SMS_DISTRIBUTION_MANAGER");
        entries[0].Thread.Should().Be(1820);
        entries[1].Text.Should().Be("Used 0 out of 3 allowed processing threads.~");
        entries[3].Text.Should().StartWith("STATMSG: ID=2329 SEV=E").And.EndWith("AVAL0=\"CEN00005\"");
        entries.Should().OnlyContain(e => e.Time != null);
    }

    [Fact]
    public void Site_server_lines_without_a_trailer_begin_the_next_entry()
    {
        var text = "SMS_SITE_COMPONENT_MANAGER failed to install this component.\r\nPossible cause: the server is not reachable.  $$<SMS_SITE_COMPONENT_MANAGER><06-12-2008 10:20:00.000+420><thread=1 (0x1)>";

        var entry = Parser.Parse(text).Should().ContainSingle().Subject;

        entry.Text.Should().Be("SMS_SITE_COMPONENT_MANAGER failed to install this component.\nPossible cause: the server is not reachable.");
        entry.Component.Should().Be("SMS_SITE_COMPONENT_MANAGER");
    }

    [Fact]
    public void A_line_in_neither_format_is_an_entry_with_only_its_text()
    {
        var text = CcmLine + "\n[1234] 10:15:31: [WDSTFTP][UDP][Ep=0] Registration Failed\n" + CcmLine;

        var entries = Parser.Parse(text);

        entries.Should().HaveCount(3);
        entries[1].Text.Should().Be("[1234] 10:15:31: [WDSTFTP][UDP][Ep=0] Registration Failed");
        entries[1].Time.Should().BeNull();
        entries[1].Component.Should().BeNull();
        entries[1].Format.Should().Be(LogEntryFormat.Text);
        entries[1].Line.Should().Be(2);
        entries[1].ToRecord().Keys.Should().Equal("timeNote", "text", "format", "line");
        entries[1].TimeNote.Should().Contain("no log form");
        entries[1].ToString().Should().Be("(no time) (no component): [1234] 10:15:31: [WDSTFTP][UDP][Ep=0] Registration Failed");
    }

    [Fact]
    public void Thousands_of_lines_in_no_format_stay_separate_entries_in_order()
    {
        var text = string.Join("\r\n", Enumerable.Range(0, 3500).Select(i => $"line {i}"));

        var entries = Parser.Parse(text);

        entries.Select(e => e.Text).Should().Equal(Enumerable.Range(0, 3500).Select(i => $"line {i}"));
    }

    [Fact]
    public void Blank_lines_make_no_entries()
    {
        Parser.Parse("\r\n\r\n" + CcmLine + "\r\n\r\n   \r\n").Should().ContainSingle();
        Parser.Parse(string.Empty).Should().BeEmpty();
    }

    [Fact]
    public void A_CCM_entry_cut_off_at_the_end_of_the_file_keeps_its_text_without_a_time()
    {
        var text = CcmLine + "\r\n<![LOG[Failed to copy the needed boot binaries\r\nfrom the boot ima";

        var entries = Parser.Parse(text);

        entries.Should().HaveCount(2);
        entries[1].Text.Should().Be("Failed to copy the needed boot binaries\nfrom the boot ima");
        entries[1].Time.Should().BeNull();
    }

    [Fact]
    public void A_CCM_entry_cut_off_by_the_next_one_is_kept_apart_from_it()
    {
        var text = "<![LOG[the writer stopped here" + CcmLine;

        var entries = Parser.Parse(text);

        entries.Select(e => e.Text).Should().Equal("the writer stopped here", "ProcessDatabaseReply: No Advertisement found in Db for device");
        entries[0].Time.Should().BeNull();
        entries[1].Time.Should().NotBeNull();
    }

    [Fact]
    public void Two_CCM_entries_on_one_line_are_two_entries()
    {
        Parser.Parse(CcmLine + CcmLine).Should().HaveCount(2);
    }

    [Fact]
    public void The_end_of_an_entry_whose_start_was_not_read_still_has_its_time()
    {
        var text = "    CacheExpire: 3600\r\n    BindPolicy: Exclude <empty>]LOG]!><time=\"08:00:01.250+480\" date=\"11-23-2026\" component=\"SMSPXE\" context=\"\" type=\"1\" thread=\"2188\" file=\"pxesettings.cpp:164\">";

        var entry = Parser.Parse(text).Should().ContainSingle().Subject;

        entry.Text.Should().Be("    CacheExpire: 3600\n    BindPolicy: Exclude <empty>");
        entry.Component.Should().Be("SMSPXE");
        entry.Time.Should().NotBeNull();
    }

    [Fact]
    public void A_cut_off_attribute_block_keeps_the_attributes_it_has()
    {
        var text = "<![LOG[Found boot image CEN00005]LOG]!><time=\"08:00:01.250+480\" date=\"11-23-2026\" component=\"SMSPXE\" context=\"\" ty";

        var entry = Parser.Parse(text).Should().ContainSingle().Subject;

        entry.Text.Should().Be("Found boot image CEN00005");
        entry.Time.Should().Be(new DateTimeOffset(2026, 11, 23, 8, 0, 1, 250, TimeSpan.FromHours(-8)));
        entry.Component.Should().Be("SMSPXE");
        entry.Type.Should().BeNull();
    }

    [Fact]
    public void A_cut_off_site_server_trailer_keeps_what_it_has()
    {
        var entry = Parser.Parse("Starting the copy  $$<SMS_DISTRIBUTION_MANAGER><06-12-2008 10:1").Single();

        entry.Text.Should().Be("Starting the copy");
        entry.Component.Should().Be("SMS_DISTRIBUTION_MANAGER");
        entry.Time.Should().BeNull();
        entry.Thread.Should().BeNull();
    }

    [Theory]
    [InlineData("time=\"08:00:01.250+480\" date=\"02-30-2008\"")]
    [InlineData("time=\"25:00:01.250+480\" date=\"02-03-2008\"")]
    [InlineData("time=\"08:61:01.250+480\" date=\"02-03-2008\"")]
    [InlineData("time=\"08:00:01.250\" date=\"02-03-2008\"")]
    [InlineData("time=\"08:00:01.250+9999\" date=\"02-03-2008\"")]
    [InlineData("time=\"08:00:01.250+480x\" date=\"02-03-2008\"")]
    [InlineData("time=\"08:00:01.250+480\" date=\"2008-02-03\"")]
    [InlineData("time=\"08:00:01.250+480\" date=\"13-03-2008\"")]
    [InlineData("time=\"08:00:01.250+480\" date=\"02-03-0001\"")]
    [InlineData("time=\"08:00:01.250+480\"")]
    public void A_time_that_cannot_be_read_exactly_is_left_out(string attributes)
    {
        var entry = Parser.Parse($"<![LOG[text]LOG]!><{attributes} component=\"SMSPXE\" type=\"1\">").Single();

        entry.Text.Should().Be("text");
        entry.Component.Should().Be("SMSPXE");
        entry.Time.Should().BeNull();
    }

    [Theory]
    [InlineData("08:00:01+480", 0)]
    [InlineData("8:00:01.5+480", 5_000_000)]
    [InlineData("08:00:01.1234567+480", 1_234_567)]
    public void Reads_times_with_any_fraction_of_a_second(string time, long fractionTicks)
    {
        var entry = Parser.Parse($"<![LOG[x]LOG]!><time=\"{time}\" date=\"6-2-2008\" component=\"SMSPXE\">").Single();

        entry.Time.Should().Be(new DateTimeOffset(2008, 6, 2, 8, 0, 1, TimeSpan.FromHours(-8)).AddTicks(fractionTicks));
    }

    [Theory]
    [InlineData("<thread=2348 (0x92C)>", 2348L)]
    [InlineData("<thread=0x92C>", 2348L)]
    [InlineData("<thread=4294967295 (0xFFFFFFFF)>", 4294967295L)]
    [InlineData("<thread=>", null)]
    [InlineData("<thread=0xZZ>", null)]
    public void Reads_the_thread_of_a_site_server_line(string thread, long? expected)
    {
        var entry = Parser.Parse("x  $$<SMS_EXECUTIVE><06-12-2008 10:15:31.123+420>" + thread).Single();

        entry.Thread.Should().Be(expected);
    }

    [Fact]
    public void Reads_both_formats_in_one_text()
    {
        var entries = Parser.Parse(CcmLine + "\r\n" + DistmgrLine + "\r\n" + CcmLine);

        entries.Select(e => e.Component).Should().Equal("smspxe", "SMS_DISTRIBUTION_MANAGER", "smspxe");
    }

    [Fact]
    public void Keeps_only_the_newest_entries()
    {
        var parser = new ConfigMgrLogParser { MaxEntries = 2 };

        var entries = parser.Parse(Sample("smspxe-ccm-format-sample.log"));

        entries.Select(e => e.Type).Should().Equal(2, 3);
    }

    [Fact]
    public void Filters_by_text_before_keeping_the_newest()
    {
        var parser = new ConfigMgrLogParser { MaxEntries = 1, Match = new Regex("(?i)pxe", RegexOptions.None, TimeSpan.FromSeconds(1)) };

        var entries = parser.Parse(Sample("smspxe-ccm-format-sample.log"));

        entries.Should().ContainSingle().Which.Text.Should().Contain("PXEBootfiles");
    }

    [Fact]
    public void Reads_UTF8_with_and_without_a_byte_order_mark()
    {
        var bytes = SampleBytes("smspxe-ccm-format-sample.log");
        var withMark = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(bytes).ToArray();

        var plain = Parser.Read(new MemoryStream(bytes));
        var marked = Parser.Read(new MemoryStream(withMark));

        plain.Should().HaveCount(6);
        marked.Select(e => e.ToString()).Should().Equal(plain.Select(e => e.ToString()));
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    [InlineData(true, false)]
    public void Reads_UTF16_logs(bool bigEndian, bool withMark)
    {
        var text = Sample("smspxe-ccm-format-sample.log");
        var encoding = new UnicodeEncoding(bigEndian, byteOrderMark: true);
        var bytes = (withMark ? encoding.GetPreamble() : Array.Empty<byte>()).Concat(encoding.GetBytes(text)).ToArray();

        var entries = Parser.Read(new MemoryStream(bytes));

        entries.Select(e => e.ToString()).Should().Equal(Parser.Parse(text).Select(e => e.ToString()));
    }

    [Fact]
    public void Reads_only_the_end_of_a_long_log_and_drops_the_partial_first_line()
    {
        var line = CcmLine + "\r\n";
        var bytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(line, 100)));
        var parser = new ConfigMgrLogParser { MaxBytes = (line.Length * 3) + 10 };

        var entries = parser.Read(new MemoryStream(bytes));

        entries.Should().HaveCount(3).And.OnlyContain(e => e.Text == "ProcessDatabaseReply: No Advertisement found in Db for device");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Reads_the_end_of_a_UTF16_log_on_whole_characters(bool seekable)
    {
        var line = CcmLine + "\r\n";
        var bytes = new byte[] { 0xFF, 0xFE }.Concat(Encoding.Unicode.GetBytes(string.Concat(Enumerable.Repeat(line, 50)))).ToArray();

        // An odd number of bytes puts the cut in the middle of a character.
        var parser = new ConfigMgrLogParser { MaxBytes = (line.Length * 2 * 3) + 7 };
        Stream stream = seekable ? new MemoryStream(bytes) : new ForwardOnlyStream(bytes);

        var entries = parser.Read(stream);

        entries.Should().HaveCount(3).And.OnlyContain(e => e.Text == "ProcessDatabaseReply: No Advertisement found in Db for device");
    }

    [Fact]
    public void Reads_a_stream_that_cannot_seek_like_one_that_can()
    {
        var bytes = SampleBytes("smspxe-ccm-format-sample.log");
        var parser = new ConfigMgrLogParser { MaxBytes = 900 };

        var forward = parser.Read(new ForwardOnlyStream(bytes));
        var seekable = parser.Read(new MemoryStream(bytes));

        forward.Select(e => e.ToString()).Should().Equal(seekable.Select(e => e.ToString()));
        forward.Should().NotBeEmpty();
    }

    [Fact]
    public void Drops_runs_of_NUL_left_by_a_crash()
    {
        var bytes = Encoding.UTF8.GetBytes(CcmLine + "\r\n").Concat(new byte[300]).Concat(Encoding.UTF8.GetBytes(CcmLine + "\r\n")).ToArray();

        Parser.Read(new MemoryStream(bytes)).Should().HaveCount(2);
    }

    [Fact]
    public void Bytes_that_are_not_UTF8_become_replacement_characters()
    {
        var bytes = Encoding.UTF8.GetBytes("<![LOG[Caf").Concat(new byte[] { 0xE9 }).Concat(Encoding.UTF8.GetBytes("]LOG]!><time=\"08:00:00.000+0\" date=\"01-01-2009\" component=\"x\">")).ToArray();

        Parser.Read(new MemoryStream(bytes)).Single().Text.Should().Be("Caf\uFFFD");
    }

    [Fact]
    public void Reads_a_log_file_by_its_path()
    {
        var entries = Parser.ReadFile(Path.Combine(AppContext.BaseDirectory, "TestData", "Logs", "distmgr-site-server-format-sample.log"));

        entries.Should().HaveCount(4);
    }

    [Fact]
    public void Odd_input_never_throws()
    {
        var pieces = new[]
        {
            "<![LOG[", "]LOG]!>", "<time=\"", "08:00:01.250+480", "\" date=\"", "11-23-2026", "\" ", "component=\"", "\">", "$$<",
            "><", "<thread=", "0x", "\r\n", "\n", "\r", " ", "text", "\"", ">", "<", "%", "\uFEFF", "\0", "-", "+",
        };
        var random = new Random(20070611);
        for (var round = 0; round < 3000; round++)
        {
            var builder = new StringBuilder();
            var count = random.Next(1, 40);
            for (var i = 0; i < count; i++)
            {
                builder.Append(pieces[random.Next(pieces.Length)]);
            }

            var text = builder.ToString();
            var act = () => Parser.Parse(text);

            act.Should().NotThrow(text);
        }
    }

    [Fact]
    public void A_limit_below_one_is_refused()
    {
        var act = () => new ConfigMgrLogParser { MaxEntries = 0 };

        act.Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("MaxEntries must be at least 1. (Parameter 'MaxEntries')" + Environment.NewLine + "Actual value was 0.");
    }
}
