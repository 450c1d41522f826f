namespace AlphaResearch.MarketData;

/// <summary>
/// Fundamentals derived from a company's XBRL facts as known on a date: trailing-twelve-month revenue and EPS
/// with their year-over-year growth, TTM margins, leverage from the latest balance sheet, share-count change,
/// and the last eight quarters as a trend. Every input was filed on or before <see cref="AsOf"/>.
/// </summary>
public sealed record XbrlFundamentals
{
    public required string Ticker { get; init; }
    public required DateOnly AsOf { get; init; }
    public DateOnly? LatestPeriodEnd { get; init; }
    public DateOnly? LatestFiled { get; init; }
    public string? LatestForm { get; init; }
    public double? RevenueTtm { get; init; }
    public double? RevenueTtmYoyPct { get; init; }
    public double? RevenueLatestQuarter { get; init; }
    public double? RevenueQuarterYoyPct { get; init; }
    public double? EpsTtm { get; init; }
    public double? EpsTtmYoyPct { get; init; }
    public double? GrossMarginPct { get; init; }
    public double? OperatingMarginPct { get; init; }
    public double? NetMarginPct { get; init; }
    public double? LiabilitiesToEquity { get; init; }
    public double? DebtToEquity { get; init; }
    public double? SharesOutstanding { get; init; }
    public double? SharesChangeYoyPct { get; init; }
    public IReadOnlyList<QuarterTrend> Trend { get; init; } = [];

    /// <summary>Derives from <paramref name="facts"/> cut to <paramref name="asOf"/> (facts filed later are ignored).</summary>
    public static XbrlFundamentals Derive(CompanyFacts facts, DateOnly asOf)
    {
        var known = facts.KnownOn(asOf);
        var revenue = XbrlQuarters.Of(known, XbrlConcepts.Revenue, "USD");
        var eps = XbrlQuarters.Of(known, XbrlConcepts.EpsDiluted, "USD/shares");
        var gross = XbrlQuarters.Of(known, XbrlConcepts.GrossProfit, "USD");
        var operating = XbrlQuarters.Of(known, XbrlConcepts.OperatingIncome, "USD");
        var net = XbrlQuarters.Of(known, XbrlConcepts.NetIncome, "USD");

        int last = revenue.Count - 1;
        double? revTtm = XbrlQuarters.TrailingFour(revenue, last);
        int yearAgo = XbrlQuarters.YearBefore(revenue, last);
        double? revTtmPrior = yearAgo >= 0 ? XbrlQuarters.TrailingFour(revenue, yearAgo) : null;
        var (epsTtm, epsTtmPrior) = TtmPair(eps);

        double? Margin(IReadOnlyList<QuarterValue> line) =>
            last >= 0 && Ttm(line, revenue[last].End) is double v && revTtm is double r && r != 0 ? Round(100 * v / r) : null;

        var liabilities = LatestInstant(known, XbrlConcepts.Liabilities, "USD");
        var equity = LatestInstant(known, XbrlConcepts.Equity, "USD");
        var debt = LatestInstant(known, XbrlConcepts.LongTermDebt, "USD");
        var shares = LatestInstant(known, XbrlConcepts.SharesOutstanding, "shares");
        var sharesYearAgo = shares is null ? null : InstantNear(known, XbrlConcepts.SharesOutstanding, "shares", shares.End.AddYears(-1));

        var latestFiling = known.Facts.Count == 0 ? null : known.Facts.MaxBy(f => f.Filed);
        return new XbrlFundamentals
        {
            Ticker = facts.Ticker,
            AsOf = asOf,
            LatestPeriodEnd = last >= 0 ? revenue[last].End : null,
            LatestFiled = latestFiling?.Filed,
            LatestForm = latestFiling?.Form,
            RevenueTtm = revTtm,
            RevenueTtmYoyPct = Growth(revTtm, revTtmPrior),
            RevenueLatestQuarter = last >= 0 ? revenue[last].Value : null,
            RevenueQuarterYoyPct = last >= 0 && yearAgo >= 0 ? Growth(revenue[last].Value, revenue[yearAgo].Value) : null,
            EpsTtm = epsTtm is double e ? Round(e) : null,
            EpsTtmYoyPct = Growth(epsTtm, epsTtmPrior),
            GrossMarginPct = Margin(gross),
            OperatingMarginPct = Margin(operating),
            NetMarginPct = Margin(net),
            LiabilitiesToEquity = Ratio(liabilities?.Value, equity?.Value),
            DebtToEquity = Ratio(debt?.Value, equity?.Value),
            SharesOutstanding = shares?.Value,
            SharesChangeYoyPct = SplitSafeGrowth(shares?.Value, sharesYearAgo?.Value),
            Trend = [.. revenue.TakeLast(8).Select(q => new QuarterTrend(q.End, q.Value, ValueAt(eps, q.End), q.Derived))],
        };
    }

    private static (double? Now, double? Prior) TtmPair(IReadOnlyList<QuarterValue> q)
    {
        int last = q.Count - 1;
        int prior = XbrlQuarters.YearBefore(q, last);
        return (XbrlQuarters.TrailingFour(q, last), prior >= 0 ? XbrlQuarters.TrailingFour(q, prior) : null);
    }

    private static double? Ttm(IReadOnlyList<QuarterValue> q, DateOnly end)
    {
        for (int i = q.Count - 1; i >= 0; i--) if (q[i].End == end) return XbrlQuarters.TrailingFour(q, i);
        return null;
    }

    private static double? ValueAt(IReadOnlyList<QuarterValue> q, DateOnly end) => q.LastOrDefault(x => x.End == end)?.Value;

    private static XbrlFact? LatestInstant(CompanyFacts known, string[] concepts, string unit)
    {
        foreach (var c in concepts)
        {
            var best = known.Facts.Where(f => f.Start is null && f.Concept == c && f.Unit == unit)
                .OrderBy(f => f.End).ThenBy(f => f.Filed).LastOrDefault();
            if (best is not null) return best;
        }
        return null;
    }

    private static XbrlFact? InstantNear(CompanyFacts known, string[] concepts, string unit, DateOnly target) =>
        known.Facts.Where(f => f.Start is null && concepts.Contains(f.Concept) && f.Unit == unit && Math.Abs(f.End.DayNumber - target.DayNumber) <= 45)
            .OrderBy(f => Math.Abs(f.End.DayNumber - target.DayNumber)).ThenByDescending(f => f.Filed).FirstOrDefault();

    private static double? Growth(double? now, double? before) =>
        now is double n && before is double b && b != 0 ? Round(100 * (n - b) / Math.Abs(b)) : null;

    /// <summary>A share count that moved by more than half in a year is almost always a split the cover pages do not
    /// adjust for (NVIDIA's 10-for-1 in 2024): unknown rather than a +900% "dilution".</summary>
    private static double? SplitSafeGrowth(double? now, double? before) => Growth(now, before) is double g && Math.Abs(g) <= 50 ? g : null;

    private static double? Ratio(double? a, double? b) => a is double x && b is double y && y > 0 ? Round(x / y) : null;

    private static double Round(double v) => Math.Round(v, 2);
}

/// <summary>One quarter of the revenue/EPS trend; <see cref="Derived"/>: fourth quarter computed from the annual report.</summary>
public sealed record QuarterTrend(DateOnly PeriodEnd, double Revenue, double? Eps, bool Derived);
