using AlphaResearch.Domain;
using AlphaResearch.MarketData;
using AlphaResearch.Scoring;
using BenchmarkDotNet.Attributes;

namespace AlphaResearch.Bench;

/// <summary>
/// Indicators + technical scores + breadth for a whole universe (issue #2 target: ≤ 50 ms on one core).
/// ScoreBoardBuilder is single-threaded, so the measured time is one core's. Synthetic data: 900 tickers ×
/// 500 bars of a seeded geometric random walk with OHLCV, plus SPY and the 11 sector ETFs.
/// Run: dotnet run -c Release --project bench/AlphaResearch.Bench -- --filter '*ScoreBoard*' --job short
/// </summary>
[MemoryDiagnoser]
public class ScoreBoardBenchmark
{
    private MarketSnapshot _snapshot = null!;
    private readonly ScoringConfig _config = new();

    [Params(900)] public int Tickers { get; set; }
    [Params(500)] public int Bars { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(42);
        var constituents = new Constituent[Tickers];
        var prices = new Dictionary<string, PriceSeries>(Tickers);
        for (int i = 0; i < Tickers; i++)
        {
            string ticker = "T" + i.ToString("0000");
            constituents[i] = new Constituent(ticker, ticker, Sectors.All[i % Sectors.All.Count], "", IndexMembership.Sp500);
            prices[ticker] = RandomWalk(ticker, Bars, rng);
        }
        var benchmarks = new Dictionary<string, PriceSeries> { [MarketSnapshot.Spy] = RandomWalk(MarketSnapshot.Spy, Bars, rng) };
        foreach (var etf in Sectors.AllEtfs) benchmarks[etf] = RandomWalk(etf, Bars, rng);

        _snapshot = new MarketSnapshot
        {
            Source = "synthetic",
            Fingerprint = "bench",
            Constituents = constituents,
            Prices = prices,
            Benchmarks = benchmarks,
            Macro = new Dictionary<string, MacroSeries>(),
            AsOfDate = prices.Values.First().LastDate,
        };
    }

    [Benchmark]
    public ScoreBoard BuildScoreBoard() => ScoreBoardBuilder.Build(_snapshot, MarketRegime.Neutral, _config);

    private static PriceSeries RandomWalk(string symbol, int bars, Random rng)
    {
        var dates = new DateOnly[bars];
        double[] o = new double[bars], h = new double[bars], l = new double[bars], c = new double[bars], v = new double[bars];
        var day = new DateOnly(2023, 1, 2);
        double price = 20 + rng.NextDouble() * 300;
        for (int i = 0; i < bars; i++)
        {
            while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) day = day.AddDays(1);
            dates[i] = day;
            day = day.AddDays(1);
            double open = price;
            double z = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
            price *= Math.Exp(0.0003 + 0.02 * z);
            o[i] = open;
            c[i] = price;
            h[i] = Math.Max(open, price) * (1 + rng.NextDouble() * 0.01);
            l[i] = Math.Min(open, price) * (1 - rng.NextDouble() * 0.01);
            v[i] = 1e5 + rng.Next(0, 10_000_000);
        }
        return new PriceSeries(symbol, dates, o, h, l, c, v);
    }
}
