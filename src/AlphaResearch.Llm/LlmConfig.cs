
namespace AlphaResearch.Llm;

/// <summary>
/// Provider, model tiers, retry deadline, governor limits, price card and run budget (docs/LLM.md).
/// Environment variables override: ANTHROPIC_BASE_URL (base_url), RATE_LIMIT_RETRY_DEADLINE_SECONDS
/// (retry_deadline_seconds), ALPHA_RESEARCH_RUN_BUDGET_USD (run_budget_usd).
/// </summary>
public sealed record LlmConfig
{
    public LlmProvider Provider { get; init; } = LlmProvider.Anthropic;

    /// <summary>Endpoint override (any Anthropic- or OpenAI-compatible server); null → the provider's default.</summary>
    public string? BaseUrl { get; init; }

    public string FastModel { get; init; } = "claude-haiku-4-5";
    public string StrategicModel { get; init; } = "claude-sonnet-4-6";
    public int FastMaxOutputTokens { get; init; } = 4096;
    public int StrategicMaxOutputTokens { get; init; } = 4096;

    /// <summary>R1: overall per-call deadline for riding out 429/529; clamped to 300–10 800 s.</summary>
    public double RetryDeadlineSeconds { get; init; } = RetryDeadline.DefaultSeconds;

    /// <summary>
    /// The official SDK's own retries. 0 (default) so that our retry layer alone owns 429/529 with a deadline
    /// and the governor sees every attempt; see docs/LLM.md "How SDK retries compose".
    /// </summary>
    public int SdkMaxRetries { get; init; }

    /// <summary>Per-attempt HTTP timeout (the SDK's Timeout).</summary>
    public double RequestTimeoutSeconds { get; init; } = 600;

    /// <summary>R2: the proactive governor; off only for experiments (bench llm compares both).</summary>
    public bool GovernorEnabled { get; init; } = true;

    /// <summary>
    /// Org limits per model id. Defaults: fast = the incident's org limit for claude-haiku-4-5 (450 000 input
    /// tokens/min, seed/000) with 90 000 output tokens/min and 4 000 requests/min; strategic = the Tier-2
    /// Sonnet 4.x row of the rate-limit docs (1 000 RPM / 450 000 ITPM / 90 000 OTPM, anchors §2.1).
    /// Live values are read from anthropic-ratelimit-* headers and lower these when smaller.
    /// </summary>
    public Dictionary<string, ModelRateLimits> RateLimits { get; init; } = new()
    {
        ["claude-haiku-4-5"] = new ModelRateLimits { RequestsPerMinute = 4_000, InputTokensPerMinute = 450_000, OutputTokensPerMinute = 90_000 },
        ["claude-sonnet-4-6"] = new ModelRateLimits { RequestsPerMinute = 1_000, InputTokensPerMinute = 450_000, OutputTokensPerMinute = 90_000 },
    };

    /// <summary>
    /// USD per million tokens. Anthropic list prices: Haiku 4.5 $1 in / $5 out, Sonnet 4.6 $3 / $15; cache reads
    /// 0.1× input, 5-minute cache writes 1.25× input (anchors §2.4).
    /// </summary>
    public Dictionary<string, ModelPrice> Prices { get; init; } = new()
    {
        ["claude-haiku-4-5"] = new ModelPrice { InputPerMillion = 1.00m, OutputPerMillion = 5.00m, CacheReadPerMillion = 0.10m, CacheWritePerMillion = 1.25m },
        ["claude-sonnet-4-6"] = new ModelPrice { InputPerMillion = 3.00m, OutputPerMillion = 15.00m, CacheReadPerMillion = 0.30m, CacheWritePerMillion = 3.75m },
    };

    /// <summary>R7: per-run cost ceiling in USD; ≤ 0 disables.</summary>
    public decimal RunBudgetUsd { get; init; } = 100m;

    /// <summary>Mark system prompts and tool definitions cacheable (Anthropic providers only).</summary>
    public bool PromptCaching { get; init; } = true;

    public string ModelFor(ModelTier tier) => tier == ModelTier.Fast ? FastModel : StrategicModel;
    public int MaxOutputTokensFor(ModelTier tier) => tier == ModelTier.Fast ? FastMaxOutputTokens : StrategicMaxOutputTokens;
}

/// <summary>One model's org budget (a continuously refilling bucket per dimension).</summary>
public sealed record ModelRateLimits
{
    public int RequestsPerMinute { get; init; } = 1_000;
    public int InputTokensPerMinute { get; init; } = 450_000;
    public int OutputTokensPerMinute { get; init; } = 90_000;
}

/// <summary>USD per million tokens.</summary>
public sealed record ModelPrice
{
    public decimal InputPerMillion { get; init; }
    public decimal OutputPerMillion { get; init; }
    public decimal CacheReadPerMillion { get; init; }
    public decimal CacheWritePerMillion { get; init; }
}
