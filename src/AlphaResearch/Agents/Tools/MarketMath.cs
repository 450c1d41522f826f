using AlphaResearch.MarketData;

namespace AlphaResearch.Agents.Tools;

/// <summary>Small price-series calculations the tools and triggers share.</summary>
public static class MarketMath
{
    /// <summary>Percent return over the last <paramref name="days"/> sessions; null without enough bars.</summary>
    public static double? ReturnPct(PriceSeries s, int days)
    {
        if (s.Count <= days) return null;
        var c = s.Close;
        double from = c[s.Count - 1 - days];
        return from <= 0 ? null : Math.Round((c[s.Count - 1] / from - 1) * 100, 2);
    }

    /// <summary>Simple mean of the last 14 true ranges (absolute, price units); null with fewer than 15 bars.</summary>
    public static double? Atr(PriceSeries s, int period = 14)
    {
        if (s.Count < period + 1) return null;
        var h = s.High; var l = s.Low; var c = s.Close;
        double sum = 0;
        for (int i = s.Count - period; i < s.Count; i++)
        {
            double prev = c[i - 1];
            sum += Math.Max(h[i] - l[i], Math.Max(Math.Abs(h[i] - prev), Math.Abs(l[i] - prev)));
        }
        return sum / period;
    }

    /// <summary>Mean daily volume over the last <paramref name="days"/> sessions (fewer when the series is short).</summary>
    public static double AvgVolume(PriceSeries s, int days = 20)
    {
        if (s.Count == 0) return 0;
        int n = Math.Min(days, s.Count);
        double sum = 0;
        var v = s.Volume;
        for (int i = s.Count - n; i < s.Count; i++) sum += v[i];
        return sum / n;
    }

    public static double? R2(double? v) => v is null ? null : Math.Round(v.Value, 2);
}
