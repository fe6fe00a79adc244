using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using PxeRules.Evaluation;
using PxeRules.Loading;
using Xunit;
using PxeRules.Model;

namespace PxeRules.Probes.Windows.Tests;

public class WindowsProbeProviderTests
{
    /// <summary>A plausible call of every kind the provider serves.</summary>
    private static readonly Dictionary<string, (string, object?)[]> Calls = new()
    {
        ["service"] = new[] { ("name", (object?)"WDSServer") },
        ["file"] = new[] { ("path", (object?)@"%windir%\System32\wimgapi.dll") },
        ["folder.entries"] = new[] { ("path", (object?)@"D:\RemoteInstall\SMSBoot\x86") },
        ["log.entries"] = new[] { ("paths", (object?)new object?[] { @"%ProgramFiles%\SMS_CCM\Logs\SMSPXE*.lo?" }) },
        ["registry.value"] = new[] { ("key", (object?)@"HKLM\SOFTWARE\Microsoft\SMS\PXE"), ("name", "CacheExpire"), ("view", "32") },
        ["registry.key"] = new[] { ("key", (object?)@"HKLM\SOFTWARE\Microsoft\SMS\PXE") },
        ["folder"] = new[] { ("path", (object?)@"%WdsTemp%\PXEBootfiles") },
        ["share"] = new[] { ("name", (object?)"REMINST") },
        ["eventlog.entries"] = new[] { ("log", (object?)"Application"), ("source", "WDSServer") },
        ["installed.products"] = new[] { ("name", (object?)"Configuration Manager") },
        ["installed.update"] = new[] { ("kb", (object?)"KB960489") },
        ["os"] = Array.Empty<(string, object?)>(),
        ["windows.feature"] = new[] { ("name", (object?)"WDS-Transport") },
        ["environment.path"] = new[] { ("path", (object?)@"%windir%\system32") },
        ["wds"] = Array.Empty<(string, object?)>(),
        ["configmgr.site"] = Array.Empty<(string, object?)>(),
        ["configmgr.pxe"] = Array.Empty<(string, object?)>(),
        ["configmgr.pxeServicePoints"] = Array.Empty<(string, object?)>(),
        ["configmgr.siteSystems"] = Array.Empty<(string, object?)>(),
        ["configmgr.pxePackages"] = Array.Empty<(string, object?)>(),
        ["configmgr.duplicateSmbiosGuids"] = Array.Empty<(string, object?)>(),
        ["dhcp.options"] = Array.Empty<(string, object?)>(),
    };

    private static ProbeCall Call(string kind, string machine = ".") =>
        new(new Machine(machine), kind, Calls[kind].ToDictionary(a => a.Item1, a => a.Item2));

    [Fact]
    public void It_serves_every_machine_kind_of_the_default_catalogue()
    {
        var kinds = new WindowsProbeProvider().Kinds;

        kinds.Select(k => k.Name).Should().BeEquivalentTo(Calls.Keys);
        kinds.Should().OnlyContain(k => ProbeCatalog.Default.Find(k.Name) == k);
        ProbeCatalog.Default.Kinds.Select(k => k.Name).Except(kinds.Select(k => k.Name)).Should().Equal("symptoms.reported");
    }

    [NonWindowsFact]
    public async Task Off_windows_every_kind_is_unavailable_and_nothing_throws()
    {
        var provider = new WindowsProbeProvider();

        foreach (var kind in provider.Kinds)
        {
            foreach (var machine in new[] { ".", "PXE02" })
            {
                var result = await provider.ProbeAsync(Call(kind.Name, machine), CancellationToken.None);

                result.Status.Should().Be(ProbeStatus.Unavailable, kind.Name);
                result.Reason.Should().MatchRegex(@"^The Windows provider needs Windows; this is .+\.$");
                result.Reason.Should().NotContain("Windows; this is Microsoft Windows");
            }
        }
    }

    [Fact]
    public async Task AddWindowsProbes_attaches_the_provider_so_the_engine_routes_windows_kinds_to_it()
    {
        var engine = RuleEngine.CreateBuilder().AddRules(KnowledgeBase.LoadBundled()).AddWindowsProbes().Build();

        engine.UnservedKinds.Should().Equal("symptoms.reported");
        var report = await engine.EvaluateAsync(new[] { new Machine("PXE02", MachineRoles.PxeServicePoint) });
        report.Results.Should().NotBeEmpty();
        if (!OperatingSystem.IsWindows())
        {
            report.Results.Should().NotContain(r => r.Outcome == Model.Outcome.Error);
        }
    }

    [Fact]
    public void The_options_are_checked_and_the_builder_is_required()
    {
        var options = new WindowsProbeOptions { WmiTimeout = TimeSpan.Zero };
        options.LocalMachineNames.Add("pxe01.contoso.com");

        var create = () => new WindowsProbeProvider(options);
        var attach = () => WindowsProbesRuleEngineBuilderExtensions.AddWindowsProbes(null!);

        create.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("options");
        attach.Should().Throw<ArgumentNullException>().WithParameterName("builder");
        new WindowsProbeOptions().WmiTimeout.Should().Be(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task A_null_call_is_refused()
    {
        var probe = () => new WindowsProbeProvider().ProbeAsync(null!, CancellationToken.None);

        await probe.Should().ThrowAsync<ArgumentNullException>();
    }
}
