using AlphaResearch.Evaluation;

namespace AlphaResearch.Tests.Evaluation;

public sealed class ForwardReturnsTests
{
    private static readonly DateOnly June3 = new(2024, 6, 3);

    // Closes read from samples/sp500-mit (prices/AAPL.csv, benchmarks/SPY.csv, benchmarks/XLK.csv):
    //   2024-06-03 AAPL 193.59268188476562  SPY 516.6672973632812  XLK 104.15142822265625
    //   +5  2024-06-10 AAPL 192.68472290039062  SPY 524.361572265625  XLK 106.85049438476562
    //   +10 2024-06-17 AAPL 216.18165588378906  SPY 535.5601806640625 XLK 114.25068664550781
    //   +21 2024-07-03 AAPL 221.0506591796875   SPY 541.56982421875   XLK 114.97107696533203
    // Expected values worked out from those closes by hand (return = c[t+h]/c[t] − 1 etc.).
    [Theory]
    [InlineData(5, "2024-06-10", -0.0046900481, 0.0148921268, -0.0195821749, -0.0194834087, -0.0306048743)]
    [InlineData(10, "2024-06-17", 0.1166829953, 0.0365668263, 0.0801161691, 0.0744485559, 0.0197159293)]
    [InlineData(21, "2024-07-03", 0.1418337565, 0.0481983802, 0.0936353762, 0.0855626663, 0.0379499315)]
    public void Aapl_from_june_3_2024_matches_the_hand_computed_window(int days, string end, double ret, double spy, double alpha, double logAlpha, double excess)
    {
        var w = ForwardReturns.Compute(SampleBars.Snapshot, "AAPL", "Information Technology", June3, days);

        Assert.NotNull(w);
        Assert.Equal(DateOnly.Parse(end), w.EndDate);
        Assert.Equal(193.59268188476562, w.StartClose, 8);
        Assert.Equal(ret, w.Return, 8);
        Assert.Equal(spy, w.SpyReturn, 8);
        Assert.Equal(alpha, w.Alpha, 8);
        Assert.Equal(logAlpha, w.LogAlpha, 8);
        Assert.Equal("XLK", w.SectorEtf);
        Assert.Equal(excess, w.SectorExcess!.Value, 8);
    }

    [Fact]
    public void A_window_that_ends_after_the_bars_does_not_exist()
    {
        var cut = SampleBars.Snapshot.AsOf(new DateOnly(2024, 6, 14)); // one session before June 17
        Assert.NotNull(ForwardReturns.Compute(cut, "AAPL", "Information Technology", June3, 5));
        Assert.Null(ForwardReturns.Compute(cut, "AAPL", "Information Technology", June3, 10));
    }

    [Fact]
    public void A_run_date_that_is_no_session_or_an_unknown_ticker_has_no_window()
    {
        Assert.Null(ForwardReturns.Compute(SampleBars.Snapshot, "AAPL", null, new DateOnly(2024, 6, 1), 5)); // a Saturday
        Assert.Null(ForwardReturns.Compute(SampleBars.Snapshot, "NOPE", null, June3, 5));
        var w = ForwardReturns.Compute(SampleBars.Snapshot, "AAPL", "Not A Sector", June3, 5);
        Assert.Null(w!.SectorExcess);
    }

    [Fact]
    public void Appending_later_bars_only_adds_windows_never_changes_one()
    {
        var snapshot = SampleBars.Snapshot;
        var tickers = snapshot.Constituents.Take(40).ToArray();
        var runDates = new[] { new DateOnly(2024, 9, 3), new DateOnly(2024, 10, 1), new DateOnly(2024, 11, 1) };
        var early = snapshot.AsOf(new DateOnly(2024, 11, 15));
        var late = snapshot.AsOf(new DateOnly(2024, 12, 20));
        int added = 0, kept = 0;
        foreach (var c in tickers)
        foreach (var d in runDates)
        foreach (var h in ForwardReturns.DefaultHorizons)
        {
            var before = ForwardReturns.Compute(early, c.Ticker, c.Sector, d, h);
            var after = ForwardReturns.Compute(late, c.Ticker, c.Sector, d, h);
            if (before is not null) { Assert.Equal(before, after); kept++; }
            else if (after is not null) { Assert.True(after.EndDate > early.AsOfDate); added++; }
            if (after is not null) Assert.True(after.EndDate <= late.AsOfDate);
        }
        Assert.True(kept > 0 && added > 0, $"kept {kept}, added {added}");
    }
}
