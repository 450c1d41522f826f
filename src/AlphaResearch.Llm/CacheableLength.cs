namespace AlphaResearch.Llm;

/// <summary>
/// The minimum cacheable prompt length per model (Anthropic "Prompt caching → Cache limitations"): a shorter
/// prefix is processed without caching even when marked, so a breakpoint there only wastes one of the four.
/// 4096 for Haiku 4.5 and Opus 4.5+; 2048 for Sonnet 4.6 (claude-api-facts; absent from the stored page), Haiku 3
/// and 3.5; 1024 for Sonnet 4.5, Sonnet 4, Opus 4 / 4.1 and Sonnet 3.7. Unknown models get the largest (4096).
/// </summary>
internal static class CacheableLength
{
    public const int Unknown = 4096;

    private static readonly (string Prefix, int Tokens)[] Table =
    [
        ("claude-haiku-4-5", 4096),
        ("claude-opus-4-5", 4096), ("claude-opus-4-6", 4096), ("claude-opus-4-7", 4096),
        ("claude-sonnet-4-6", 2048),
        ("claude-3-5-haiku", 2048), ("claude-3-haiku", 2048), ("claude-haiku-3", 2048),
        ("claude-sonnet-4-5", 1024), ("claude-opus-4-1", 1024), ("claude-3-7-sonnet", 1024), ("claude-sonnet-3-7", 1024),
        ("claude-sonnet-4", 1024), ("claude-opus-4", 1024),
    ];

    /// <summary>Longest matching prefix wins, so dated ids (claude-haiku-4-5-20251001) share their model's row.</summary>
    public static int MinTokens(string? model)
    {
        if (string.IsNullOrEmpty(model)) return Unknown;
        int best = -1, tokens = Unknown;
        foreach (var (prefix, t) in Table)
            if (model.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && prefix.Length > best) (best, tokens) = (prefix.Length, t);
        return tokens;
    }
}
