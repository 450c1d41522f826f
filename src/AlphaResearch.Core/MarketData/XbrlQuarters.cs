namespace AlphaResearch.MarketData;

/// <summary>One fiscal quarter's value of a line; <see cref="Derived"/> when it is a fourth quarter computed as
/// the annual value minus the three reported quarters (10-Ks report the year, not the fourth quarter).</summary>
public sealed record QuarterValue(DateOnly Start, DateOnly End, double Value, DateOnly Filed, string Form, bool Derived);

/// <summary>
/// Turns duration facts (quarterly 10-Q values, annual 10-K values, restatements in later filings) into one
/// value per fiscal quarter: for each period the concept earliest in the preference list wins, and within it the
/// latest filing (a restatement replaces the original — only when it was filed on or before the view's date,
/// which <see cref="CompanyFacts.KnownOn"/> already enforced).
/// </summary>
public static class XbrlQuarters
{
    private const int MinQuarterDays = 80, MaxQuarterDays = 100, MinYearDays = 350, MaxYearDays = 380;

    public static IReadOnlyList<QuarterValue> Of(CompanyFacts facts, IReadOnlyList<string> concepts, string unit)
    {
        var quarters = new Dictionary<(DateOnly, DateOnly), (int Rank, XbrlFact F)>();
        var years = new Dictionary<(DateOnly, DateOnly), (int Rank, XbrlFact F)>();
        foreach (var f in facts.Facts)
        {
            if (f.Start is not { } start || f.Unit != unit) continue;
            int rank = IndexOf(concepts, f.Concept);
            if (rank < 0) continue;
            var target = f.Days is >= MinQuarterDays and <= MaxQuarterDays ? quarters : f.Days is >= MinYearDays and <= MaxYearDays ? years : null;
            if (target is null) continue;
            var key = (start, f.End);
            if (!target.TryGetValue(key, out var have) || rank < have.Rank || (rank == have.Rank && f.Filed > have.F.Filed)) target[key] = (rank, f);
        }
        var result = quarters.Values.Select(q => new QuarterValue(q.F.Start!.Value, q.F.End, q.F.Value, q.F.Filed, q.F.Form, false)).ToList();
        foreach (var (_, (_, year)) in years)
        {
            var inside = result.Where(q => !q.Derived && q.Start >= year.Start && q.End < year.End).ToArray();
            if (inside.Length != 3 || result.Any(q => q.End == year.End)) continue;
            var lastEnd = inside.Max(q => q.End);
            result.Add(new QuarterValue(lastEnd.AddDays(1), year.End, year.Value - inside.Sum(q => q.Value), year.Filed, year.Form, true));
        }
        return [.. result.OrderBy(q => q.End)];
    }

    /// <summary>Sum of the four consecutive quarters ending at index <paramref name="last"/>, or null when a quarter is missing.</summary>
    public static double? TrailingFour(IReadOnlyList<QuarterValue> q, int last)
    {
        if (last < 3 || last >= q.Count) return null;
        for (int i = last - 2; i <= last; i++)
        {
            int gap = q[i].Start.DayNumber - q[i - 1].End.DayNumber;
            if (gap is < 1 or > 8) return null;
        }
        return q[last].Value + q[last - 1].Value + q[last - 2].Value + q[last - 3].Value;
    }

    /// <summary>Index of the quarter ending about a year before quarter <paramref name="i"/> (±20 days), or -1.</summary>
    public static int YearBefore(IReadOnlyList<QuarterValue> q, int i)
    {
        if (i < 0) return -1;
        var target = q[i].End.AddYears(-1).DayNumber;
        for (int j = i - 1; j >= 0; j--) if (Math.Abs(q[j].End.DayNumber - target) <= 20) return j;
        return -1;
    }

    private static int IndexOf(IReadOnlyList<string> list, string s)
    {
        for (int i = 0; i < list.Count; i++) if (list[i] == s) return i;
        return -1;
    }
}
