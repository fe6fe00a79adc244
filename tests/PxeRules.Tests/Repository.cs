using System;
using System.IO;

namespace PxeRules.Tests;

/// <summary>Finds files of the repository the tests run from.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine(new[] { Root }.Concat(parts));

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "PxeRules.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root (PxeRules.sln) was not found above " + AppContext.BaseDirectory);
    }

    private static string[] Concat(this string[] first, string[] second)
    {
        var all = new string[first.Length + second.Length];
        first.CopyTo(all, 0);
        second.CopyTo(all, first.Length);
        return all;
    }
}

/// <summary>The fixed clock rule examples are written against.</summary>
internal sealed class FixedClock : TimeProvider
{
    public static readonly DateTimeOffset ExampleNow = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private readonly DateTimeOffset now;

    public FixedClock(DateTimeOffset now) => this.now = now;

    public FixedClock()
        : this(ExampleNow)
    {
    }

    public override DateTimeOffset GetUtcNow() => now;
}
