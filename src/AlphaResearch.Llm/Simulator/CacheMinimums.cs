namespace AlphaResearch.Llm.Simulator;

/// <summary>
/// Minimum cacheable prompt length per model, from the official prompt-caching doc ("Cache limitations"):
/// a cache_control breakpoint on a shorter prefix is processed without caching and without an error, so both
/// cache_creation_input_tokens and cache_read_input_tokens are 0.
/// </summary>
public static class CacheMinimums
{
    /// <summary>Used for a model id the table does not know (the most common documented floor).</summary>
    public const int Unknown = 1_024;

    // Longest prefix first: "claude-opus-4-5" must win over "claude-opus-4".
    private static readonly (string Prefix, int Tokens)[] Table =
    [
        ("claude-opus-5", 512), ("claude-fable-5", 512), ("claude-mythos-5", 512),
        ("claude-mythos-preview", 2_048), ("claude-opus-4-7", 2_048),
        ("claude-opus-4-6", 4_096), ("claude-opus-4-5", 4_096),
        ("claude-opus-4-8", 1_024), ("claude-sonnet-5", 1_024), ("claude-sonnet-4-6", 1_024), ("claude-sonnet-4-5", 1_024),
        ("claude-opus-4-1", 1_024), ("claude-opus-4", 1_024), ("claude-sonnet-4", 1_024),
        ("claude-haiku-4-5", 4_096),
        ("claude-3-5-haiku", 2_048), ("claude-haiku-3-5", 2_048),
    ];

    public static int For(string model)
    {
        foreach (var (prefix, tokens) in Table.OrderByDescending(t => t.Prefix.Length))
            if (model.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return tokens;
        return Unknown;
    }
}
