using AlphaResearch.Evaluation;
using static AlphaResearch.Tests.Evaluation.InformationCoefficientTests;

namespace AlphaResearch.Tests.Evaluation;

public sealed class HorizonMetricsTests
{
    private static readonly DateOnly D1 = new(2024, 6, 3), D2 = new(2024, 6, 10);

    private static readonly SignalOutcome[] Outcomes =
    [
        Outcome(D1, "A", 70, 0.03), Outcome(D1, "B", 60, -0.01, signal: "HOLD", rating: "HOLD", conviction: "declining"),
        Outcome(D1, "C", 50, 0.01, team: "health"), Outcome(D2, "A", 72, -0.02), Outcome(D2, "D", 40, 0.05, signal: "HOLD", rating: "HOLD"),
    ];

    [Fact]
    public void Count_hit_rate_mean_and_median_of_alpha()
    {
        var m = HorizonMetrics.Of(5, Outcomes);
        Assert.Equal(5, m.Count);
        Assert.Equal(0.6, m.HitRate!.Value, 12);
        Assert.Equal(0.012, m.MeanAlpha!.Value, 12);
        Assert.Equal(0.01, m.MedianAlpha!.Value, 12);
        Assert.True(m.MeanAlphaLow <= m.MeanAlpha && m.MeanAlpha <= m.MeanAlphaHigh);
        Assert.Equal(m.MeanAlphaLow, HorizonMetrics.Of(5, Outcomes).MeanAlphaLow); // fixed seed: reproducible
    }

    [Fact]
    public void Slices_by_rating_team_and_conviction()
    {
        var m = HorizonMetrics.Of(5, Outcomes);
        Assert.Equal(3, m.ByRating["BUY"].Count);
        Assert.Equal(0.02 / 3, m.ByRating["BUY"].MeanAlpha, 12);
        Assert.Equal(0.5, m.ByRating["HOLD"].HitRate, 12);
        Assert.Equal(1, m.ByTeam["health"].Count);
        Assert.Equal(-0.01, m.ByConviction["declining"].MeanAlpha, 12);
    }

    [Fact]
    public void The_enter_book_compounds_equal_weight_returns_per_date()
    {
        var book = HorizonMetrics.Of(5, Outcomes).EnterBook;
        Assert.Equal([D1, D2], book.Select(p => p.RunDate));
        // D1 ENTERs: A (+0.03 alpha) and C (+0.01), spy 0.01 → book 0.03; D2: A −0.02 → book −0.01.
        Assert.Equal(0.03, book[0].BookReturn, 12);
        Assert.Equal(1.03 * 0.99 - 1, book[1].CumulativeBook, 12);
        Assert.Equal(1.01 * 1.01 - 1, book[1].CumulativeSpy, 12);
        Assert.Equal(1.03 * 0.99 - 1.01 * 1.01, book[1].CumulativeAlpha, 12);
    }

    [Fact]
    public void Bootstrap_interval_brackets_the_mean_and_narrows_with_more_data()
    {
        var rng = new Random(1);
        var small = Enumerable.Range(0, 20).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var large = Enumerable.Range(0, 2000).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var s = Bootstrap.MeanInterval(small)!.Value;
        var l = Bootstrap.MeanInterval(large)!.Value;
        Assert.InRange(small.Average(), s.Low, s.High);
        Assert.InRange(large.Average(), l.Low, l.High);
        Assert.True(l.High - l.Low < (s.High - s.Low) / 4);
        Assert.Null(Bootstrap.MeanInterval([1.0]));
    }

    [Fact]
    public void Baseline_takes_the_top_n_per_team_by_technical_score()
    {
        ScannedName N(string t, string team, double s) => new(D1, t, "X", team, s);
        var picks = TechnicalBaseline.Select([N("A", "tech", 50), N("B", "tech", 80), N("C", "tech", 70), N("D", "health", 10), N("E", null!, 99)], 2);
        Assert.Equal(["D", "B", "C"], picks.Select(p => p.Ticker));
        Assert.All(picks, p => Assert.Equal("ENTER", p.Signal));
    }
}
