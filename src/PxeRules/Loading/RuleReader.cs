using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using PxeRules.Model;
using PxeRules.Probes;

namespace PxeRules.Loading;

/// <summary>Maps one YAML document to a <see cref="Rule"/>, reporting every problem it finds.</summary>
internal sealed class RuleReader
{
    public const string ApiVersion = "pxerules/v1";

    internal static readonly ValueShape MachineShape = ValueShape.Record(("name", ValueShape.String), ("roles", ValueShape.ListOf(ValueShape.String)));

    private static readonly string[] RuleKeys =
    {
        "apiVersion", "kind", "id", "aliases", "title", "summary", "status", "tags", "severity", "confidence",
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

    public RuleReader(ProbeCatalog catalog, LoadLimits limits, NodeReader reader, RegexCache regexes)
    {
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
        data.Title = reader.String(root.Find("title"), "'title'") ?? string.Empty;
        data.Summary = reader.String(root.Find("summary"), "'summary'") ?? string.Empty;
        data.Status = root.Find("status") is { } statusNode ? reader.Enum(statusNode, "'status'", Statuses) ?? RuleStatus.Stable : RuleStatus.Stable;
        data.Tags = root.Find("tags") is { } tagsNode ? reader.Strings(tagsNode, "'tags'") : Array.Empty<string>();
        data.Severity = reader.Enum(root.Find("severity"), "'severity'", Severities) ?? Severity.Error;
        data.Confidence = reader.Enum(root.Find("confidence"), "'confidence'", Confidences) ?? Confidence.Inferred;
        data.Symptoms = root.Find("symptoms") is { } symptomsNode ? reader.Strings(symptomsNode, "'symptoms'") : Array.Empty<string>();
        data.Cause = root.Find("cause") is { } causeNode ? reader.String(causeNode, "'cause'") : null;

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

    // ---- facts -------------------------------------------------------------------------------------------------

    /// <summary>Reads <c>seenIn</c> (http or https URLs of public material quoting real text) or <c>unverified</c> (why there is none).</summary>
    private void ReadTextSource(YMapping definition, FactDefinition fact)
    {
        var seenNode = definition.Find("seenIn");
        var unverifiedNode = definition.Find("unverified");
        if (seenNode is not null && unverifiedNode is not null)
        {
            reader.Error(DiagnosticCodes.BadTextSource, $"The fact '{fact.Name}' has both 'seenIn' and 'unverified'; a pattern is either backed by real text or not.", unverifiedNode);
            return;
        }

        if (seenNode is not null)
        {
            var urls = reader.Strings(seenNode, $"'seenIn' of the fact '{fact.Name}'");
            foreach (var url in urls)
            {
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                {
                    reader.Error(DiagnosticCodes.BadTextSource, $"'seenIn' of the fact '{fact.Name}' should list http or https URLs of material quoting real text, but found '{YScalar.Shorten(url)}'.", seenNode);
                }
            }

            if (urls.Count == 0)
            {
                reader.Error(DiagnosticCodes.BadTextSource, $"'seenIn' of the fact '{fact.Name}' is empty; give at least one URL, or write 'unverified' with the reason.", seenNode);
            }

            fact.SeenIn = urls;
        }

        if (unverifiedNode is not null)
        {
            var why = reader.String(unverifiedNode, $"'unverified' of the fact '{fact.Name}'");
            if (why is not null && why.Trim().Length == 0)
            {
                reader.Error(DiagnosticCodes.BadTextSource, $"'unverified' of the fact '{fact.Name}' should say why no real text backs its patterns.", unverifiedNode);
            }

            fact.Unverified = why;
        }
    }

    /// <summary>
    /// Warns about a path argument that names no drive of the machine: a UNC or device path (<c>\\host\share</c>,
    /// <c>\\?\</c>, <c>\\.\</c>) or a rooted one (<c>\x</c>, <c>/etc/shadow</c>). The providers refuse them; a rule
    /// that uses one reads nothing.
    /// </summary>
    private void CheckPaths(FactDefinition fact, YNode at)
    {
        foreach (var name in new[] { "path", "paths" })
        {
            if (!fact.Arguments.TryGetValue(name, out var value)) continue;
            var paths = value is object?[] list ? list.OfType<string>() : value is string one ? new[] { one } : Enumerable.Empty<string>();
            foreach (var path in paths)
            {
                if (path.Length > 0 && (path[0] is '\\' or '/'))
                {
                    reader.Diagnostics.Warning(
                        DiagnosticCodes.PathOutsideDrives,
                        $"The fact '{fact.Name}' reads '{YScalar.Shorten(path)}', which names no drive of the machine (a UNC, device or rooted path); providers refuse it. Write a path such as C:\\… or %windir%\\….",
                        reader.At(at));
                }
            }
        }
    }

    /// <summary>How a condition can be met: by no evidence at all, by unverified patterns alone, or only with backed facts.</summary>
    private enum Support
    {
        Neutral,
        Unverified,
        Verified,
    }

    /// <summary>
    /// Whether <paramref name="condition"/> can be met by facts marked <c>unverified</c> alone (with the engine's own
    /// <c>machine</c> and <c>site</c>): an <c>all</c> needs every member, an <c>any</c> one.
    /// </summary>
    private static Support SupportOf(Condition condition, FactSet facts)
    {
        switch (condition)
        {
            case AllCondition all:
                var allSupport = Support.Neutral;
                foreach (var member in all.Members)
                {
                    var support = SupportOf(member, facts);
                    if (support == Support.Verified) return Support.Verified;
                    if (support == Support.Unverified) allSupport = Support.Unverified;
                }

                return allSupport;
            case AnyCondition any:
                var anySupport = Support.Verified;
                foreach (var member in any.Members)
                {
                    var support = SupportOf(member, facts);
                    if (support == Support.Unverified) return Support.Unverified;
                    if (support == Support.Neutral) anySupport = Support.Neutral;
                }

                return anySupport;
            case NotCondition not:
                return SupportOf(not.Operand, facts);
            case Comparison comparison:
                return SupportOf(comparison.Path, facts);
            case Quantifier quantifier:
                return SupportOf(quantifier.Path, facts);
            default:
                return Support.Verified;
        }
    }

    private static Support SupportOf(FactPath path, FactSet facts)
    {
        if (path.IsItemField || path.Root is "machine" or "site") return Support.Neutral;
        return facts.Find(path.Root)?.Unverified is not null ? Support.Unverified : Support.Verified;
    }

    private FactSet ReadFacts(YNode? node)
    {
        var set = new FactSet(catalog);
        var mapping = reader.Mapping(node, "'facts'");
        if (mapping is null)
        {
            return set;
        }

        var templates = new List<(FactDefinition Fact, Template Template, YNode Node)>();
        foreach (var entry in mapping.Entries)
        {
            var name = entry.Key.Value;
            if (!Template.IsName(name))
            {
                reader.Error(DiagnosticCodes.BadId, $"The fact name '{YScalar.Shorten(name)}' should be a letter followed by letters, digits or '_'.", entry.Key);
                continue;
            }

            if (name is "machine" or "site")
            {
                reader.Error(DiagnosticCodes.ReservedFactName, $"The fact name '{name}' is reserved: the engine defines '{name}' itself.", entry.Key);
                continue;
            }

            var definition = reader.Mapping(entry.Value, $"The fact '{name}'");
            if (definition is null)
            {
                continue;
            }

            reader.CheckKeys(definition, $"the fact '{name}'", new[] { "probe", "args", "on", "seenIn", "unverified" }, new[] { "probe" });
            var probeNode = definition.Find("probe");
            var probeName = reader.String(probeNode, $"'probe' of the fact '{name}'");
            if (probeName is null)
            {
                continue;
            }

            var kind = catalog.Find(probeName);
            if (kind is null)
            {
                var suggestion = NodeReader.Suggest(probeName, catalog.Kinds.Select(k => k.Name));
                reader.Error(
                    DiagnosticCodes.UnknownProbeKind,
                    $"Unknown probe kind '{YScalar.Shorten(probeName)}'." + (suggestion is null ? " See docs/probes.md for the catalogue." : $" Did you mean '{suggestion}'?"),
                    probeNode!);
                continue;
            }

            string? on = null;
            if (definition.Find("on") is { } onNode)
            {
                on = reader.String(onNode, $"'on' of the fact '{name}'");
                if (on is not null && !MachineRoles.IsKnown(on))
                {
                    var suggestion = NodeReader.Suggest(on, MachineRoles.All);
                    reader.Error(DiagnosticCodes.UnknownRole, $"Unknown role '{YScalar.Shorten(on)}'; expected one of: {string.Join(", ", MachineRoles.All)}." + (suggestion is null ? string.Empty : $" Did you mean '{suggestion}'?"), onNode);
                    on = null;
                }
            }

            var arguments = ReadArguments(definition.Find("args"), kind, name, definition, out var argumentTemplates);
            var fact = new FactDefinition(name, kind, arguments, on, reader.At(entry.Key));
            ReadTextSource(definition, fact);
            CheckPaths(fact, definition.Find("args") ?? entry.Key);
            set.Add(fact);
            foreach (var (template, templateNode) in argumentTemplates)
            {
                templates.Add((fact, template, templateNode));
            }
        }

        // References in arguments may name facts defined later in the mapping, so they are checked once all are known.
        var dependencies = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (fact, template, templateNode) in templates)
        {
            foreach (var path in template.References)
            {
                if (path.Root == "machine" || set.Resolve(path.Root) is not null)
                {
                    CheckPath(path, set.Resolve(path.Root) ?? MachineShape, templateNode);
                    if (path.Root == fact.Name)
                    {
                        reader.Error(DiagnosticCodes.FactCycle, $"The fact '{fact.Name}' uses its own value in its arguments.", templateNode);
                        continue;
                    }

                    if (path.Root != "machine")
                    {
                        set.MarkUsed(path.Root);
                        if (!dependencies.TryGetValue(fact.Name, out var list))
                        {
                            dependencies[fact.Name] = list = new List<string>();
                        }

                        if (!list.Contains(path.Root))
                        {
                            list.Add(path.Root);
                        }
                    }
                }
                else
                {
                    ReportUndefined(path.Root, set, templateNode);
                }
            }
        }

        foreach (var pair in dependencies)
        {
            set.Find(pair.Key)!.Dependencies = pair.Value;
        }

        ReportCycles(set, mapping);
        return set;
    }

    private IReadOnlyDictionary<string, object?> ReadArguments(YNode? node, ProbeKind kind, string factName, YMapping definition, out List<(Template, YNode)> templates)
    {
        templates = new List<(Template, YNode)>();
        var arguments = new List<KeyValuePair<string, object?>>();
        var mapping = reader.Mapping(node, $"'args' of the fact '{factName}'");
        if (mapping is not null)
        {
            foreach (var entry in mapping.Entries)
            {
                var argument = kind.FindArgument(entry.Key.Value);
                if (argument is null)
                {
                    var names = kind.Arguments.Select(a => a.Name).ToArray();
                    var suggestion = NodeReader.Suggest(entry.Key.Value, names);
                    reader.Error(
                        DiagnosticCodes.BadProbeArgument,
                        names.Length == 0
                            ? $"The probe '{kind.Name}' takes no arguments, but '{YScalar.Shorten(entry.Key.Value)}' was given."
                            : $"The probe '{kind.Name}' has no argument '{YScalar.Shorten(entry.Key.Value)}'; expected one of: {string.Join(", ", names)}." + (suggestion is null ? string.Empty : $" Did you mean '{suggestion}'?"),
                        entry.Key);
                    continue;
                }

                var value = ReadArgumentValue(entry.Value, argument, kind, templates);
                if (value is not null)
                {
                    arguments.Add(new KeyValuePair<string, object?>(argument.Name, value));
                }
            }
        }

        foreach (var argument in kind.Arguments)
        {
            if (argument.Required && (mapping is null || mapping.Find(argument.Name) is null))
            {
                reader.Error(DiagnosticCodes.BadProbeArgument, $"The probe '{kind.Name}' needs the argument '{argument.Name}' ({argument.Description.TrimEnd('.')}).", (YNode?)mapping ?? definition);
            }
        }

        return ArgumentMap.From(arguments);
    }

    private object? ReadArgumentValue(YNode node, ProbeArgument argument, ProbeKind kind, List<(Template, YNode)> templates)
    {
        var what = $"The argument '{argument.Name}' of '{kind.Name}'";
        if (argument.Shape.Type == FactType.List)
        {
            var sequence = reader.Sequence(node, what);
            if (sequence is null)
            {
                return null;
            }

            var items = new List<object?>();
            foreach (var item in sequence.Items)
            {
                var value = ReadArgumentScalar(item, argument.Shape.Item!, what + " item", templates);
                if (value is not null)
                {
                    items.Add(value);
                }
            }

            return items.ToArray();
        }

        return ReadArgumentScalar(node, argument.Shape, what, templates);
    }

    private object? ReadArgumentScalar(YNode node, ValueShape shape, string what, List<(Template, YNode)> templates)
    {
        if (node is not YScalar scalar || scalar.IsNull)
        {
            reader.Error(DiagnosticCodes.BadProbeArgument, $"{what} should be {FactValues.Article(shape)}, but found {node.Describe()}.", node);
            return null;
        }

        if (shape.Type is FactType.String or FactType.Any)
        {
            var template = Template.TryParse(scalar.Value, out var error, out _);
            if (template is null)
            {
                reader.Error(DiagnosticCodes.BadTemplate, $"{what}: {error}", node);
                return null;
            }

            if (template.HasReferences)
            {
                templates.Add((template, node));
            }

            return scalar.Value;
        }

        if (NodeValues.TryScalar(scalar.Value, scalar.IsPlain, shape.Type, out var value))
        {
            return value;
        }

        reader.Error(DiagnosticCodes.BadProbeArgument, $"{what} should be {FactValues.Article(shape)}{NodeValues.Hint(shape.Type)}, but found {node.Describe()}.", node);
        return null;
    }

    private void ReportCycles(FactSet set, YMapping mapping)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 = visiting, 2 = done
        var stack = new List<string>();
        foreach (var fact in set.Defined)
        {
            Visit(fact.Name);
        }

        void Visit(string name)
        {
            if (state.TryGetValue(name, out var s))
            {
                if (s == 1)
                {
                    var start = stack.IndexOf(name);
                    var cycle = stack.Skip(start).Concat(new[] { name });
                    var fact = set.Find(name)!;
                    reader.Diagnostics.Error(DiagnosticCodes.FactCycle, $"The facts {string.Join(" -> ", cycle)} depend on each other in a cycle.", fact.Location);
                }

                return;
            }

            var definition = set.Find(name);
            if (definition is null)
            {
                return;
            }

            state[name] = 1;
            stack.Add(name);
            foreach (var dependency in definition.Dependencies)
            {
                Visit(dependency);
            }

            stack.RemoveAt(stack.Count - 1);
            state[name] = 2;
        }
    }

    private void ReportUndefined(string name, FactSet set, YNode node)
    {
        var suggestion = NodeReader.Suggest(name, set.Names.Concat(new[] { "machine", "site" }));
        reader.Error(
            DiagnosticCodes.UndefinedFact,
            $"The fact '{name}' is not defined in 'facts'." + (suggestion is null ? string.Empty : $" Did you mean '{suggestion}'?"),
            node);
    }

    // ---- appliesTo ---------------------------------------------------------------------------------------------

    private Applicability ReadAppliesTo(YNode? node, Scope scope)
    {
        var mapping = reader.Mapping(node, "'appliesTo'");
        if (mapping is null)
        {
            return new Applicability(Array.Empty<ProductLevel>(), Array.Empty<string>(), null);
        }

        reader.CheckKeys(mapping, "'appliesTo'", new[] { "versions", "roles", "when" }, Array.Empty<string>());
        var versions = new List<ProductLevel>();
        if (mapping.Find("versions") is { } versionsNode && reader.Sequence(versionsNode, "'versions'") is { } versionList)
        {
            foreach (var item in versionList.Items)
            {
                if (reader.Enum(item, "A version of 'appliesTo'", Levels) is { } level && !versions.Contains(level))
                {
                    versions.Add(level);
                }
            }
        }

        var roles = new List<string>();
        if (mapping.Find("roles") is { } rolesNode && reader.Sequence(rolesNode, "'roles'") is { } roleList)
        {
            foreach (var item in roleList.Items)
            {
                var role = reader.String(item, "A role");
                if (role is null)
                {
                    continue;
                }

                if (!MachineRoles.IsKnown(role))
                {
                    var suggestion = NodeReader.Suggest(role, MachineRoles.All);
                    reader.Error(DiagnosticCodes.UnknownRole, $"Unknown role '{YScalar.Shorten(role)}'; expected one of: {string.Join(", ", MachineRoles.All)}." + (suggestion is null ? string.Empty : $" Did you mean '{suggestion}'?"), item);
                }
                else if (!roles.Contains(role))
                {
                    roles.Add(role);
                }
            }
        }

        var when = mapping.Find("when") is { } whenNode ? ReadCondition(whenNode, scope) : null;
        return new Applicability(versions, roles, when);
    }

    // ---- conditions --------------------------------------------------------------------------------------------

    private Condition? ReadCondition(YNode node, Scope scope)
    {
        var mapping = reader.Mapping(node, "A condition");
        if (mapping is null)
        {
            return null;
        }

        var location = reader.At(mapping);
        var logic = Entries(mapping, e => e.Key.Value is "all" or "any" or "not");
        if (logic.Length > 0)
        {
            if (mapping.Entries.Count > 1)
            {
                reader.Error(DiagnosticCodes.BadCondition, $"'{logic[0].Key.Value}' must be the only key of its condition; put other conditions inside it.", mapping);
                return null;
            }

            var entry = logic[0];
            if (entry.Key.Value == "not")
            {
                var operand = ReadCondition(entry.Value, scope);
                return operand is null ? null : new NotCondition(operand, location);
            }

            var sequence = reader.Sequence(entry.Value, $"'{entry.Key.Value}'");
            if (sequence is null)
            {
                return null;
            }

            if (sequence.Items.Count == 0)
            {
                reader.Error(DiagnosticCodes.BadCondition, $"'{entry.Key.Value}' needs at least one condition.", entry.Value);
                return null;
            }

            var members = new List<Condition>();
            var ok = true;
            foreach (var item in sequence.Items)
            {
                var member = ReadCondition(item, scope);
                if (member is null) ok = false;
                else members.Add(member);
            }

            if (!ok)
            {
                return null;
            }

            return entry.Key.Value == "all" ? new AllCondition(members, location) : new AnyCondition(members, location);
        }

        var factNode = mapping.Find("fact");
        var fieldNode = mapping.Find("field");
        if (factNode is null && fieldNode is null)
        {
            var keys = string.Join(", ", mapping.Entries.Select(e => "'" + YScalar.Shorten(e.Key.Value) + "'"));
            var suggestion = mapping.Entries.Select(e => NodeReader.Suggest(e.Key.Value, new[] { "all", "any", "not", "fact", "field" })).FirstOrDefault(s => s is not null);
            reader.Error(
                DiagnosticCodes.BadCondition,
                $"A condition needs 'all', 'any', 'not', or 'fact' with an operator, but has {(keys.Length == 0 ? "no keys" : keys)}." + (suggestion is null ? string.Empty : $" Did you mean '{suggestion}'?"),
                mapping);
            return null;
        }

        if (factNode is not null && fieldNode is not null)
        {
            reader.Error(DiagnosticCodes.BadCondition, "A comparison names either 'fact' or 'field', not both.", mapping);
            return null;
        }

        var isField = fieldNode is not null;
        var pathNode = (factNode ?? fieldNode)!;
        var pathText = reader.String(pathNode, isField ? "'field'" : "'fact'");
        if (pathText is null)
        {
            return null;
        }

        if (!Template.IsPath(pathText))
        {
            reader.Error(DiagnosticCodes.BadCondition, $"'{YScalar.Shorten(pathText)}' is not a fact path; expected a name or name.field, such as 'wimgapi.version'.", pathNode);
            return null;
        }

        if (isField && scope.ItemShape is null)
        {
            reader.Error(DiagnosticCodes.BadCondition, "'field' names a field of a collection's item and is only valid inside anyItem, allItems, noItem or count.", pathNode);
            return null;
        }

        var path = FactPath.Parse(pathText, isField);
        ValueShape? rootShape;
        if (isField)
        {
            rootShape = scope.ItemShape;
            path = new FactPath(path.Root, path.Fields, true);
        }
        else
        {
            rootShape = scope.Resolve(path.Root);
            if (rootShape is null)
            {
                ReportUndefined(path.Root, scope.Facts, pathNode);
                return null;
            }
        }

        var valueShape = isField ? ResolveFieldPath(path, rootShape!, pathNode) : CheckPath(path, rootShape!, pathNode);
        if (valueShape is null)
        {
            return null;
        }

        var quantifierKeys = Entries(mapping, e => Quantifiers.ContainsKey(e.Key.Value));
        if (quantifierKeys.Length > 0)
        {
            return ReadQuantifier(mapping, path, valueShape, quantifierKeys, scope, location);
        }

        return ReadComparison(mapping, path, valueShape, location);
    }

    private ValueShape? ResolveFieldPath(FactPath path, ValueShape itemShape, YNode node)
    {
        var shape = itemShape;
        foreach (var field in new[] { path.Root }.Concat(path.Fields))
        {
            shape = Field(shape, field, path, node);
            if (shape is null) return null;
        }

        return shape;
    }

    private ValueShape? CheckPath(FactPath path, ValueShape rootShape, YNode node)
    {
        var shape = rootShape;
        foreach (var field in path.Fields)
        {
            shape = Field(shape, field, path, node);
            if (shape is null) return null;
        }

        return shape;
    }

    private ValueShape? Field(ValueShape shape, string field, FactPath path, YNode node)
    {
        if (shape.Type == FactType.Any)
        {
            return ValueShape.Any;
        }

        if (shape.Type != FactType.Record)
        {
            reader.Error(DiagnosticCodes.UnknownField, $"'{path}' reads the field '{field}' of {FactValues.Article(shape)}, which has no fields.", node);
            return null;
        }

        if (shape.Fields.TryGetValue(field, out var fieldShape))
        {
            return fieldShape;
        }

        var suggestion = NodeReader.Suggest(field, shape.Fields.Keys);
        reader.Error(
            DiagnosticCodes.UnknownField,
            $"'{path}' names the field '{field}', which the value does not have; expected one of: {string.Join(", ", shape.Fields.Keys)}." + (suggestion is null ? string.Empty : $" Did you mean '{suggestion}'?"),
            node);
        return null;
    }

    private Condition? ReadQuantifier(YMapping mapping, FactPath path, ValueShape valueShape, KeyValuePair<YScalar, YNode>[] keys, Scope scope, SourceLocation location)
    {
        reader.CheckKeys(mapping, "a quantifier", new[] { "fact", "field", "anyItem", "allItems", "noItem", "count" }, Array.Empty<string>());
        if (keys.Length > 1)
        {
            reader.Error(DiagnosticCodes.BadCondition, $"A quantifier takes one of anyItem, allItems, noItem or count, but has {string.Join(", ", keys.Select(k => k.Key.Value))}.", mapping);
            return null;
        }

        if (valueShape.Type != FactType.List && valueShape.Type != FactType.Any)
        {
            reader.Error(DiagnosticCodes.OperatorTypeMismatch, $"'{keys[0].Key.Value}' tests the items of a list, but '{path}' is {FactValues.Article(valueShape)}.", keys[0].Key);
            return null;
        }

        var kind = Quantifiers[keys[0].Key.Value];
        var itemScope = new Scope(scope.Facts, valueShape.Item ?? ValueShape.Any, scope);
        if (kind != QuantifierKind.Count)
        {
            var where = ReadCondition(keys[0].Value, itemScope);
            return where is null ? null : new Quantifier(path, kind, where, ComparisonOperator.Equals, 0, location);
        }

        var count = reader.Mapping(keys[0].Value, "'count'");
        if (count is null)
        {
            return null;
        }

        var allowed = new[] { "where", "equals", "notEquals", "less", "lessOrEqual", "greater", "greaterOrEqual" };
        reader.CheckKeys(count, "'count'", allowed, Array.Empty<string>());
        var comparisons = count.Entries.Where(e => e.Key.Value != "where" && allowed.Contains(e.Key.Value)).ToArray();
        if (comparisons.Length != 1)
        {
            reader.Error(DiagnosticCodes.BadCondition, "'count' needs exactly one of equals, notEquals, less, lessOrEqual, greater or greaterOrEqual with a number.", count);
            return null;
        }

        var number = reader.Number(comparisons[0].Value, $"'{comparisons[0].Key.Value}' of 'count'");
        Condition? whereCondition = null;
        if (count.Find("where") is { } whereNode)
        {
            whereCondition = ReadCondition(whereNode, itemScope);
            if (whereCondition is null)
            {
                return null;
            }
        }

        return number is null ? null : new Quantifier(path, kind, whereCondition, Operators[comparisons[0].Key.Value], number.Value, location);
    }

    private static (string[] Keys, HashSet<string> Set) ComparisonKeys(string pathKey)
    {
        var keys = new[] { pathKey, "caseSensitive", "type" }.Concat(Operators.Keys).ToArray();
        return (keys, new HashSet<string>(keys, StringComparer.Ordinal));
    }

    private static KeyValuePair<YScalar, YNode>[] Entries(YMapping mapping, Func<KeyValuePair<YScalar, YNode>, bool> predicate)
    {
        var count = 0;
        foreach (var entry in mapping.Entries) if (predicate(entry)) count++;
        if (count == 0) return Array.Empty<KeyValuePair<YScalar, YNode>>();
        var found = new KeyValuePair<YScalar, YNode>[count];
        count = 0;
        foreach (var entry in mapping.Entries) if (predicate(entry)) found[count++] = entry;
        return found;
    }

    private Condition? ReadComparison(YMapping mapping, FactPath path, ValueShape valueShape, SourceLocation location)
    {
        var (allowed, allowedSet) = path.IsItemField ? FieldComparisonKeys : FactComparisonKeys;
        reader.CheckKeys(mapping, "a comparison", allowed, Array.Empty<string>(), allowedSet);
        var operatorEntries = Entries(mapping, e => Operators.ContainsKey(e.Key.Value));
        if (operatorEntries.Length != 1)
        {
            reader.Error(
                DiagnosticCodes.BadCondition,
                operatorEntries.Length == 0
                    ? $"The comparison of '{path}' has no operator; expected one of: {string.Join(", ", Operators.Keys)}."
                    : $"The comparison of '{path}' has {operatorEntries.Length} operators ({string.Join(", ", operatorEntries.Select(e => e.Key.Value))}); write one comparison per operator inside 'all'.",
                mapping);
            return null;
        }

        var caseSensitive = mapping.Find("caseSensitive") is { } caseNode && (reader.Boolean(caseNode, "'caseSensitive'") ?? false);
        if (mapping.Find("caseSensitive") is { } caseKey && Operators[operatorEntries[0].Key.Value] is ComparisonOperator.Exists or ComparisonOperator.Less or ComparisonOperator.LessOrEqual
            or ComparisonOperator.Greater or ComparisonOperator.GreaterOrEqual or ComparisonOperator.Within or ComparisonOperator.OlderThan)
        {
            reader.Error(DiagnosticCodes.BadCondition, $"'caseSensitive' applies to string comparisons, not to '{operatorEntries[0].Key.Value}'.", caseKey);
            return null;
        }
        FactType? overrideType = mapping.Find("type") is { } typeNode ? reader.Enum(typeNode, "'type'", LiteralTypes) : null;
        var op = Operators[operatorEntries[0].Key.Value];
        var literalNode = operatorEntries[0].Value;
        var literal = ReadLiteral(op, operatorEntries[0].Key.Value, literalNode, path, valueShape, overrideType, caseSensitive);
        return literal is null ? null : new Comparison(path, op, literal, caseSensitive, valueShape.Type, location);
    }

    private Literal? ReadLiteral(ComparisonOperator op, string opName, YNode node, FactPath path, ValueShape valueShape, FactType? overrideType, bool caseSensitive)
    {
        var valueType = valueShape.Type;
        switch (op)
        {
            case ComparisonOperator.Exists:
                var exists = reader.Boolean(node, "'exists'");
                return exists is null ? null : new Literal(FactType.Boolean, exists.Value, exists.Value ? "true" : "false");

            case ComparisonOperator.Matches:
            case ComparisonOperator.NotMatches:
                if (!(valueType is FactType.String or FactType.Any || (valueType == FactType.List && valueShape.Item!.Type is FactType.String or FactType.Any)))
                {
                    return Mismatch(opName, path, valueShape, node, "strings");
                }

                var pattern = reader.String(node, $"'{opName}'");
                if (pattern is null)
                {
                    return null;
                }

                var regex = regexes.Get(pattern, caseSensitive, out var regexError);
                if (regex is null)
                {
                    reader.Error(DiagnosticCodes.BadRegex, $"The regular expression '{YScalar.Shorten(pattern)}' does not compile: {regexError}", node);
                    return null;
                }

                return new Literal(FactType.String, regex, pattern);

            case ComparisonOperator.Within:
            case ComparisonOperator.OlderThan:
                if (valueType is not (FactType.DateTime or FactType.Any))
                {
                    return Mismatch(opName, path, valueShape, node, "date-times");
                }

                return Scalar(node, FactType.Duration, opName);

            case ComparisonOperator.In:
            case ComparisonOperator.NotIn:
                if (valueType is FactType.List or FactType.Record)
                {
                    return Mismatch(opName, path, valueShape, node, "scalars");
                }

                var sequence = reader.Sequence(node, $"'{opName}'");
                if (sequence is null)
                {
                    return null;
                }

                var items = new List<object?>();
                var ok = true;
                foreach (var item in sequence.Items)
                {
                    var itemLiteral = ScalarFor(item, overrideType ?? valueType, opName, ordering: false);
                    if (itemLiteral is null) ok = false;
                    else items.Add(itemLiteral.Value);
                }

                return ok ? new Literal(FactType.List, items.ToArray(), "[" + string.Join(", ", sequence.Items.OfType<YScalar>().Select(s => s.Value)) + "]") : null;

            case ComparisonOperator.Contains:
            case ComparisonOperator.NotContains:
                if (valueType == FactType.List)
                {
                    return ScalarFor(node, overrideType ?? valueShape.Item!.Type, opName, ordering: false);
                }

                if (valueType is not (FactType.String or FactType.Any))
                {
                    return Mismatch(opName, path, valueShape, node, "strings and lists");
                }

                return ScalarFor(node, overrideType ?? FactType.String, opName, ordering: false);

            case ComparisonOperator.StartsWith:
            case ComparisonOperator.EndsWith:
                if (valueType is not (FactType.String or FactType.Any))
                {
                    return Mismatch(opName, path, valueShape, node, "strings");
                }

                return Scalar(node, FactType.String, opName);

            case ComparisonOperator.Less:
            case ComparisonOperator.LessOrEqual:
            case ComparisonOperator.Greater:
            case ComparisonOperator.GreaterOrEqual:
                var orderType = overrideType ?? valueType;
                if (orderType is not (FactType.Number or FactType.Version or FactType.DateTime or FactType.Duration or FactType.Any))
                {
                    return Mismatch(opName, path, valueShape, node, "numbers, versions, date-times and durations", "; add 'type: version' if the text is a version");
                }

                return ScalarFor(node, orderType, opName, ordering: true);

            default: // Equals, NotEquals
                if (valueType is FactType.List or FactType.Record)
                {
                    return Mismatch(opName, path, valueShape, node, "scalars", valueType == FactType.List ? "; use 'contains' to test a list's items" : string.Empty);
                }

                return ScalarFor(node, overrideType ?? valueType, opName, ordering: false);
        }
    }

    private Literal? ScalarFor(YNode node, FactType type, string opName, bool ordering)
    {
        if (type != FactType.Any)
        {
            return Scalar(node, type, opName);
        }

        if (node is not YScalar scalar || scalar.IsNull)
        {
            reader.Error(DiagnosticCodes.BadLiteral, $"'{opName}' needs a value, but found {node.Describe()}.", node);
            return null;
        }

        var inferred = NodeValues.Infer(scalar);
        if (ordering && inferred is string text)
        {
            // An untyped value (a registry value, say) ordered against text: only versions and dates order.
            if (FactValues.TryParseVersion(text, out var version)) return new Literal(FactType.Version, version, text);
            if (FactValues.TryParseDateTime(text, out var dateTime)) return new Literal(FactType.DateTime, dateTime, text);
            reader.Error(DiagnosticCodes.BadLiteral, $"'{opName}' orders numbers, versions, date-times and durations, but '{YScalar.Shorten(text)}' is none of these.", node);
            return null;
        }

        if (ordering && inferred is bool)
        {
            reader.Error(DiagnosticCodes.BadLiteral, $"'{opName}' orders numbers, versions, date-times and durations, but '{scalar.Value}' is a boolean.", node);
            return null;
        }

        var inferredType = inferred switch { double => FactType.Number, bool => FactType.Boolean, _ => FactType.String };
        return new Literal(inferredType, inferred, scalar.Value);
    }

    private Literal? Scalar(YNode node, FactType type, string opName)
    {
        if (node is YScalar scalar && !scalar.IsNull && NodeValues.TryScalar(scalar.Value, scalar.IsPlain, type, out var value))
        {
            return new Literal(type, value, scalar.Value);
        }

        reader.Error(
            type == FactType.Version ? DiagnosticCodes.BadVersion : DiagnosticCodes.BadLiteral,
            $"'{opName}' needs a {ValueShape.TypeName(type)}{NodeValues.Hint(type)}, but found {node.Describe()}.",
            node);
        return null;
    }

    private Literal? Mismatch(string opName, FactPath path, ValueShape valueShape, YNode node, string applies, string hint = "")
    {
        reader.Error(DiagnosticCodes.OperatorTypeMismatch, $"'{opName}' applies to {applies}, but '{path}' is {FactValues.Article(valueShape)}{hint}.", node);
        return null;
    }

    // ---- remediation, references -------------------------------------------------------------------------------

    private IReadOnlyList<RemediationStep> ReadRemediation(YNode? node, Scope scope)
    {
        var steps = new List<RemediationStep>();
        var sequence = reader.Sequence(node, "'remediation'");
        if (sequence is null)
        {
            return steps;
        }

        foreach (var item in sequence.Items)
        {
            var step = reader.Mapping(item, "A remediation step");
            if (step is null)
            {
                continue;
            }

            reader.CheckKeys(step, "a remediation step", new[] { "text", "command", "shell", "disruptive", "requiresRestart" }, new[] { "text" });
            var text = reader.String(step.Find("text"), "'text'");
            var command = step.Find("command") is { } commandNode ? reader.String(commandNode, "'command'") : null;
            var disruptive = step.Find("disruptive") is { } d && (reader.Boolean(d, "'disruptive'") ?? false);
            var restart = step.Find("requiresRestart") is { } r && (reader.Boolean(r, "'requiresRestart'") ?? false);
            var shell = step.Find("shell") is { } shellNode ? reader.Enum(shellNode, "'shell'", Shells) ?? CommandShell.Cmd : CommandShell.Cmd;
            if (text is not null)
            {
                CheckTemplate(text, step.Find("text")!, scope);
            }

            if (command is not null)
            {
                CheckTemplate(command, step.Find("command")!, scope);
            }

            if (text is not null)
            {
                steps.Add(new RemediationStep(text, command, disruptive, restart, shell));
            }
        }

        return steps;
    }

    private void CheckTemplate(string text, YNode node, Scope scope)
    {
        var template = Template.TryParse(text, out var error, out _);
        if (template is null)
        {
            reader.Error(DiagnosticCodes.BadTemplate, error!, node);
            return;
        }

        foreach (var path in template.References)
        {
            var shape = scope.Resolve(path.Root);
            if (shape is null)
            {
                ReportUndefined(path.Root, scope.Facts, node);
                continue;
            }

            CheckPath(path, shape, node);
        }
    }

    private IReadOnlyList<Reference> ReadReferences(YNode? node)
    {
        var references = new List<Reference>();
        var sequence = reader.Sequence(node, "'references'");
        if (sequence is null)
        {
            return references;
        }

        foreach (var item in sequence.Items)
        {
            var mapping = reader.Mapping(item, "A reference");
            if (mapping is null)
            {
                continue;
            }

            reader.CheckKeys(mapping, "a reference", new[] { "title", "url", "kb" }, new[] { "title" });
            var title = reader.String(mapping.Find("title"), "'title'");
            Uri? url = null;
            if (mapping.Find("url") is { } urlNode && reader.String(urlNode, "'url'") is { } urlText)
            {
                if (!Uri.TryCreate(urlText, UriKind.Absolute, out url) || (url.Scheme != "http" && url.Scheme != "https"))
                {
                    reader.Error(DiagnosticCodes.BadReference, $"'{YScalar.Shorten(urlText)}' is not an absolute http or https URL.", urlNode);
                    url = null;
                }
            }

            string? kb = null;
            if (mapping.Find("kb") is { } kbNode && reader.String(kbNode, "'kb'") is { } kbText)
            {
                if (!KbPattern.IsMatch(kbText))
                {
                    reader.Error(DiagnosticCodes.BadReference, $"'{YScalar.Shorten(kbText)}' is not a KB number; expected 'KB' followed by digits, such as KB2510665.", kbNode);
                }
                else
                {
                    kb = kbText;
                }
            }

            if (mapping.Find("url") is null && mapping.Find("kb") is null)
            {
                reader.Error(DiagnosticCodes.BadReference, "A reference needs a 'url' or a 'kb'.", mapping);
            }

            if (title is not null)
            {
                references.Add(new Reference(title, url, kb));
            }
        }

        return references;
    }

    // ---- examples ----------------------------------------------------------------------------------------------

    private IReadOnlyList<RuleExample> ReadExamples(YNode? node, FactSet facts, Applicability appliesTo)
    {
        var examples = new List<RuleExample>();
        var sequence = reader.Sequence(node, "'examples'");
        if (sequence is null)
        {
            return examples;
        }

        foreach (var item in sequence.Items)
        {
            var mapping = reader.Mapping(item, "An example");
            if (mapping is null)
            {
                continue;
            }

            reader.CheckKeys(mapping, "an example", new[] { "name", "expect", "machine", "facts", "notFound", "unavailable" }, new[] { "name", "expect" });
            var name = reader.String(mapping.Find("name"), "'name'") ?? string.Empty;
            var expect = reader.Enum(mapping.Find("expect"), "'expect'", Outcomes);
            var machine = ReadExampleMachine(mapping.Find("machine"), appliesTo);
            var values = new Dictionary<string, object?>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);

            if (mapping.Find("facts") is { } factsNode && reader.Mapping(factsNode, "'facts' of an example") is { } factValues)
            {
                foreach (var entry in factValues.Entries)
                {
                    var shape = ExampleFact(entry.Key, facts, seen);
                    if (shape is not null && NodeValues.TryRead(entry.Value, shape, entry.Key.Value, reader, DiagnosticCodes.BadExample, out var value))
                    {
                        values[entry.Key.Value] = value;
                    }
                }
            }

            var notFound = new List<string>();
            if (mapping.Find("notFound") is { } notFoundNode && reader.Sequence(notFoundNode, "'notFound'") is { } notFoundList)
            {
                foreach (var nameNode in notFoundList.Items)
                {
                    if (nameNode is YScalar scalar && ExampleFact(scalar, facts, seen) is not null)
                    {
                        notFound.Add(scalar.Value);
                    }
                    else if (nameNode is not YScalar)
                    {
                        reader.Error(DiagnosticCodes.WrongType, $"An item of 'notFound' should be a fact name, but found {nameNode.Describe()}.", nameNode);
                    }
                }
            }

            var unavailable = new Dictionary<string, string>(StringComparer.Ordinal);
            if (mapping.Find("unavailable") is { } unavailableNode && reader.Mapping(unavailableNode, "'unavailable'") is { } unavailableMap)
            {
                foreach (var entry in unavailableMap.Entries)
                {
                    var reason = reader.String(entry.Value, $"The reason '{entry.Key.Value}' is unavailable");
                    if (ExampleFact(entry.Key, facts, seen) is not null && reason is not null)
                    {
                        unavailable[entry.Key.Value] = reason;
                    }
                }
            }

            if (expect is not null)
            {
                examples.Add(new RuleExample(name, expect.Value, machine, values, notFound, unavailable, reader.At(mapping)));
            }
        }

        return examples;
    }

    private ValueShape? ExampleFact(YScalar key, FactSet facts, HashSet<string> seen)
    {
        var name = key.Value;
        if (name == "machine")
        {
            reader.Error(DiagnosticCodes.BadExample, "An example gives the machine with the 'machine' key, not as a fact.", key);
            return null;
        }

        var shape = facts.Resolve(name);
        if (shape is null)
        {
            var suggestion = NodeReader.Suggest(name, facts.Names.Concat(new[] { "site" }));
            reader.Error(DiagnosticCodes.BadExample, $"The example gives the fact '{YScalar.Shorten(name)}', which the rule does not define." + (suggestion is null ? string.Empty : $" Did you mean '{suggestion}'?"), key);
            return null;
        }

        if (!seen.Add(name))
        {
            reader.Error(DiagnosticCodes.BadExample, $"The example gives the fact '{name}' more than once (in 'facts', 'notFound' or 'unavailable').", key);
            return null;
        }

        return shape;
    }

    private Machine ReadExampleMachine(YNode? node, Applicability appliesTo)
    {
        var defaultRoles = appliesTo.Roles.Count > 0 ? appliesTo.Roles.Take(1) : Array.Empty<string>();
        var mapping = reader.Mapping(node, "'machine'");
        if (mapping is null)
        {
            return new Machine("EXAMPLE", defaultRoles);
        }

        reader.CheckKeys(mapping, "'machine'", new[] { "name", "roles" }, Array.Empty<string>());
        var name = "EXAMPLE";
        if (mapping.Find("name") is { } nameNode && reader.String(nameNode, "'name'") is { } given)
        {
            if (string.IsNullOrWhiteSpace(given))
            {
                reader.Error(DiagnosticCodes.WrongType, "'name' of 'machine' should be a machine name, but found a blank string.", nameNode);
            }
            else
            {
                name = given;
            }
        }
        IEnumerable<string> roles = defaultRoles;
        if (mapping.Find("roles") is { } rolesNode)
        {
            var list = reader.Strings(rolesNode, "'roles'");
            foreach (var role in list.Where(r => !MachineRoles.IsKnown(r)))
            {
                reader.Error(DiagnosticCodes.UnknownRole, $"Unknown role '{YScalar.Shorten(role)}'; expected one of: {string.Join(", ", MachineRoles.All)}.", rolesNode);
            }

            roles = list.Where(MachineRoles.IsKnown);
        }

        return new Machine(name, roles);
    }

    // ---- scopes ------------------------------------------------------------------------------------------------

    /// <summary>The facts of the rule being read, with the built-in ones it uses.</summary>
    internal sealed class FactSet
    {
        private readonly Dictionary<string, FactDefinition> defined = new(StringComparer.Ordinal);
        private readonly List<FactDefinition> order = new();
        private readonly ProbeKind siteKind;

        public FactSet(ProbeCatalog catalog) => siteKind = catalog.Find("configmgr.site") ?? DefaultProbeKinds.ConfigMgrSite;

        public IEnumerable<FactDefinition> Defined => order;

        public IEnumerable<string> Names => order.Select(f => f.Name);

        public HashSet<string> UsedInArguments { get; } = new(StringComparer.Ordinal);

        public void Add(FactDefinition fact)
        {
            defined[fact.Name] = fact;
            order.Add(fact);
        }

        public FactDefinition? Find(string name) => defined.TryGetValue(name, out var fact) ? fact : null;

        public void MarkUsed(string name) => UsedInArguments.Add(name);

        public ValueShape? Resolve(string name) => name switch
        {
            "site" => siteKind.Result,
            _ => defined.TryGetValue(name, out var fact) ? fact.Kind.Result : null,
        };

        public IEnumerable<FactDefinition> Definitions(HashSet<string> used)
        {
            if (used.Contains("site") || UsedInArguments.Contains("site"))
            {
                yield return new FactDefinition("site", siteKind, ArgumentMap.Empty, MachineRoles.SiteServer, default) { IsBuiltIn = true };
            }

            foreach (var fact in order)
            {
                yield return fact;
            }
        }
    }

    private sealed class Scope
    {
        public Scope(FactSet facts, ValueShape? itemShape, Scope? parent = null)
        {
            Facts = facts;
            ItemShape = itemShape;
            Used = parent?.Used ?? new HashSet<string>(StringComparer.Ordinal);
        }

        public FactSet Facts { get; }

        public ValueShape? ItemShape { get; }

        public HashSet<string> Used { get; }

        public void Use(string name) => Used.Add(name);

        public ValueShape? Resolve(string name)
        {
            if (name == "machine")
            {
                return MachineShape;
            }

            var shape = Facts.Resolve(name);
            if (shape is not null)
            {
                Used.Add(name);
            }

            return shape;
        }
    }
}
