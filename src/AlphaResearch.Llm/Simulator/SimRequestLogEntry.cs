namespace AlphaResearch.Llm.Simulator;

/// <summary>One request the simulator received (never the API key: only which auth scheme was used).</summary>
public sealed record SimRequestLogEntry
{
    public int Seq { get; init; }
    public DateTimeOffset At { get; init; }
    public string Path { get; init; } = "";
    public string Model { get; init; } = "";
    public int Status { get; init; }
    /// <summary>rate_limit_error, overloaded_error, fault:drop, ... (null on success).</summary>
    public string? Error { get; init; }
    public bool Stream { get; init; }
    public string Auth { get; init; } = "none";
    public long InputTokens { get; init; }
    public long OutputTokens { get; init; }
    public long CacheReadTokens { get; init; }
    public long CacheWriteTokens { get; init; }
    public int MaxTokens { get; init; }
    /// <summary>end_turn, tool_use, max_tokens, stop_sequence (successes only).</summary>
    public string? StopReason { get; init; }
    /// <summary>Why a request was refused with 400 (strict mode's reason).</summary>
    public string? Message { get; init; }
}
