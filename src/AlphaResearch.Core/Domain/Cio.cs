namespace AlphaResearch.Domain;

/// <summary>A candidate put before the CIO: one team recommendation with its aggregate score.</summary>
public sealed record CioCandidate(SectorRecommendation Recommendation, TeamId TeamId, string Sector, InvestmentThesis Thesis);

public sealed record CioDecision
{
    public required string Ticker { get; init; }
    public required CioDecisionKind Decision { get; init; }
    public TeamId? TeamId { get; init; }
    public int? Rank { get; init; }
    public int? Conviction { get; init; }
    public string Rationale { get; init; } = "";
    /// <summary>qual_veto, quant_veto, dual_score_floor, rr_asymmetry, macro_alignment, portfolio_fit, catalyst_specificity, prior_continuity, other.</summary>
    public IReadOnlyList<string> RuleTags { get; init; } = [];
    public Thesis? EntryThesis { get; init; }

    public bool Advances => Decision is CioDecisionKind.Advance or CioDecisionKind.AdvanceForced;
}

/// <summary>Output of the CIO batch evaluation. Persisted as agent "cio".</summary>
public sealed record CioOutput
{
    public IReadOnlyList<CioDecision> Decisions { get; init; } = [];
    /// <summary>Advanced tickers (incl. force-filled) in rank order.</summary>
    public IReadOnlyList<string> AdvancedTickers { get; init; } = [];
    public IReadOnlyDictionary<string, Thesis> EntryTheses { get; init; } = new Dictionary<string, Thesis>();
}

public static class CioRuleTags
{
    public static IReadOnlyList<string> All { get; } =
    [
        "qual_veto", "quant_veto", "dual_score_floor", "rr_asymmetry", "macro_alignment",
        "portfolio_fit", "catalyst_specificity", "prior_continuity", "other",
    ];
}
