namespace AlphaResearch.Llm;

/// <summary>
/// Where the organisation's per-model budget lives when several processes share it (R2 across processes). The
/// governor's in-process buckets stay the default; with a store, every admission also takes one request, the input
/// tokens and the output tokens from the store's buckets — all three at once or none — in first-come order across
/// processes, gives back the difference after the call, and shares what the server said (headers, 429 pauses).
/// </summary>
public interface IBudgetStore
{
    /// <summary>A short description for logs ("redis 127.0.0.1:6379").</summary>
    string Location { get; }

    /// <summary>Waits until the model's shared buckets admit one request of this size (FIFO across processes).</summary>
    Task<BudgetAdmission> AcquireAsync(string model, ModelRateLimits limits, long inputTokens, long outputTokens, CancellationToken ct);

    /// <summary>Gives back (positive) or charges (negative) the difference between the reservation and the actual usage.</summary>
    Task AdjustAsync(string model, ModelRateLimits limits, long inputDelta, long outputDelta, CancellationToken ct);

    /// <summary>The server's view of the org, shared with every process: a smaller limit, what remains, a 429 pause.</summary>
    Task CorrectAsync(string model, ModelRateLimits limits, BudgetCorrection correction, CancellationToken ct);
}

/// <summary>How long the admission waited, and the input tokens the org had left right after it (the governor's view follows it).</summary>
public sealed record BudgetAdmission(TimeSpan Waited, double InputTokensLeft);

/// <summary>What one response's anthropic-ratelimit-* headers (and a 429's retry-after) said; null = not reported.</summary>
public sealed record BudgetCorrection
{
    public double? RequestsLimit { get; init; }
    public double? RequestsRemaining { get; init; }
    public double? InputTokensLimit { get; init; }
    public double? InputTokensRemaining { get; init; }
    public double? OutputTokensLimit { get; init; }
    public double? OutputTokensRemaining { get; init; }
    /// <summary>A 429's retry-after: nobody in the org is admitted for this long.</summary>
    public TimeSpan Pause { get; init; }

    public bool IsEmpty => RequestsLimit is null && RequestsRemaining is null && InputTokensLimit is null && InputTokensRemaining is null
        && OutputTokensLimit is null && OutputTokensRemaining is null && Pause <= TimeSpan.Zero;
}
