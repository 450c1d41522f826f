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

    /// <summary>
    /// The first date a print is known. FRED dates a monthly print by the month it measures and a weekly claims print by
    /// the week's last day (Saturday); they are published later, so a run must not see them on their observation date.
    /// Conservative lags: CPI and core CPI mid next month (BLS: 10th–15th), unemployment on the 10th of next month (the
    /// jobs report comes out on the first or second Friday), fed funds (a monthly average) on the 4th of next month,
    /// jobless claims on the Thursday after the week. Daily series (yields, oil) are known the day they are dated.
    /// </summary>
    public static DateOnly ReleasedOn(string id, DateOnly observation) => id switch
    {
        Cpi or CoreCpi => observation.AddMonths(1).AddDays(14),
        Unemployment => observation.AddMonths(1).AddDays(9),
        FedFunds => observation.AddMonths(1).AddDays(3),
        JoblessClaims => observation.AddDays(5),
        _ => observation,
    };
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

    /// <summary>The observations published on or before <paramref name="date"/> (<see cref="MacroIds.ReleasedOn"/>): the no-look-ahead cut.</summary>
    public MacroSeries KnownOn(DateOnly date)
    {
        int n = dates.Length;
        while (n > 0 && MacroIds.ReleasedOn(Id, dates[n - 1]) > date) n--;
        return n == dates.Length ? this : new MacroSeries(Id, dates[..n], values[..n]);
    }

    /// <summary>The first date every observation of the series is known.</summary>
    public DateOnly? LastReleaseDate => dates.Length == 0 ? null : MacroIds.ReleasedOn(Id, dates[^1]);

    public MacroSeries Until(DateOnly date)
    {
        int i = Array.BinarySearch(dates, date);
        int n = (i >= 0 ? i : ~i - 1) + 1;
        return n == dates.Length ? this : new MacroSeries(Id, dates[..n], values[..n]);
    }
}
