namespace AlphaResearch.Llm;

/// <summary>Provider, model tiers, retry deadline, governor limits, price card and run budget.</summary>
public sealed record LlmConfig
{
}
