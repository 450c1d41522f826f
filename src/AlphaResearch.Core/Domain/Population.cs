using System.Text.Json.Serialization;

namespace AlphaResearch.Domain;

/// <summary>A name in the researched population (~25 names the trading system may hold).</summary>
public sealed record PopulationEntry
{
    public required string Ticker { get; init; }
    public required string Sector { get; init; }
    public TeamId? TeamId { get; init; }
    public double LongTermScore { get; init; }
    public Rating LongTermRating { get; init; } = Rating.Hold;
    public Conviction Conviction { get; init; } = Conviction.Stable;
    public double? PriceTargetUpside { get; init; }
    public string ThesisSummary { get; init; } = "";
    /// <summary>ISO date the name entered the population.</summary>
    public required string EntryDate { get; init; }
    public int TenureWeeks { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<RotationEventType>))]
public enum RotationEventType
{
    [JsonStringEnumMemberName("entry")] Entry,
    [JsonStringEnumMemberName("exit")] Exit,
}

/// <summary>An entry into or exit from the population, with its reason (UNIVERSE_DROP, thesis_collapse, score_degraded, IC_ADVANCE, ...).</summary>
public sealed record RotationEvent
{
    public required RotationEventType Type { get; init; }
    public required string Ticker { get; init; }
    public required string Reason { get; init; }
    public string? Sector { get; init; }
    public double? ScoreIn { get; init; }
    public double? ScoreOut { get; init; }
    public int? CioRank { get; init; }
}

/// <summary>
/// An ADVANCE that could not enter: the book was at max_size and the name did not beat the weakest incumbent by the
/// swap margin, or the run's swap cap was reached. Recorded in the run result, the brief and population/{date}.json.
/// </summary>
public sealed record BookFullEvent
{
    public required string Ticker { get; init; }
    public string? Sector { get; init; }
    public int? CioRank { get; init; }
    /// <summary>The ADVANCE's score (this run's final score, the score the book stores).</summary>
    public double Score { get; init; }
    public string? WeakestTicker { get; init; }
    public double? WeakestScore { get; init; }
    /// <summary>"below_swap_margin" or "swap_cap_reached".</summary>
    public required string Why { get; init; }
    public int MaxSize { get; init; }
}
