using System;
using System.Collections.Generic;
using System.Linq;
using PxeRules.Model;
using PxeRules.Probes;

namespace PxeRules.Loading;

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
