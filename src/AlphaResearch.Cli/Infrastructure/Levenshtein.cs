namespace AlphaResearch.Cli.Infrastructure;

/// <summary>Edit distance, for "did you mean" suggestions.</summary>
internal static class Levenshtein
{
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = previous[j - 1] + (char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    /// <summary>The candidate nearest to <paramref name="word"/> (ties: the first), or null when none is within reach.</summary>
    public static string? Nearest(string word, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (var c in candidates)
        {
            int d = Distance(word, c);
            if (d < bestDistance) (best, bestDistance) = (c, d);
        }
        // Beyond ~half the word, a "suggestion" is noise.
        return best is not null && bestDistance <= Math.Max(2, word.Length / 2) ? best : null;
    }
}
