using System;
using System.Collections.Generic;
using System.Linq;
using FluentAssertions;
using PxeRules.Probes.Windows.Mapping;
using PxeRules.Probes.Windows.Tests.Fakes;
using Xunit;

namespace PxeRules.Probes.Windows.Tests.Mapping;

public class ConfigMgrProbeTests
{
    private const string Sms = @"HKLM\SOFTWARE\Microsoft\SMS";
    private const string SiteNamespace = @"root\SMS\site_ABC";
    private readonly TestBed bed = new TestBed().WithWindows();

    private void Site(string version, int view = 32)
    {
        bed.Registry.Set(Sms + @"\Setup", "Full Version", version, view)
            .Set(Sms + @"\Setup", "Installation Directory", @"C:\Program Files (x86)\Microsoft Configuration Manager", view)
            .Set(Sms + @"\Identification", "Site Code", "ABC", view);
    }

    private void Provider(string machine = "SITE01") =>
        bed.Wmi.Add(@"root\SMS", "SMS_ProviderLocation", ("Machine", machine), ("SiteCode", "ABC"), ("ProviderForLocalSite", true));

    [Fact]
    public void The_site_is_read_from_the_32_bit_view_with_its_level_and_add_ons()
    {
        Site("4.00.6487.2000");
        bed.Registry.Set(@"HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall\{R2}", "DisplayName", "Configuration Manager 2007 R2", 32)
            .Set(@"HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall\{R3}", "DisplayName", "System Center Configuration Manager 2007 R3", 32);

        bed.Probe("configmgr.site", TestBed.Remote).Record().Should().BeEquivalentTo(new Dictionary<string, object?>
        {
            ["siteCode"] = "ABC",
            ["version"] = new Version(4, 0, 6487, 2000),
            ["level"] = "SP2",
            ["installDirectory"] = @"C:\Program Files (x86)\Microsoft Configuration Manager",
            ["addOns"] = new object?[] { "R2", "R3" },
        });
    }

    [Theory]
    [InlineData("4.00.5931.0000", "RTM")]
    [InlineData("4.00.6221.1000", "SP1")]
    [InlineData("4.00.6221.1193", "SP1")]
    [InlineData("4.00.6487.2000", "SP2")]
    [InlineData("4.00.6487.2111", "SP2")]
    public void The_level_follows_the_full_version(string version, string level)
    {
        Site(version);

        bed.Probe("configmgr.site").Record()["level"].Should().Be(level);
    }

    [Fact]
    public void A_site_in_the_64_bit_view_only_is_still_found_and_has_no_add_ons()
    {
        Site("4.00.6221.1000", view: 64);

        var record = bed.Probe("configmgr.site").Record();

        record["level"].Should().Be("SP1");
        record["addOns"].Should().BeEquivalentTo(Array.Empty<object?>());
    }

    [Fact]
    public void Without_SMS_Setup_there_is_no_site()
    {
        var result = bed.Probe("configmgr.site", TestBed.Remote);

        result.Status.Should().Be(ProbeStatus.NotFound);
        result.Reason.Should().Be(@"No ConfigMgr site is installed on PXE02 (no HKLM\SOFTWARE\Microsoft\SMS\Setup).");
    }

    [Fact]
    public void The_pxe_service_point_settings_come_from_the_provider_registration_and_SMS_PXE()
    {
        bed.Registry.SetExpand(@"HKLM\SYSTEM\CurrentControlSet\Services\WDSServer\Providers\WDSPXE\Providers\SMSPXE", "ProviderDLL", @"%ProgramFiles(x86)%\SMS_CCM\smspxe.dll")
            .Set(Sms + @"\PXE", "IsActive", 1, 32)
            .Set(Sms + @"\PXE", "SupportUnknownMachines", 0, 32)
            .Set(Sms + @"\PXE", "ResponseDelay", 2, 32)
            .Set(Sms + @"\PXE", "CacheExpire", 3600, 32)
            .Set(Sms + @"\PXE", "MACIgnoreListFile", @"C:\macs.txt", 32)
            .Set(@"HKLM\SOFTWARE\Microsoft\CCM\Logging\@Global", "LogDirectory", @"C:\Program Files (x86)\SMS_CCM\Logs\", 32);
        bed.Files.File(@"\\PXE02\C$\Program Files (x86)\SMS_CCM\smspxe.dll");

        bed.Probe("configmgr.pxe", TestBed.Remote).Record().Should().BeEquivalentTo(new Dictionary<string, object?>
        {
            ["providerRegistered"] = true,
            ["providerDll"] = @"C:\Program Files (x86)\SMS_CCM\smspxe.dll",
            ["providerDllExists"] = true,
            ["isActive"] = true,
            ["supportUnknownMachines"] = false,
            ["responseDelay"] = 2d,
            ["cacheExpire"] = 3600d,
            ["macIgnoreListFile"] = @"C:\macs.txt",
            ["logDirectory"] = @"C:\Program Files (x86)\SMS_CCM\Logs",
        });
    }

    [Fact]
    public void A_registered_provider_whose_dll_is_gone_and_without_settings()
    {
        bed.Registry.Set(@"HKLM\SYSTEM\CurrentControlSet\Services\WDSServer\Providers\WDSPXE\Providers\SMSPXE", "ProviderDLL", @"C:\SMS_CCM\smspxe.dll");

        bed.Probe("configmgr.pxe").Record().Should().BeEquivalentTo(new Dictionary<string, object?>
        {
            ["providerRegistered"] = true,
            ["providerDll"] = @"C:\SMS_CCM\smspxe.dll",
            ["providerDllExists"] = false,
        });
    }

    [Fact]
    public void Settings_left_behind_without_a_registration()
    {
        bed.Registry.Set(Sms + @"\PXE", "CacheExpire", 120, 32);

        var record = bed.Probe("configmgr.pxe").Record();

        record["providerRegistered"].Should().Be(false);
        record["cacheExpire"].Should().Be(120d);
        record.Should().NotContainKeys("providerDll", "isActive");
    }

    [Fact]
    public void Without_SMS_PXE_and_the_registration_there_is_no_pxe_service_point()
    {
        var result = bed.Probe("configmgr.pxe");

        result.Status.Should().Be(ProbeStatus.NotFound);
        result.Reason.Should().Be(@"No ConfigMgr PXE service point on this computer: neither HKLM\SOFTWARE\Microsoft\SMS\PXE nor the SMSPXE provider registration exists.");
    }

    [Fact]
    public void Pxe_service_points_come_from_the_site_control_file_of_the_sms_provider()
    {
        Provider("SITE01");
        bed.Wmi.Add(SiteNamespace, "SMS_SCI_SysResUse",
            ("RoleName", "SMS PXE Service Point"), ("SiteCode", "ABC"), ("NetworkOSPath", @"\\PXE02"),
            ("NALPath", @"[""Display=\\PXE02\""]MSWNET:[""SMS_SITE=ABC""]\\PXE02\"),
            ("Props", new object?[]
            {
                FakeWmi.Row(("PropertyName", "IsActive"), ("Value", 1u), ("Value1", ""), ("Value2", "")),
                FakeWmi.Row(("PropertyName", "BindPolicy"), ("Value", 1u)),
                FakeWmi.Row(("PropertyName", "ResponseDelay"), ("Value", 3u)),
                FakeWmi.Row(("PropertyName", "SupportUnknownMachines"), ("Value", 0u)),
                FakeWmi.Row(("PropertyName", "CertificateExpirationDate"), ("Value", 0u), ("Value1", "128568119567070000")),
            }),
            ("PropLists", new object?[] { FakeWmi.Row(("PropertyListName", "BindExcept"), ("Values", new object?[] { "00:15:5D:01:02:03" })) }));
        bed.Wmi.Add(SiteNamespace, "SMS_SCI_SysResUse", ("RoleName", "SMS Distribution Point"), ("SiteCode", "ABC"));

        var list = bed.Probe("configmgr.pxeServicePoints", TestBed.Remote).List();

        list.Should().ContainSingle();
        list.At(0).Should().BeEquivalentTo(new Dictionary<string, object?>
        {
            ["server"] = "PXE02",
            ["isActive"] = true,
            ["bindPolicy"] = 1d,
            ["bindExcept"] = new object?[] { "00:15:5D:01:02:03" },
            ["responseDelay"] = 3d,
            ["supportUnknownMachines"] = false,
            ["certificateExpires"] = new DateTimeOffset(2008, 6, 1, 16, 39, 16, 707, TimeSpan.Zero),
        });
        bed.Wmi.Queries.Select(q => (q.Machine, q.Namespace, q.Full)).Should().Equal(
            (TestBed.Remote, @"root\SMS", false),
            ("SITE01", SiteNamespace, true));
    }

    [Fact]
    public void An_sms_provider_on_this_computer_is_queried_locally()
    {
        Provider(TestBed.LocalName);

        bed.Probe("configmgr.pxeServicePoints", TestBed.Remote).List().Should().BeEmpty();

        bed.Wmi.Queries.Last().Machine.Should().Be("(local)");
    }

    [Fact]
    public void Without_root_SMS_there_is_no_site_for_the_provider_kinds()
    {
        bed.Wmi.MissingNamespaces.Add(@"root\SMS");

        foreach (var kind in new[] { "configmgr.pxeServicePoints", "configmgr.siteSystems", "configmgr.pxePackages", "configmgr.duplicateSmbiosGuids" })
        {
            var result = bed.Probe(kind, TestBed.Remote);
            result.Status.Should().Be(ProbeStatus.NotFound);
            result.Reason.Should().Be(@"No ConfigMgr site is installed on PXE02 (no SMS Provider location in root\SMS).");
        }
    }

    [Fact]
    public void An_sms_provider_that_refuses_access_is_unavailable()
    {
        Provider();
        bed.Wmi.Failures["SITE01"] = new UnauthorizedAccessException();

        bed.Probe("configmgr.pxePackages", TestBed.Remote).Reason
            .Should().Be("Access is denied to the distribution points of packages (SMS_DistributionPoint) on SITE01; the account running the check needs administrative rights there.");
    }

    [Fact]
    public void Packages_on_pxe_distribution_points_are_joined_with_their_names_and_types()
    {
        Provider();
        bed.Wmi.Add(SiteNamespace, "SMS_DistributionPoint", ("PackageID", "ABC00005"), ("ServerNALPath", @"[""Display=\\PXE02\SMSPXEIMAGES$\""]MSWNET:[""SMS_SITE=ABC""]\\PXE02\SMSPXEIMAGES$\"))
            .Add(SiteNamespace, "SMS_DistributionPoint", ("PackageID", "ABC00002"), ("ServerNALPath", @"[""Display=\\PXE02\SMSPXEIMAGES$\""]MSWNET:[""SMS_SITE=ABC""]\\PXE02\SMSPXEIMAGES$\"))
            .Add(SiteNamespace, "SMS_DistributionPoint", ("PackageID", "ABC00009"), ("ServerNALPath", @"[""Display=\\DP01\""]MSWNET:[""SMS_SITE=ABC""]\\DP01\"))
            .Add(SiteNamespace, "SMS_PackageBaseclass", ("PackageID", "ABC00002"), ("Name", "Boot image (x86)"), ("PackageType", 258u))
            .Add(SiteNamespace, "SMS_PackageBaseclass", ("PackageID", "ABC00005"), ("Name", "Windows Vista SP1"), ("PackageType", 257u));

        var list = bed.Probe("configmgr.pxePackages", TestBed.Remote).List();

        list.Should().HaveCount(2);
        list.At(0).Should().BeEquivalentTo(new Dictionary<string, object?>
        {
            ["packageId"] = "ABC00002",
            ["name"] = "Boot image (x86)",
            ["packageType"] = 258d,
            ["server"] = "PXE02",
        });
        list.At(1)["packageType"].Should().Be(257d);
    }

    [Fact]
    public void Site_systems_and_their_roles_come_from_the_system_resource_list_of_the_site()
    {
        Provider();
        bed.Wmi.Add(SiteNamespace, "SMS_SystemResourceList", ("RoleName", "SMS PXE Service Point"), ("ServerName", "PXE02.corp.contoso.com"), ("SiteCode", "ABC"),
                ("NALPath", @"[""Display=\\PXE02\""]MSWNET:[""SMS_SITE=ABC""]\\PXE02\"))
            .Add(SiteNamespace, "SMS_SystemResourceList", ("RoleName", "SMS Site Server"), ("ServerName", null), ("SiteCode", "ABC"),
                ("NALPath", @"[""Display=\\SITE01\""]MSWNET:[""SMS_SITE=ABC""]\\SITE01\"))
            .Add(SiteNamespace, "SMS_SystemResourceList", ("RoleName", "SMS Distribution Point"), ("ServerName", "DP09"), ("SiteCode", "XYZ"));

        var list = bed.Probe("configmgr.siteSystems", TestBed.Remote).List();

        list.Should().HaveCount(2, "only the systems of the provider's own site are listed");
        list.At(0).Should().BeEquivalentTo(new Dictionary<string, object?> { ["server"] = "PXE02.corp.contoso.com", ["role"] = "SMS PXE Service Point", ["siteCode"] = "ABC" });
        list.At(1)["server"].Should().Be("SITE01", "without a server name the NAL path names the server");
    }

    [Fact]
    public void Smbios_guids_held_by_more_than_one_computer_are_counted()
    {
        Provider();
        foreach (var guid in new[] { "4C4C4544-0000-0000-0000-000000000000", "4c4c4544-0000-0000-0000-000000000000", "AAAA0000-0000-0000-0000-000000000001", null, "4C4C4544-0000-0000-0000-000000000000" })
        {
            bed.Wmi.Add(SiteNamespace, "SMS_R_System", ("SMBIOSGUID", guid));
        }

        var list = bed.Probe("configmgr.duplicateSmbiosGuids", TestBed.Remote).List();

        list.Should().ContainSingle();
        list.At(0).Should().BeEquivalentTo(new Dictionary<string, object?> { ["guid"] = "4C4C4544-0000-0000-0000-000000000000", ["count"] = 3d });
    }

    [Theory]
    [InlineData(@"[""Display=\\PXE02\SMSPXEIMAGES$\""]MSWNET:[""SMS_SITE=ABC""]\\PXE02\SMSPXEIMAGES$\", "PXE02")]
    [InlineData(@"[""Display=\\dp.contoso.com\""]MSWNET:[""SMS_SITE=ABC""]\\dp.contoso.com\", "dp.contoso.com")]
    [InlineData("nothing", null)]
    public void The_server_of_a_nal_path(string nalPath, string? server)
    {
        ConfigMgrProbes.ServerOfNalPath(nalPath).Should().Be(server);
    }
}
