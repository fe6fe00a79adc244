using System;
using System.Collections.Generic;
using System.Linq;

namespace PxeRules.Probes;

/// <summary>
/// The vocabulary of probe kinds rules may use, with their arguments and result shapes. Rules are checked
/// against a catalogue when they are loaded. Immutable; <c>With</c> returns a new catalogue.
/// </summary>
public sealed class ProbeCatalog
{
    private readonly Dictionary<string, ProbeKind> kinds;

    private ProbeCatalog(Dictionary<string, ProbeKind> kinds) => this.kinds = kinds;

    /// <summary>The kinds this catalogue knows, ordered by name.</summary>
    public IReadOnlyList<ProbeKind> Kinds => kinds.Values.OrderBy(k => k.Name, StringComparer.Ordinal).ToArray();

    /// <summary>The catalogue of the kinds documented in <c>docs/probes.md</c>.</summary>
    public static ProbeCatalog Default { get; } = new(DefaultProbeKinds.All.ToDictionary(k => k.Name, StringComparer.Ordinal));

    /// <summary>An empty catalogue, for hosts that define every kind themselves.</summary>
    public static ProbeCatalog Empty { get; } = new(new Dictionary<string, ProbeKind>(StringComparer.Ordinal));

    /// <summary>Finds a kind by name (ordinal), or returns <see langword="null"/>.</summary>
    public ProbeKind? Find(string name) => kinds.TryGetValue(name, out var kind) ? kind : null;

    /// <summary>Returns a catalogue with <paramref name="additional"/> kinds added; a kind of the same name is replaced.</summary>
    public ProbeCatalog With(params ProbeKind[] additional) => With((IEnumerable<ProbeKind>)additional);

    /// <summary>Returns a catalogue with <paramref name="additional"/> kinds added; a kind of the same name is replaced.</summary>
    public ProbeCatalog With(IEnumerable<ProbeKind> additional)
    {
        var copy = new Dictionary<string, ProbeKind>(kinds, StringComparer.Ordinal);
        foreach (var kind in additional ?? throw new ArgumentNullException(nameof(additional)))
        {
            copy[kind.Name] = kind;
        }

        return new ProbeCatalog(copy);
    }
}
