using System;
using System.Collections.Generic;
using System.Globalization;
using PxeRules.Model;

namespace PxeRules.Loading;

/// <summary>
/// Collects diagnostics while loading; every problem is counted, and the first ones are kept in the order they were
/// found: at most <see cref="MaxPerSource"/> for one file and <see cref="MaxInAll"/> in all, then one line says how
/// many more there were. A file of millions of mistakes gives a readable list, first error first, and bounded memory.
/// </summary>
internal sealed class DiagnosticBag
{
    /// <summary>The most diagnostics kept for one file (or stream, or text).</summary>
    public const int MaxPerSource = 100;

    /// <summary>The most diagnostics kept in all.</summary>
    public const int MaxInAll = 1000;

    private readonly List<Diagnostic> items = new();
    private readonly Dictionary<string, int> perSource = new(StringComparer.Ordinal);
    private int dropped;
    private SourceLocation? firstDropped;

    /// <summary>The diagnostics kept, and when some were not, a last one saying how many.</summary>
    public IReadOnlyList<Diagnostic> Items
    {
        get
        {
            if (dropped == 0) return items;
            var all = new List<Diagnostic>(items.Count + 1);
            all.AddRange(items);
            all.Add(new Diagnostic(
                DiagnosticCodes.TooManyDiagnostics,
                ErrorCount > 0 ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
                $"{dropped.ToString("N0", CultureInfo.InvariantCulture)} more problem(s), from here on, are not listed (at most {MaxPerSource} are listed for a file and {MaxInAll.ToString("N0", CultureInfo.InvariantCulture)} in all); fix the ones above first.",
                firstDropped!.Value));
            return all;
        }
    }

    public int ErrorCount { get; private set; }

    public void Error(string code, string message, SourceLocation location)
    {
        ErrorCount++;
        Add(new Diagnostic(code, DiagnosticSeverity.Error, message, location));
    }

    public void Warning(string code, string message, SourceLocation location) =>
        Add(new Diagnostic(code, DiagnosticSeverity.Warning, message, location));

    public void AddRange(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            if (d.Severity == DiagnosticSeverity.Error) ErrorCount++;
            Add(d);
        }
    }

    private void Add(Diagnostic diagnostic)
    {
        var source = diagnostic.Location.Source;
        perSource.TryGetValue(source, out var count);
        if (count >= MaxPerSource || items.Count >= MaxInAll)
        {
            dropped++;
            firstDropped ??= diagnostic.Location;
            return;
        }

        perSource[source] = count + 1;
        items.Add(diagnostic);
    }
}
