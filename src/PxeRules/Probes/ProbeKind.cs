using System;
using System.Collections.Generic;
using System.Linq;

namespace PxeRules.Probes;

/// <summary>An argument a probe kind takes.</summary>
public sealed class ProbeArgument
{
    /// <summary>Creates an argument description.</summary>
    /// <param name="name">The argument's name as rules write it.</param>
    /// <param name="shape">Its type: a scalar, or a list of scalars.</param>
    /// <param name="required">Whether a rule must give it.</param>
    /// <param name="description">What it means, for documentation.</param>
    public ProbeArgument(string name, ValueShape shape, bool required, string description)
    {
        Name = string.IsNullOrEmpty(name) ? throw new ArgumentException("An argument needs a name.", nameof(name)) : name;
        Shape = shape ?? throw new ArgumentNullException(nameof(shape));
        Required = required;
        Description = description ?? string.Empty;
    }

    /// <summary>The argument's name as rules write it.</summary>
    public string Name { get; }

    /// <summary>Its type.</summary>
    public ValueShape Shape { get; }

    /// <summary>Whether a rule must give it.</summary>
    public bool Required { get; }

    /// <summary>What it means.</summary>
    public string Description { get; }
}

/// <summary>
/// A kind of probe: its name, the arguments it takes and the shape of what it returns. Rules are
/// checked against these descriptions when they are loaded. Immutable.
/// </summary>
public sealed class ProbeKind
{
    /// <summary>Creates a probe kind.</summary>
    /// <param name="name">The kind's name, e.g. <c>registry.value</c>.</param>
    /// <param name="description">What it reads.</param>
    /// <param name="result">The shape of its value.</param>
    /// <param name="arguments">The arguments it takes.</param>
    public ProbeKind(string name, string description, ValueShape result, params ProbeArgument[] arguments)
    {
        Name = string.IsNullOrEmpty(name) ? throw new ArgumentException("A probe kind needs a name.", nameof(name)) : name;
        Description = description ?? string.Empty;
        Result = result ?? throw new ArgumentNullException(nameof(result));
        Arguments = (arguments ?? Array.Empty<ProbeArgument>()).ToArray();
    }

    /// <summary>The kind's name, e.g. <c>registry.value</c>.</summary>
    public string Name { get; }

    /// <summary>What it reads.</summary>
    public string Description { get; }

    /// <summary>The shape of its value.</summary>
    public ValueShape Result { get; }

    /// <summary>The arguments it takes.</summary>
    public IReadOnlyList<ProbeArgument> Arguments { get; }

    /// <summary>Finds an argument by name (ordinal), or returns <see langword="null"/>.</summary>
    public ProbeArgument? FindArgument(string name)
    {
        foreach (var argument in Arguments)
        {
            if (string.Equals(argument.Name, name, StringComparison.Ordinal))
            {
                return argument;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
