using System.Net;
using Anthropic.Exceptions;

namespace AlphaResearch.Llm;

internal enum RateLimitKind
{
    /// <summary>Not ours to retry: propagate at once, unchanged.</summary>
    None,
    /// <summary>429 rate_limit_error.</summary>
    RateLimited,
    /// <summary>529 overloaded_error.</summary>
    Overloaded,
    /// <summary>429 that reports a spend/usage limit: retrying cannot help (usage pauses until next month).</summary>
    SpendLimit,
}

/// <summary>Decides which errors R1 retries: 429 rate limits and 529 overloaded, never a spend-limit 429.</summary>
internal static class RateLimitClassifier
{
    private static readonly string[] SpendLimitPhrases =
        ["spend limit", "spend_limit", "usage limit", "credit balance", "billing"];

    public static RateLimitKind Classify(Exception ex)
    {
        switch (ex)
        {
            case Anthropic.Models.AnthropicEnforcedSpendLimitReachedException:
            case Anthropic.Models.AnthropicContractSpendLimitReachedException:
            case Anthropic.Models.AnthropicLinkedOrganizationSpendLimitReachedException:
                return RateLimitKind.SpendLimit;
            case AnthropicRateLimitException rl:
                return IsSpendLimit(rl.ErrorCode, rl.ApiMessage, rl.Message) ? RateLimitKind.SpendLimit : RateLimitKind.RateLimited;
            case AnthropicOverloadedException:
                return RateLimitKind.Overloaded;
            case AnthropicServiceException se when se.Type == "overloaded_error":
                return RateLimitKind.Overloaded;
            case HttpRequestException { StatusCode: HttpStatusCode.TooManyRequests } http:
                return IsSpendLimit(null, null, http.Message) ? RateLimitKind.SpendLimit : RateLimitKind.RateLimited;
            case HttpRequestException { StatusCode: (HttpStatusCode)529 }:
                return RateLimitKind.Overloaded;
            case System.ClientModel.ClientResultException { Status: 429 } cr:
                return IsSpendLimit(null, null, cr.Message) ? RateLimitKind.SpendLimit : RateLimitKind.RateLimited;
            case System.ClientModel.ClientResultException { Status: 529 }:
                return RateLimitKind.Overloaded;
            default:
                return RateLimitKind.None;
        }
    }

    private static bool IsSpendLimit(string? errorCode, string? apiMessage, string? message)
    {
        if (errorCode is not null && errorCode.Contains("spend_limit", StringComparison.OrdinalIgnoreCase)) return true;
        foreach (var text in new[] { apiMessage, message })
        {
            if (text is null) continue;
            foreach (var phrase in SpendLimitPhrases)
                if (text.Contains(phrase, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>A short, secret-free description for messages and logs (type and status, never headers).</summary>
    public static string Describe(Exception ex) => ex switch
    {
        _ when Classify(ex) == RateLimitKind.SpendLimit => "429 spend limit reached",
        AnthropicRateLimitException => "429 rate_limit_error",
        AnthropicOverloadedException => "529 overloaded_error",
        HttpRequestException { StatusCode: { } s } => $"HTTP {(int)s}",
        System.ClientModel.ClientResultException cr => $"HTTP {cr.Status}",
        RateLimitDeadlineExceededException d => $"rate-limit deadline passed after {d.Attempts} attempt(s)",
        _ => ex.GetType().Name,
    };

    /// <summary>
    /// retry-after in seconds from the captured response headers (retry-after-ms wins, as in the SDK);
    /// null when absent or unparseable.
    /// </summary>
    public static double? RetryAfterSeconds(IReadOnlyDictionary<string, string>? headers, DateTimeOffset now)
    {
        if (headers is null) return null;
        if (headers.TryGetValue("retry-after-ms", out var ms) && double.TryParse(ms, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var msv) && double.IsFinite(msv))
            return msv / 1000.0;
        if (!headers.TryGetValue("retry-after", out var ra)) return null;
        if (double.TryParse(ra, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var s) && double.IsFinite(s))
            return s;
        if (DateTimeOffset.TryParse(ra, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var date))
            return (date - now).TotalSeconds;
        return null;
    }
}
