using AlphaResearch.Agents;
using AlphaResearch.Engine;
using AlphaResearch.Llm;
using AlphaResearch.Publishing;
using AlphaResearch.Scoring;

namespace AlphaResearch.Config;

/// <summary>
/// The whole configuration: one section per layer. Every value has a documented default
/// (docs/CONFIGURATION.md); a config file only needs the keys it changes.
/// </summary>
public sealed record AlphaResearchConfig
{
    public ScoringConfig Scoring { get; init; } = new();
    public LlmConfig Llm { get; init; } = new();
    public AgentsConfig Agents { get; init; } = new();
    public EngineConfig Engine { get; init; } = new();
    public PublishingConfig Publishing { get; init; } = new();
}
