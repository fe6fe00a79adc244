using System;
using System.Text;

namespace PxeRules.Evaluation;

/// <summary>
/// One string builder per thread for the sentences of explanations, so a sentence made of several parts allocates
/// its final string and nothing else. Acquire, append, release; a builder grown past 1 KB is not kept.
/// </summary>
internal static class Text
{
    private const int KeptCapacity = 1024;

    [ThreadStatic]
    private static StringBuilder? cached;

    public static StringBuilder Acquire()
    {
        var builder = cached;
        if (builder is null) return new StringBuilder(256);
        cached = null;
        builder.Clear();
        return builder;
    }

    public static string Release(StringBuilder builder)
    {
        var text = builder.ToString();
        if (builder.Capacity <= KeptCapacity) cached = builder;
        return text;
    }
}
