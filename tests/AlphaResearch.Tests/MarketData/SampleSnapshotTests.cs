using AlphaResearch.MarketData;

namespace AlphaResearch.Tests.MarketData;

/// <summary>The committed sample (samples/sp500-mit) loads cleanly with the documented coverage.</summary>
public class SampleSnapshotTests
{
    private static readonly Lazy<MarketSnapshot> Sample = new(() => new SnapshotLoader().Load(SampleSnapshot.Locate()));

    [Fact]
    public void Sample_is_found_from_the_test_output_directory()
    {
        var path = SampleSnapshot.Locate();
        Assert.True(File.Exists(Path.Combine(path, "snapshot.json")));
        // Copied next to the assembly (as in an installed tool), not found by walking up to the repository.
        Assert.Equal(Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, SampleSnapshot.RelativePath)), Path.GetFullPath(path));
        Assert.Null(SampleSnapshot.TryLocate(Path.GetTempPath()));
    }

    [Fact]
    public void Sample_loads_with_full_coverage_and_no_exclusions()
    {
        var s = Sample.Value;
        Assert.Equal(new DateOnly(2025, 1, 10), s.AsOfDate);
        Assert.Empty(s.Quality.Excluded);
        Assert.Equal(469, s.Constituents.Count);
        Assert.Equal(23, s.Benchmarks.Count); // + USO IEF SHY HYG LQD for the macro inputs
        Assert.Equal(8, s.Macro.Count);
        Assert.All(s.Prices.Values, p => Assert.Equal(new DateOnly(2025, 1, 10), p.LastDate));
        Assert.Equal(new DateOnly(2026, 8, 22), s.Manifest!.FundamentalsAsOf);

        var c = SnapshotCoverage.Of(s);
        Assert.Equal([("technology", 65), ("healthcare", 58), ("financials", 68), ("industrials", 101), ("consumer", 95), ("defensives", 82)],
            c.ByTeam.Select(r => (r.Group, r.Usable)));
        Assert.Equal(new CoverageRow("Total", 469, 469, 0), c.Total);
        Assert.Equal(new CoverageRow("Communication Services", 18, 18, 0), c.BySector.Single(r => r.Group == "Communication Services"));
    }

    [Fact]
    public void Sample_has_no_bar_on_the_carter_closure_and_matches_the_calendar()
    {
        var spy = Sample.Value.Benchmarks["SPY"];
        var sessions = new TradingCalendar().Sessions(spy.FirstDate, spy.LastDate).ToArray();
        Assert.Equal(sessions, spy.Dates.ToArray());
        Assert.Equal(-1, spy.Dates.IndexOf(new DateOnly(2025, 1, 9)));
    }
}
