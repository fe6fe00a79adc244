using static PxeRules.WineHarness.Expectation;

namespace PxeRules.WineHarness;

/// <summary>
/// The calls the Wine stage makes and what each must answer, against the fixtures of tests/wine/fixtures and
/// tests/wine/run.sh: a ConfigMgr 2007 SP2 R2 PXE service point on a 64-bit machine.
/// </summary>
internal static class Cases
{
    private const string Pxe = @"HKLM\SOFTWARE\Microsoft\SMS\PXE";
    private const string WdsServer = @"HKLM\SYSTEM\CurrentControlSet\Services\WDSServer";
    private const string Ccm = @"C:\Program Files (x86)\SMS_CCM";
    private const string NoSite = "^No ConfigMgr site is installed on this computer";

    public static readonly Case[] All =
    {
        // The service control manager: ServiceController plus the hand-written QueryServiceConfigW layout.
        Case.Of("service", Value(("name", "WDSServer"), ("displayName", "Windows Deployment Services Server"), ("state", "Stopped"),
            ("startMode", "Automatic"), ("account", "LocalSystem")), ("name", "WDSServer")),
        Case.Of("service", Value(("state", "Stopped"), ("startMode", "Disabled")), ("name", "DHCPServer")),
        Case.Of("service", NotFound("^No service named 'NoSuchService' on this computer\\.$"), ("name", "NoSuchService")),

        // The registry, both views and every value type.
        Case.Of("registry.value", Value(("", "3600")), ("key", Pxe), ("name", "CacheExpire"), ("view", "32")),
        Case.Of("registry.value", NotFound(@"does not exist on this computer \(64-bit view\)"), ("key", Pxe), ("name", "CacheExpire"), ("view", "64")),
        Case.Of("registry.value", NotFound("has no value 'NoSuchValue'"), ("key", Pxe), ("name", "NoSuchValue"), ("view", "32")),
        Case.Of("registry.value", Value(("", @"C:\windows\Temp\macignore.txt")), ("key", Pxe), ("name", "MACIgnoreListFile"), ("view", "32")),
        Case.Of("registry.value", Value(("", "3082010A")), ("key", Pxe), ("name", "PXEBootCertificate"), ("view", "32")),
        Case.Of("registry.value", Value(("", "5242880")), ("key", @"HKLM\SOFTWARE\Microsoft\CCM\Logging\@Global"), ("name", "LogMaxSize"), ("view", "32")),
        Case.Of("registry.value", Value(("", @"[\boot\*, \tmp\*, boot\*, tmp\*]")), ("key", WdsServer + @"\Providers\WDSTFTP"), ("name", "ReadFilter")),
        Case.Of("registry.value", Value(("", @"C:\windows")), ("key", @"HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion"), ("name", "SystemRoot")),
        Case.Of("registry.key", Value(("subkeys", "[Providers]"), ("values", "~^\\[(ProvidersOrder, UseDHCPPorts|UseDHCPPorts, ProvidersOrder)\\]$")),
            ("key", WdsServer + @"\Providers\WDSPXE")),
        Case.Of("registry.key", NotFound(@"^The key HKLM\\SOFTWARE\\Microsoft\\SMS\\PXE does not exist on this computer \(64-bit view\)\.$"), ("key", Pxe), ("view", "64")),

        // Files: the version resource of a PE image, read through the Windows file APIs and PeVersionReader.
        Case.Of("file", Value(("path", @"C:\windows\system32\wimgapi.dll"), ("version", "6.0.6001.18000"), ("productVersion", "6.0.6001.18000"), ("hidden", "false")),
            ("path", @"%windir%\system32\wimgapi.dll")),
        Case.Of("file", Value(("version", "4.0.6487.2000")), ("path", @"%ProgramFiles(x86)%\SMS_CCM\smspxe.dll")),
        Case.Of("file", NotFound(@"^No file at 'C:\\windows\\system32\\nosuch\.dll'\.$"), ("path", @"%windir%\system32\nosuch.dll")),

        // Folders: attributes, the owner and the ACL through DirectorySecurity, SIDs translated to names.
        Case.Of("folder", Value(("path", @"C:\windows\temp\PXEBootfiles"), ("ownerSid", "~^S-1-5-"), ("owner", @"~.+\\.+"),
            ("access", @"~\{identity: NT AUTHORITY\\SYSTEM, inherited: false, rights: FullControl, sid: S-1-5-18, type: Allow\}")),
            ("path", @"%WdsTemp%\PXEBootfiles")),
        Case.Of("folder", NotFound(@"^No folder C:\\NoSuchFolder on this computer\.$"), ("path", @"C:\NoSuchFolder")),
        Case.Of("folder.entries", Value(("count()", "5"), ("[0].name", "x64"), ("[0].isFolder", "true"), ("[1].path", @"C:\RemoteInstall\SMSBoot\x64\pxeboot.com"),
            ("[1].size", "9")), ("path", @"C:\RemoteInstall\SMSBoot"), ("recursive", true)),
        Case.Of("folder.entries", Value(("count()", "1"), ("[0].name", "wdsnbp.com")), ("path", @"C:\RemoteInstall\SMSBoot\x86"), ("pattern", "wds*")),
        Case.Of("folder.entries", NotFound("C:\\\\RemoteInstall\\\\SMSImages"), ("path", @"C:\RemoteInstall\SMSImages")),

        // ConfigMgr logs, the rotated .lo_ included, in time order.
        Case.Of("log.entries", Value(("count()", "5"), ("[0].text", "PXE Provider loaded."), ("[3].type", "3"), ("[3].time", "2011-10-20T10:15:04-07:00"),
            ("[3].file", "bootimagemgr.cpp:1736"), ("[3].text", "~^Failed to copy the needed boot binaries.*\\n.*completed successfully")),
            ("paths", new object?[] { Ccm + @"\Logs\SMSPXE*.lo?" })),
        Case.Of("log.entries", Value(("count()", "1"), ("[0].component", "SMSPXE")), ("paths", new object?[] { Ccm + @"\Logs\SMSPXE.log" }), ("match", "Failed to copy")),

        // Variables of the probed machine, read from its registry.
        Case.Of("environment.path", Value(("", @"C:\windows\temp\PXEBootfiles")), ("path", @"%WdsTemp%\PXEBootfiles")),
        Case.Of("environment.path", Unavailable("^The variable %NoSuchVariable% is not defined on this computer\\.$", "the variable is not defined"),
            ("path", @"%NoSuchVariable%\x")),

        // WDS and ConfigMgr from their registry keys.
        Case.Of("wds", Value(("rootFolder", @"C:\RemoteInstall"), ("readFilter", @"[\boot\*, \tmp\*, boot\*, tmp\*]"), ("maximumBlockSize", "16384"),
            ("useDhcpPorts", "0"), ("providersOrder", "[SMSPXE, BINLSVC]"), ("pxeProviders", "[BINLSVC, SMSPXE]"), ("answerRequests", "false"),
            ("udpPortPolicy", "0"))),
        Case.Of("configmgr.site", Value(("siteCode", "PXR"), ("version", "4.0.6487.2000"), ("level", "SP2"), ("addOns", "[R2]"),
            ("installDirectory", @"C:\Program Files (x86)\Microsoft Configuration Manager"))),
        Case.Of("configmgr.pxe", Value(("providerRegistered", "true"), ("providerDll", Ccm + @"\smspxe.dll"), ("providerDllExists", "true"),
            ("isActive", "true"), ("supportUnknownMachines", "true"), ("responseDelay", "2"), ("cacheExpire", "3600"),
            ("macIgnoreListFile", @"C:\windows\Temp\macignore.txt"), ("logDirectory", Ccm + @"\Logs"))),

        // Installed software: uninstall entries of both views, and Win32_QuickFixEngineering through WMI.
        Case.Of("installed.products", Value(("count()", "2"), ("[0].name", "Configuration Manager 2007 R2"), ("[0].version", "4.0.6487.2111"),
            ("[0].installDate", "2009-06-12T00:00:00+00:00"), ("[1].name", "Hotfix for Configuration Manager 2007 SP2 (KB977203)")),
            ("name", "Configuration Manager")),
        Case.Of("installed.update", Value(("kb", "KB977203"), ("installedOn", "2010-02-10T00:00:00+00:00")), ("kb", "KB977203")),
        // Wine's own hotfix record, dated 22/2/2022 (day first).
        Case.Of("installed.update", Value(("kb", "KB1234567"), ("installedOn", "2022-02-22T00:00:00+00:00")), ("kb", "KB1234567")),
        Case.Of("installed.update", NotFound("^KB999999 is not installed on this computer\\.$"), ("kb", "KB999999")),

        // WMI through System.Management (and the wminet_utils.dll stand-in).
        Case.Of("os", Value(("caption", "~^Microsoft Windows "), ("version", "~^\\d+\\.\\d+\\.\\d+$"), ("architecture", "x64"),
            ("productType", "~^(Workstation|Server)$"))),
        Case.Of("windows.feature", NotFound("has no Server Manager roles and features"), ("name", "WDS")),
        Case.Of("configmgr.pxeServicePoints", NotFound(NoSite)),
        Case.Of("configmgr.siteSystems", NotFound(NoSite)),
        Case.Of("configmgr.pxePackages", NotFound(NoSite)),
        Case.Of("configmgr.duplicateSmbiosGuids", NotFound(NoSite)),

        // Not testable under Wine: these only show that the provider answers unavailable, with a reason, and goes on.
        Case.Of("share", Unavailable("Win32_Share", "Wine has no Win32_Share"), ("name", "REMINST")),
        Case.Of("eventlog.entries", Unavailable("^The event log 'System' on this computer cannot be read", "Wine's OpenEventLogW is a stub"),
            ("log", "System"), ("max", 5d)),
        Case.Of("dhcp.options", Unavailable("dhcpsapi\\.dll", "Wine has no dhcpsapi.dll")),
    };
}
