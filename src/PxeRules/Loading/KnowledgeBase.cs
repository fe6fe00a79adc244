using System;
using System.Collections.Generic;
using System.Linq;
using PxeRules.Model;
using PxeRules.Probes;

namespace PxeRules.Loading;

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

/// <summary>The outcome of loading rules: the knowledge base when every file is valid, and every diagnostic.</summary>
public sealed class LoadResult
{
    internal LoadResult(KnowledgeBase? knowledgeBase, IReadOnlyList<Diagnostic> diagnostics)
    {
        KnowledgeBase = knowledgeBase;
        Diagnostics = diagnostics;
    }

    /// <summary>The knowledge base, or <see langword="null"/> when any error was found: no rule is silently skipped.</summary>
    public KnowledgeBase? KnowledgeBase { get; }

    /// <summary>Every problem found in every source, errors and warnings, in source order.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>Whether the rules loaded without errors.</summary>
    public bool Success => KnowledgeBase is not null;
}

/// <summary>Thrown by <see cref="RuleLoader.LoadOrThrow"/> when rules have errors; carries every diagnostic.</summary>
public sealed class RuleLoadException : Exception
{
    internal RuleLoadException(IReadOnlyList<Diagnostic> diagnostics)
        : base(Format(diagnostics)) => Diagnostics = diagnostics;

    /// <summary>Every diagnostic found.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    private static string Format(IReadOnlyList<Diagnostic> diagnostics)
    {
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        var files = errors.Select(d => d.Location.Source).Distinct(StringComparer.Ordinal).Count();
        return $"The rules have {errors.Length} error(s) in {files} file(s):" + Environment.NewLine
            + string.Join(Environment.NewLine, errors.Select(d => "  " + d));
    }
}
