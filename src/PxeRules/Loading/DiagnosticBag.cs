using System.Collections.Generic;
using PxeRules.Model;

namespace PxeRules.Loading;

/// <summary>Collects diagnostics while loading; every problem is reported, not only the first.</summary>
internal sealed class DiagnosticBag
{
    private readonly List<Diagnostic> items = new();

    public IReadOnlyList<Diagnostic> Items => items;

    public int ErrorCount { get; private set; }

    public void Error(string code, string message, SourceLocation location)
    {
        items.Add(new Diagnostic(code, DiagnosticSeverity.Error, message, location));
        ErrorCount++;
    }

    public void Warning(string code, string message, SourceLocation location) =>
        items.Add(new Diagnostic(code, DiagnosticSeverity.Warning, message, location));

    public void AddRange(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            items.Add(d);
            if (d.Severity == DiagnosticSeverity.Error) ErrorCount++;
        }
    }
}
