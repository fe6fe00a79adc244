using System;

namespace PxeRules.Loading;

/// <summary>
/// Bounds on what one rule file or snapshot may make the loader do, so that a hostile or broken file yields a
/// diagnostic instead of exhausting time or memory. Immutable; change a limit with <c>with</c>-style copies
/// through the init accessors.
/// </summary>
public sealed class LoadLimits
{
    /// <summary>The defaults: 4 MiB rule files, 64 MiB snapshots, depth 64, 10,000 alias nodes, 64 KiB strings, 10,000 documents.</summary>
    public static LoadLimits Default { get; } = new();

    /// <summary>The largest rule file read, in bytes (default 4 MiB).</summary>
    public long MaxFileBytes { get; init; } = 4L * 1024 * 1024;

    /// <summary>The largest snapshot read, in bytes (default 64 MiB).</summary>
    public long MaxSnapshotBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>The deepest nesting of mappings and sequences (default 64).</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>The most nodes reached through YAML aliases in one file (default 10,000).</summary>
    public long MaxAliasExpansion { get; init; } = 10_000;

    /// <summary>The longest string, in characters (default 64 KiB; snapshots allow 16 times as much for log text).</summary>
    public int MaxStringLength { get; init; } = 64 * 1024;

    /// <summary>The most documents in one file (default 10,000).</summary>
    public int MaxDocuments { get; init; } = 10_000;

    /// <summary>The time a rule's regular expression may take on one value (default 1 second).</summary>
    public TimeSpan RegexTimeout { get; init; } = TimeSpan.FromSeconds(1);
}
