namespace AlphaResearch.Engine;

/// <summary>Store location, team concurrency, run deadline.</summary>
public sealed record EngineConfig
{
}
