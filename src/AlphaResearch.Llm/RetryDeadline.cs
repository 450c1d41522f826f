using System.Globalization;
using Microsoft.Extensions.Logging;

namespace AlphaResearch.Llm;

/// <summary>R1's per-call deadline: default 75 min, clamped to 5 min – 3 h.</summary>
public static class RetryDeadline
{
    public const string EnvVar = "RATE_LIMIT_RETRY_DEADLINE_SECONDS";
    public const double DefaultSeconds = 75 * 60;
    public const double MinSeconds = 5 * 60;
    public const double MaxSeconds = 3 * 60 * 60;

    /// <summary>
    /// The env var wins over config when set. Unparseable (or non-finite) → default with a warning; anything
    /// else is clamped to [5 min, 3 h].
    /// </summary>
    public static TimeSpan Resolve(double configSeconds, string? envValue, ILogger? logger = null)
    {
        double seconds = configSeconds;
        if (!string.IsNullOrWhiteSpace(envValue))
        {
            if (double.TryParse(envValue.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed))
            {
                seconds = parsed;
            }
            else
            {
                if (logger is not null) LlmLog.RetryDeadlineEnvInvalid(logger, EnvVar, envValue, DefaultSeconds);
                seconds = DefaultSeconds;
            }
        }
        if (!double.IsFinite(seconds)) seconds = DefaultSeconds;
        return TimeSpan.FromSeconds(Math.Clamp(seconds, MinSeconds, MaxSeconds));
    }
}
