using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using PxeRules.Model;
using PxeRules.Probes;

namespace PxeRules.Loading;

/// <summary>Reading rules: the facts a rule defines and the names a condition may use.</summary>
internal sealed partial class RuleReader
{
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
