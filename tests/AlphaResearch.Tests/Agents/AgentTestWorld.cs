using AlphaResearch.Agents;
using AlphaResearch.Domain;
using AlphaResearch.Engine;
using AlphaResearch.MarketData;
using AlphaResearch.Scoring;

namespace AlphaResearch.Tests.Agents;

/// <summary>A small hand-built market (8 names, SPY, XLK, XLV, XLF, VIX, macro series) for agent tests.</summary>
internal static class AgentTestWorld
{
    public static readonly DateOnly RunDate = new(2026, 3, 6);
    public static PromptLibrary Prompts { get; } = PromptLibrary.LoadEmbedded();

    public static readonly Constituent[] Constituents =
    [
        new("AAPL", "Apple Inc.", Sectors.InformationTechnology, "Technology Hardware", IndexMembership.Sp500),
        new("MSFT", "Microsoft Corporation", Sectors.InformationTechnology, "Systems Software", IndexMembership.Sp500),
        new("NVDA", "NVIDIA Corporation", Sectors.InformationTechnology, "Semiconductors", IndexMembership.Sp500),
        new("ORCL", "Oracle Corporation", Sectors.InformationTechnology, "Application Software", IndexMembership.Sp500),
        new("ADBE", "Adobe Inc.", Sectors.InformationTechnology, "Application Software", IndexMembership.Sp500),
        new("CRM", "Salesforce, Inc.", Sectors.InformationTechnology, "Application Software", IndexMembership.Sp500),
        new("JNJ", "Johnson & Johnson", Sectors.HealthCare, "Pharmaceuticals", IndexMembership.Sp500),
        new("JPM", "JPMorgan Chase & Co.", Sectors.Financials, "Diversified Banks", IndexMembership.Sp500),
    ];

    /// <summary>Technical composite per ticker (drives peer ranking and addition quant scores).</summary>
    public static readonly Dictionary<string, double> TechScores = new()
    {
        ["AAPL"] = 71, ["MSFT"] = 66, ["NVDA"] = 80, ["ORCL"] = 55, ["ADBE"] = 48, ["CRM"] = 62, ["JNJ"] = 50, ["JPM"] = 58,
    };

    /// <summary>20-day volume per ticker (liquidity order: NVDA, AAPL, MSFT, ORCL, CRM, ADBE).</summary>
    public static readonly Dictionary<string, double> Volumes = new()
    {
        ["AAPL"] = 50e6, ["MSFT"] = 30e6, ["NVDA"] = 90e6, ["ORCL"] = 10e6, ["ADBE"] = 3e6, ["CRM"] = 6e6, ["JNJ"] = 8e6, ["JPM"] = 12e6,
    };

    public static DateOnly[] Weekdays(int n, DateOnly end)
    {
        var list = new List<DateOnly>();
        for (var d = end; list.Count < n; d = d.AddDays(-1))
        {
            if (d.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday) list.Add(d);
        }
        list.Reverse();
        return list.ToArray();
    }

    /// <summary>close(i) for i = 0..n-1; high/low = close ± 1 so every true range is 2 (ATR14 = 2 on a flat series).</summary>
    public static PriceSeries Series(string symbol, Func<int, double> close, double volume, int n = 130)
    {
        var dates = Weekdays(n, RunDate);
        var c = Enumerable.Range(0, n).Select(close).ToArray();
        return new PriceSeries(symbol, dates, c.ToArray(), c.Select(x => x + 1).ToArray(), c.Select(x => x - 1).ToArray(), c, Enumerable.Repeat(volume, n).ToArray());
    }

    public static MarketSnapshot Snapshot(
        IReadOnlyList<Headline>? headlines = null,
        IReadOnlyDictionary<string, IReadOnlyList<Filing>>? filings = null,
        IReadOnlyDictionary<string, PriceSeries>? priceOverrides = null)
    {
        var prices = Constituents.ToDictionary(c => c.Ticker, c => Series(c.Ticker, i => 100 + 0.1 * i, Volumes[c.Ticker]));
        foreach (var (k, v) in priceOverrides ?? new Dictionary<string, PriceSeries>()) prices[k] = v;
        var benchmarks = new Dictionary<string, PriceSeries>
        {
            ["SPY"] = Series("SPY", i => 500 + i, 80e6),
            ["XLK"] = Series("XLK", i => 200 + 0.2 * i, 10e6),
            ["XLV"] = Series("XLV", _ => 150, 5e6),
            ["XLF"] = Series("XLF", _ => 40, 5e6),
            ["VIX"] = Series("VIX", _ => 17.5, 0),
        };
        var macroDates = Enumerable.Range(0, 16).Select(i => new DateOnly(2025, 1, 1).AddMonths(i)).ToArray();
        var macro = new Dictionary<string, MacroSeries>
        {
            [MacroIds.Treasury10y] = new(MacroIds.Treasury10y, [RunDate.AddDays(-1)], [4.25]),
            [MacroIds.Treasury2y] = new(MacroIds.Treasury2y, [RunDate.AddDays(-1)], [3.90]),
            [MacroIds.Cpi] = new(MacroIds.Cpi, macroDates, macroDates.Select((_, i) => 300.0 + 0.75 * i).ToArray()),
        };
        return new MarketSnapshot
        {
            Source = "test",
            Fingerprint = "test",
            Constituents = Constituents,
            Prices = prices,
            Benchmarks = benchmarks,
            Macro = macro,
            Fundamentals = new Dictionary<string, Fundamentals>
            {
                ["AAPL"] = new("AAPL", 112.9, 31.5, 0.45, 6.1, 90, 130, 3.4e12, 1.3e11, 8.9, 45.2),
            },
            Headlines = headlines ?? [],
            Filings = filings ?? new Dictionary<string, IReadOnlyList<Filing>>(),
            AsOfDate = RunDate,
        };
    }

    public static ScoreBoard Scores(MarketSnapshot snap)
    {
        TickerScores Make(string t, PriceSeries s, double score) => new(t,
            new TechnicalIndicators
            {
                Date = RunDate, Price = s.LastClose, Rsi14 = 58.25, MacdCross = 1, MacdAboveZero = true,
                PriceVsMa50 = 2.5, PriceVsMa200 = 8.75, Momentum20d = 2.0, AtrPct14 = 1.8, AvgVolume20d = MarketDataAvg(s),
            },
            new TechnicalScore(60, 60, 60, 60, 60, score));
        return new ScoreBoard
        {
            Date = RunDate,
            Regime = MarketRegime.Neutral,
            Tickers = snap.Prices.ToDictionary(kv => kv.Key, kv => Make(kv.Key, kv.Value, TechScores.GetValueOrDefault(kv.Key, 50))),
            Benchmarks = new Dictionary<string, TickerScores>(),
            Breadth = new MarketBreadth(61.5, 55.5, 1.4, 280, 200, 480),
        };
    }

    private static double MarketDataAvg(PriceSeries s) => AlphaResearch.Agents.Tools.MarketMath.AvgVolume(s);

    public static ResearchContext Context(MarketSnapshot? snap = null, PriorState? prior = null)
    {
        snap ??= Snapshot();
        return new ResearchContext { RunDate = RunDate, Snapshot = snap, Scores = Scores(snap), Prior = prior ?? PriorState.Empty };
    }

    public static MacroReport Macro(MarketRegime regime = MarketRegime.Neutral, SectorRating tech = SectorRating.MarketWeight) => new()
    {
        MarketRegime = regime,
        Sectors = Sectors.All.ToDictionary(s => s, s => new SectorView(s == Sectors.InformationTechnology ? tech : SectorRating.MarketWeight, 1.0, "r")),
        KeyTheme = "rates plateau",
    };

    public static Thesis PriorThesis(string ticker, string sector = Sectors.InformationTechnology) => new()
    {
        Ticker = ticker, Sector = sector, TeamId = Sectors.TeamOf(sector), FinalScore = 72.4, QuantScore = 70, QualScore = 68,
        Rating = Rating.Buy, Conviction = 60, BullCase = "old bull", BearCase = "old bear", ThesisSummary = "old summary",
        Catalysts = ["old catalyst"], Risks = ["old risk"], LastUpdated = "2026-02-27", StaleDays = 7,
    };

    public static PopulationEntry Held(string ticker, string sector = Sectors.InformationTechnology) =>
        new() { Ticker = ticker, Sector = sector, EntryDate = "2026-01-02" };
}
