namespace AlphaResearch.Llm.Simulator;

/// <summary>What the simulated model writes.</summary>
public enum SimContentMode
{
    /// <summary>Everything the schema allows, filled in (every property, 1–3 items per array, conversation tickers in order).</summary>
    Cooperative,
    /// <summary>Only what the schema forces: required keys, random counts within bounds, any enum value, null where allowed (seeded).</summary>
    Uncooperative,
}
