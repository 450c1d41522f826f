using AlphaResearch.Domain;
using AlphaResearch.MarketData;

namespace AlphaResearch.Evaluation;

/// <summary>
/// The realised outcome of one signal over one horizon: t = the run date's close, t+h = the close h SPY sessions
/// later. Returns are fractions (0.02 = +2 %).
/// </summary>
public sealed record ForwardWindow(
    int Days, DateOnly StartDate, DateOnly EndDate, double StartClose, double EndClose,
    double Return, double SpyReturn, double Alpha, double LogAlpha,
    string? SectorEtf, double? SectorReturn, double? SectorExcess);

/// <summary>
/// Forward-return maths over a snapshot's bars. A window is defined on SPY's sessions (the market calendar): it starts
/// at the run date's close and ends h sessions later. It exists only when every series it needs has a bar on both dates
/// and the end date is on or before the as-of date of the bars given — so a caller that passes
/// <c>snapshot.AsOf(D)</c> can never see a window that ends after D (no look-ahead).
/// </summary>
public static class ForwardReturns
{
    public static readonly IReadOnlyList<int> DefaultHorizons = [5, 10, 21];

    /// <summary>The window of <paramref name="ticker"/> from <paramref name="runDate"/> over <paramref name="days"/> sessions, or null while it has no data.</summary>
    public static ForwardWindow? Compute(MarketSnapshot bars, string ticker, string? sector, DateOnly runDate, int days)
    {
        if (!bars.Benchmarks.TryGetValue(MarketSnapshot.Spy, out var spy)) return null;
        var stock = bars.Prices.GetValueOrDefault(ticker) ?? bars.Benchmarks.GetValueOrDefault(ticker);
        if (stock is null) return null;
        string? etf = sector is not null && Sectors.IsCanonical(sector) ? Sectors.EtfOf(sector) : null;
        return Compute(stock, spy, etf is null ? null : bars.Benchmarks.GetValueOrDefault(etf), etf, runDate, days);
    }

    /// <summary>The same over explicit series (the ETF is optional: without its bars the sector excess is null).</summary>
    public static ForwardWindow? Compute(PriceSeries stock, PriceSeries spy, PriceSeries? sectorEtf, string? etfSymbol, DateOnly runDate, int days)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        int t = ExactIndex(spy, runDate);
        if (t < 0 || t + days >= spy.Count) return null;
        var end = spy.Dates[t + days];
        var spyReturn = spy.Close[t + days] / spy.Close[t] - 1;

        int s0 = ExactIndex(stock, runDate), s1 = ExactIndex(stock, end);
        if (s0 < 0 || s1 < 0) return null;
        double c0 = stock.Close[s0], c1 = stock.Close[s1];
        if (!(c0 > 0) || !(c1 > 0)) return null;
        double ret = c1 / c0 - 1;

        double? sectorReturn = null;
        if (sectorEtf is not null)
        {
            int e0 = ExactIndex(sectorEtf, runDate), e1 = ExactIndex(sectorEtf, end);
            if (e0 >= 0 && e1 >= 0) sectorReturn = sectorEtf.Close[e1] / sectorEtf.Close[e0] - 1;
        }
        return new ForwardWindow(days, runDate, end, c0, c1, ret, spyReturn, ret - spyReturn,
            Math.Log(1 + ret) - Math.Log(1 + spyReturn),
            sectorReturn is null ? null : etfSymbol, sectorReturn, ret - sectorReturn);
    }

    private static int ExactIndex(PriceSeries series, DateOnly date)
    {
        int i = series.IndexOnOrBefore(date);
        return i >= 0 && series.Dates[i] == date ? i : -1;
    }
}
