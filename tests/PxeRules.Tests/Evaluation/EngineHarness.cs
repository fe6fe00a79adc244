using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using PxeRules.Evaluation;
using PxeRules.Loading;
using PxeRules.Probes;
using PxeRules.Model;

namespace PxeRules.Tests.Evaluation;

/// <summary>Builds small rules and engines for the evaluation tests.</summary>
internal static class EngineHarness
{
    public static readonly Machine Server = new("PXE01", MachineRoles.PxeServicePoint);

    public static string Rule(string when, string facts = "", string extra = "", string id = "test-rule") =>
        $"apiVersion: pxerules/v1\nkind: Rule\nid: {id}\ntitle: T\nsummary: S\nseverity: error\nconfidence: documented\n{extra}"
        + (facts.Length > 0 ? "facts:\n" + facts : string.Empty)
        + "when:\n" + Indent(when) + "remediation:\n  - text: Fix it.\n";

    /// <summary>Three registry facts a, b and c, read from HKLM\T values of the same names.</summary>
    public const string RegistryFacts =
        "  a: { probe: registry.value, args: { key: 'HKLM\\T', name: a } }\n" +
        "  b: { probe: registry.value, args: { key: 'HKLM\\T', name: b } }\n" +
        "  c: { probe: registry.value, args: { key: 'HKLM\\T', name: c } }\n";

    public static string Indent(string text) =>
        string.Concat(text.Split('\n').Where(l => l.Length > 0).Select(l => "  " + l + "\n"));

    public static KnowledgeBase Load(params string[] rules) =>
        new RuleLoader().AddText(string.Join("---\n", rules), "test.yaml").LoadOrThrow();

    public static Dictionary<string, object?> Registry(string name) => new() { ["key"] = "HKLM\\T", ["name"] = name };

    /// <summary>A provider with registry values a, b, c: a number or string is a value, "NF" not found, "UN" unavailable.</summary>
    public static InMemoryProbeProvider RegistryProvider(object? a, object? b = null, object? c = null)
    {
        var provider = new InMemoryProbeProvider();
        foreach (var (name, value) in new[] { ("a", a), ("b", b), ("c", c) })
        {
            provider.Add(Server, "registry.value", Registry(name), value switch
            {
                null or "NF" => ProbeResult.NotFound(),
                "UN" => ProbeResult.Unavailable("Access is denied."),
                _ => ProbeResult.Found(value),
            });
        }

        return provider;
    }

    public static async Task<RuleResult> EvaluateOne(string rule, IProbeProvider provider, System.TimeProvider? clock = null)
    {
        var builder = RuleEngine.CreateBuilder().AddRules(Load(rule)).AddProvider(provider);
        if (clock is not null) builder.WithTimeProvider(clock);
        var report = await builder.Build().EvaluateAsync(new[] { Server });
        return report.Results.Single();
    }
}
