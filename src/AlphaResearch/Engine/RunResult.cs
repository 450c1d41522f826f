using System.Text.Json.Serialization;
using AlphaResearch.Llm;

namespace AlphaResearch.Engine;

[JsonConverter(typeof(JsonStringEnumConverter<RunStatus>))]
public enum RunStatus
{
    [JsonStringEnumMemberName("OK")] Ok,
    [JsonStringEnumMemberName("SKIPPED")] Skipped,
    [JsonStringEnumMemberName("ERROR")] Error,
    /// <summary>Refused because another live run holds the date's lock; nothing was paid for (CLI exit code 4).</summary>
    [JsonStringEnumMemberName("BUSY")] Busy,
}

[JsonConverter(typeof(JsonStringEnumConverter<AgentOutcomeKind>))]
public enum AgentOutcomeKind
{
    /// <summary>Never started (an earlier phase stopped the run).</summary>
    [JsonStringEnumMemberName("not_run")] NotRun,
    [JsonStringEnumMemberName("ran")] Ran,
    /// <summary>Loaded from the archive with zero LLM calls.</summary>
    [JsonStringEnumMemberName("resumed")] Resumed,
    [JsonStringEnumMemberName("failed")] Failed,
    [JsonStringEnumMemberName("partial")] Partial,
    /// <summary>Not needed this run (the CIO when there are no candidates).</summary>
    [JsonStringEnumMemberName("skipped")] Skipped,
}

/// <summary>One agent's outcome in a run, with the usage and cost this process spent on it.</summary>
public sealed record AgentResult(string AgentId, AgentOutcomeKind Outcome, string? Reason, UsageTotals Usage, bool Persisted = false);

/// <summary>
/// The result of <see cref="RunEngine.RunAsync"/> (also printed by `run --json`). Status is OK only when
/// every agent completed and (for a real run) the outputs were committed; a dry run that completes is OK
/// with <see cref="DryRun"/> true and, when the quarantine gate would refuse it, <see cref="PromotionRefused"/>.
/// </summary>
public sealed record RunResult
{
    public required RunStatus Status { get; init; }
    public required string RunDate { get; init; }
    /// <summary>The phase the run ended in (done, lock, already_run, context, min_universe, macro, teams, strict_gate, aggregate, exits, cio, entries, prepare, quarantine, commit).</summary>
    public required string Phase { get; init; }
    public string? Reason { get; init; }
    public bool DryRun { get; init; }
    /// <summary>Dry runs only: why the quarantine gate would refuse promotion (null when it would pass).</summary>
    public string? PromotionRefused { get; init; }
    public required string Store { get; init; }
    public IReadOnlyList<AgentResult> Agents { get; init; } = [];
    public UsageTotals Usage { get; init; } = UsageTotals.Zero;
    public IReadOnlyList<string> PathsWritten { get; init; } = [];
    public double DurationSeconds { get; init; }
    /// <summary>Bookkeeping that failed without failing the run (a ledger or archive write): what, where, and what to do.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
    /// <summary>Research-policy alerts of the run (CIO floor unmet, ADVANCEs that found the book full); also in the brief and the log.</summary>
    public IReadOnlyList<RunAlert> Alerts { get; init; } = [];
}

/// <summary>A research-policy alert: its kind (cio_floor_unmet, book_full), the ticker when it is about one name, and a sentence.</summary>
public sealed record RunAlert(string Kind, string Message, string? Ticker = null);
