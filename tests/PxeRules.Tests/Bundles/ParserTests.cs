using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using FluentAssertions;
using PxeRules.Bundles;
using Xunit;

namespace PxeRules.Tests.Bundles;

/// <summary>
/// Each reader of the bundle on text in the form the in-box tool prints. Where a test quotes a public source, the
/// source is named beside it; where the layout was written after documentation and not copied from a capture, the
/// test says so.
/// </summary>
public sealed class ParserTests
{
    private static string Crlf(params string[] lines) => string.Join("\r\n", lines) + "\r\n";

    // ---- reg query --------------------------------------------------------------------------------------------

    [Fact]
    public void Reg_query_of_server_2003_with_its_version_line_is_read()
    {
        // Quoted from Microsoft's "Working with registry entries" (reg.exe 3.0 output).
        var text = Crlf("! REG.EXE VERSION 3.0", "", "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion", "    DevicePath  REG_EXPAND_SZ   %SystemRoot%\\inf");

        var key = RegistryText.ParseQuery(text, "reg.txt").Find("HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion")!;

        key.Values.Should().ContainSingle();
        key.Value("DevicePath")!.Type.Should().Be("REG_EXPAND_SZ");
        key.Value("DevicePath")!.Data.Should().Be("%SystemRoot%\\inf");
    }

    [Fact]
    public void Reg_query_of_later_versions_reads_every_value_type_and_lists_subkeys()
    {
        // Quoted from a public write-up on Windows event providers (reg query of the EventLog service key on a later
        // Windows; cited by content, its address was not recorded); the four-blank layout is that of 2008 and later.
        var text = Crlf(
            "",
            "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\EventLog",
            "    Description    REG_SZ    @%SystemRoot%\\system32\\wevtsvc.dll,-201",
            "    ErrorControl    REG_DWORD    0x1",
            "    FailureActions    REG_BINARY    80510100000000000000000003000000140000000100000060EA000001000000C0D401000000000000000000",
            "    Group    REG_SZ    Event Log",
            "    ObjectName    REG_SZ    NT AUTHORITY\\LocalService",
            "    RequiredPrivileges    REG_MULTI_SZ    SeChangeNotifyPrivilege\\0SeImpersonatePrivilege\\0SeAuditPrivilege",
            "",
            "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\EventLog\\Application",
            "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\EventLog\\Key Management Service");

        var data = RegistryText.ParseQuery(text, "reg.txt");
        var key = data.Find("HKLM\\SYSTEM\\CurrentControlSet\\Services\\EventLog")!;

        key.Value("ErrorControl")!.Data.Should().Be(1d);
        key.Value("Group")!.Data.Should().Be("Event Log");
        key.Value("ObjectName")!.Data.Should().Be("NT AUTHORITY\\LocalService");
        key.Value("FailureActions")!.Data.Should().Be("80510100000000000000000003000000140000000100000060EA000001000000C0D401000000000000000000");
        key.Value("RequiredPrivileges")!.Data.Should().BeEquivalentTo(new object[] { "SeChangeNotifyPrivilege", "SeImpersonatePrivilege", "SeAuditPrivilege" });
        key.Subkeys.Should().Equal("Application", "Key Management Service");
    }

    [Fact]
    public void A_localised_name_of_the_default_value_is_read_as_the_default_value()
    {
        // Quoted from a public Japanese write-up (reg query of HKCR\Unknown\shell; cited by content): "(既定)" is the
        // Japanese "(Default)".
        var text = Crlf("HKEY_CLASSES_ROOT\\Unknown\\shell", "    (既定)    REG_SZ    openas", "HKEY_CLASSES_ROOT\\Unknown\\shell\\Open", "    MultiSelectModel    REG_SZ    Single", "    ProgrammaticAccessOnly    REG_SZ");

        var data = RegistryText.ParseQuery(text, "reg.txt");

        data.Find("HKCR\\Unknown\\shell")!.Value(string.Empty)!.Data.Should().Be("openas");
        data.Find("HKCR\\Unknown\\shell\\Open")!.Value("ProgrammaticAccessOnly")!.Data.Should().Be(string.Empty);
    }

    [Fact]
    public void A_damaged_reg_query_line_is_an_error_naming_file_line_and_what_was_expected()
    {
        var text = Crlf("! REG.EXE VERSION 3.0", "", "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\SMS\\PXE", "    IsActive\tREG_DWORD\t0xZZ");

        var act = () => RegistryText.ParseQuery(text, "reg-sms.txt");

        act.Should().Throw<OutputFormatException>().WithMessage("reg-sms.txt line 4 is not in a form this reader knows: expected REG_DWORD data as 0x followed by hexadecimal digits; found '0xZZ'.");
    }

    [Fact]
    public void Text_that_is_not_reg_query_output_is_an_error()
    {
        var act = () => RegistryText.ParseQuery(Crlf("HKEY_LOCAL_MACHINE\\SOFTWARE\\X", "this is a mail signature"), "reg-x.txt");

        act.Should().Throw<OutputFormatException>().WithMessage("reg-x.txt line 2 *expected a key path (HKEY_...), an indented value or a blank line; found 'this is a mail signature'.");
    }

    // ---- .reg exports -------------------------------------------------------------------------------------------

    [Fact]
    public void A_version_5_export_reads_strings_dwords_expandable_multi_and_qword_values_over_continued_lines()
    {
        // The .reg format of Microsoft's "How to add, modify, or delete registry subkeys and values by using a .reg
        // file"; the bytes were written for this test (hex(2) and hex(7) are UTF-16LE in version 5.00).
        static string Hex(byte[] bytes) => string.Join(",", bytes.Select(b => b.ToString("x2")));
        var expand = Hex(Encoding.Unicode.GetBytes("%SystemRoot%\\system32\\wdspxe.dll\0"));
        var multi = Hex(Encoding.Unicode.GetBytes("\\boot\\*\0\\tmp\\*\0\0"));
        var text = Crlf(
            "Windows Registry Editor Version 5.00",
            "",
            "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\WDSServer\\Providers\\WDSPXE]",
            "\"ProviderDLL\"=hex(2):" + expand.Substring(0, 59) + ",\\",
            "  " + expand.Substring(60),
            "\"ProvidersOrder\"=hex(7):" + multi,
            "\"UseDhcpPorts\"=dword:00000001",
            "\"Big\"=hex(b):00,00,00,00,01,00,00,00",
            "@=\"default \\\"quoted\\\" C:\\\\x\"",
            "\"Bytes\"=hex:de,ad,be,ef");

        var key = RegistryText.ParseExport(text, "reg-wdsserver.reg").Find("HKLM\\SYSTEM\\CurrentControlSet\\Services\\WDSServer\\Providers\\WDSPXE")!;

        key.Value("ProviderDLL")!.Type.Should().Be("REG_EXPAND_SZ");
        key.Value("ProviderDLL")!.Data.Should().Be("%SystemRoot%\\system32\\wdspxe.dll");
        key.Value("ProvidersOrder")!.Data.Should().BeEquivalentTo(new object[] { "\\boot\\*", "\\tmp\\*" });
        key.Value("UseDhcpPorts")!.Data.Should().Be(1d);
        key.Value("Big")!.Data.Should().Be(4294967296d);
        key.Value(string.Empty)!.Data.Should().Be("default \"quoted\" C:\\x");
        key.Value("Bytes")!.Data.Should().Be("DEADBEEF");
    }

    [Fact]
    public void A_regedit4_export_reads_ansi_expandable_strings()
    {
        var text = Crlf("REGEDIT4", "", "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\SMS\\PXE]", "\"MACIgnoreListFile\"=hex(2):25,54,45,4d,50,25,5c,6d,61,63,2e,74,78,74,00", "\"IsActive\"=dword:00000001");

        var key = RegistryText.ParseExport(text, "reg-sms.reg").Find("HKLM\\SOFTWARE\\Microsoft\\SMS\\PXE")!;

        key.Value("MACIgnoreListFile")!.Data.Should().Be("%TEMP%\\mac.txt");
        key.Value("IsActive")!.Data.Should().Be(1d);
    }

    [Fact]
    public void An_export_without_its_header_is_an_error()
    {
        var act = () => RegistryText.ParseExport(Crlf("[HKEY_LOCAL_MACHINE\\SOFTWARE\\X]"), "reg-sms.reg");

        act.Should().Throw<OutputFormatException>().WithMessage("reg-sms.reg line 1 is not in a form this reader knows: expected 'Windows Registry Editor Version 5.00' or 'REGEDIT4'; found '[HKEY_LOCAL_MACHINE\\SOFTWARE\\X]'.");
    }

    // ---- sc -----------------------------------------------------------------------------------------------------

    [Fact]
    public void Sc_qc_of_server_2003_and_sc_queryex_give_the_service_fields()
    {
        var sample = Repository.Path("samples", "bundles", "pxe01-osimage-access-denied");
        var qc = ServiceText.Parse(File.ReadAllText(Path.Combine(sample, "sc-qc-wdsserver.txt")), "sc-qc-wdsserver.txt").Single();
        var queryex = ServiceText.Parse(File.ReadAllText(Path.Combine(sample, "sc-queryex-wdsserver.txt")), "sc-queryex-wdsserver.txt").Single();

        qc.ToRecord().Should().BeEquivalentTo(new Dictionary<string, object?> { ["name"] = "WDSServer", ["displayName"] = "Windows Deployment Services Server", ["startMode"] = "Automatic", ["account"] = "LocalSystem" });
        queryex.State.Should().Be("Running");
    }

    [Fact]
    public void Sc_qc_of_later_versions_is_read()
    {
        // Quoted from Microsoft's Windows containers troubleshooting page.
        var text = Crlf("[SC] QueryServiceConfig SUCCESS", "", "SERVICE_NAME: docker", "        TYPE               : 10  WIN32_OWN_PROCESS", "        START_TYPE         : 2   AUTO_START",
            "        ERROR_CONTROL      : 1   NORMAL", "        BINARY_PATH_NAME   : \"C:\\Program Files\\Docker\\dockerd.exe\" --run-service", "        LOAD_ORDER_GROUP   :", "        TAG                : 0",
            "        DISPLAY_NAME       : Docker Engine", "        DEPENDENCIES       :", "        SERVICE_START_NAME : LocalSystem");

        var service = ServiceText.Parse(text, "sc-qc-docker.txt").Single();

        service.DisplayName.Should().Be("Docker Engine");
        service.StartMode.Should().Be("Automatic");
        service.Account.Should().Be("LocalSystem");
    }

    [Fact]
    public void A_missing_service_is_told_by_its_error_number_in_english_and_in_german()
    {
        // English: the form quoted in many write-ups. German: quoted from the README of a public time-sync script on
        // GitHub (cited by content): "[SC] EnumQueryServicesStatus:OpenService FEHLER 1060:".
        ServiceText.FailureCode(Crlf("[SC] OpenService FAILED 1060:", "", "The specified service does not exist as an installed service.")).Should().Be(1060);
        ServiceText.FailureCode(Crlf("[SC] EnumQueryServicesStatus:OpenService FEHLER 1060:", "Der angegebene Dienst ist kein installierter Dienst.")).Should().Be(1060);
        ServiceText.FailureCode(Crlf("[SC] OpenService FAILED 5:", "", "Access is denied.")).Should().Be(5);
    }

    [Fact]
    public void An_sc_state_that_is_not_a_number_is_an_error()
    {
        var act = () => ServiceText.Parse(Crlf("SERVICE_NAME: WDSServer", "        STATE              : RUNNING"), "sc-queryex-wdsserver.txt");

        act.Should().Throw<OutputFormatException>().WithMessage("sc-queryex-wdsserver.txt line 2 *expected a state number from 1 to 7; found 'RUNNING'.");
    }

    // ---- WMIC ---------------------------------------------------------------------------------------------------

    [Fact]
    public void Wmic_csv_in_utf16_with_cr_cr_lf_and_a_comma_inside_the_caption_is_read_by_header()
    {
        // The layout of WMIC CSV as public parsers of it describe it (header "Node,...", properties in alphabetical
        // order, an empty first line, unquoted values); no captured file of this query was found.
        var text = "\r\r\nNode,BuildNumber,Caption,CSDVersion,Version\r\r\nPXE01,3790,Microsoft(R) Windows(R) Server 2003, Standard Edition,Service Pack 2,5.2.3790\r\r\n";
        var bytes = Encoding.Unicode.GetBytes(text);

        var row = WmicText.ParseCsv(BundleText.Decode(bytes, "wmic-os.csv", 437), "wmic-os.csv", "Caption").Single();

        row["Caption"].Should().Be("Microsoft(R) Windows(R) Server 2003, Standard Edition");
        row["CSDVersion"].Should().Be("Service Pack 2");
        row["Version"].Should().Be("5.2.3790");
    }

    [Fact]
    public void A_wmic_row_with_an_extra_comma_and_no_free_text_column_is_an_error()
    {
        var act = () => WmicText.ParseCsv(Crlf("Node,HotFixID,InstalledOn", "PXE01,KB1,1,2"), "wmic-qfe.csv");

        act.Should().Throw<OutputFormatException>().WithMessage("wmic-qfe.csv line 2 *expected 3 fields; a value holds a comma and no single free-text column can take it (use the /value file)*");
    }

    [Fact]
    public void Wmic_value_output_gives_one_dictionary_per_instance()
    {
        var rows = WmicText.ParseValue(Crlf("", "", "Caption=Microsoft(R) Windows(R) Server 2003, Standard Edition", "Version=5.2.3790", "", ""), "wmic-os-value.txt");

        rows.Single()["Caption"].Should().Be("Microsoft(R) Windows(R) Server 2003, Standard Edition");
    }

    // ---- net share ----------------------------------------------------------------------------------------------

    [Fact]
    public void Net_share_in_english_gives_path_and_remark()
    {
        var text = File.ReadAllText(Repository.Path("samples", "bundles", "pxe01-osimage-access-denied", "net-share-reminst.txt"));

        var share = ShareText.ParseNetShare(text, "net-share-reminst.txt");

        share.Name.Should().Be("REMINST");
        share.Path.Should().Be("D:\\RemoteInstall");
        share.Remark.Should().Be("Windows Deployment Services Share");
    }

    [Fact]
    public void Net_share_in_another_language_is_refused_with_the_reason_not_read_as_a_missing_share()
    {
        // "Freigabename" is the German label as the German Windows UI names it; no captured German net share output
        // was found, so only the refusal is tested, not a German layout.
        var act = () => ShareText.ParseNetShare(Crlf("Freigabename      REMINST", "Pfad              D:\\RemoteInstall"), "net-share-reminst.txt");

        act.Should().Throw<OutputFormatException>().WithMessage("net-share-reminst.txt line 1 *expected the English label 'Share name' (net share labels are read in English only; wmic-share.csv and reg-lanmanserver-shares.txt are read in any language)*");
    }

    // ---- cacls, icacls, icacls /save -----------------------------------------------------------------------------

    [Fact]
    public void Cacls_gives_identities_sids_of_well_known_accounts_and_rights()
    {
        var text = File.ReadAllText(Repository.Path("samples", "bundles", "pxe01-osimage-access-denied", "cacls-pxebootfiles.txt"));

        var aces = AclText.ParseCacls(text, "C:\\WINDOWS\\Temp\\PXEBootfiles", "cacls-pxebootfiles.txt");

        aces.Select(a => (a.Identity, a.Sid, a.Rights)).Should().Equal(
            ("S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464", "S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464", "FullControl"),
            ("NT AUTHORITY\\SYSTEM", "S-1-5-18", "ReadAndExecute, Synchronize"),
            ("BUILTIN\\Administrators", "S-1-5-32-544", "ReadAndExecute, Synchronize"),
            ("BUILTIN\\Users", "S-1-5-32-545", "ReadAndExecute, Synchronize"));
    }

    [Fact]
    public void Cacls_special_access_lists_each_right_and_german_account_names_map_to_sids()
    {
        // The (special access:) layout of cacls, one right per line, as the Windows 2000 / Server 2003 cacls
        // references show it; German names as the German cacls documentation (learn.microsoft.com/de-de) uses them.
        var text = Crlf("D:\\x VORDEFINIERT\\Administratoren:(OI)(CI)F", "     NT-AUTORITÄT\\SYSTEM:(OI)(CI)(special access:)", "                               DELETE", "                               SYNCHRONIZE", "");

        var aces = AclText.ParseCacls(text, "D:\\x", "cacls-x.txt");

        aces[0].Sid.Should().Be("S-1-5-32-544");
        aces[1].Sid.Should().Be("S-1-5-18");
        aces[1].Rights.Should().Be("Delete, Synchronize");
    }

    [Fact]
    public void Icacls_marks_inherited_rules_and_skips_the_summary_line()
    {
        var text = Crlf("D:\\RemoteInstall NT AUTHORITY\\SYSTEM:(I)(OI)(CI)(F)", "                 BUILTIN\\Users:(OI)(CI)(RX)", "                 Everyone:(DENY)(W)", "", "Successfully processed 1 files; Failed processing 0 files");

        var aces = AclText.ParseIcacls(text, "D:\\RemoteInstall", "icacls-remoteinstall.txt");

        aces.Select(a => (a.Sid, a.Rights, a.Type, a.Inherited)).Should().Equal(
            ("S-1-5-18", "FullControl", "Allow", true), ("S-1-5-32-545", "ReadAndExecute, Synchronize", "Allow", false), ("S-1-1-0", "Write, Synchronize", "Deny", false));
    }

    [Fact]
    public void Icacls_save_gives_sids_and_rights_in_any_language()
    {
        var aces = AclText.ParseSddlSave(Crlf("RemoteInstall", "D:PAI(A;OICI;FA;;;SY)(A;OICIID;0x1200a9;;;BU)(D;;FW;;;S-1-5-21-1-2-3-1001)"), "icacls-save-remoteinstall.txt");

        aces.Select(a => (a.Sid, a.Rights, a.Type, a.Inherited)).Should().Equal(
            ("S-1-5-18", "FullControl", "Allow", false), ("S-1-5-32-545", "ReadAndExecute, Synchronize", "Allow", true), ("S-1-5-21-1-2-3-1001", "Write", "Deny", false));
    }

    [Fact]
    public void Cacls_output_for_another_folder_is_an_error()
    {
        var act = () => AclText.ParseCacls(Crlf("C:\\Other BUILTIN\\Users:R"), "C:\\WINDOWS\\Temp\\PXEBootfiles", "cacls-pxebootfiles.txt");

        act.Should().Throw<OutputFormatException>().WithMessage("cacls-pxebootfiles.txt line 1 *expected the folder 'C:\\WINDOWS\\Temp\\PXEBootfiles', a blank, then the first access rule*");
    }

    // ---- dir, attrib ---------------------------------------------------------------------------------------------

    [Fact]
    public void Dir_q_gives_entries_with_owner_size_and_time_and_tells_a_cut_owner()
    {
        var text = File.ReadAllText(Repository.Path("samples", "bundles", "pxe01-osimage-access-denied", "dir-pxebootfiles.txt"));

        var entries = DirText.Parse(text, "dir-pxebootfiles.txt").Folders["C:\\WINDOWS\\Temp\\PXEBootfiles"];

        entries.Select(e => e.Name).Should().Equal(".", "..", "Windows");
        entries[0].Owner.Should().Be("S-1-5-80-956008885-3418");
        entries[0].OwnerMayBeCut.Should().BeTrue();
        entries[1].Owner.Should().Be("BUILTIN\\Administrators");
        entries[1].OwnerMayBeCut.Should().BeFalse();
        entries[2].LocalTime.Should().Be(new DateTime(2026, 6, 14, 9, 21, 0));
    }

    [Fact]
    public void Dir_with_a_german_heading_and_date_is_read()
    {
        // Written after the German dir layout ("Verzeichnis von", dd.MM.yyyy HH:mm); not copied from a capture.
        var text = Crlf(" Datenträger in Laufwerk D: ist Daten", "", " Verzeichnis von D:\\RemoteInstall", "", "14.06.2026  09:20    <DIR>          VORDEFINIERT\\Administra.", "14.06.2026  09:20         1.048.576 VORDEFINIERT\\Administraboot.sdi");

        var entries = DirText.Parse(text, "dir-remoteinstall.txt").Folders["D:\\RemoteInstall"];

        entries[1].Name.Should().Be("boot.sdi");
        entries[1].Size.Should().Be(1048576);
        entries[1].LocalTime.Should().Be(new DateTime(2026, 6, 14, 9, 20, 0));
    }

    [Fact]
    public void Dir_entries_without_a_heading_in_a_language_read_are_an_error()
    {
        var act = () => DirText.Parse(Crlf("06/14/2026  09:21 AM    <DIR>          BUILTIN\\Administrators ."), "dir-x.txt");

        act.Should().Throw<OutputFormatException>().WithMessage("dir-x.txt line 1 *expected a 'Directory of' heading (English or German) before the entries*");
    }

    [Fact]
    public void Attrib_tells_a_hidden_folder()
    {
        DirText.ParseAttribHidden(Crlf("     H        C:\\WINDOWS\\Temp\\PXEBootfiles"), "C:\\WINDOWS\\Temp\\PXEBootfiles", "attrib.txt").Should().BeTrue();
        DirText.ParseAttribHidden(Crlf("A            C:\\x"), "C:\\x", "attrib.txt").Should().BeFalse();
    }

    // ---- events ---------------------------------------------------------------------------------------------------

    [Fact]
    public void Wevtutil_rendered_xml_without_a_root_gives_time_id_source_level_and_message()
    {
        var text = File.ReadAllText(Repository.Path("samples", "logs", "pxe02-ticket", "wds-application-events.xml"), Encoding.Unicode);

        var events = EventText.ParseWevtutil(text, "wds-application-events.xml");

        events.Select(e => e.Id).Should().Equal(268, 264, 259);
        events[2].Source.Should().Be("WDSPXE");
        events[2].Level.Should().Be("Error");
        events[2].Time.Should().Be(new DateTimeOffset(2026, 11, 24, 10, 14, 58, 231, TimeSpan.Zero));
        events[2].Message.Should().StartWith("An error occurred while trying to load the module from C:\\SMS_DP$\\sms\\bin\\smspxe.dll for provider SMSPXE.");
    }

    [Fact]
    public void Damaged_event_xml_is_an_error_naming_the_line()
    {
        var act = () => EventText.ParseWevtutil("<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>\r\n<EventID>1</Event>", "evt.xml");

        act.Should().Throw<OutputFormatException>().WithMessage("evt.xml line 2 *expected well-formed <Event> elements*");
    }

    [Fact]
    public void Eventquery_csv_with_english_headings_is_read_and_an_empty_file_is_no_events()
    {
        // The column names are those eventquery.vbs documents for /fi (Type, ID, Datetime, Source); the exact /fo csv /v
        // heading row was not found in a public capture.
        var text = Crlf("\"Type\",\"Event\",\"Date Time\",\"Source\",\"ComputerName\",\"Category\",\"User\",\"Description\"", "\"error\",\"7031\",\"11/24/2026 10:15:02 AM\",\"Service Control Manager\",\"PXE02\",\"None\",\"N/A\",\"The Windows Deployment Services Server service terminated unexpectedly.\"");

        var events = EventText.ParseEventQueryCsv(text, "evt-system-id7031.csv", TimeSpan.FromHours(1));

        events.Single().Time.Should().Be(new DateTimeOffset(2026, 11, 24, 10, 15, 2, TimeSpan.FromHours(1)));
        events.Single().Level.Should().Be("Error");
        EventText.ParseEventQueryCsv(string.Empty, "evt.csv", TimeSpan.Zero).Should().BeEmpty();
    }

    // ---- decoding ---------------------------------------------------------------------------------------------------

    [Fact]
    public void Oem_text_is_decoded_with_the_code_page_of_the_manifest()
    {
        // "Ä" is 0x8E in both 437 and 850; "ß" is 0xE1.
        BundleText.Decode(new byte[] { 0x8E, 0x20, 0xE1 }, "x.txt", 850).Should().Be("Ä ß");
    }

    [Fact]
    public void Binary_bytes_in_a_command_output_are_an_error_naming_the_file()
    {
        var act = () => BundleText.Decode(new byte[] { 0x41, 0x00, 0x00, 0x00, 0x42, 0x43, 0x44, 0x45 }, "sc-qc-wdsserver.txt", 437);

        act.Should().Throw<InvalidDataException>().WithMessage("'sc-qc-wdsserver.txt' cannot be read as text: byte 1 is NUL; it is not text output.");
    }

    [Fact]
    public void Utf16_without_a_byte_order_mark_is_recognised_by_its_nul_bytes()
    {
        BundleText.Decode(Encoding.Unicode.GetBytes("Node,Name\r\n"), "wmic.csv", 437).Should().Be("Node,Name\r\n");
    }
}
