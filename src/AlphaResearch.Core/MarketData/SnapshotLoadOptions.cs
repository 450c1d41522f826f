namespace AlphaResearch.MarketData;

/// <summary>Knobs for <see cref="SnapshotLoader"/>.</summary>
public sealed record SnapshotLoadOptions
{
    /// <summary>A symbol with fewer bars is excluded ("too little history"): 60 covers MA50 and momentum-60.</summary>
    public int MinBars { get; init; } = 60;
    /// <summary>Parallel file reads; null = one per core.</summary>
    public int? MaxDegreeOfParallelism { get; init; }
}
