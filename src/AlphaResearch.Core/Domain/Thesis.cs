namespace AlphaResearch.Domain;

/// <summary>
/// An investment thesis for one ticker: the narrative (bull/bear/catalysts/risks) plus its scores.
/// Held names carry one from run to run in the research database; sector teams update it when
/// material triggers fire.
/// </summary>
public sealed record Thesis
{
    public required string Ticker { get; init; }
    public string? Sector { get; init; }
    public TeamId? TeamId { get; init; }
    public double? FinalScore { get; init; }
    public double? QuantScore { get; init; }
    public double? QualScore { get; init; }
    public Rating? Rating { get; init; }
    /// <summary>0–100 from the LLM; normalised to <see cref="Domain.Conviction"/> when stored or published.</summary>
    public int? Conviction { get; init; }
    public string ConvictionRationale { get; init; } = "";
    public string BullCase { get; init; } = "";
    public string BearCase { get; init; } = "";
    public string ThesisSummary { get; init; } = "";
    public IReadOnlyList<string> Catalysts { get; init; } = [];
    public IReadOnlyList<string> Risks { get; init; } = [];
    public string? LastUpdated { get; init; }
    public int StaleDays { get; init; }
    public IReadOnlyList<string> Triggers { get; init; } = [];
    public bool ScoreFailed { get; init; }
}

/// <summary>
/// A scored thesis produced by the deterministic score aggregator for every recommendation and every
/// updated held thesis (reference §2.5). FinalScore and Rating are always present.
/// </summary>
public sealed record InvestmentThesis
{
    public required string Ticker { get; init; }
    public required string Sector { get; init; }
    public required TeamId TeamId { get; init; }
    public required double FinalScore { get; init; }
    public double? QuantScore { get; init; }
    public double? QualScore { get; init; }
    public double WeightedBase { get; init; }
    public double MacroShift { get; init; }
    public required Rating Rating { get; init; }
    public Conviction Conviction { get; init; } = Conviction.Stable;
    public string BullCase { get; init; } = "";
    public string BearCase { get; init; } = "";
    public string ThesisSummary { get; init; } = "";
    public IReadOnlyList<string> Catalysts { get; init; } = [];
    public IReadOnlyList<string> Risks { get; init; } = [];
    public string QuantRationale { get; init; } = "";
    /// <summary>True when this thesis is a held-name update rather than a new recommendation.</summary>
    public bool IsHeldUpdate { get; init; }
    public bool ScoreFailed { get; init; }
}
