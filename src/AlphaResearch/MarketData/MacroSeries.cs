namespace AlphaResearch.MarketData;

/// <summary>Well-known macro series ids (FRED names) in a snapshot's macro/ folder.</summary>
public static class MacroIds
{
    public const string Treasury10y = "DGS10";
    public const string Treasury2y = "DGS2";
    public const string FedFunds = "FEDFUNDS";
    public const string Cpi = "CPIAUCSL";
    public const string CoreCpi = "CPILFESL";
    public const string Unemployment = "UNRATE";
    public const string JoblessClaims = "ICSA";
    public const string OilWti = "DCOILWTICO";

    public static IReadOnlyList<string> Required { get; } =
        [Treasury10y, Treasury2y, FedFunds, Cpi, CoreCpi, Unemployment, JoblessClaims, OilWti];
}

/// <summary>A dated macro observation series (ascending dates).</summary>
public sealed class MacroSeries(string id, DateOnly[] dates, double[] values)
{
    public string Id { get; } = id;
    public IReadOnlyList<DateOnly> Dates { get; } = dates;
    public IReadOnlyList<double> Values { get; } = values;

    /// <summary>The latest observation dated on or before <paramref name="date"/>, or null.</summary>
    public (DateOnly Date, double Value)? LatestOnOrBefore(DateOnly date)
    {
        int i = Array.BinarySearch(dates, date);
        i = i >= 0 ? i : ~i - 1;
        return i < 0 ? null : (dates[i], values[i]);
    }

    public MacroSeries Until(DateOnly date)
    {
        int i = Array.BinarySearch(dates, date);
        int n = (i >= 0 ? i : ~i - 1) + 1;
        return n == dates.Length ? this : new MacroSeries(Id, dates[..n], values[..n]);
    }
}
