using System;
using System.Collections.Generic;
using System.Linq;
using PxeRules.Evaluation;
using PxeRules.Loading;
using PxeRules.Model;
using PxeRules.Probes;

namespace PxeRules.Settings;

/// <summary>Maps the nodes of a settings file to <see cref="RunSettings"/>, reporting every problem with its place.</summary>
internal sealed class SettingsReader
{
    private static readonly Dictionary<string, Severity> Severities = new(StringComparer.Ordinal)
    {
        ["info"] = Severity.Info, ["warning"] = Severity.Warning, ["error"] = Severity.Error, ["critical"] = Severity.Critical,
    };

    private readonly NodeReader reader;

    public SettingsReader(NodeReader reader) => this.reader = reader;

    public RunSettings? Read(YNode root, string source)
    {
        var document = reader.Mapping(root, "The settings");
        if (document is null) return null;
        reader.CheckKeys(document, "the settings", new[] { "apiVersion", "kind", "rules", "bundled", "disable", "severity", "inputs", "waivers", "baseline", "failOn" }, new[] { "apiVersion", "kind" });
        if (document.Find("apiVersion") is { } api && reader.String(api, "'apiVersion'") is { } apiText && apiText != "pxerules/v1")
        {
            reader.Error(DiagnosticCodes.UnknownApiVersion, $"'apiVersion' is '{YScalar.Shorten(apiText)}'; this version of PxeRules reads 'pxerules/v1'.", api);
        }

        if (document.Find("kind") is { } kind && reader.String(kind, "'kind'") is { } kindText && kindText != "Settings")
        {
            reader.Error(DiagnosticCodes.UnknownKind, $"Unknown kind '{YScalar.Shorten(kindText)}'; a settings file has 'kind: Settings'.", kind);
        }

        var settings = new RunSettings(source);
        if (document.Find("rules") is { } rules) settings.Rules = reader.Strings(rules, "'rules'");
        if (document.Find("bundled") is { } bundled) settings.Bundled = reader.Boolean(bundled, "'bundled'") ?? true;
        if (document.Find("disable") is { } disableNode && reader.Mapping(disableNode, "'disable'") is { } disable)
        {
            reader.CheckKeys(disable, "'disable'", new[] { "ids", "tags" }, Array.Empty<string>());
            if (disable.Find("ids") is { } ids) settings.DisabledIds = reader.Strings(ids, "'disable.ids'");
            if (disable.Find("tags") is { } tags) settings.DisabledTags = reader.Strings(tags, "'disable.tags'");
        }

        if (document.Find("severity") is { } severityNode && reader.Mapping(severityNode, "'severity'") is { } severity)
        {
            var map = new Dictionary<string, Severity>(StringComparer.Ordinal);
            foreach (var entry in severity.Entries)
            {
                if (reader.Enum(entry.Value, $"The severity of '{entry.Key.Value}'", Severities) is { } level) map[entry.Key.Value] = level;
            }

            settings.Severities = map;
        }

        if (document.Find("inputs") is { } inputsNode && reader.Mapping(inputsNode, "'inputs'") is { } inputs)
        {
            var byRule = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
            foreach (var rule in inputs.Entries)
            {
                if (reader.Mapping(rule.Value, $"The inputs of '{rule.Key.Value}'") is not { } values) continue;
                var set = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var value in values.Entries)
                {
                    if (value.Value is YScalar scalar) set[value.Key.Value] = scalar.Value;
                    else reader.Error(DiagnosticCodes.WrongType, $"The input '{value.Key.Value}' of '{rule.Key.Value}' should be a single value, such as 14d or 3.", value.Value);
                }

                byRule[rule.Key.Value] = set;
            }

            settings.Inputs = byRule;
        }

        if (document.Find("waivers") is { } waiversNode && reader.Sequence(waiversNode, "'waivers'") is { } waivers)
        {
            settings.Waivers = waivers.Items.Select(ReadWaiver).Where(w => w is not null).Select(w => w!).ToArray();
        }

        if (document.Find("baseline") is { } baseline) settings.Baseline = reader.String(baseline, "'baseline'");
        if (document.Find("failOn") is { } failOn && reader.String(failOn, "'failOn'") is { } failText)
        {
            if (failText == "none") settings.FailsNever = true;
            else if (Severities.TryGetValue(failText, out var least)) settings.FailOn = least;
            else reader.Error(DiagnosticCodes.BadEnumValue, $"'failOn' should be one of info, warning, error, critical or none, but found '{YScalar.Shorten(failText)}'.", failOn);
        }

        return settings;
    }

    private Waiver? ReadWaiver(YNode node)
    {
        var mapping = reader.Mapping(node, "A waiver");
        if (mapping is null) return null;
        reader.CheckKeys(mapping, "a waiver", new[] { "rule", "machine", "justification", "owner", "expires" }, new[] { "rule", "justification", "owner", "expires" });
        var rule = reader.String(mapping.Find("rule"), "'rule'");
        var machine = mapping.Find("machine") is { } machineNode ? reader.String(machineNode, "'machine'") : "*";
        var justification = reader.String(mapping.Find("justification"), "'justification'");
        var owner = reader.String(mapping.Find("owner"), "'owner'");
        var expiresNode = mapping.Find("expires");
        var expiresText = reader.String(expiresNode, "'expires'");
        if (rule is null || machine is null || justification is null || owner is null || expiresText is null) return null;
        if (justification.Trim().Length == 0)
        {
            reader.Error(DiagnosticCodes.MissingKey, "A waiver needs a justification that says why the finding is accepted.", mapping.Find("justification")!);
            return null;
        }

        if (!FactValues.TryParseDateTime(expiresText, out var expires))
        {
            reader.Error(DiagnosticCodes.WrongType, $"'expires' should be a date (2027-01-31) or an ISO 8601 date-time, but found '{YScalar.Shorten(expiresText)}'.", expiresNode!);
            return null;
        }

        return new Waiver(rule, machine, justification, expires) { Owner = owner };
    }
}
