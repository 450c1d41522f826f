using AlphaResearch.Domain;

namespace AlphaResearch.Scoring;

/// <summary>Deterministic score aggregation (reference §2.5): every recommendation and held-thesis update → scored thesis.</summary>
public interface IScoreAggregator
{
    /// <exception cref="InvalidOperationException">A held thesis cannot be scored (no quant and no qual score).</exception>
    IReadOnlyList<InvestmentThesis> Aggregate(ResearchContext context, MacroReport macro, IReadOnlyDictionary<TeamId, SectorTeamOutput> teams);
}

/// <summary>Exits decided before the CIO runs, and the open slots they leave (reference §4.7).</summary>
public sealed record ExitEvaluation(IReadOnlyList<PopulationEntry> Remaining, IReadOnlyList<RotationEvent> Exits, int OpenSlots);

/// <summary>The population after entries from CIO decisions, with every rotation event of the run.</summary>
public sealed record RotationResult(IReadOnlyList<PopulationEntry> Population, IReadOnlyList<RotationEvent> Events)
{
    /// <summary>ADVANCEs that could not enter because the book was full and no swap was allowed (never a silent skip).</summary>
    public IReadOnlyList<BookFullEvent> BookFull { get; init; } = [];
}

public interface IPopulationRotation
{
    ExitEvaluation EvaluateExits(ResearchContext context, IReadOnlyList<InvestmentThesis> theses);
    RotationResult ApplyEntries(ResearchContext context, ExitEvaluation exits, CioOutput cio, IReadOnlyList<InvestmentThesis> theses);
}
