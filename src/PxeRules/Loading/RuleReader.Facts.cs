using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using PxeRules.Model;
using PxeRules.Probes;

namespace PxeRules.Loading;

/// <summary>Reading rules: the facts a rule reads, their arguments and where their patterns come from.</summary>
internal sealed partial class RuleReader
{
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

            reader.CheckKeys(definition, $"the fact '{name}'", new[] { "probe", "args", "onRole", "on", "seenIn", "unverified" }, new[] { "probe" });
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
            var onRoleNode = definition.Find("onRole");
            var oldOnNode = definition.Find("on");
            if (oldOnNode is not null)
            {
                // YAML 1.1 tools (PyYAML, older editors) read the key 'on' as the boolean true.
                var key = definition.Entries.First(e => e.Key.Value == "on").Key;
                if (onRoleNode is not null)
                {
                    reader.Error(DiagnosticCodes.DuplicateKey, $"The fact '{name}' gives both 'onRole' and its old spelling 'on'; keep 'onRole'.", key);
                }
                else
                {
                    reader.Diagnostics.Warning(DiagnosticCodes.OldOnKey, $"'on' is the old spelling of 'onRole' (YAML 1.1 tools read the key 'on' as the boolean true); write 'onRole: {YScalar.Shorten((oldOnNode as YScalar)?.Value ?? "ROLE")}'.", reader.At(key));
                }
            }

            if ((onRoleNode ?? oldOnNode) is { } onNode)
            {
                on = reader.String(onNode, $"'onRole' of the fact '{name}'");
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
}
