namespace AlphaResearch.Scale;

/// <summary>Where and how the org budget lives in Redis (<see cref="RedisBudgetStore"/>).</summary>
public sealed record RedisBudgetOptions
{
    /// <summary>The environment variable with the Redis endpoint (host:port), e.g. 127.0.0.1:6379.</summary>
    public const string EndpointEnv = "ALPHA_RESEARCH_REDIS";
    /// <summary>Optional: with Redis down, admit against limit ÷ this many workers instead of waiting (fail closed when unset).</summary>
    public const string FallbackWorkersEnv = "ALPHA_RESEARCH_REDIS_FALLBACK_WORKERS";
    /// <summary>Optional key prefix (default "org"): organisations, or test runs, sharing one Redis keep apart by it.</summary>
    public const string PrefixEnv = "ALPHA_RESEARCH_REDIS_PREFIX";

    public required string Endpoint { get; init; }

    /// <summary>Separates organisations (or test runs) sharing one Redis.</summary>
    public string KeyPrefix { get; init; } = "org";

    /// <summary>A waiting call's ticket lives this long without a poll; a dead process's ticket stops blocking the queue after it.</summary>
    public TimeSpan TicketTtl { get; init; } = TimeSpan.FromSeconds(6);

    /// <summary>How often a ticket behind the head asks whether it is its turn.</summary>
    public TimeSpan QueuePoll { get; init; } = TimeSpan.FromMilliseconds(25);

    /// <summary>Fail closed: how long a call waits before asking an unreachable Redis again.</summary>
    public TimeSpan RetryWhenDown { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Null: fail closed. N: with Redis down, a local budget of each limit ÷ N.</summary>
    public int? FallbackWorkers { get; init; }

    /// <summary>The options from ALPHA_RESEARCH_REDIS (+ …_FALLBACK_WORKERS), or null when no endpoint is set.</summary>
    /// <exception cref="ArgumentException">The fallback count is not a positive whole number (bad input, exit 2).</exception>
    public static RedisBudgetOptions? FromEnvironment(Func<string, string?> env)
    {
        string? endpoint = env(EndpointEnv);
        if (string.IsNullOrWhiteSpace(endpoint)) return null;
        int? fallback = null;
        if (env(FallbackWorkersEnv) is { Length: > 0 } raw)
        {
            if (!int.TryParse(raw.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n) || n < 1)
                throw new ArgumentException($"{FallbackWorkersEnv}='{raw}' is not a positive whole number; set it to the number of workers sharing the org budget (e.g. 4), or unset it to fail closed");
            fallback = n;
        }
        string prefix = env(PrefixEnv) is { Length: > 0 } p ? p.Trim() : "org";
        return new RedisBudgetOptions { Endpoint = endpoint.Trim(), FallbackWorkers = fallback, KeyPrefix = prefix };
    }
}
