using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using PxeRules.Model;
using PxeRules.Probes;

namespace PxeRules.Loading;

/// <summary>Maps one YAML document to a <see cref="Rule"/>, reporting every problem it finds.</summary>
internal sealed partial class RuleReader
{
    public const string ApiVersion = "pxerules/v1";

    internal static readonly ValueShape MachineShape = ValueShape.Record(("name", ValueShape.String), ("roles", ValueShape.ListOf(ValueShape.String)));

    private static readonly string[] RuleKeys =
    {
        "apiVersion", "kind", "id", "aliases", "explains", "inputs", "title", "summary", "status", "tags", "severity", "confidence",
        "appliesTo", "symptoms", "cause", "facts", "when", "remediation", "references", "examples",
    };

    private static readonly HashSet<string> RuleKeySet = new(RuleKeys, StringComparer.Ordinal);

    private static readonly string[] RequiredRuleKeys = { "apiVersion", "kind", "id", "title", "summary", "severity", "confidence", "when", "remediation" };

    private static readonly Dictionary<string, Severity> Severities = new(StringComparer.Ordinal)
    {
        ["info"] = Severity.Info, ["warning"] = Severity.Warning, ["error"] = Severity.Error, ["critical"] = Severity.Critical,
    };

    private static readonly Dictionary<string, Confidence> Confidences = new(StringComparer.Ordinal)
    {
        ["documented"] = Confidence.Documented, ["inferred"] = Confidence.Inferred, ["folklore"] = Confidence.Folklore,
    };

    private static readonly Dictionary<string, RuleStatus> Statuses = new(StringComparer.Ordinal)
    {
        ["stable"] = RuleStatus.Stable, ["experimental"] = RuleStatus.Experimental, ["deprecated"] = RuleStatus.Deprecated,
    };

    private static readonly Dictionary<string, ProductLevel> Levels = new(StringComparer.Ordinal)
    {
        ["RTM"] = ProductLevel.Rtm, ["SP1"] = ProductLevel.Sp1, ["SP2"] = ProductLevel.Sp2, ["R2"] = ProductLevel.R2, ["R3"] = ProductLevel.R3,
    };

    private static readonly Dictionary<string, Outcome> Outcomes = new(StringComparer.Ordinal)
    {
        ["detected"] = Outcome.Detected, ["notDetected"] = Outcome.NotDetected, ["notApplicable"] = Outcome.NotApplicable,
        ["inconclusive"] = Outcome.Inconclusive, ["error"] = Outcome.Error,
    };

    private static readonly Dictionary<string, FactType> LiteralTypes = new(StringComparer.Ordinal)
    {
        ["string"] = FactType.String, ["number"] = FactType.Number, ["boolean"] = FactType.Boolean,
        ["version"] = FactType.Version, ["datetime"] = FactType.DateTime, ["duration"] = FactType.Duration,
    };

    private static Dictionary<string, ComparisonOperator> Operators => OperatorNames.Comparisons;

    private static readonly Dictionary<string, CommandShell> Shells = new(StringComparer.Ordinal)
    {
        ["cmd"] = CommandShell.Cmd, ["powershell"] = CommandShell.PowerShell,
    };

    private static readonly (string[] Keys, HashSet<string> Set) FactComparisonKeys = ComparisonKeys("fact");
    private static readonly (string[] Keys, HashSet<string> Set) FieldComparisonKeys = ComparisonKeys("field");

    private static Dictionary<string, QuantifierKind> Quantifiers => OperatorNames.Quantifiers;

    private static readonly Regex IdPattern = new("^[a-z][a-z0-9]*(-[a-z0-9]+)*$", RegexOptions.CultureInvariant);
    private static readonly Regex KbPattern = new("^KB[0-9]{4,8}$", RegexOptions.CultureInvariant);

    private readonly ProbeCatalog catalog;
    private readonly LoadLimits limits;
    private readonly NodeReader reader;
    private readonly RegexCache regexes;

    // The inputs of the rule being read: name to the scalar its literals read (the default, or the value set).
    private readonly Dictionary<string, YScalar> inputValues = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, Dictionary<string, string>>? inputOverrides;

    private static readonly System.Text.RegularExpressions.Regex InputReference = new(@"^\{\{\s*inputs\.([A-Za-z][A-Za-z0-9_]*)\s*\}\}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    public RuleReader(ProbeCatalog catalog, LoadLimits limits, NodeReader reader, RegexCache regexes, IReadOnlyDictionary<string, Dictionary<string, string>>? inputs = null)
    {
        inputOverrides = inputs;
        this.catalog = catalog;
        this.limits = limits;
        this.reader = reader;
        this.regexes = regexes;
    }

    public Rule? Read(YDocument document)
    {
        if (document.Root is null)
        {
            return null;
        }

        var root = reader.Mapping(document.Root, "A rule document");
        if (root is null)
        {
            return null;
        }

        var errorsBefore = reader.Diagnostics.ErrorCount;
        var apiVersion = root.Find("apiVersion");
        if (apiVersion is null)
        {
            reader.Diagnostics.Error(DiagnosticCodes.UnknownApiVersion, $"The document has no 'apiVersion'; expected '{ApiVersion}'.", reader.At(root));
            return null;
        }

        var apiText = reader.String(apiVersion, "'apiVersion'");
        if (apiText is null)
        {
            return null;
        }

        if (!string.Equals(apiText, ApiVersion, StringComparison.Ordinal))
        {
            reader.Error(DiagnosticCodes.UnknownApiVersion, $"Unknown apiVersion '{YScalar.Shorten(apiText)}'; this engine reads '{ApiVersion}'.", apiVersion);
            return null;
        }

        var kind = root.Find("kind");
        var kindText = kind is null ? null : reader.String(kind, "'kind'");
        if (kind is not null && kindText is not null && kindText != "Rule")
        {
            reader.Error(DiagnosticCodes.UnknownKind, $"Unknown kind '{YScalar.Shorten(kindText)}'; expected 'Rule'.", kind);
            return null;
        }

        reader.CheckKeys(root, "a rule", RuleKeys, RequiredRuleKeys, RuleKeySet);

        var data = new RuleData { Source = reader.At(document.Line, document.Column) };
        var id = ReadId(root.Find("id"), "id");
        data.Id = id ?? string.Empty;
        data.Source = root.Find("id") is { } idNode ? reader.At(idNode) : reader.At(root);
        data.Aliases = root.Find("aliases") is { } aliasesNode
            ? reader.Sequence(aliasesNode, "'aliases'")?.Items.Select(n => ReadId(n, "alias")).Where(a => a is not null).Select(a => a!).ToArray() ?? Array.Empty<string>()
            : Array.Empty<string>();
        if (root.Find("explains") is { } explainsNode && reader.Sequence(explainsNode, "'explains'") is { } explained)
        {
            var ids = explained.Items.Select(n => (Id: ReadId(n, "rule id in 'explains'"), At: reader.At(n))).Where(x => x.Id is not null).ToArray();
            data.Explains = ids.Select(x => x.Id!).ToArray();
            data.ExplainsAt = ids.Select(x => x.At).ToArray();
        }

        data.Title = reader.String(root.Find("title"), "'title'") ?? string.Empty;
        data.Summary = reader.String(root.Find("summary"), "'summary'") ?? string.Empty;
        data.Status = root.Find("status") is { } statusNode ? reader.Enum(statusNode, "'status'", Statuses) ?? RuleStatus.Stable : RuleStatus.Stable;
        data.Tags = root.Find("tags") is { } tagsNode ? reader.Strings(tagsNode, "'tags'") : Array.Empty<string>();
        data.Severity = reader.Enum(root.Find("severity"), "'severity'", Severities) ?? Severity.Error;
        data.Confidence = reader.Enum(root.Find("confidence"), "'confidence'", Confidences) ?? Confidence.Inferred;
        data.Symptoms = root.Find("symptoms") is { } symptomsNode ? reader.Strings(symptomsNode, "'symptoms'") : Array.Empty<string>();
        data.Cause = root.Find("cause") is { } causeNode ? reader.String(causeNode, "'cause'") : null;

        data.Inputs = ReadInputs(root.Find("inputs"), id);
        var facts = ReadFacts(root.Find("facts"));
        var scope = new Scope(facts, null);
        var appliesTo = ReadAppliesTo(root.Find("appliesTo"), scope);
        data.AppliesTo = appliesTo;
        var condition = root.Find("when") is { } whenNode ? ReadCondition(whenNode, scope) : null;
        data.Remediation = ReadRemediation(root.Find("remediation"), scope);
        data.References = ReadReferences(root.Find("references"));

        if (appliesTo.Versions.Count > 0)
        {
            scope.Use("site");
        }

        if (condition is not null && data.Severity >= Severity.Error && SupportOf(condition, facts) == Support.Unverified)
        {
            reader.Error(
                DiagnosticCodes.UnverifiedSeverity,
                $"The rule's severity is '{data.Severity.ToString().ToLowerInvariant()}', and its condition can be met by facts marked 'unverified' alone; lower 'severity' to warning, or back a pattern with real text ('seenIn').",
                root.Find("severity") ?? root);
        }

        data.Facts = facts.Definitions(scope.Used).ToArray();
        data.Examples = ReadExamples(root.Find("examples"), facts, appliesTo);

        if (reader.Diagnostics.ErrorCount > errorsBefore || condition is null || id is null)
        {
            return null;
        }

        data.Condition = condition;
        return new Rule(data);
    }

    /// <summary>
    /// <c>inputs: { window: { default: 7d, description: … } }</c>: named values a site may set; a literal written
    /// <c>'{{ inputs.window }}'</c> reads the value in force as it would read the literal itself.
    /// </summary>
    private IReadOnlyDictionary<string, string> ReadInputs(YNode? node, string? id)
    {
        inputValues.Clear();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is null || reader.Mapping(node, "'inputs'") is not { } mapping) return values;
        Dictionary<string, string>? overrides = null;
        if (id is not null) inputOverrides?.TryGetValue(id, out overrides);
        foreach (var entry in mapping.Entries)
        {
            var name = entry.Key.Value;
            if (!System.Text.RegularExpressions.Regex.IsMatch(name, "^[A-Za-z][A-Za-z0-9_]{0,63}$"))
            {
                reader.Error(DiagnosticCodes.BadInput, $"The input name '{YScalar.Shorten(name)}' should be a letter followed by letters, digits or '_'.", entry.Key);
                continue;
            }

            if (reader.Mapping(entry.Value, $"The input '{name}'") is not { } input) continue;
            reader.CheckKeys(input, $"the input '{name}'", new[] { "default", "description" }, new[] { "default", "description" });
            if (input.Find("default") is not YScalar defaultValue)
            {
                if (input.Find("default") is { } other) reader.Error(DiagnosticCodes.BadInput, $"The default of the input '{name}' should be a single value, such as 7d or 3.", other);
                continue;
            }

            var value = overrides is not null && overrides.TryGetValue(name, out var given)
                ? new YScalar(given, defaultValue.IsPlain, defaultValue.Line, defaultValue.Column)
                : defaultValue;
            inputValues[name] = value;
            values[name] = value.Value;
        }

        return values;
    }

    /// <summary>A literal written as <c>'{{ inputs.NAME }}'</c> is read as the input's value; any other node as it is.</summary>
    private YNode Input(YNode node)
    {
        if (node is not YScalar scalar || !scalar.Value.Contains("inputs.") || InputReference.Match(scalar.Value) is not { Success: true } match) return node;
        var name = match.Groups[1].Value;
        if (inputValues.TryGetValue(name, out var value)) return value;
        reader.Error(DiagnosticCodes.BadInput, $"'{{{{ inputs.{name} }}}}' names an input the rule does not declare" + (inputValues.Count == 0 ? "; declare it under 'inputs:' with a default." : $"; it has: {string.Join(", ", inputValues.Keys)}."), node);
        return node;
    }

    private string? ReadId(YNode? node, string what)
    {
        var text = reader.String(node, what);
        if (text is null)
        {
            return null;
        }

        if (text.Length > 100 || !IdPattern.IsMatch(text))
        {
            reader.Error(DiagnosticCodes.BadId, $"The {what} '{YScalar.Shorten(text)}' should be lower-case words joined by '-', such as 'pxe-remote-wimgapi-not-updated-sp1' (at most 100 characters).", node!);
            return null;
        }

        return text;
    }

    /// <summary>The mappings of a list (examples, remediation steps, references); what is not a list or not a mapping is reported and passed over.</summary>
    private IEnumerable<YMapping> Mappings(YNode? node, string listWhat, string itemWhat)
    {
        var sequence = reader.Sequence(node, listWhat);
        if (sequence is null)
        {
            yield break;
        }

        foreach (var item in sequence.Items)
        {
            if (reader.Mapping(item, itemWhat) is { } mapping)
            {
                yield return mapping;
            }
        }
    }
}
