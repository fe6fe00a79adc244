using System.Collections.Generic;
using System.IO;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace PxeRules.Benchmarks.Baselines;

/// <summary>
/// The Load baseline: YamlDotNet's reflection deserializer reading the same rule text into plain objects, with
/// no validation. Typed where the format is regular; conditions and examples stay untyped object trees.
/// </summary>
public static class YamlBaseline
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    /// <summary>Deserializes every document of every text; returns the number of rules read.</summary>
    public static int Deserialize(IReadOnlyList<string> texts)
    {
        var count = 0;
        foreach (var text in texts)
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            while (parser.Accept<DocumentStart>(out _))
            {
                var rule = Deserializer.Deserialize<RuleDoc>(parser);
                if (rule?.Id is not null) count++;
            }
        }

        return count;
    }

    /// <summary>Only YamlDotNet's parser events: the floor any YAML-based loader stands on.</summary>
    public static int ParserEvents(IReadOnlyList<string> texts)
    {
        var count = 0;
        foreach (var text in texts)
        {
            var parser = new Parser(new StringReader(text));
            while (parser.MoveNext()) count++;
        }

        return count;
    }
}

public sealed class RuleDoc
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public string? Id { get; set; }
    public List<string>? Aliases { get; set; }
    public List<string>? Explains { get; set; }
    public Dictionary<string, InputDoc>? Inputs { get; set; }
    public string? Title { get; set; }
    public string? Summary { get; set; }
    public string? Status { get; set; }
    public List<string>? Tags { get; set; }
    public string? Severity { get; set; }
    public string? Confidence { get; set; }
    public AppliesToDoc? AppliesTo { get; set; }
    public List<string>? Symptoms { get; set; }
    public string? Cause { get; set; }
    public Dictionary<string, FactDoc>? Facts { get; set; }
    public object? When { get; set; }
    public List<StepDoc>? Remediation { get; set; }
    public List<ReferenceDoc>? References { get; set; }
    public List<Dictionary<string, object>>? Examples { get; set; }
}

public sealed class AppliesToDoc
{
    public List<string>? Versions { get; set; }
    public List<string>? Roles { get; set; }
    public object? When { get; set; }
}

public sealed class FactDoc
{
    public string? Probe { get; set; }
    public Dictionary<string, object>? Args { get; set; }
    public string? On { get; set; }
    public string? OnRole { get; set; }
    public List<string>? SeenIn { get; set; }
    public string? Unverified { get; set; }
}

public sealed class InputDoc
{
    public object? Default { get; set; }
    public string? Description { get; set; }
}

public sealed class StepDoc
{
    public string? Text { get; set; }
    public string? Command { get; set; }
    public string? Shell { get; set; }
    public bool Disruptive { get; set; }
    public bool RequiresRestart { get; set; }
}

public sealed class ReferenceDoc
{
    public string? Title { get; set; }
    public string? Url { get; set; }
    public string? Kb { get; set; }
}
