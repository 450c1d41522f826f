using AlphaResearch.Domain;
using AlphaResearch.MarketData;
using AlphaResearch.Scoring;

namespace AlphaResearch.Tests.Scoring;

public class ScoreBoardBuilderTests
{
    private static double[] Line(int n, double start, double step) => Enumerable.Range(0, n).Select(i => start + i * step).ToArray();

    [Fact]
    public void Percentile_ranks_average_ties_like_pandas()
    {
        double[] values = [30, 10, 20, 20];
        int[] owners = [0, 1, 2, 3];
        var pr = ScoreBoardBuilder.PercentileRanks(values, owners, 5);
        Assert.Equal([100, 25, 62.5, 62.5, double.NaN], pr);
    }

    [Fact]
    public void Builds_scores_breadth_and_benchmarks_for_the_universe()
    {
        var prices = new Dictionary<string, PriceSeries>
        {
            ["UP1"] = ScoringFixtures.FromCloses("UP1", Line(60, 50, 1)),     // above MA50, advancing, best momentum
            ["UP2"] = ScoringFixtures.FromCloses("UP2", Line(60, 100, 0.5)),  // above MA50, advancing
            ["DOWN"] = ScoringFixtures.FromCloses("DOWN", Line(60, 200, -1)), // below MA50, declining
            ["YOUNG"] = ScoringFixtures.FromCloses("YOUNG", Line(40, 10, 0.1)), // no MA50 yet, advancing
            ["TINY"] = ScoringFixtures.FromCloses("TINY", Line(20, 10, 0.1)), // too short: not on the board
        };
        var constituents = new[]
        {
            TestSnapshots.Member("UP1", Sectors.InformationTechnology), TestSnapshots.Member("UP2", Sectors.Financials),
            TestSnapshots.Member("DOWN", Sectors.InformationTechnology), TestSnapshots.Member("YOUNG", Sectors.Energy),
            TestSnapshots.Member("TINY", Sectors.Energy), TestSnapshots.Member("NOPRICES", Sectors.Energy),
        };
        var benchmarks = new Dictionary<string, PriceSeries> { ["SPY"] = ScoringFixtures.FromCloses("SPY", Line(60, 400, 1)) };
        var snapshot = TestSnapshots.Snapshot(constituents, prices, benchmarks);

        var board = ScoreBoardBuilder.Build(snapshot, MarketRegime.Bull, new ScoringConfig());

        Assert.Equal(MarketRegime.Bull, board.Regime);
        Assert.Equal(snapshot.AsOfDate, board.Date);
        Assert.Equal(["DOWN", "UP1", "UP2", "YOUNG"], board.Tickers.Keys.Order());
        Assert.Equal(["SPY"], board.Benchmarks.Keys);
        // 2 of the 3 names with an MA50 are above it; none has an MA200; 3 advancers, 1 decliner.
        Assert.Equal(new MarketBreadth(66.7, 0, 3, 3, 1, 4), board.Breadth);

        // Momentum sub-score = percentile of 20-day momentum: DOWN < 0 < UP2 8.4 % < YOUNG 16.8 % < UP1 22.5 %.
        Assert.Equal(25, board.Get("DOWN")!.Score.Momentum);
        Assert.Equal(50, board.Get("UP2")!.Score.Momentum);
        Assert.Equal(75, board.Get("YOUNG")!.Score.Momentum);
        Assert.Equal(100, board.Get("UP1")!.Score.Momentum);
        // SPY is not ranked against the universe: clamp(50 + 3·mom20) with mom20 = 459/439 − 1.
        Assert.Equal(Math.Clamp(50 + 3 * (459.0 / 439 - 1) * 100, 0, 100), board.Benchmarks["SPY"].Score.Momentum, 1e-9);
        Assert.Equal(Sectors.Energy, board.TickerSectors["YOUNG"]);
    }

    [Fact]
    public void Ranking_sorts_by_technical_score_and_filters_by_sector_alias()
    {
        var constituents = new List<Constituent>();
        var prices = new Dictionary<string, PriceSeries>();
        for (int i = 0; i < 12; i++)
        {
            string t = "T" + i.ToString("00");
            constituents.Add(TestSnapshots.Member(t, i % 2 == 0 ? Sectors.InformationTechnology : Sectors.HealthCare));
            prices[t] = ScoringFixtures.RandomWalk(t, 260, 100 + i);
        }
        var board = ScoreBoardBuilder.Build(TestSnapshots.Snapshot(constituents, prices), MarketRegime.Neutral, new ScoringConfig());

        var all = board.RankByTechnicalScore();
        Assert.Equal(12, all.Count);
        Assert.Equal(Enumerable.Range(1, 12), all.Select(r => r.Rank));
        for (int i = 1; i < all.Count; i++) Assert.True(all[i - 1].Scores.Score.Composite >= all[i].Scores.Score.Composite);

        var tech = board.RankByTechnicalScore("Technology", top: 3);
        Assert.Equal(3, tech.Count);
        Assert.All(tech, r => Assert.Equal(Sectors.InformationTechnology, r.Sector));
        Assert.Equal(all.Where(r => r.Sector == Sectors.InformationTechnology).Take(3).Select(r => r.Ticker), tech.Select(r => r.Ticker));

        var ex = Assert.Throws<ArgumentException>(() => board.RankByTechnicalScore("Crypto"));
        Assert.StartsWith("unknown sector 'Crypto' — use one of: Information Technology, Health Care", ex.Message);
        Assert.Throws<ArgumentException>(() => board.RankByTechnicalScore(top: 0));
    }

    [Fact]
    public void Appending_future_bars_never_changes_a_past_dates_scores()
    {
        var constituents = new List<Constituent>();
        var full = new Dictionary<string, PriceSeries>();
        var past = new Dictionary<string, PriceSeries>();
        for (int i = 0; i < 30; i++)
        {
            string t = "S" + i;
            constituents.Add(TestSnapshots.Member(t, Sectors.All[i % Sectors.All.Count]));
            var s = ScoringFixtures.RandomWalk(t, 300, 7 * i);
            full[t] = s;
            past[t] = IndicatorTests.Copy(s, 240);
        }
        var cut = full["S0"].Dates[239];
        var spyFull = ScoringFixtures.RandomWalk("SPY", 300, 999);
        var fromPast = ScoreBoardBuilder.Build(
            TestSnapshots.Snapshot(constituents, past, new Dictionary<string, PriceSeries> { ["SPY"] = IndicatorTests.Copy(spyFull, 240) }),
            MarketRegime.Neutral, new ScoringConfig());
        var fromFullCut = ScoreBoardBuilder.Build(
            TestSnapshots.Snapshot(constituents, full, new Dictionary<string, PriceSeries> { ["SPY"] = spyFull }).AsOf(cut),
            MarketRegime.Neutral, new ScoringConfig());

        Assert.Equal(cut, fromFullCut.Date);
        Assert.Equal(fromPast.Breadth, fromFullCut.Breadth);
        foreach (var (t, scores) in fromPast.Tickers) Assert.Equal(scores, fromFullCut.Tickers[t]);
        Assert.Equal(fromPast.Benchmarks["SPY"], fromFullCut.Benchmarks["SPY"]);
    }
}
