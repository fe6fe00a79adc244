using System;
using System.Collections.Generic;
using System.Linq;
using PxeRules.Loading;
using PxeRules.Probes;

namespace PxeRules.Model;

/// <summary>
/// A validated, immutable set of rules. Thread-safe and reusable: load once, evaluate many times.
/// </summary>
public sealed class KnowledgeBase
{
    private readonly Dictionary<string, Rule> byId;

    internal KnowledgeBase(IReadOnlyList<Rule> rules, ProbeCatalog catalog)
    {
        Rules = rules;
        Catalog = catalog;
        byId = new Dictionary<string, Rule>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            byId[rule.Id] = rule;
            foreach (var alias in rule.Aliases)
            {
                byId[alias] = rule;
            }
        }
    }

    /// <summary>The rules, in the order their sources were added and, within a folder, in ordinal file order.</summary>
    public IReadOnlyList<Rule> Rules { get; }

    /// <summary>The probe catalogue the rules were checked against.</summary>
    public ProbeCatalog Catalog { get; }

    /// <summary>A knowledge base without rules.</summary>
    public static KnowledgeBase Empty { get; } = new(Array.Empty<Rule>(), ProbeCatalog.Default);

    /// <summary>Loads the knowledge base bundled in this assembly (the repository's <c>rules/</c> folder).</summary>
    /// <exception cref="RuleLoadException">The bundled rules are invalid, which a release never ships.</exception>
    public static KnowledgeBase LoadBundled() => new RuleLoader().AddBundled().LoadOrThrow();

    /// <summary>Finds a rule by id or by one of its former ids, or returns <see langword="null"/>.</summary>
    public Rule? Find(string idOrAlias) => byId.TryGetValue(idOrAlias, out var rule) ? rule : null;

    /// <summary>Returns a knowledge base holding the rules that satisfy <paramref name="predicate"/>.</summary>
    public KnowledgeBase Where(Func<Rule, bool> predicate) =>
        new(Rules.Where(predicate ?? throw new ArgumentNullException(nameof(predicate))).ToArray(), Catalog);
}
