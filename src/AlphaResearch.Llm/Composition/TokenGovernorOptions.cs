using Anthropic;
using Microsoft.Extensions.Logging;

namespace AlphaResearch.Llm;

/// <summary>Options of <see cref="TokenGovernorChatClientBuilderExtensions.UseTokenGovernor"/> (R2).</summary>
public sealed class TokenGovernorOptions
{
    /// <summary>The org's per-model budgets; models not listed get <see cref="ModelRateLimits"/> defaults. Dated ids share the undated model's pool.</summary>
    public IDictionary<string, ModelRateLimits> RateLimits { get; set; } = new Dictionary<string, ModelRateLimits>(StringComparer.Ordinal);

    /// <summary>The model of calls without <c>ChatOptions.ModelId</c>; null: the inner client's <c>ChatClientMetadata.DefaultModelId</c>.</summary>
    public string? DefaultModel { get; set; }

    /// <summary>The output tokens reserved for calls without <c>ChatOptions.MaxOutputTokens</c>.</summary>
    public int DefaultMaxOutputTokens { get; set; } = 4_096;

    /// <summary>
    /// An Anthropic client whose free count_tokens endpoint sizes calls when the estimate is least trustworthy;
    /// null: the calibrated estimate alone.
    /// </summary>
    public IAnthropicClient? TokenCountClient { get; set; }

    /// <summary>The org budget shared with other processes (e.g. in Redis); null: this process's buckets alone.</summary>
    public IBudgetStore? BudgetStore { get; set; }

    /// <summary>Null: the builder's services' <see cref="System.TimeProvider"/>, else the system clock.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Null: the builder's services' <see cref="ILoggerFactory"/>, else no logging.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The gateway shares one governor between its tiers (it owns and disposes it).</summary>
    internal TokenGovernor? Governor { get; set; }
    internal ITokenCounter? TokenCounter { get; set; }
    internal LlmCallScopes? Scopes { get; set; }

    internal void Validate(OptionsCheck check)
    {
        check.Require(RateLimits is not null, nameof(RateLimits), RateLimits, "must not be null (leave it empty for the defaults)");
        check.Require(DefaultMaxOutputTokens >= 1, nameof(DefaultMaxOutputTokens), DefaultMaxOutputTokens, "must be at least 1");
        foreach (var (model, l) in RateLimits ?? new Dictionary<string, ModelRateLimits>())
        {
            string at = $"{nameof(RateLimits)}[{model}]";
            check.Require(l is not null, at, null, "must not be null");
            if (l is null) continue;
            check.Require(l.RequestsPerMinute >= 1, $"{at}.{nameof(l.RequestsPerMinute)}", l.RequestsPerMinute, "must be at least 1");
            check.Require(l.InputTokensPerMinute >= 1, $"{at}.{nameof(l.InputTokensPerMinute)}", l.InputTokensPerMinute, "must be at least 1");
            check.Require(l.OutputTokensPerMinute >= 1, $"{at}.{nameof(l.OutputTokensPerMinute)}", l.OutputTokensPerMinute, "must be at least 1");
        }
    }
}
