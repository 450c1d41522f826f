using System.Globalization;
using AlphaResearch.MarketData;

namespace AlphaResearch.Tests.Scoring;

/// <summary>Real price fixtures and synthetic series for the scoring tests.</summary>
internal static class ScoringFixtures
{
    public static IReadOnlyList<string> RealTickers { get; } = ["AAPL", "KO", "JPM"];

    /// <summary>Reads a yfinance 3-row-header file (Date,Close,High,Low,Open,Volume).</summary>
    public static PriceSeries LoadYFinance(string ticker)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "scoring", ticker + ".csv");
        var lines = File.ReadAllLines(path);
        Assert.StartsWith("Price,Close,High,Low,Open,Volume", lines[0]);
        int n = lines.Length - 3;
        var dates = new DateOnly[n];
        double[] o = new double[n], h = new double[n], l = new double[n], c = new double[n], v = new double[n];
        for (int i = 0; i < n; i++)
        {
            var f = lines[i + 3].Split(',');
            dates[i] = DateOnly.ParseExact(f[0], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            c[i] = double.Parse(f[1], CultureInfo.InvariantCulture);
            h[i] = double.Parse(f[2], CultureInfo.InvariantCulture);
            l[i] = double.Parse(f[3], CultureInfo.InvariantCulture);
            o[i] = double.Parse(f[4], CultureInfo.InvariantCulture);
            v[i] = double.Parse(f[5], CultureInfo.InvariantCulture);
        }
        return new PriceSeries(ticker, dates, o, h, l, c, v);
    }

    /// <summary>A seeded geometric random walk with consistent OHLCV, one bar per weekday from 2023-01-02.</summary>
    public static PriceSeries RandomWalk(string symbol, int bars, int seed, double dailyVol = 0.02, double drift = 0.0003)
    {
        var rng = new Random(seed);
        var dates = new DateOnly[bars];
        double[] o = new double[bars], h = new double[bars], l = new double[bars], c = new double[bars], v = new double[bars];
        var d = new DateOnly(2023, 1, 2);
        double price = 20 + rng.NextDouble() * 200;
        for (int i = 0; i < bars; i++)
        {
            while (d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) d = d.AddDays(1);
            dates[i] = d;
            d = d.AddDays(1);
            double open = price;
            double z = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
            price *= Math.Exp(drift + dailyVol * z);
            o[i] = open;
            c[i] = price;
            h[i] = Math.Max(open, price) * (1 + rng.NextDouble() * 0.01);
            l[i] = Math.Min(open, price) * (1 - rng.NextDouble() * 0.01);
            v[i] = 1e6 + rng.Next(0, 5_000_000);
        }
        return new PriceSeries(symbol, dates, o, h, l, c, v);
    }

    /// <summary>A series with the given closes (high/low ±1 around close, volume 1000·(i+1)).</summary>
    public static PriceSeries FromCloses(string symbol, params double[] closes)
    {
        int n = closes.Length;
        var dates = new DateOnly[n];
        double[] h = new double[n], l = new double[n], v = new double[n];
        var d = new DateOnly(2024, 1, 1);
        for (int i = 0; i < n; i++)
        {
            dates[i] = d.AddDays(i);
            h[i] = closes[i] + 1;
            l[i] = closes[i] - 1;
            v[i] = 1000 * (i + 1);
        }
        return new PriceSeries(symbol, dates, (double[])closes.Clone(), h, l, (double[])closes.Clone(), v);
    }
}
