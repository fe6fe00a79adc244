using System;

namespace PxeRules.Model;

/// <summary>A place in a source file: the file's name, a one-based line and a one-based column.</summary>
public readonly struct SourceLocation : IEquatable<SourceLocation>
{
    /// <summary>Creates a location.</summary>
    /// <param name="source">The file path or source name.</param>
    /// <param name="line">The one-based line, or 0 when unknown.</param>
    /// <param name="column">The one-based column, or 0 when unknown.</param>
    public SourceLocation(string source, int line, int column)
    {
        Source = source ?? string.Empty;
        Line = line;
        Column = column;
    }

    /// <summary>The file path or source name.</summary>
    public string Source { get; }

    /// <summary>The one-based line, or 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>The one-based column, or 0 when unknown.</summary>
    public int Column { get; }

    /// <summary>Formats the location as <c>source(line,col)</c>, the form MSBuild and editors read.</summary>
    public override string ToString() => Line > 0 ? $"{Source}({Line},{Column})" : Source;

    /// <inheritdoc />
    public bool Equals(SourceLocation other) =>
        string.Equals(Source, other.Source, StringComparison.Ordinal) && Line == other.Line && Column == other.Column;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SourceLocation other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => ((Source?.GetHashCode() ?? 0) * 397) ^ (Line * 31) ^ Column;

    /// <summary>Compares two locations for equality.</summary>
    public static bool operator ==(SourceLocation left, SourceLocation right) => left.Equals(right);

    /// <summary>Compares two locations for inequality.</summary>
    public static bool operator !=(SourceLocation left, SourceLocation right) => !left.Equals(right);
}
