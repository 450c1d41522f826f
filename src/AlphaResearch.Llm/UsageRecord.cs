namespace AlphaResearch.Llm;

/// <summary>One LLM call's usage and cost (R7). Appended to the run's JSONL ledger.</summary>
public sealed record UsageRecord
{
    /// <summary>
    /// Unique per paid call (assigned by the ledger when the record is added): the idempotency key that lets the
    /// ledger file, the archive envelopes and this process's records be merged into research.db exactly once.
    /// </summary>
    public string? CallId { get; init; }
    public required string RunDate { get; init; }
    public required string AgentId { get; init; }
    public required string Label { get; init; }
    public required string Model { get; init; }
    /// <summary>The prompt(s) the call was rendered from ("id@version#sha256-prefix"), so a prompt change shows in the ledger.</summary>
    public string? Prompt { get; init; }
    public long InputTokens { get; init; }
    public long OutputTokens { get; init; }
    public long CacheReadTokens { get; init; }
    public long CacheWriteTokens { get; init; }
    public double LatencyMs { get; init; }
    public int Attempts { get; init; } = 1;
    public int RateLimitWaits { get; init; }
    public double RateLimitWaitSeconds { get; init; }
    public decimal CostUsd { get; init; }
    public DateTimeOffset At { get; init; }
    /// <summary>
    /// Null when the call succeeded; else what failed it (type and status only, never provider text), or
    /// "usage_missing" when the response reported no usage (tokens are then our estimate, not the server's).
    /// </summary>
    public string? Error { get; init; }
    /// <summary>The call re-asked a structured answer (a repair or a follow-up for what an earlier answer left out).</summary>
    public bool Reask { get; init; }
    /// <summary>
    /// A response of this call carried the simulator's signature (<see cref="SimulatedResponses.Header"/>): the answer
    /// came from the alpha-research simulator, whatever provider was configured. Such output never enters the real namespace.
    /// </summary>
    public bool Simulated { get; init; }

    /// <summary>Answered from the call journal (a re-run of a call already paid): no model call, zero tokens and cost here.</summary>
    public bool Replayed { get; init; }
}

/// <summary>Usage summed over calls (per agent or per run).</summary>
public sealed record UsageTotals(int Calls, long InputTokens, long OutputTokens, long CacheReadTokens, long CacheWriteTokens, int RateLimitWaits, decimal CostUsd)
{
    public static UsageTotals Zero { get; } = new(0, 0, 0, 0, 0, 0, 0m);

    public UsageTotals Add(UsageRecord r) => new(Calls + 1, InputTokens + r.InputTokens, OutputTokens + r.OutputTokens,
        CacheReadTokens + r.CacheReadTokens, CacheWriteTokens + r.CacheWriteTokens, RateLimitWaits + r.RateLimitWaits, CostUsd + r.CostUsd);

    public static UsageTotals Of(IEnumerable<UsageRecord> records) => records.Aggregate(Zero, (t, r) => t.Add(r));
}

/// <summary>What the engine and publisher read from the gateway's usage ledger.</summary>
public interface IUsageLedger
{
    IReadOnlyList<UsageRecord> Records { get; }
    UsageTotals TotalFor(string agentId);
    UsageTotals Total { get; }
    /// <summary>Raised by the gateway on each recorded call (for live progress).</summary>
    event Action<UsageRecord>? Recorded;

    /// <summary>Bookkeeping problems (e.g. the ledger file could not be written); never a failed call.</summary>
    IReadOnlyList<string> Warnings => [];

    /// <summary>Retries writing what could not be written (called before the commit); returns how many records are still unwritten.</summary>
    int RetryUnwritten() => 0;

    /// <summary>
    /// Every call recorded for the run date that this ledger can see: its persisted file (earlier attempts and processes
    /// on this machine) plus this process's records, each call once.
    /// </summary>
    IReadOnlyList<UsageRecord> CallsOfDate() => Records;
}
