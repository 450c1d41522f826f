using AlphaResearch.MarketData;

namespace AlphaResearch.Tests.MarketData;

/// <summary>A run for date D sees nothing dated after D, even when D is at or past the snapshot's SPY-based as-of date.</summary>
public sealed class SnapshotLookAheadTests
{
    private static readonly DateOnly Friday = new(2024, 6, 14);

    private static PriceSeries Series(string symbol, DateOnly first, int days)
    {
        var dates = Enumerable.Range(0, days).Select(first.AddDays).ToArray();
        var px = dates.Select((_, i) => 100.0 + i).ToArray();
        return new PriceSeries(symbol, dates, px, px.Select(p => p + 1).ToArray(), px.Select(p => p - 1).ToArray(), px, px.Select(_ => 1000.0).ToArray());
    }

    /// <summary>SPY ends on Friday (so AsOfDate = Friday); a constituent, the macro series, headlines and filings run past it.</summary>
    private static MarketSnapshot SnapshotWithLaterData() => new()
    {
        Source = "memory",
        Fingerprint = "test",
        Constituents = [new Constituent("AAA", "AAA Inc", "Industrials", "Sub", IndexMembership.Sp500)],
        Prices = new Dictionary<string, PriceSeries> { ["AAA"] = Series("AAA", Friday.AddDays(-40), 44) }, // ends Tuesday after
        Benchmarks = new Dictionary<string, PriceSeries> { ["SPY"] = Series("SPY", Friday.AddDays(-40), 41) }, // ends Friday
        Macro = new Dictionary<string, MacroSeries>
        {
            ["DGS10"] = new("DGS10", [Friday.AddDays(-1), Friday.AddDays(3)], [4.1, 4.9]),
        },
        Headlines = [new Headline(new DateTimeOffset(2024, 6, 13, 12, 0, 0, TimeSpan.Zero), "before", "wire"),
                     new Headline(new DateTimeOffset(2024, 6, 17, 12, 0, 0, TimeSpan.Zero), "after", "wire")],
        Filings = new Dictionary<string, IReadOnlyList<Filing>>
        {
            ["AAA"] = [new Filing("8-K", Friday.AddDays(-2), null, "2.02", "before"), new Filing("8-K", Friday.AddDays(4), null, "2.02", "after")],
        },
        AsOfDate = Friday,
    };

    [Fact]
    public void A_view_at_the_as_of_date_drops_every_row_dated_after_it()
    {
        var view = SnapshotWithLaterData().AsOf(Friday);

        Assert.Equal(Friday, view.Prices["AAA"].LastDate);
        Assert.Equal(Friday, view.Benchmarks["SPY"].LastDate);
        Assert.Equal(4.1, view.Macro["DGS10"].LatestOnOrBefore(new DateOnly(2030, 1, 1))!.Value.Value);
        Assert.Equal(["before"], view.Headlines.Select(h => h.Title));
        Assert.Equal(["before"], view.Filings["AAA"].Select(f => f.Description));
    }

    [Fact]
    public void A_view_after_the_as_of_date_still_drops_rows_dated_after_the_run_date()
    {
        var saturday = Friday.AddDays(1);
        var view = SnapshotWithLaterData().AsOf(saturday);

        Assert.Equal(saturday, view.Prices["AAA"].LastDate); // the test series has a bar every calendar day
        Assert.Equal(["before"], view.Headlines.Select(h => h.Title));
        Assert.Equal([4.1], view.Macro["DGS10"].Values);
    }
    /// <summary>
    /// FRED dates a monthly print by the month it measures, and a weekly claims print by the week's last day; both are
    /// published weeks later. On 2025-01-10 the January CPI, unemployment and fed funds prints (dated 2025-01-01) and
    /// December's CPI (released 2025-01-15) were not yet known, while December's unemployment (released that day) was.
    /// </summary>
    [Fact]
    public void Macro_prints_are_visible_from_their_release_not_from_the_period_they_measure()
    {
        var d = new DateOnly(2025, 1, 10);
        MacroSeries Monthly(string id) => new(id, [new(2024, 11, 1), new(2024, 12, 1), new(2025, 1, 1)], [1, 2, 3]);
        var snapshot = SnapshotWithLaterData();
        snapshot = new MarketSnapshot
        {
            Source = snapshot.Source, Fingerprint = snapshot.Fingerprint, Constituents = snapshot.Constituents,
            Prices = snapshot.Prices, Benchmarks = snapshot.Benchmarks, AsOfDate = snapshot.AsOfDate,
            Macro = new Dictionary<string, MacroSeries>
            {
                [MacroIds.Cpi] = Monthly(MacroIds.Cpi),
                [MacroIds.CoreCpi] = Monthly(MacroIds.CoreCpi),
                [MacroIds.Unemployment] = Monthly(MacroIds.Unemployment),
                [MacroIds.FedFunds] = Monthly(MacroIds.FedFunds),
                // Week ending Saturday 2025-01-04 was released Thursday 2025-01-09; the week ending 2025-01-11 not yet.
                [MacroIds.JoblessClaims] = new(MacroIds.JoblessClaims, [new(2024, 12, 28), new(2025, 1, 4), new(2025, 1, 11)], [1, 2, 3]),
                [MacroIds.Treasury10y] = new(MacroIds.Treasury10y, [new(2025, 1, 9), new(2025, 1, 10)], [4.6, 4.7]),
            },
        };

        var view = snapshot.AsOf(d);

        (DateOnly, double)? Latest(string id) => view.Macro[id].LatestOnOrBefore(d);
        Assert.Equal((new DateOnly(2024, 11, 1), 1.0), Latest(MacroIds.Cpi));
        Assert.Equal((new DateOnly(2024, 11, 1), 1.0), Latest(MacroIds.CoreCpi));
        Assert.Equal((new DateOnly(2024, 12, 1), 2.0), Latest(MacroIds.Unemployment));
        Assert.Equal((new DateOnly(2024, 12, 1), 2.0), Latest(MacroIds.FedFunds));
        Assert.Equal((new DateOnly(2025, 1, 4), 2.0), Latest(MacroIds.JoblessClaims));
        Assert.Equal((new DateOnly(2025, 1, 10), 4.7), Latest(MacroIds.Treasury10y)); // daily: known the day it is dated
        Assert.Equal((new DateOnly(2024, 12, 1), 2.0), snapshot.AsOf(new DateOnly(2025, 1, 15)).Macro[MacroIds.Cpi].LatestOnOrBefore(d));
    }
}
