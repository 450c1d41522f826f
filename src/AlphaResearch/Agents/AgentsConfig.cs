namespace AlphaResearch.Agents;

/// <summary>Team sizes, iteration limits, CIO floor and cap, trigger thresholds.</summary>
public sealed record AgentsConfig
{
}
