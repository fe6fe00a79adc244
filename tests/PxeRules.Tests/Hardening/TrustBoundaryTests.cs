using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Threading.Tasks;
using FluentAssertions;
using PxeRules.Loading;
using PxeRules.Model;
using PxeRules.Probes;
using Xunit;
using static PxeRules.Tests.Evaluation.EngineHarness;

namespace PxeRules.Tests.Hardening;

/// <summary>Rules are data: the core library has no way to run what a rule says, load code or reach the network.</summary>
public class TrustBoundaryTests
{
    /// <summary>Types whose use would let data start processes, load or emit code, or open connections.</summary>
    private static readonly string[] ForbiddenNamespacesAndTypes =
    {
        "System.Diagnostics.Process", "System.Diagnostics.ProcessStartInfo", "System.Runtime.Loader.AssemblyLoadContext",
        "System.Activator", "System.Reflection.Emit.", "System.Net.Http.", "System.Net.Sockets.", "System.Net.WebClient",
        "System.Net.WebRequest", "System.CodeDom.", "Microsoft.CSharp.",
    };

    [Fact]
    public void The_core_library_calls_nothing_that_runs_commands_loads_code_or_opens_connections()
    {
        using var stream = File.OpenRead(typeof(RuleLoader).Assembly.Location);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var found = new List<string>();

        foreach (var handle in metadata.TypeReferences)
        {
            var type = metadata.GetTypeReference(handle);
            var name = metadata.GetString(type.Namespace) + "." + metadata.GetString(type.Name);
            if (ForbiddenNamespacesAndTypes.Any(f => f.EndsWith(".", StringComparison.Ordinal) ? name.StartsWith(f, StringComparison.Ordinal) : name == f))
            {
                found.Add(name);
            }
        }

        foreach (var handle in metadata.MemberReferences)
        {
            var member = metadata.GetMemberReference(handle);
            if (member.Parent.Kind != HandleKind.TypeReference) continue;
            var parent = metadata.GetTypeReference((TypeReferenceHandle)member.Parent);
            var owner = metadata.GetString(parent.Namespace) + "." + metadata.GetString(parent.Name);
            var name = metadata.GetString(member.Name);
            if ((owner == "System.Reflection.Assembly" && (name.StartsWith("Load", StringComparison.Ordinal) || name == "UnsafeLoadFrom"))
                || (owner == "System.Type" && name is "GetType" or "InvokeMember"))
            {
                found.Add(owner + "::" + name);
            }
        }

        found.Should().BeEmpty("rules and snapshots are data; the core must have no way to execute what they say");
    }

    [Fact]
    public async Task A_remediation_command_is_rendered_as_text_and_nothing_runs_it()
    {
        var marker = Path.Combine(Path.GetTempPath(), "pxerules-must-not-exist-" + Guid.NewGuid().ToString("N"));
        var yaml = Rule("fact: a\nequals: 1\n", RegistryFacts)
            .Replace("  - text: Fix it.\n", $"  - text: Do not run this.\n    command: touch {marker} && echo {{{{ machine.name }}}}\n");

        var result = await EvaluateOne(yaml, RegistryProvider(1));

        result.Outcome.Should().Be(Outcome.Detected);
        result.Remediation.Single().Command.Should().Be($"touch {marker} && echo PXE01");
        File.Exists(marker).Should().BeFalse("a command is shown to a person, never executed");
    }
}
