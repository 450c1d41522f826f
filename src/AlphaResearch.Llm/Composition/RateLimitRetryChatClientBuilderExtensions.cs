using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace AlphaResearch.Llm;

/// <summary>Adds the 429/529 deadline retry (R1) to a <see cref="ChatClientBuilder"/> pipeline.</summary>
public static class RateLimitRetryChatClientBuilderExtensions
{
    /// <summary>
    /// Rides out 429 rate_limit_error and 529 overloaded_error until <see cref="RateLimitRetryOptions.Deadline"/>
    /// (honouring retry-after, then <see cref="RateLimitDeadlineExceededException"/>); anything else, including a
    /// spend-limit 429, propagates at once. The options are validated when the pipeline is built: an invalid value
    /// throws <see cref="LlmConfigException"/> naming the option.
    /// </summary>
    public static ChatClientBuilder UseRateLimitRetry(this ChatClientBuilder builder, Action<RateLimitRetryOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use((inner, services) =>
        {
            var options = new RateLimitRetryOptions();
            configure?.Invoke(options);
            var check = new OptionsCheck(nameof(RateLimitRetryOptions));
            options.Validate(check);
            check.ThrowIfInvalid();
            return new RateLimitRetryChatClient(inner, options.Deadline, OptionsCheck.Time(options.TimeProvider, services),
                OptionsCheck.Scopes(options.Scopes, inner), options.Jitter,
                OptionsCheck.Loggers(options.LoggerFactory, services).CreateLogger<RateLimitRetryChatClient>());
        });
    }
}
