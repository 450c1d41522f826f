using System.Text.Json.Nodes;
using AlphaResearch.Domain;

namespace AlphaResearch.Engine;

/// <summary>The complete, gated result of a run's research, ready to be turned into outputs.</summary>
public sealed record ResearchOutcome
{
    public required ResearchContext Context { get; init; }
    public required MacroReport Macro { get; init; }
    public required IReadOnlyDictionary<TeamId, SectorTeamOutput> Teams { get; init; }
    public required IReadOnlyList<InvestmentThesis> Theses { get; init; }
    public required CioOutput Cio { get; init; }
    public required RotationResult Rotation { get; init; }
    /// <summary>UTC time the run started (signals.json "run_date"/"time").</summary>
    public required DateTimeOffset RunTime { get; init; }
    /// <summary>LLM cost paid by this run in USD.</summary>
    public decimal CostUsd { get; init; }
    /// <summary>What the resumed agents cost when they ran in earlier attempts for this run date (not re-paid).</summary>
    public decimal ResumedCostUsd { get; init; }
    /// <summary>Paid calls of earlier attempts for this run date, from the resumed agents' envelopes (merged into research.db by call id).</summary>
    public IReadOnlyList<Llm.UsageRecord> PriorCalls { get; init; } = [];
}

/// <summary>Outputs built in memory (pure) so the quarantine gate can scan exactly what will be written.</summary>
public sealed record PreparedPublication
{
    public required JsonObject SignalsPayload { get; init; }
    public required string BriefMarkdown { get; init; }
    public required string BriefHtml { get; init; }
}

/// <summary>
/// Publication: <see cref="Prepare"/> builds and validates the payload and brief; the engine then runs
/// the strict and quarantine gates; <see cref="CommitAsync"/> writes database, brief, artifacts, then
/// signals.json (commit point) and latest.json.
/// </summary>
public interface IPublisher
{
    /// <exception cref="InvalidOperationException">The payload fails the signals.json contract (message names why).</exception>
    PreparedPublication Prepare(ResearchOutcome outcome);
    Task<IReadOnlyList<string>> CommitAsync(ResearchOutcome outcome, PreparedPublication prepared, CancellationToken ct);

    /// <summary>
    /// True only when the run date's publication completed (signals.json written, the run recorded as
    /// published, latest.json not left behind). A publication interrupted past the commit point is not
    /// complete, so a plain re-run finishes it (its agents resume) instead of being SKIPPED.
    /// </summary>
    Task<bool> IsPublishedAsync(DateOnly runDate, CancellationToken ct);
}

/// <summary>Reads the state carried from the last published run before a run date.</summary>
public interface IPriorStateReader
{
    Task<PriorState> LoadAsync(DateOnly runDate, CancellationToken ct);
}
