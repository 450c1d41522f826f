using AlphaResearch.MarketData;

namespace AlphaResearch.Tests.Evaluation;

/// <summary>The embedded sample (samples/sp500-mit), loaded once for the evaluation tests.</summary>
internal static class SampleBars
{
    private static readonly Lazy<MarketSnapshot> Loaded = new(() => new SnapshotLoader().Load(SampleSnapshot.Locate()));
    public static MarketSnapshot Snapshot => Loaded.Value;
}
