using AlphaResearch.Domain;
using AlphaResearch.MarketData;

namespace AlphaResearch.Scoring;

/// <summary>
/// What the agents of one run read: the as-of snapshot, the score board, and the state carried from
/// the previous published run (population, theses, sector views). Immutable for the whole run.
/// </summary>
public sealed record ResearchContext
{
    public required DateOnly RunDate { get; init; }
    /// <summary>The snapshot cut at <see cref="RunDate"/> (no look-ahead).</summary>
    public required MarketSnapshot Snapshot { get; init; }
    public required ScoreBoard Scores { get; init; }
    public required PriorState Prior { get; init; }
}

/// <summary>State carried from the last published run before this run date (empty on a fresh store).</summary>
public sealed record PriorState
{
    public static PriorState Empty { get; } = new();

    /// <summary>Run date of the previous published run, if any.</summary>
    public DateOnly? PreviousRunDate { get; init; }
    public IReadOnlyList<PopulationEntry> Population { get; init; } = [];
    /// <summary>Latest thesis per ticker (held names at least).</summary>
    public IReadOnlyDictionary<string, Thesis> Theses { get; init; } = new Dictionary<string, Thesis>();
    /// <summary>Previous run's macro sector views (for sector-rating-change triggers); empty when none.</summary>
    public IReadOnlyDictionary<string, SectorView> SectorViews { get; init; } = new Dictionary<string, SectorView>();
    /// <summary>Previous run's CIO decisions (shown to the CIO for continuity).</summary>
    public IReadOnlyList<CioDecision> CioDecisions { get; init; } = [];
    /// <summary>Previous run's macro report text (report_md), shown to the macro economist; null when none.</summary>
    public string? MacroReportMd { get; init; }

    /// <summary>Recent realised outcomes of published runs (windows ended by the run date); shown to the macro economist, the CIO and in the brief.</summary>
    public AlphaResearch.Evaluation.AgentScorecard Scorecard { get; init; } = AlphaResearch.Evaluation.AgentScorecard.Empty;
}
