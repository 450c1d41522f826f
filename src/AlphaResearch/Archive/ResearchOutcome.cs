using AlphaResearch.Domain;
using AlphaResearch.Llm;
using AlphaResearch.Scoring;

namespace AlphaResearch.Archive;

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
    public IReadOnlyList<UsageRecord> PriorCalls { get; init; } = [];
}
