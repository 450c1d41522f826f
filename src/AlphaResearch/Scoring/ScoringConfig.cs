namespace AlphaResearch.Scoring;

/// <summary>Indicator windows, technical sub-score parameters and weights, composite blend and rating thresholds.</summary>
public sealed record ScoringConfig
{
}
