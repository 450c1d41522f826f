using Microsoft.Extensions.Logging;

namespace AlphaResearch.Llm;

/// <summary>Options of <see cref="RateLimitRetryChatClientBuilderExtensions.UseRateLimitRetry"/> (R1).</summary>
public sealed class RateLimitRetryOptions
{
    /// <summary>How long one call may keep retrying 429/529, waits included: 5 min – 3 h, default 75 min.</summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromSeconds(RetryDeadline.DefaultSeconds);

    /// <summary>Null: the builder's services' <see cref="System.TimeProvider"/>, else the system clock.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Null: the builder's services' <see cref="ILoggerFactory"/>, else no logging.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Tests: the jitter source, returning [0, 1).</summary>
    internal Func<double>? Jitter { get; set; }
    internal LlmCallScopes? Scopes { get; set; }

    internal void Validate(OptionsCheck check) =>
        check.Require(Deadline >= TimeSpan.FromSeconds(RetryDeadline.MinSeconds) && Deadline <= TimeSpan.FromSeconds(RetryDeadline.MaxSeconds),
            nameof(Deadline), Deadline, $"must be between {RetryDeadline.MinSeconds:0} s and {RetryDeadline.MaxSeconds:0} s");
}
