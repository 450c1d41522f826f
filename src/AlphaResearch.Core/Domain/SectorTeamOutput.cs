namespace AlphaResearch.Domain;

/// <summary>A quant analyst's ranked pick (structured extraction of the quant ReAct answer).</summary>
public sealed record QuantPick(string Ticker, double QuantScore, string Rationale = "");

/// <summary>A qual analyst's assessment of one pick.</summary>
public sealed record QualAssessment
{
    public required string Ticker { get; init; }
    public double? QualScore { get; init; }
    public string BullCase { get; init; } = "";
    public string BearCase { get; init; } = "";
    public IReadOnlyList<string> Catalysts { get; init; } = [];
    public IReadOnlyList<string> Risks { get; init; } = [];
    /// <summary>0–100.</summary>
    public int? Conviction { get; init; }
}

/// <summary>A team's final buy recommendation after peer review.</summary>
public sealed record SectorRecommendation
{
    public required string Ticker { get; init; }
    public required double QuantScore { get; init; }
    public double? QualScore { get; init; }
    public string BullCase { get; init; } = "";
    public string BearCase { get; init; } = "";
    public IReadOnlyList<string> Catalysts { get; init; } = [];
    public IReadOnlyList<string> Risks { get; init; } = [];
    public int? Conviction { get; init; }
    public string QuantRationale { get; init; } = "";
    public string PeerReviewRationale { get; init; } = "";
    public bool IsQualAddition { get; init; }
}

/// <summary>One tool invocation made by a team's agents (kept for audit and the brief).</summary>
public sealed record ToolCallRecord(string Phase, string Tool, string? Ticker, string ArgumentsJson, string ResultSummary, bool IsError = false);

/// <summary>
/// The whole output of one sector team. Persisted at archive/sector_team_runs/{date}/{team}.json only when
/// <see cref="Error"/> is null and <see cref="Partial"/> is false.
/// </summary>
public sealed record SectorTeamOutput
{
    public required TeamId TeamId { get; init; }
    public IReadOnlyList<SectorRecommendation> Recommendations { get; init; } = [];
    /// <summary>Updated (or carried, untriggered) theses for held names, keyed by ticker.</summary>
    public IReadOnlyDictionary<string, Thesis> ThesisUpdates { get; init; } = new Dictionary<string, Thesis>();
    public IReadOnlyList<QuantPick> QuantRankedPicks { get; init; } = [];
    public IReadOnlyList<ToolCallRecord> ToolCalls { get; init; } = [];
    public string PeerReviewRationale { get; init; } = "";
    public string? Error { get; init; }
    public bool Partial { get; init; }
    public IReadOnlyList<string> PartialReasons { get; init; } = [];
    /// <summary>The full decision record (prompts, tools, tool-loop transcripts, answers); null for older outputs.</summary>
    public DecisionRecord? Record { get; init; }

    public bool Succeeded => Error is null && !Partial;
}
