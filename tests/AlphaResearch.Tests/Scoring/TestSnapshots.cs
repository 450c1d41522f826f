using AlphaResearch.Domain;
using AlphaResearch.Engine;
using AlphaResearch.MarketData;
using AlphaResearch.Scoring;

namespace AlphaResearch.Tests.Scoring;

/// <summary>In-memory snapshots and research contexts for the scoring tests.</summary>
internal static class TestSnapshots
{
    public static Constituent Member(string ticker, string sector) => new(ticker, ticker + " Inc", sector, "Sub", IndexMembership.Sp500);

    public static MarketSnapshot Snapshot(IEnumerable<Constituent> constituents, IReadOnlyDictionary<string, PriceSeries> prices,
        IReadOnlyDictionary<string, PriceSeries>? benchmarks = null, DateOnly? asOf = null)
    {
        var all = prices.Values.Concat(benchmarks?.Values ?? []).ToList();
        return new MarketSnapshot
        {
            Source = "memory",
            Fingerprint = "test",
            Constituents = constituents.ToArray(),
            Prices = prices,
            Benchmarks = benchmarks ?? new Dictionary<string, PriceSeries>(),
            Macro = new Dictionary<string, MacroSeries>(),
            AsOfDate = asOf ?? (all.Count > 0 ? all.Max(s => s.LastDate) : new DateOnly(2025, 1, 10)),
        };
    }

    public static ScoreBoard EmptyBoard(DateOnly date) => new()
    {
        Date = date,
        Regime = MarketRegime.Neutral,
        Tickers = new Dictionary<string, TickerScores>(),
        Benchmarks = new Dictionary<string, TickerScores>(),
        Breadth = new MarketBreadth(0, 0, 0, 0, 0, 0),
    };

    /// <summary>A context whose snapshot has the given constituents (no prices needed by aggregation or rotation).</summary>
    public static ResearchContext Context(DateOnly runDate, IEnumerable<Constituent> constituents, PriorState? prior = null) => new()
    {
        RunDate = runDate,
        Snapshot = Snapshot(constituents, new Dictionary<string, PriceSeries>(), asOf: runDate),
        Scores = EmptyBoard(runDate),
        Prior = prior ?? PriorState.Empty,
    };
}
