using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using PxeRules.Probes;
using PxeRules.Probes.FileSystem;
using Xunit;

namespace PxeRules.Tests.Probes.FileSystem;

/// <summary>The provider over a fake Windows file system: the states a test cannot create on Linux as root.</summary>
public class FileSystemProbeProviderTests
{
    private const string Wimgapi = @"C:\WINDOWS\System32\wimgapi.dll";
    private const string Bootfiles = @"C:\WINDOWS\Temp\PXEBootfiles";
    private const string LogFolder = @"C:\Program Files\SMS_CCM\Logs";

    private static readonly Machine Pxe01 = new("PXE01", MachineRoles.PxeServicePoint);

    private static readonly Dictionary<string, string> WindowsVariables = new()
    {
        ["SystemRoot"] = @"C:\WINDOWS",
        ["windir"] = @"C:\WINDOWS",
        ["ProgramFiles"] = @"C:\Program Files",
    };

    private readonly FakeFileSystem files = new();

    private static string CcmLine(string text, string time, int type = 1) =>
        $"<![LOG[{text}]LOG]!><time=\"{time}+480\" date=\"11-23-2026\" component=\"smspxe\" context=\"\" type=\"{type}\" thread=\"2188\" file=\"smspxe.cpp:1\">\r\n";

    private FileSystemProbeProvider Provider(FileSystemProbeOptions? options = null) =>
        new(options ?? new FileSystemProbeOptions { Variables = WindowsVariables }, files);

    private static ProbeResult Probe(FileSystemProbeProvider provider, string kind, params (string Name, object? Value)[] arguments) =>
        provider.ProbeAsync(new ProbeCall(Pxe01, kind, arguments.ToDictionary(a => a.Name, a => a.Value)), CancellationToken.None).GetAwaiter().GetResult();

    private ProbeResult Probe(string kind, params (string Name, object? Value)[] arguments) => Probe(Provider(), kind, arguments);

    private static IReadOnlyDictionary<string, object?> AsRecord(ProbeResult result)
    {
        result.Status.Should().Be(ProbeStatus.Value, result.ToString());
        return result.Value.Should().BeAssignableTo<IReadOnlyDictionary<string, object?>>().Subject;
    }

    private static IReadOnlyList<IReadOnlyDictionary<string, object?>> AsRecords(ProbeResult result)
    {
        result.Status.Should().Be(ProbeStatus.Value, result.ToString());
        return result.Value.Should().BeAssignableTo<IEnumerable<object?>>().Subject.Cast<IReadOnlyDictionary<string, object?>>().ToArray();
    }

    [Fact]
    public void Serves_the_five_file_system_kinds_of_the_default_catalogue()
    {
        Provider().Kinds.Should().Equal(
            DefaultProbeKinds.File, DefaultProbeKinds.Folder, DefaultProbeKinds.FolderEntries, DefaultProbeKinds.LogEntries,
            DefaultProbeKinds.EnvironmentPath);
    }

    [Fact]
    public void Expands_variables_ignoring_their_case()
    {
        var result = Probe("environment.path", ("path", @"%WINDIR%\System32\%systemroot%"));

        result.Value.Should().Be(@"C:\WINDOWS\System32\C:\WINDOWS");
    }

    [Fact]
    public void WdsTemp_is_the_temp_folder_under_SystemRoot()
    {
        Probe("environment.path", ("path", @"%WdsTemp%\PXEBootfiles")).Value.Should().Be(Bootfiles);
    }

    [Fact]
    public void A_WdsTemp_that_is_given_is_kept()
    {
        var variables = new Dictionary<string, string>(WindowsVariables) { ["wdstemp"] = @"D:\Temp" };

        var result = Probe(Provider(new FileSystemProbeOptions { Variables = variables }), "environment.path", ("path", @"%WdsTemp%\PXEBootfiles"));

        result.Value.Should().Be(@"D:\Temp\PXEBootfiles");
    }

    [Fact]
    public void A_path_with_an_undefined_variable_is_unavailable()
    {
        var result = Probe("environment.path", ("path", @"%ProgramFiles(x86)%\SMS_CCM\Logs"));

        result.Status.Should().Be(ProbeStatus.Unavailable);
        result.Reason.Should().Be(@"'%ProgramFiles(x86)%\SMS_CCM\Logs' uses %ProgramFiles(x86)%, which is not defined for PXE01.");
    }

    [Fact]
    public void Percent_signs_that_do_not_enclose_a_name_are_kept()
    {
        Probe("environment.path", ("path", @"C:\100%\done\50%")).Value.Should().Be(@"C:\100%\done\50%");
        Probe("environment.path", ("path", @"C:\a%%b")).Value.Should().Be(@"C:\a%%b");
    }

    [Fact]
    public void The_default_variables_are_the_process_environment()
    {
        var provider = new FileSystemProbeProvider();

        var result = Probe(provider, "environment.path", ("path", "%PATH%"));

        result.Value.Should().Be(Environment.GetEnvironmentVariable("PATH"));
    }

    [Fact]
    public void Reads_a_files_size_times_version_and_hidden_flag()
    {
        var image = new PeImageBuilder { FileVersion = new Version(6, 0, 6000, 16386), ProductVersion = new Version(6, 0, 6000, 16385) }.Build();
        files.AddFile(Wimgapi, image, hidden: true);

        var record = AsRecord(Probe("file", ("path", @"%windir%\System32\wimgapi.dll")));

        record.Should().BeEquivalentTo(new Dictionary<string, object?>
        {
            ["path"] = Wimgapi,
            ["size"] = (double)image.Length,
            ["created"] = FakeFileSystem.Created,
            ["modified"] = FakeFileSystem.Modified,
            ["version"] = new Version(6, 0, 6000, 16386),
            ["productVersion"] = new Version(6, 0, 6000, 16385),
            ["hidden"] = true,
        });
        record["size"].Should().BeOfType<double>();
        record["modified"].Should().BeOfType<DateTimeOffset>();
    }

    [Fact]
    public void A_file_without_a_version_resource_has_no_version_fields()
    {
        files.AddFile(@"C:\SMS_PXE\MACIgnoreList.txt", "00:15:5D:01:02:03");

        var record = AsRecord(Probe("file", ("path", @"C:\SMS_PXE\MACIgnoreList.txt")));

        record.Keys.Should().BeEquivalentTo("path", "size", "created", "modified", "hidden");
    }

    [Fact]
    public void A_missing_file_is_not_found()
    {
        files.AddFolder(@"C:\WINDOWS\System32");

        var result = Probe("file", ("path", Wimgapi));

        result.Status.Should().Be(ProbeStatus.NotFound);
        result.Reason.Should().Be(@"No file at 'C:\WINDOWS\System32\wimgapi.dll'.");
    }

    [Fact]
    public void A_folder_where_a_file_is_expected_is_not_found()
    {
        files.AddFolder(Wimgapi);

        Probe("file", ("path", Wimgapi)).ToString().Should().Be(@"not found ('C:\WINDOWS\System32\wimgapi.dll' is a folder, not a file.)");
    }

    [Fact]
    public void A_file_in_a_folder_that_cannot_be_entered_is_unavailable_not_missing()
    {
        files.FailLookingAt(Wimgapi, new UnauthorizedAccessException("Access to the path is denied."));

        var result = Probe("file", ("path", Wimgapi));

        result.Status.Should().Be(ProbeStatus.Unavailable);
        result.Reason.Should().Be(@"Access to 'C:\WINDOWS\System32\wimgapi.dll' is denied.");
    }

    [Fact]
    public void A_file_that_cannot_be_opened_is_unavailable()
    {
        files.AddFile(Wimgapi, new PeImageBuilder().Build())
            .FailOpening(Wimgapi, new UnauthorizedAccessException("Access to the path is denied."));

        Probe("file", ("path", Wimgapi)).Reason.Should().Be(@"Access to 'C:\WINDOWS\System32\wimgapi.dll' is denied.");
    }

    [Fact]
    public void A_file_another_process_holds_is_unavailable_with_the_reason()
    {
        files.AddFile(Wimgapi, new PeImageBuilder().Build())
            .FailOpening(Wimgapi, new IOException("The process cannot access the file because it is being used by another process."));

        var result = Probe("file", ("path", Wimgapi));

        result.Status.Should().Be(ProbeStatus.Unavailable);
        result.Reason.Should().Be(@"'C:\WINDOWS\System32\wimgapi.dll' cannot be read: The process cannot access the file because it is being used by another process.");
    }

    [Fact]
    public void A_damaged_image_is_unavailable_rather_than_without_a_version()
    {
        var image = new PeImageBuilder().Build();
        PeImageBuilder.WriteUInt32(image, PeImageBuilder.SectionOffset + PeImageBuilder.VersionInfo + 40, 0);
        files.AddFile(Wimgapi, image);

        var result = Probe("file", ("path", Wimgapi));

        result.Status.Should().Be(ProbeStatus.Unavailable);
        result.Reason.Should().Be(@"'C:\WINDOWS\System32\wimgapi.dll' has a damaged version resource: The fixed file information has the wrong signature.");
    }

    [Fact]
    public void Reads_a_hidden_folder_without_owner_or_access_rules()
    {
        files.AddFolder(Bootfiles, hidden: true).AddFile(Bootfiles + @"\wdsnbp.com", "x");

        var record = AsRecord(Probe("folder", ("path", @"%WdsTemp%\PXEBootfiles")));

        record.Should().BeEquivalentTo(new Dictionary<string, object?> { ["path"] = Bootfiles, ["hidden"] = true });
    }

    [Fact]
    public void An_empty_folder_is_found()
    {
        files.AddFolder(Bootfiles);

        AsRecord(Probe("folder", ("path", Bootfiles)))["hidden"].Should().Be(false);
    }

    [Fact]
    public void A_folder_that_exists_but_cannot_be_listed_is_unavailable()
    {
        files.AddFolder(Bootfiles, hidden: true)
            .FailListing(Bootfiles, new UnauthorizedAccessException("Access to the path is denied."));

        var result = Probe("folder", ("path", @"%WdsTemp%\PXEBootfiles"));

        result.Status.Should().Be(ProbeStatus.Unavailable);
        result.Reason.Should().Be(@"The folder 'C:\WINDOWS\Temp\PXEBootfiles' exists but cannot be read: access is denied.");
    }

    [Fact]
    public void A_folder_whose_parent_cannot_be_entered_is_unavailable()
    {
        files.FailLookingAt(Bootfiles, new UnauthorizedAccessException("Access to the path is denied."));

        Probe("folder", ("path", Bootfiles)).Reason.Should().Be(@"Access to 'C:\WINDOWS\Temp\PXEBootfiles' is denied.");
    }

    [Fact]
    public void A_missing_folder_is_not_found_and_so_is_a_file_in_its_place()
    {
        files.AddFile(@"C:\REMINST", "not a folder");

        Probe("folder", ("path", Bootfiles)).ToString().Should().Be(@"not found (No folder at 'C:\WINDOWS\Temp\PXEBootfiles'.)");
        Probe("folder", ("path", @"C:\REMINST")).ToString().Should().Be(@"not found ('C:\REMINST' is a file, not a folder.)");
    }

    [Fact]
    public void Lists_the_entries_matching_a_pattern_in_ordinal_order()
    {
        files.AddFile(@"C:\REMINST\SMSImages\b.wim", "b")
            .AddFile(@"C:\REMINST\SMSImages\A.WIM", "aa", hidden: true)
            .AddFile(@"C:\REMINST\SMSImages\notes.txt", "n")
            .AddFolder(@"C:\REMINST\SMSImages\CEN00005.wim");

        var entries = AsRecords(Probe("folder.entries", ("path", @"C:\REMINST\SMSImages"), ("pattern", "*.wim")));

        entries.Select(e => e["name"]).Should().Equal("A.WIM", "CEN00005.wim", "b.wim");
        entries[0].Should().BeEquivalentTo(new Dictionary<string, object?>
        {
            ["name"] = "A.WIM",
            ["path"] = @"C:\REMINST\SMSImages\A.WIM",
            ["isFolder"] = false,
            ["size"] = 2.0,
            ["modified"] = FakeFileSystem.Modified,
            ["hidden"] = true,
        });
        entries[1].Should().NotContainKey("size");
        entries[1]["isFolder"].Should().Be(true);
    }

    [Fact]
    public void Lists_subfolders_depth_first_when_recursive()
    {
        files.AddFile(@"C:\REMINST\Boot\x86\wdsnbp.com", "1")
            .AddFile(@"C:\REMINST\Boot\x64\wdsnbp.com", "1")
            .AddFile(@"C:\REMINST\Boot\x64\pxeboot.n12", "1")
            .AddFile(@"C:\REMINST\Boot\bcd", "1");

        var flat = AsRecords(Probe("folder.entries", ("path", @"C:\REMINST\Boot")));
        var deep = AsRecords(Probe("folder.entries", ("path", @"C:\REMINST\Boot"), ("recursive", true)));
        var named = AsRecords(Probe("folder.entries", ("path", @"C:\REMINST\Boot"), ("recursive", true), ("pattern", "wdsnbp.*")));

        flat.Select(e => e["path"]).Should().Equal(@"C:\REMINST\Boot\bcd", @"C:\REMINST\Boot\x64", @"C:\REMINST\Boot\x86");
        deep.Select(e => e["path"]).Should().Equal(
            @"C:\REMINST\Boot\bcd", @"C:\REMINST\Boot\x64", @"C:\REMINST\Boot\x64\pxeboot.n12", @"C:\REMINST\Boot\x64\wdsnbp.com",
            @"C:\REMINST\Boot\x86", @"C:\REMINST\Boot\x86\wdsnbp.com");
        named.Select(e => e["path"]).Should().Equal(@"C:\REMINST\Boot\x64\wdsnbp.com", @"C:\REMINST\Boot\x86\wdsnbp.com");
    }

    [Fact]
    public void Stops_at_max_entries()
    {
        for (var i = 0; i < 20; i++)
        {
            files.AddFile($@"C:\WINDOWS\Temp\file{i:00}.tmp", "x");
        }

        var entries = AsRecords(Probe("folder.entries", ("path", @"C:\WINDOWS\Temp"), ("max", 3.0)));

        entries.Select(e => e["name"]).Should().Equal("file00.tmp", "file01.tmp", "file02.tmp");
    }

    [Fact]
    public void A_subfolder_that_cannot_be_read_makes_a_recursive_listing_unavailable()
    {
        files.AddFile(@"C:\WINDOWS\Temp\a.tmp", "x").AddFolder(Bootfiles, hidden: true)
            .FailListing(Bootfiles, new UnauthorizedAccessException("Access to the path is denied."));

        var flat = Probe("folder.entries", ("path", @"C:\WINDOWS\Temp"));
        var deep = Probe("folder.entries", ("path", @"C:\WINDOWS\Temp"), ("recursive", true));

        AsRecords(flat).Select(e => e["name"]).Should().Equal("PXEBootfiles", "a.tmp");
        deep.Status.Should().Be(ProbeStatus.Unavailable);
        deep.Reason.Should().Be(@"Access to 'C:\WINDOWS\Temp\PXEBootfiles' is denied.");
    }

    [Fact]
    public void Listing_a_missing_folder_is_not_found()
    {
        Probe("folder.entries", ("path", @"C:\REMINST")).ToString().Should().Be(@"not found (No folder at 'C:\REMINST'.)");
    }

    [Theory]
    [InlineData("pattern", @"Boot\*.com", @"'pattern' must be a file-name pattern such as *.wim, not 'Boot\*.com'.")]
    [InlineData("max", 0.0, "'max' must be at least 1, not 0.")]
    public void Refuses_arguments_it_cannot_honour(string name, object value, string reason)
    {
        files.AddFolder(@"C:\REMINST");

        var result = Probe("folder.entries", ("path", @"C:\REMINST"), (name, value));

        result.Status.Should().Be(ProbeStatus.Unavailable);
        result.Reason.Should().Be(reason);
    }

    [Fact]
    public void Reads_log_entries_from_every_matching_file_oldest_first()
    {
        files.AddFile(LogFolder + @"\SMSPXE.lo_", CcmLine("old 1", "07:00:00.000") + CcmLine("old 2", "07:30:00.000"), modified: FakeFileSystem.Modified.AddHours(-1))
            .AddFile(LogFolder + @"\SMSPXE.log", CcmLine("new 1", "08:00:00.000") + "a line in no format\r\n" + CcmLine("new 2", "08:30:00.000", 3))
            .AddFile(LogFolder + @"\PXESetup.log", CcmLine("setup", "06:00:00.000"));

        var entries = AsRecords(Probe(
            "log.entries",
            ("paths", new object?[] { @"%ProgramFiles%\SMS_CCM\Logs\SMSPXE*.lo?", @"%windir%\System32\CCM\Logs\SMSPXE*.lo?" })));

        entries.Select(e => e["text"]).Should().Equal("old 1", "old 2", "new 1", "a line in no format", "new 2");
        entries[4].Should().BeEquivalentTo(new Dictionary<string, object?>
        {
            ["time"] = new DateTimeOffset(2026, 11, 23, 8, 30, 0, TimeSpan.FromHours(-8)),
            ["component"] = "smspxe",
            ["text"] = "new 2",
            ["type"] = 3.0,
            ["thread"] = 2188.0,
            ["file"] = "smspxe.cpp:1",
            ["format"] = "ccm",
            ["line"] = 3.0,
            ["log"] = @"C:\Program Files\SMS_CCM\Logs\SMSPXE.log",
        });
        entries[3].Keys.Should().Equal("timeNote", "text", "format", "line", "log");
    }

    [Fact]
    public void Merges_the_entries_of_several_files_by_time()
    {
        files.AddFile(@"C:\Logs\a.log", CcmLine("a at 8", "08:00:00.000") + CcmLine("a at 10", "10:00:00.000"))
            .AddFile(@"C:\Logs\b.log", CcmLine("b at 9", "09:00:00.000") + "b untimed\r\n" + CcmLine("b at 11", "11:00:00.000"));

        var entries = AsRecords(Probe("log.entries", ("paths", new object?[] { @"C:\Logs\*.log" })));

        entries.Select(e => e["text"]).Should().Equal("a at 8", "b at 9", "b untimed", "a at 10", "b at 11");
    }

    [Fact]
    public void A_path_without_wildcards_names_one_file()
    {
        files.AddFile(LogFolder + @"\SMSPXE.log", CcmLine("one", "08:00:00.000")).AddFile(LogFolder + @"\SMSPXE.lo_", CcmLine("two", "07:00:00.000"));

        var entries = AsRecords(Probe("log.entries", ("paths", new object?[] { LogFolder + @"\smspxe.log" })));

        entries.Select(e => e["text"]).Should().Equal("one");
    }

    [Fact]
    public void A_file_matched_by_two_patterns_is_read_once()
    {
        files.AddFile(LogFolder + @"\SMSPXE.log", CcmLine("one", "08:00:00.000"));

        var entries = AsRecords(Probe("log.entries", ("paths", new object?[] { LogFolder + @"\SMSPXE.log", LogFolder + @"\*.log" })));

        entries.Should().ContainSingle();
    }

    [Fact]
    public void No_matching_log_file_is_not_found()
    {
        files.AddFile(LogFolder + @"\PXESetup.log", "x");

        var result = Probe("log.entries", ("paths", new object?[] { @"%ProgramFiles%\SMS_CCM\Logs\SMSPXE*.lo?", @"%windir%\System32\CCM\Logs\SMSPXE*.lo?" }));

        result.Status.Should().Be(ProbeStatus.NotFound);
        result.Reason.Should().Be(@"No file matches 'C:\Program Files\SMS_CCM\Logs\SMSPXE*.lo?' or 'C:\WINDOWS\System32\CCM\Logs\SMSPXE*.lo?'.");
    }

    [Fact]
    public void A_log_folder_that_cannot_be_listed_makes_the_entries_unavailable()
    {
        files.AddFile(@"C:\WINDOWS\System32\CCM\Logs\SMSPXE.log", CcmLine("one", "08:00:00.000"))
            .AddFolder(LogFolder).FailListing(LogFolder, new UnauthorizedAccessException("Access to the path is denied."));

        var result = Probe("log.entries", ("paths", new object?[] { @"%ProgramFiles%\SMS_CCM\Logs\SMSPXE*.lo?", @"%windir%\System32\CCM\Logs\SMSPXE*.lo?" }));

        result.Status.Should().Be(ProbeStatus.Unavailable, "the unreadable folder may hold the newest log, so what the other holds is partial");
        result.Reason.Should().Be(@"Access to 'C:\Program Files\SMS_CCM\Logs' is denied.");
    }

    [Fact]
    public void A_log_file_that_cannot_be_read_makes_the_entries_unavailable()
    {
        files.AddFile(LogFolder + @"\SMSPXE.log", CcmLine("one", "08:00:00.000"))
            .FailOpening(LogFolder + @"\SMSPXE.log", new IOException("The process cannot access the file because it is being used by another process."));

        var result = Probe("log.entries", ("paths", new object?[] { LogFolder + @"\SMSPXE*.lo?" }));

        result.Reason.Should().Be(@"'C:\Program Files\SMS_CCM\Logs\SMSPXE.log' cannot be read: The process cannot access the file because it is being used by another process.");
    }

    [Fact]
    public void Keeps_the_newest_entries_whose_text_matches()
    {
        files.AddFile(LogFolder + @"\SMSPXE.log",
            CcmLine("Failed (0x80070005)", "08:00:00.000", 3) + CcmLine("fine", "08:10:00.000") + CcmLine("Access is denied", "08:20:00.000", 3) + CcmLine("fine", "08:30:00.000"));

        var entries = AsRecords(Probe("log.entries", ("paths", new object?[] { LogFolder + @"\SMSPXE.log" }), ("match", "(?i)0x80070005|access is denied"), ("maxEntries", 1.0)));

        entries.Select(e => e["text"]).Should().Equal("Access is denied");
    }

    [Fact]
    public void Match_ignores_case_as_the_rules_matches_does()
    {
        files.AddFile(LogFolder + @"\SMSPXE.log", CcmLine("Opening image file failed: ACCESS IS DENIED. (0x80070005)", "08:00:00.000", 3) + CcmLine("fine", "08:10:00.000"));

        var entries = AsRecords(Probe("log.entries", ("paths", new object?[] { LogFolder + @"\SMSPXE.log" }), ("match", "access is denied")));

        entries.Select(e => e["text"]).Should().Equal("Opening image file failed: ACCESS IS DENIED. (0x80070005)");
    }

    [Fact]
    public void Untimed_entries_of_a_newer_file_come_after_the_older_file_and_are_kept_first()
    {
        // An older rotated SMSPXE.lo_ with times, and a current SMSPXE.log pasted without them.
        files.AddFile(LogFolder + @"\SMSPXE.lo_", CcmLine("old request", "07:00:00.000") + CcmLine("old reply", "07:01:00.000"), modified: FakeFileSystem.Modified.AddHours(-1))
            .AddFile(LogFolder + @"\SMSPXE.log", "new request\r\nnew reply\r\n");

        var result = Probe("log.entries", ("paths", new object?[] { LogFolder + @"\SMSPXE*.lo?" }), ("maxEntries", 2.0));

        AsRecords(result).Select(e => e["text"]).Should().Equal("new request", "new reply");
        result.Reason.Should().Be(
            @"C:\Program Files\SMS_CCM\Logs\SMSPXE.lo_: CCM log: 2 lines, 2 entries (2 with a time); "
            + @"C:\Program Files\SMS_CCM\Logs\SMSPXE.log: plain text: 2 lines, 2 entries (0 with a time); "
            + "the newest 2 of 4 matching entries kept");
    }

    [Fact]
    public void A_place_named_by_a_variable_the_machine_lacks_is_skipped_not_a_reason_to_doubt_the_others()
    {
        files.AddFile(LogFolder + @"\SMSPXE.log", CcmLine("one", "08:00:00.000"));

        var found = Probe("log.entries", ("paths", new object?[] { @"%ProgramFiles(x86)%\SMS_CCM\Logs\SMSPXE*.lo?", LogFolder + @"\SMSPXE*.lo?" }));
        var nowhere = Probe("log.entries", ("paths", new object?[] { @"%ProgramFiles(x86)%\SMS_CCM\Logs\SMSPXE*.lo?" }));

        AsRecords(found).Select(e => e["text"]).Should().Equal("one");
        nowhere.Status.Should().Be(ProbeStatus.Unavailable, "no place could be looked at");
        nowhere.Reason.Should().Contain("%ProgramFiles(x86)%");
    }

    [Fact]
    public void The_providers_limits_cap_what_a_call_asks_for()
    {
        files.AddFile(LogFolder + @"\SMSPXE.log", string.Concat(Enumerable.Range(0, 10).Select(i => CcmLine($"entry {i}", $"08:{i:00}:00.000"))));
        var provider = Provider(new FileSystemProbeOptions { Variables = WindowsVariables, MaxEntries = 2 });

        var entries = AsRecords(Probe(provider, "log.entries", ("paths", new object?[] { LogFolder + @"\SMSPXE.log" }), ("maxEntries", 100.0)));

        entries.Select(e => e["text"]).Should().Equal("entry 8", "entry 9");
    }

    [Fact]
    public void maxBytes_reads_less_of_each_file()
    {
        var line = CcmLine("entry", "08:00:00.000");
        files.AddFile(LogFolder + @"\SMSPXE.log", string.Concat(Enumerable.Repeat(line, 10)));

        var entries = AsRecords(Probe("log.entries", ("paths", new object?[] { LogFolder + @"\SMSPXE.log" }), ("maxBytes", (double)(line.Length * 2) + 5)));

        entries.Should().HaveCount(2);
    }

    [Fact]
    public void An_invalid_match_pattern_is_unavailable()
    {
        files.AddFile(LogFolder + @"\SMSPXE.log", CcmLine("one", "08:00:00.000"));
        var expected = Record.Exception(() => new Regex("(unclosed")).Message;

        var result = Probe("log.entries", ("paths", new object?[] { LogFolder + @"\SMSPXE.log" }), ("match", "(unclosed"));

        result.Status.Should().Be(ProbeStatus.Unavailable);
        result.Reason.Should().Be("'match' is not a valid regular expression: " + expected);
    }

    [Fact]
    public void A_wildcard_before_the_last_part_of_a_log_path_is_refused()
    {
        var result = Probe("log.entries", ("paths", new object?[] { @"C:\Program Files\*\Logs\SMSPXE.log" }));

        result.Reason.Should().Be(@"'C:\Program Files\*\Logs\SMSPXE.log' has * or ? before its last part; only the file name may have them.");
    }

    [Fact]
    public void Reads_a_log_in_the_root_of_a_drive()
    {
        files.AddFile(@"C:\SMSPXE.log", CcmLine("root", "08:00:00.000"));

        AsRecords(Probe("log.entries", ("paths", new object?[] { @"C:\*.log" }))).Should().ContainSingle();
    }

    [Fact]
    public void Maps_a_machines_paths_and_names_both_when_it_cannot_read()
    {
        files.AddFile(@"\\PXE01\C$\WINDOWS\System32\wimgapi.dll", new PeImageBuilder().Build())
            .FailLookingAt(@"\\PXE01\C$\WINDOWS\Temp\PXEBootfiles", new UnauthorizedAccessException("Access to the path is denied."));
        var provider = Provider(new FileSystemProbeOptions
        {
            Variables = WindowsVariables,
            MapPath = (machine, path) => $@"\\{machine.Name}\{path[0]}$" + path.Substring(2),
        });

        var file = AsRecord(Probe(provider, "file", ("path", @"%windir%\System32\wimgapi.dll")));
        var folder = Probe(provider, "folder", ("path", @"%WdsTemp%\PXEBootfiles"));

        file["path"].Should().Be(Wimgapi);
        file["version"].Should().Be(new Version(6, 0, 6001, 18000));
        folder.Reason.Should().Be(@"Access to 'C:\WINDOWS\Temp\PXEBootfiles' (read as '\\PXE01\C$\WINDOWS\Temp\PXEBootfiles') is denied.");
    }

    [Fact]
    public void A_machine_whose_files_cannot_be_reached_has_unavailable_facts()
    {
        var provider = Provider(new FileSystemProbeOptions { Variables = WindowsVariables, MapPath = (_, _) => null });

        var result = Probe(provider, "file", ("path", Wimgapi));

        result.Status.Should().Be(ProbeStatus.Unavailable);
        result.Reason.Should().Be(@"The files of PXE01 cannot be reached from here ('C:\WINDOWS\System32\wimgapi.dll').");
    }

    [Fact]
    public void A_mapping_that_throws_makes_the_fact_unavailable()
    {
        var provider = Provider(new FileSystemProbeOptions
        {
            Variables = WindowsVariables,
            MapPath = (_, _) => throw new InvalidOperationException("No snapshot of PXE01."),
        });

        var result = Probe(provider, "folder", ("path", Bootfiles));

        result.Reason.Should().Be(@"Mapping 'C:\WINDOWS\Temp\PXEBootfiles' of PXE01 to a readable path failed: InvalidOperationException: No snapshot of PXE01.");
    }

    [Fact]
    public void A_Windows_path_on_another_system_is_unavailable_not_missing()
    {
        files.UsesWindowsPaths = false;

        var result = Probe("file", ("path", @"%windir%\System32\wimgapi.dll"));

        result.Status.Should().Be(ProbeStatus.Unavailable);
        result.Reason.Should().Be(@"'C:\WINDOWS\System32\wimgapi.dll' is a Windows path, which this process cannot open here; map it to a readable copy with FileSystemProbeOptions.MapPath.");
    }

    [Fact]
    public void A_call_without_its_path_is_unavailable()
    {
        Probe("file").Reason.Should().Be("The argument 'path' was not given.");
        Probe("log.entries").Reason.Should().Be("The argument 'paths' was not given.");
    }

    [Fact]
    public void An_unexpected_failure_is_unavailable_not_thrown()
    {
        files.FailLookingAt(Wimgapi, new NotSupportedException("The given path's format is not supported."));

        Probe("file", ("path", Wimgapi)).Reason.Should().Be(@"'C:\WINDOWS\System32\wimgapi.dll' cannot be read: NotSupportedException: The given path's format is not supported.");
    }

    [Fact]
    public async Task A_cancelled_call_is_unavailable()
    {
        files.AddFolder(@"C:\REMINST");
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        var result = await Provider().ProbeAsync(new ProbeCall(Pxe01, "folder.entries", new Dictionary<string, object?> { ["path"] = @"C:\REMINST" }), cancellation.Token);

        result.Reason.Should().Be("The call was cancelled.");
    }

    [Fact]
    public void A_kind_it_does_not_serve_is_unavailable()
    {
        Probe("service", ("name", "WDSServer")).Reason.Should().Be("FileSystemProbeProvider does not serve the probe kind 'service'.");
    }
}
