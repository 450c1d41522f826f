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
    /// <summary>GICS sector of the candidate (stamped on every decision, the original's #261).</summary>
    public string? Sector { get; init; }
    /// <summary>The candidate's sub-scores as the CIO saw them: quant, qual, combined ((quant+qual)/2, or quant alone) and final.</summary>
    public double? QuantScore { get; init; }
    public double? QualScore { get; init; }
    public double? CombinedScore { get; init; }
    public double? FinalScore { get; init; }

    public bool Advances => Decision is CioDecisionKind.Advance or CioDecisionKind.AdvanceForced;
}

/// <summary>Output of the CIO batch evaluation. Persisted as agent "cio".</summary>
public sealed record CioOutput
{
    public IReadOnlyList<CioDecision> Decisions { get; init; } = [];
    /// <summary>Advanced tickers (incl. force-filled) in rank order.</summary>
    public IReadOnlyList<string> AdvancedTickers { get; init; } = [];
    public IReadOnlyDictionary<string, Thesis> EntryTheses { get; init; } = new Dictionary<string, Thesis>();
    /// <summary>Policy alerts of this evaluation (e.g. too few new names qualified for the floor); empty when none.</summary>
    public IReadOnlyList<CioAlert> Alerts { get; init; } = [];
    /// <summary>The full decision record (prompts, answers); null when the CIO did not run or for older outputs.</summary>
    public DecisionRecord? Record { get; init; }
}

/// <summary>
/// A CIO policy alert (the original's #260 tripwire): recorded in the result JSON, the brief and the log instead of
/// forcing weak names into the book.
/// </summary>
public sealed record CioAlert
{
    public const string FloorUnmet = "cio_floor_unmet";

    public required string Kind { get; init; }
    public required string Message { get; init; }
    /// <summary>The new-entrant floor of the run.</summary>
    public int Floor { get; init; }
    /// <summary>Genuinely new names advanced (ADVANCE + ADVANCE_FORCED, held names excluded).</summary>
    public int NewEntrants { get; init; }
}

public static class CioRuleTags
{
    public static IReadOnlyList<string> All { get; } =
    [
        "qual_veto", "quant_veto", "dual_score_floor", "rr_asymmetry", "macro_alignment",
        "portfolio_fit", "catalyst_specificity", "prior_continuity", "other",
    ];
}
