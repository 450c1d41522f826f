namespace AlphaResearch.Tests.Scoring;

/// <summary>
/// Plain, slow reference formulas over whole arrays (full EMA series, naive windows), written independently of
/// the production single-pass code. Every method returns the value at bar <c>i</c> using bars 0..i only.
/// </summary>
internal static class SlowIndicators
{
    /// <summary>pandas ewm(adjust=False) over a whole array, seeded with the first element.</summary>
    public static double[] Ema(double[] x, double alpha)
    {
        var y = new double[x.Length];
        y[0] = x[0];
        for (int t = 1; t < x.Length; t++) y[t] = alpha * x[t] + (1 - alpha) * y[t - 1];
        return y;
    }

    public static double Rsi(double[] close, int i)
    {
        // diff()[1..i], gains/losses, ewm(com=13, adjust=False) seeded with the first diff.
        var gains = new double[i];
        var losses = new double[i];
        for (int t = 1; t <= i; t++)
        {
            double d = close[t] - close[t - 1];
            gains[t - 1] = Math.Max(d, 0);
            losses[t - 1] = Math.Max(-d, 0);
        }
        double g = Ema(gains, 1.0 / 14)[^1], l = Ema(losses, 1.0 / 14)[^1];
        if (l == 0) return g == 0 ? 50 : 100;
        double rs = g / l;
        return 100 - 100 / (1 + rs);
    }

    public static (double Macd, double Signal, int Cross) Macd(double[] close, int i)
    {
        var c = close[..(i + 1)];
        var fast = Ema(c, 2.0 / 13);
        var slow = Ema(c, 2.0 / 27);
        var macd = new double[c.Length];
        for (int t = 0; t < c.Length; t++) macd[t] = fast[t] - slow[t];
        var signal = Ema(macd, 2.0 / 10);
        double now = macd[i] - signal[i], before = macd[i - 1] - signal[i - 1];
        int cross = before < 0 && now >= 0 ? 1 : before > 0 && now <= 0 ? -1 : 0;
        return (macd[i], signal[i], cross);
    }

    public static double? Sma(double[] x, int i, int window)
    {
        if (i + 1 < window) return null;
        double s = 0;
        for (int t = i - window + 1; t <= i; t++) s += x[t];
        return s / window;
    }

    public static double? Momentum(double[] close, int i, int bars) =>
        i < bars ? null : (close[i] / close[i - bars] - 1) * 100;

    public static double? AtrPct(double[] high, double[] low, double[] close, int i, int window)
    {
        if (i < window) return null;
        double s = 0;
        for (int t = i - window + 1; t <= i; t++)
        {
            double tr = new[] { high[t] - low[t], Math.Abs(high[t] - close[t - 1]), Math.Abs(low[t] - close[t - 1]) }.Max();
            s += tr;
        }
        return s / window / close[i] * 100;
    }

    public static double? RealizedVol(double[] close, int i, int window)
    {
        if (i < window) return null;
        var r = new List<double>();
        for (int t = i - window + 1; t <= i; t++) r.Add(Math.Log(close[t] / close[t - 1]));
        double mean = r.Average();
        double var = r.Sum(x => (x - mean) * (x - mean)) / (r.Count - 1);
        return Math.Sqrt(var) * Math.Sqrt(252) * 100;
    }

    public static (double? High, double? Low) DistFrom52w(double[] close, int i)
    {
        if (i + 1 < 252) return (null, null);
        var window = close[(i - 251)..(i + 1)];
        return ((close[i] / window.Max() - 1) * 100, (close[i] / window.Min() - 1) * 100);
    }
}
