using System;
using System.Collections.Generic;
using System.Linq;
using FluentAssertions;
using PxeRules.Probes.Windows.Access;
using PxeRules.Probes.Windows.Mapping;
using PxeRules.Probes.Windows.Tests.Fakes;
using Xunit;

namespace PxeRules.Probes.Windows.Tests.Mapping;

public class SoftwareProbeTests
{
    private const string Uninstall = @"HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall\";
    private readonly TestBed bed = new TestBed().WithWindows();

    private void Product(string key, string name, string? version = null, int view = 64, string? publisher = null, string? date = null)
    {
        bed.Registry.Set(Uninstall + key, "DisplayName", name, view);
        if (version is not null) bed.Registry.Set(Uninstall + key, "DisplayVersion", version, view);
        if (publisher is not null) bed.Registry.Set(Uninstall + key, "Publisher", publisher, view);
        if (date is not null) bed.Registry.Set(Uninstall + key, "InstallDate", date, view);
    }

    [Fact]
    public void Products_of_both_views_that_match_are_listed_by_name()
    {
        Product("{WAIK}", "Windows Automated Installation Kit", "1.1.0.0", view: 64, publisher: "Microsoft Corporation", date: "20080610");
        Product("{R2}", "Configuration Manager 2007 R2", "4.00.6221.1000", view: 32);
        Product("{Other}", "Something else", "1.0", view: 32);
        bed.Registry.AddKey(Uninstall + "NoName", 64);

        var list = bed.Probe("installed.products", TestBed.Local, ("name", "windows automated|Configuration Manager")).List();

        list.Should().HaveCount(2);
        list.At(0).Should().BeEquivalentTo(new Dictionary<string, object?>
        {
            ["name"] = "Configuration Manager 2007 R2",
            ["version"] = new Version(4, 0, 6221, 1000),
        });
        list.At(1).Should().BeEquivalentTo(new Dictionary<string, object?>
        {
            ["name"] = "Windows Automated Installation Kit",
            ["version"] = new Version(1, 1, 0, 0),
            ["publisher"] = "Microsoft Corporation",
            ["installDate"] = new DateTimeOffset(2008, 6, 10, 0, 0, 0, TimeSpan.Zero),
        });
    }

    [Fact]
    public void On_a_32_bit_machine_an_entry_seen_through_both_views_is_listed_once()
    {
        bed.Registry.Is64BitOs = false;
        Product("{WAIK}", "Windows Automated Installation Kit", "1.0.0.0");

        bed.Probe("installed.products", TestBed.Local, ("name", "Automated")).List().Should().HaveCount(1);
    }

    [Fact]
    public void A_version_that_is_not_numeric_falls_back_to_major_and_minor_or_is_left_out()
    {
        Product("{A}", "Product A", "v1 beta");
        bed.Registry.Set(Uninstall + "{A}", "VersionMajor", 6).Set(Uninstall + "{A}", "VersionMinor", 1);
        Product("{B}", "Product B", "beta");

        var list = bed.Probe("installed.products", TestBed.Local, ("name", "^Product")).List();

        list.At(0)["version"].Should().Be(new Version(6, 1));
        list.At(1).Should().NotContainKey("version");
    }

    [Fact]
    public void Nothing_matching_is_an_empty_list_and_a_bad_pattern_is_unavailable()
    {
        bed.Probe("installed.products", TestBed.Local, ("name", "Nothing")).List().Should().BeEmpty();
        bed.Probe("installed.products", TestBed.Local, ("name", "(")).Reason.Should().StartWith("The pattern '(' is not a valid regex: ");
    }

    [Theory]
    [InlineData("3/15/2009", 2009, 3, 15)]
    [InlineData("20090315", 2009, 3, 15)]
    [InlineData("01c9a57a00000000", 2009, 3, 15)]
    [InlineData("15/3/2009", 2009, 3, 15)]
    [InlineData("15.03.2009", 2009, 3, 15)]
    [InlineData("03.04.2009", 2009, 4, 3)]
    [InlineData("2009-03-15", 2009, 3, 15)]
    [InlineData("3/4/2009", 2009, 3, 4)]
    public void An_update_from_win32_quickfixengineering_gives_its_install_date(string installedOn, int year, int month, int day)
    {
        bed.Wmi.Add(@"root\cimv2", "Win32_QuickFixEngineering", ("HotFixID", "KB960489"), ("InstalledOn", installedOn));

        var record = bed.Probe("installed.update", TestBed.Local, ("kb", "KB960489")).Record();

        record["kb"].Should().Be("KB960489");
        ((DateTimeOffset)record["installedOn"]!).UtcDateTime.Date.Should().Be(new DateTime(year, month, day));
    }

    [Fact]
    public void An_install_date_that_cannot_be_read_is_left_out()
    {
        bed.Wmi.Add(@"root\cimv2", "Win32_QuickFixEngineering", ("HotFixID", "KB960489"), ("InstalledOn", "someday"));

        bed.Probe("installed.update", TestBed.Local, ("kb", "960489")).Record().Keys.Should().Equal("kb");
    }

    [Fact]
    public void An_update_installed_by_windows_installer_is_found_in_the_uninstall_entries()
    {
        Product("{Hotfix}", "Hotfix for Configuration Manager 2007 (KB979720)", "1.0", view: 32, date: "20100301");

        var record = bed.Probe("installed.update", TestBed.Local, ("kb", "kb979720")).Record();

        record["kb"].Should().Be("KB979720");
        record["installedOn"].Should().Be(new DateTimeOffset(2010, 3, 1, 0, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void An_update_that_is_not_installed_is_not_found()
    {
        Product("{Hotfix}", "Hotfix (KB9797200)", "1.0");

        var result = bed.Probe("installed.update", TestBed.Remote, ("kb", "KB979720"));

        result.Status.Should().Be(ProbeStatus.NotFound);
        result.Reason.Should().Be("KB979720 is not installed on PXE02.");
    }

    [Fact]
    public void Updates_that_cannot_be_listed_are_unavailable_not_missing()
    {
        bed.Wmi.Failures[@"root\cimv2"] = new WmiException("Access denied", WmiException.AccessDenied);

        var result = bed.Probe("installed.update", TestBed.Remote, ("kb", "KB979720"));

        result.Status.Should().Be(ProbeStatus.Unavailable);
        result.Reason.Should().Be("Access is denied to the installed updates (Win32_QuickFixEngineering) on PXE02; the account running the check needs administrative rights there.");
    }

    [Fact]
    public void Parsing_install_dates_accepts_only_the_known_forms()
    {
        SoftwareProbes.ParseInstallDate("2008-06-10").Should().BeNull();
        SoftwareProbes.ParseInstalledOn(null).Should().BeNull();
        SoftwareProbes.ParseInstalledOn("0000000000000000").Should().BeNull();
        SoftwareProbes.ParseInstalledOn("13/13/2009").Should().BeNull();
        SoftwareProbes.ParseInstalledOn("2/30/2009").Should().BeNull();
        SoftwareProbes.ParseInstalledOn("3/15/09").Should().BeNull();
    }
}
