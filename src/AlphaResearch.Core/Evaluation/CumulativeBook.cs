namespace AlphaResearch.Evaluation;

/// <summary>One run date of a book: its equal-weight return over the window, SPY's, and the running totals.</summary>
public sealed record BookPoint(DateOnly RunDate, int Names, double BookReturn, double SpyReturn, double CumulativeBook, double CumulativeSpy)
{
    public double CumulativeAlpha => CumulativeBook - CumulativeSpy;
}

/// <summary>
/// A book bought at each run date's close, equal weight, held for the horizon: per date the mean return of its names
/// and SPY's over the same window, compounded over dates. With windows longer than the spacing of runs (21 sessions
/// of weekly runs) the windows overlap, so the total is an index of the signal's edge, not a tradable P&amp;L.
/// </summary>
public static class CumulativeBook
{
    public static IReadOnlyList<BookPoint> Of(IEnumerable<SignalOutcome> outcomes)
    {
        var points = new List<BookPoint>();
        double book = 1, spy = 1;
        foreach (var date in outcomes.GroupBy(o => o.Signal.RunDate).OrderBy(g => g.Key))
        {
            double r = date.Average(o => o.Window.Return), s = date.First().Window.SpyReturn;
            book *= 1 + r;
            spy *= 1 + s;
            points.Add(new BookPoint(date.Key, date.Count(), r, s, book - 1, spy - 1));
        }
        return points;
    }
}
