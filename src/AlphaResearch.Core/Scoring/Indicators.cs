using AlphaResearch.MarketData;

namespace AlphaResearch.Scoring;

/// <summary>
/// Technical indicators at a series' last bar (reference §4.3), in one forward pass over the bars.
/// </summary>
/// <remarks>
/// Exponential averages follow pandas <c>ewm(adjust=False)</c>: y₀ = x₀, yₜ = (1 − α)·yₜ₋₁ + α·xₜ.
/// RSI-14 is Wilder's smoothing (α = 1/14, com = 13) of gains and losses; as in pandas, the first
/// price change seeds both averages (no 14-bar SMA seed as in Wilder's book), so values converge to
/// the textbook ones after ~100 bars. Everything is computed from the first bar forward, so a value
/// at date D depends only on bars up to D: appending later bars never changes it.
/// Windows that the series is too short for yield null (MA50 &lt; 50 bars, MA200 &lt; 200, momentum-n &lt; n+1,
/// ATR-n &lt; n+1, realized vol &lt; 21, 52-week distances &lt; 252).
/// </remarks>
public static class Indicators
{
    public const int DefaultMinHistoryBars = 30;
    public const int RsiPeriod = 14;
    public const int MacdFast = 12, MacdSlow = 26, MacdSignalPeriod = 9;
    public const int AtrShort = 14, AtrLong = 20;
    public const int VolumeWindow = 20, VolWindow = 20;
    public const int YearBars = 252;
    private static readonly double AnnualisationFactor = Math.Sqrt(YearBars);

    /// <summary>Indicators at the last bar, or null when the series has fewer than <paramref name="minBars"/> bars.</summary>
    public static TechnicalIndicators? Compute(PriceSeries series, int minBars = DefaultMinHistoryBars)
    {
        int n = series.Count;
        if (n < Math.Max(minBars, 2)) return null;
        ReadOnlySpan<double> close = series.Close, high = series.High, low = series.Low, volume = series.Volume;

        const double aRsi = 1.0 / RsiPeriod;
        const double aFast = 2.0 / (MacdFast + 1), aSlow = 2.0 / (MacdSlow + 1), aSig = 2.0 / (MacdSignalPeriod + 1);

        // One pass: EMAs, MACD and its signal, Wilder averages, and true-range sums over the tail windows.
        double emaFast = close[0], emaSlow = close[0];
        double macd = 0, signal = 0, diff = 0, prevDiff = 0; // macd₀ = 0 seeds the signal EMA
        double avgGain = 0, avgLoss = 0;
        double trSumShort = 0, trSumLong = 0;
        for (int i = 1; i < n; i++)
        {
            double c = close[i], prev = close[i - 1];
            emaFast += aFast * (c - emaFast);
            emaSlow += aSlow * (c - emaSlow);
            macd = emaFast - emaSlow;
            signal += aSig * (macd - signal);
            prevDiff = diff;
            diff = macd - signal;

            double delta = c - prev;
            double gain = delta > 0 ? delta : 0, loss = delta < 0 ? -delta : 0;
            if (i == 1) { avgGain = gain; avgLoss = loss; }
            else { avgGain += aRsi * (gain - avgGain); avgLoss += aRsi * (loss - avgLoss); }

            if (i >= n - AtrLong)
            {
                double tr = Math.Max(high[i] - low[i], Math.Max(Math.Abs(high[i] - prev), Math.Abs(low[i] - prev)));
                trSumLong += tr;
                if (i >= n - AtrShort) trSumShort += tr;
            }
        }

        double price = close[n - 1];
        int cross = prevDiff < 0 && diff >= 0 ? 1 : prevDiff > 0 && diff <= 0 ? -1 : 0;
        double? ma50 = n >= 50 ? Mean(close[^50..]) : null;
        double? ma200 = n >= 200 ? Mean(close[^200..]) : null;

        double? high52 = null, low52 = null;
        if (n >= YearBars)
        {
            double hi = double.MinValue, lo = double.MaxValue;
            foreach (double c in close[^YearBars..]) { if (c > hi) hi = c; if (c < lo) lo = c; }
            high52 = hi; low52 = lo;
        }

        return new TechnicalIndicators
        {
            Date = series.LastDate,
            Price = price,
            Rsi14 = Rsi(avgGain, avgLoss),
            MacdLine = macd,
            MacdSignal = signal,
            MacdCross = cross,
            MacdAboveZero = macd > 0,
            Ma50 = ma50,
            Ma200 = ma200,
            PriceVsMa50 = ma50 is { } m50 ? (price / m50 - 1) * 100 : null,
            PriceVsMa200 = ma200 is { } m200 ? (price / m200 - 1) * 100 : null,
            Momentum5d = Momentum(close, 5),
            Momentum20d = Momentum(close, 20),
            Momentum60d = Momentum(close, 60),
            Momentum120d = Momentum(close, 120),
            AtrPct14 = n > AtrShort ? trSumShort / AtrShort / price * 100 : null,
            AtrPct20 = n > AtrLong ? trSumLong / AtrLong / price * 100 : null,
            AvgVolume20d = Mean(volume[^Math.Min(VolumeWindow, n)..]),
            RealizedVol20d = RealizedVol(close, VolWindow),
            DistFrom52wHigh = high52 is { } h ? (price / h - 1) * 100 : null,
            DistFrom52wLow = low52 is { } l ? (price / l - 1) * 100 : null,
        };
    }

    /// <summary>100 − 100/(1 + gain/loss); no losses → 100, a flat series → 50.</summary>
    internal static double Rsi(double avgGain, double avgLoss)
    {
        if (avgLoss == 0) return avgGain == 0 ? 50 : 100;
        return 100 - 100 / (1 + avgGain / avgLoss);
    }

    /// <summary>(close[−1] / close[−1−bars] − 1)·100, or null when the series is too short.</summary>
    internal static double? Momentum(ReadOnlySpan<double> close, int bars) =>
        close.Length > bars ? (close[^1] / close[^(1 + bars)] - 1) * 100 : null;

    /// <summary>Sample standard deviation (n − 1) of the last <paramref name="window"/> daily log returns, annualised, in percent.</summary>
    internal static double? RealizedVol(ReadOnlySpan<double> close, int window)
    {
        if (close.Length <= window) return null;
        var tail = close[^(window + 1)..];
        Span<double> returns = stackalloc double[window];
        double sum = 0;
        for (int i = 0; i < window; i++) { returns[i] = Math.Log(tail[i + 1] / tail[i]); sum += returns[i]; }
        double mean = sum / window, sq = 0;
        foreach (double r in returns) sq += (r - mean) * (r - mean);
        double variance = sq / (window - 1);
        return Math.Sqrt(variance) * AnnualisationFactor * 100;
    }

    private static double Mean(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (double v in values) sum += v;
        return sum / values.Length;
    }
}
