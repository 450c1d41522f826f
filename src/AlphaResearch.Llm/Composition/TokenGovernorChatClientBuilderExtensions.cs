using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace AlphaResearch.Llm;

/// <summary>Adds the token governor (R2) to a <see cref="ChatClientBuilder"/> pipeline.</summary>
public static class TokenGovernorChatClientBuilderExtensions
{
    /// <summary>
    /// Admits a call only when its input tokens, its max_tokens and one request fit the model's buckets (FIFO),
    /// then reconciles with the usage and rate-limit headers the server reports. Add it after (inside)
    /// <see cref="RateLimitRetryChatClientBuilderExtensions.UseRateLimitRetry"/> so each retry attempt queues again.
    /// The options are validated when the pipeline is built: an invalid value throws <see cref="LlmConfigException"/>
    /// naming the option.
    /// </summary>
    public static ChatClientBuilder UseTokenGovernor(this ChatClientBuilder builder, Action<TokenGovernorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use((inner, services) =>
        {
            var options = new TokenGovernorOptions();
            configure?.Invoke(options);
            var check = new OptionsCheck(nameof(TokenGovernorOptions));
            options.Validate(check);
            string? model = check.DefaultModel(options.DefaultModel, inner, nameof(options.DefaultModel));
            check.ThrowIfInvalid();

            var loggers = OptionsCheck.Loggers(options.LoggerFactory, services);
            bool owned = options.Governor is null;
            var time = OptionsCheck.Time(options.TimeProvider, services);
            var governor = options.Governor ?? new TokenGovernor(
                new Dictionary<string, ModelRateLimits>(options.RateLimits, StringComparer.Ordinal), time, probeFirst: true,
                options.BudgetStore is { } store ? new SharedBudget(store, time, loggers.CreateLogger<SharedBudget>()) : null);
            ITokenCounter? counter = options.TokenCounter ?? (options.TokenCountClient is { } anthropic
                ? new AnthropicTokenCounter(anthropic, loggers.CreateLogger<AnthropicTokenCounter>()) : null);
            return new GovernorChatClient(inner, governor, model!, options.DefaultMaxOutputTokens, OptionsCheck.Scopes(options.Scopes, inner),
                loggers.CreateLogger<GovernorChatClient>(), counter) { OwnsGovernor = owned };
        });
    }
}
