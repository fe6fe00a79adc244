using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using PxeRules.Model;
using PxeRules.Probes;

namespace PxeRules.Loading;

/// <summary>Reading rules: a rule's examples, checked against its facts.</summary>
internal sealed partial class RuleReader
{
    // ---- examples ----------------------------------------------------------------------------------------------

    private IReadOnlyList<RuleExample> ReadExamples(YNode? node, FactSet facts, Applicability appliesTo)
    {
        var examples = new List<RuleExample>();
        foreach (var mapping in Mappings(node, "'examples'", "An example"))
        {
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
}
