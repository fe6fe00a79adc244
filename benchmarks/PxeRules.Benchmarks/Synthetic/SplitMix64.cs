namespace PxeRules.Benchmarks.Synthetic;

/// <summary>SplitMix64 (Steele, Lea and Flood), the generator the performance design fixes so every system sees the same rules.</summary>
public sealed class SplitMix64
{
    private ulong state;

    public SplitMix64(ulong seed) => state = seed;

    public ulong NextU64()
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A number in [0, n): <c>NextU64() % n</c>, as the design specifies (the small modulo bias is part of it).</summary>
    public int Next(int n) => (int)(NextU64() % (ulong)n);
}
