using AlphaResearch.MarketData;
using AlphaResearch.Scoring;

namespace AlphaResearch.Tests.Scoring;

public class IndicatorTests
{
    private const double Tol = 1e-9;

    private static void Near(double? expected, double? actual, string what)
    {
        if (expected is null) { Assert.True(actual is null, $"{what}: expected null, got {actual}"); return; }
        Assert.True(actual is not null, $"{what}: expected {expected}, got null");
        double scale = Math.Max(1, Math.Abs(expected.Value));
        Assert.True(Math.Abs(expected.Value - actual!.Value) <= Tol * scale, $"{what}: expected {expected:R}, got {actual:R}");
    }

    public static TheoryData<string> Tickers => new(ScoringFixtures.RealTickers);

    [Theory]
    [MemberData(nameof(Tickers))]
    public void Matches_slow_reference_formulas_on_real_prices_at_every_date(string ticker)
    {
        var series = ScoringFixtures.LoadYFinance(ticker);
        Assert.Equal(258, series.Count);
        double[] close = series.Close.ToArray(), high = series.High.ToArray(), low = series.Low.ToArray(), vol = series.Volume.ToArray();

        for (int i = 29; i < series.Count; i++)
        {
            var date = series.Dates[i];
            var ind = Indicators.Compute(series.Until(date));
            Assert.NotNull(ind);
            string at = $"{ticker} {date}";
            Assert.Equal(date, ind.Date);
            Assert.Equal(close[i], ind.Price);
            Near(SlowIndicators.Rsi(close, i), ind.Rsi14, $"{at} rsi");
            var (macd, signal, cross) = SlowIndicators.Macd(close, i);
            Near(macd, ind.MacdLine, $"{at} macd");
            Near(signal, ind.MacdSignal, $"{at} signal");
            Assert.Equal(cross, ind.MacdCross);
            Assert.Equal(macd > 0, ind.MacdAboveZero);
            var ma50 = SlowIndicators.Sma(close, i, 50);
            var ma200 = SlowIndicators.Sma(close, i, 200);
            Near(ma50, ind.Ma50, $"{at} ma50");
            Near(ma200, ind.Ma200, $"{at} ma200");
            Near(ma50 is { } m50 ? (close[i] / m50 - 1) * 100 : null, ind.PriceVsMa50, $"{at} pvma50");
            Near(ma200 is { } m200 ? (close[i] / m200 - 1) * 100 : null, ind.PriceVsMa200, $"{at} pvma200");
            Near(SlowIndicators.Momentum(close, i, 5), ind.Momentum5d, $"{at} mom5");
            Near(SlowIndicators.Momentum(close, i, 20), ind.Momentum20d, $"{at} mom20");
            Near(SlowIndicators.Momentum(close, i, 60), ind.Momentum60d, $"{at} mom60");
            Near(SlowIndicators.Momentum(close, i, 120), ind.Momentum120d, $"{at} mom120");
            Near(SlowIndicators.AtrPct(high, low, close, i, 14), ind.AtrPct14, $"{at} atr14");
            Near(SlowIndicators.AtrPct(high, low, close, i, 20), ind.AtrPct20, $"{at} atr20");
            Near(SlowIndicators.Sma(vol, i, 20), ind.AvgVolume20d, $"{at} avgvol");
            Near(SlowIndicators.RealizedVol(close, i, 20), ind.RealizedVol20d, $"{at} rvol");
            var (dh, dl) = SlowIndicators.DistFrom52w(close, i);
            Near(dh, ind.DistFrom52wHigh, $"{at} dist52h");
            Near(dl, ind.DistFrom52wLow, $"{at} dist52l");
        }
    }

    [Fact]
    public void Real_prices_give_the_expected_windows_at_the_last_bar()
    {
        var aapl = Indicators.Compute(ScoringFixtures.LoadYFinance("AAPL"))!;
        Assert.Equal(new DateOnly(2025, 1, 10), aapl.Date);
        Assert.Equal(236.85000610351562, aapl.Price, 1e-9);
        // 258 bars: every window is available, including the 252-bar 52-week range.
        Assert.NotNull(aapl.Ma200);
        Assert.NotNull(aapl.Momentum120d);
        Assert.NotNull(aapl.DistFrom52wHigh);
        Assert.True(aapl.DistFrom52wHigh <= 0);
        Assert.True(aapl.DistFrom52wLow >= 0);
    }

    [Fact]
    public void Fewer_than_thirty_bars_gives_null_and_thirty_gives_only_short_windows()
    {
        var closes = Enumerable.Range(1, 30).Select(i => (double)i).ToArray();
        Assert.Null(Indicators.Compute(ScoringFixtures.FromCloses("X", closes[..29])));

        var ind = Indicators.Compute(ScoringFixtures.FromCloses("X", closes))!;
        Assert.Null(ind.Ma50);
        Assert.Null(ind.Ma200);
        Assert.Null(ind.PriceVsMa50);
        Assert.Null(ind.Momentum60d);
        Assert.Null(ind.Momentum120d);
        Assert.Null(ind.DistFrom52wHigh);
        Assert.NotNull(ind.Momentum20d);
        Assert.NotNull(ind.AtrPct20);
        Assert.NotNull(ind.RealizedVol20d);
    }

    [Fact]
    public void Hand_checked_values_on_simple_series()
    {
        // Closes 1..30: only gains → RSI 100; momentum 5 d = 30/25 − 1; average volume of bars 11..30 = 1000·20.5.
        var rising = Indicators.Compute(ScoringFixtures.FromCloses("UP", Enumerable.Range(1, 30).Select(i => (double)i).ToArray()))!;
        Assert.Equal(100, rising.Rsi14);
        Assert.Equal(20, rising.Momentum5d!.Value, 1e-12);
        Assert.Equal(20500, rising.AvgVolume20d, 1e-9);
        Assert.True(rising.MacdAboveZero);

        // Flat at 10 with high/low ±1: RSI 50 (no moves), true range 2 → ATR% = 2/10·100 = 20, volatility 0.
        var flat = Indicators.Compute(ScoringFixtures.FromCloses("FLAT", Enumerable.Repeat(10.0, 40).ToArray()))!;
        Assert.Equal(50, flat.Rsi14);
        Assert.Equal(20, flat.AtrPct14!.Value, 1e-12);
        Assert.Equal(20, flat.AtrPct20!.Value, 1e-12);
        Assert.Equal(0, flat.RealizedVol20d!.Value, 1e-12);
        Assert.Equal(0, flat.MacdCross);
        Assert.False(flat.MacdAboveZero);

        // Alternating 100/110: returns ±ln 1.1, ten of each in the 20-day window → mean 0,
        // sample variance 20·ln²1.1/19 → vol = ln 1.1·√(20/19)·√252·100.
        var zigzag = Enumerable.Range(0, 41).Select(i => i % 2 == 0 ? 100.0 : 110.0).ToArray();
        var z = Indicators.Compute(ScoringFixtures.FromCloses("ZZ", zigzag))!;
        Assert.Equal(Math.Log(1.1) * Math.Sqrt(20.0 / 19) * Math.Sqrt(252) * 100, z.RealizedVol20d!.Value, 1e-9);
    }

    [Fact]
    public void Macd_cross_is_detected_on_the_last_bar_only()
    {
        // A long decline then a sharp rally: the MACD line crosses its signal upward on one bar.
        var closes = Enumerable.Range(0, 60).Select(i => 100.0 - i * 0.5).Concat(Enumerable.Range(1, 10).Select(i => 70.5 + i * 3.0)).ToArray();
        var series = ScoringFixtures.FromCloses("X", closes);
        int crossings = 0;
        for (int i = 30; i < series.Count; i++)
        {
            var ind = Indicators.Compute(series.Until(series.Dates[i]))!;
            var (_, _, expected) = SlowIndicators.Macd(closes, i);
            Assert.Equal(expected, ind.MacdCross);
            if (ind.MacdCross == 1) crossings++;
        }
        Assert.Equal(1, crossings);
    }

    [Fact]
    public void Rsi_stays_within_0_and_100_on_random_walks()
    {
        for (int seed = 0; seed < 200; seed++)
        {
            var s = ScoringFixtures.RandomWalk("R" + seed, 60 + seed, seed, dailyVol: 0.005 + seed % 7 * 0.01);
            for (int i = 29; i < s.Count; i += 7)
            {
                var ind = Indicators.Compute(s.Until(s.Dates[i]))!;
                Assert.InRange(ind.Rsi14, 0, 100);
            }
        }
    }

    [Fact]
    public void Appending_future_bars_never_changes_a_past_dates_indicators()
    {
        for (int seed = 0; seed < 40; seed++)
        {
            var full = ScoringFixtures.RandomWalk("R", 320, seed);
            foreach (int cut in new[] { 29, 49, 120, 199, 251, 300 })
            {
                var past = Copy(full, cut + 1); // a series that never had the later bars
                var expected = Indicators.Compute(past);
                var viaCut = Indicators.Compute(full.Until(full.Dates[cut]));
                Assert.Equal(expected, viaCut);
            }
        }
    }

    internal static PriceSeries Copy(PriceSeries s, int bars) => new(s.Symbol, s.Dates[..bars].ToArray(), s.Open[..bars].ToArray(),
        s.High[..bars].ToArray(), s.Low[..bars].ToArray(), s.Close[..bars].ToArray(), s.Volume[..bars].ToArray());
}
