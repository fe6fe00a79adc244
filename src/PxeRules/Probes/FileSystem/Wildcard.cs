namespace PxeRules.Probes.FileSystem;

/// <summary>File-name patterns with <c>*</c> and <c>?</c>, matched ignoring case as Windows does.</summary>
internal static class Wildcard
{
    public static bool HasWildcards(string text) => text.IndexOfAny(new[] { '*', '?' }) >= 0;

    public static bool IsMatch(string pattern, string name)
    {
        // As on Windows, *.* means every name, dotted or not.
        if (pattern == "*" || pattern == "*.*")
        {
            return true;
        }

        int p = 0, n = 0, star = -1, resume = 0;
        while (n < name.Length)
        {
            if (p < pattern.Length && pattern[p] != '*' && (pattern[p] == '?' || Same(pattern[p], name[n])))
            {
                p++;
                n++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = n;
            }
            else if (star >= 0)
            {
                // Only the last * backtracks, so the work stays within pattern length × name length.
                p = star + 1;
                n = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    private static bool Same(char a, char b) => a == b || char.ToUpperInvariant(a) == char.ToUpperInvariant(b);
}
