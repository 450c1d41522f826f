namespace AlphaResearch.MarketData;

/// <summary>
/// Decides whether a symbol's bars are usable. The first problem found becomes the exclusion reason
/// (docs/SNAPSHOT.md lists the exact wording); a usable series is returned as a <see cref="PriceSeries"/>.
/// </summary>
internal static class PriceValidator
{
    public static (PriceSeries? Series, string? Reason) Validate(string symbol, RawPrices raw, int minBars, bool requireVolume)
    {
        var d = raw.Dates;
        for (int i = 0; i < raw.Count; i++)
        {
            if (i > 0 && d[i] == d[i - 1]) return (null, $"duplicate date {d[i]:yyyy-MM-dd} (line {raw.Lines[i]})");
            if (i > 0 && d[i] < d[i - 1]) return (null, $"dates not ascending: {d[i]:yyyy-MM-dd} after {d[i - 1]:yyyy-MM-dd} (line {raw.Lines[i]})");
            if (BadPrice(raw, i) is { } bad) return (null, bad);
            if (raw.High[i] < raw.Low[i])
            {
                return (null, $"high < low on {d[i]:yyyy-MM-dd} (line {raw.Lines[i]}: high {raw.High[i]}, low {raw.Low[i]})");
            }
            double v = raw.Volume[i];
            if (requireVolume && (double.IsNaN(v) || v < 0))
            {
                return (null, $"missing or negative volume on {d[i]:yyyy-MM-dd} (line {raw.Lines[i]})");
            }
        }
        if (raw.Count < minBars) return (null, $"too little history: {raw.Count} bars, need at least {minBars}");
        return (new PriceSeries(symbol, raw.Dates, raw.Open, raw.High, raw.Low, raw.Close, raw.Volume), null);
    }

    private static string? BadPrice(RawPrices raw, int i)
    {
        Span<(string Name, double Value)> prices =
            [("open", raw.Open[i]), ("high", raw.High[i]), ("low", raw.Low[i]), ("close", raw.Close[i])];
        foreach (var (name, value) in prices)
        {
            if (double.IsNaN(value)) return $"missing or NaN {name} on {raw.Dates[i]:yyyy-MM-dd} (line {raw.Lines[i]})";
            if (value <= 0 || double.IsInfinity(value))
            {
                return $"non-positive or infinite {name} {value} on {raw.Dates[i]:yyyy-MM-dd} (line {raw.Lines[i]})";
            }
        }
        return null;
    }
}
