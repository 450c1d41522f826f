using AlphaResearch.MarketData;

namespace AlphaResearch.Tests.MarketData;

/// <summary>Every bad-input case: unusable data excludes the symbol with an exact reason; malformed files throw.</summary>
public class SnapshotValidationTests
{
    private static MarketSnapshot Load(TempSnapshot t, int minBars = 60) => new SnapshotLoader(new SnapshotLoadOptions { MinBars = minBars }).Load(t.Root);

    private static DataQualityIssue Excluded(MarketSnapshot s, string symbol) => Assert.Single(s.Quality.Excluded, i => i.Symbol == symbol);

    [Theory]
    [InlineData(3, "{0},{1},{2},{3},,{5}", "missing or NaN close on 2024-01-04 (line 4)")]
    [InlineData(3, "{0},NaN,{2},{3},{4},{5}", "missing or NaN open on 2024-01-04 (line 4)")]
    [InlineData(5, "{0},{1},{2},{3},0,{5}", "non-positive or infinite close 0 on 2024-01-06 (line 6)")]
    [InlineData(5, "{0},{1},{2},-2.5,{4},{5}", "non-positive or infinite low -2.5 on 2024-01-06 (line 6)")]
    [InlineData(7, "{0},{1},90,95,{4},{5}", "high < low on 2024-01-08 (line 8: high 90, low 95)")]
    [InlineData(9, "{0},{1},{2},{3},{4},-1", "missing or negative volume on 2024-01-10 (line 10)")]
    public void Bad_bar_excludes_the_ticker_with_the_reason(int row, string template, string reason)
    {
        using var t = new TempSnapshot();
        t.Write("constituents.csv", "ticker,name,sector,sub_industry,index\nGOOD,Good,Technology,Software,SP500\nBAD,Bad,Energy,Oil,SP400\n");
        t.Write("prices/BAD.csv", TempSnapshot.Bars(80, (i, line) => i == row ? string.Format(template, (object[])line.Split(',')) : line));
        var s = Load(t);
        var issue = Excluded(s, "BAD");
        Assert.Equal(reason, issue.Reason);
        Assert.Equal("prices/BAD.csv", issue.File);
        Assert.Null(s.Find("BAD"));
        Assert.False(s.Prices.ContainsKey("BAD"));
        Assert.NotNull(s.Find("GOOD"));
        Assert.Equal(2, s.ListedConstituents.Count);
    }

    [Fact]
    public void Duplicate_date_excludes_the_ticker()
    {
        using var t = new TempSnapshot();
        t.Write("prices/GOOD.csv", TempSnapshot.Bars(80, (i, line) => i == 10 ? line.Replace(TempSnapshot.Day(10).ToString("yyyy-MM-dd"), TempSnapshot.Day(9).ToString("yyyy-MM-dd")) : line));
        Assert.Equal("duplicate date 2024-01-10 (line 11)", Excluded(Load(t), "GOOD").Reason);
    }

    [Fact]
    public void Unsorted_dates_exclude_the_ticker()
    {
        using var t = new TempSnapshot();
        t.Write("prices/GOOD.csv", TempSnapshot.Bars(80, (i, line) => i == 10 ? line.Replace(TempSnapshot.Day(10).ToString("yyyy-MM-dd"), "2024-01-05") : line));
        Assert.Equal("dates not ascending: 2024-01-05 after 2024-01-10 (line 11)", Excluded(Load(t), "GOOD").Reason);
    }

    [Fact]
    public void Short_history_excludes_the_ticker_with_the_configured_minimum()
    {
        using var t = new TempSnapshot();
        t.Write("prices/GOOD.csv", TempSnapshot.Bars(59));
        Assert.Equal("too little history: 59 bars, need at least 60", Excluded(Load(t), "GOOD").Reason);
        Assert.DoesNotContain(Load(t, minBars: 59).Quality.Excluded, i => i.Symbol == "GOOD");
    }

    [Fact]
    public void Constituent_without_price_file_and_orphan_price_file_are_reported()
    {
        using var t = new TempSnapshot();
        t.Write("constituents.csv", "ticker,name,sector,sub_industry,index\nGOOD,Good,Technology,Software,SP500\nNOPX,No Prices,Utilities,Electric,SP400\n");
        t.Write("prices/EXTRA.csv", TempSnapshot.Bars(80));
        var s = Load(t);
        Assert.Equal("no price file", Excluded(s, "NOPX").Reason);
        Assert.Equal("prices/NOPX.csv", Excluded(s, "NOPX").File);
        Assert.Equal("price file has no row in constituents.csv; not loaded", Excluded(s, "EXTRA").Reason);
        Assert.Equal(["GOOD"], s.Constituents.Select(c => c.Ticker));
    }

    [Fact]
    public void Missing_macro_series_are_reported_and_unusable_benchmarks_excluded()
    {
        using var t = new TempSnapshot();
        t.Write("benchmarks/XLK.csv", TempSnapshot.Bars(80, (i, line) => i == 2 ? line.Replace(",101,", ",0,") : line));
        t.Write("macro/DGS10.csv", "date,value\n2024-01-02,3.9\n2024-01-02,3.9\n");
        var s = Load(t);
        Assert.Equal("non-positive or infinite low 0 on 2024-01-03 (line 3)", Excluded(s, "XLK").Reason);
        Assert.False(s.Benchmarks.ContainsKey("XLK"));
        Assert.Equal("duplicate date 2024-01-02 (line 3)", Excluded(s, "DGS10").Reason);
        Assert.Equal("macro series missing", Excluded(s, "UNRATE").Reason);
        Assert.Equal(8, s.Quality.Excluded.Count(i => i.File.StartsWith("macro/", StringComparison.Ordinal)));
    }

    [Fact]
    public void Missing_constituents_or_spy_is_an_error_naming_the_path()
    {
        using var t = new TempSnapshot();
        t.Delete("benchmarks/SPY.csv");
        var e = Assert.Throws<SnapshotFormatException>(() => Load(t));
        Assert.Equal(t.Path("benchmarks/SPY.csv"), e.File);
        Assert.Equal($"{t.Path("benchmarks/SPY.csv")}: required benchmark file is missing. Every snapshot needs SPY daily bars (Date,Open,High,Low,Close,Volume)", e.Message);

        t.Delete("constituents.csv");
        e = Assert.Throws<SnapshotFormatException>(() => Load(t));
        Assert.Equal(t.Path("constituents.csv"), e.File);
        Assert.Contains("required file is missing", e.Message);
    }

    [Fact]
    public void Unusable_spy_is_an_error()
    {
        using var t = new TempSnapshot();
        t.Write("benchmarks/SPY.csv", TempSnapshot.Bars(10));
        var e = Assert.Throws<SnapshotFormatException>(() => Load(t));
        Assert.Equal($"{t.Path("benchmarks/SPY.csv")}: SPY is unusable (too little history: 10 bars, need at least 60). SPY sets the snapshot's last session; fix the file", e.Message);
    }

    [Fact]
    public void Unknown_sector_is_an_error_naming_file_line_and_column()
    {
        using var t = new TempSnapshot();
        t.Write("constituents.csv", "ticker,name,sector,sub_industry,index\nGOOD,Good,Technology,Software,SP500\nODD,\"Odd, Inc.\",Crypto,Coins,SP500\n");
        var e = Assert.Throws<SnapshotFormatException>(() => Load(t));
        Assert.Equal((t.Path("constituents.csv"), 3, 3), (e.File, e.Line, e.Column));
        Assert.StartsWith($"{t.Path("constituents.csv")}, line 3, column 3: unknown sector 'Crypto'. Use one of the 11 GICS sector names: Information Technology, ", e.Message);
    }

    [Theory]
    [InlineData("ticker,name,sector,sub_industry\nGOOD,Good,Technology,Software\n", 1, 5, "expected column 'index', found ''")]
    [InlineData("ticker,name,sector,sub_industry,index\nGOOD,Good,Technology,Software,SP600\n", 2, 5, "unknown index 'SP600'")]
    [InlineData("ticker,name,sector,sub_industry,index\nGOOD,Good,Technology,Software,SP500\nGOOD,Again,Technology,Software,SP500\n", 3, 1, "ticker GOOD already listed on line 2")]
    public void Malformed_constituents_name_line_and_column(string csv, int line, int column, string problem)
    {
        using var t = new TempSnapshot();
        t.Write("constituents.csv", csv);
        var e = Assert.Throws<SnapshotFormatException>(() => Load(t));
        Assert.Equal((line, column, problem), (e.Line, e.Column, e.Problem));
    }

    [Fact]
    public void Malformed_price_file_throws_with_the_full_path()
    {
        using var t = new TempSnapshot();
        t.Write("prices/GOOD.csv", TempSnapshot.Bars(80, (i, line) => i == 40 ? line.Replace(",1040", ",1O40") : line));
        var e = Assert.Throws<SnapshotFormatException>(() => Load(t));
        Assert.Equal((t.Path("prices/GOOD.csv"), 41, 6), (e.File, e.Line, e.Column));
        Assert.Equal("cannot read number '1O40' in column Volume", e.Problem);
    }

    [Fact]
    public void Missing_snapshot_folder_or_manifest_is_an_error()
    {
        using var t = new TempSnapshot();
        t.Delete("snapshot.json");
        Assert.Contains("snapshot.json: required file is missing", Assert.Throws<SnapshotFormatException>(() => Load(t)).Message);
        var missing = Path.Combine(t.Root, "nope");
        Assert.Equal($"{missing}: snapshot folder not found. Pass the folder that holds snapshot.json (build one with 'alpha-research snapshot import')",
            Assert.Throws<SnapshotFormatException>(() => new SnapshotLoader().Load(missing)).Message);
    }

    [Fact]
    public void A_constituent_whose_prices_end_early_is_stale_for_later_run_dates()
    {
        using var t = new TempSnapshot();
        t.Write("constituents.csv", "ticker,name,sector,sub_industry,index\nGOOD,Good,Technology,Software,SP500\nOLD,Old,Energy,Oil,SP400\n");
        t.Write("prices/OLD.csv", TempSnapshot.Bars(70)); // ends 2024-03-11; GOOD and SPY run to 2024-03-21
        var s = Load(t);
        Assert.NotNull(s.Find("OLD"));

        var late = s.AsOf(TempSnapshot.Day(80));
        Assert.Null(late.Find("OLD"));
        Assert.False(late.Prices.ContainsKey("OLD"));
        Assert.Equal("stale: last bar 2024-03-11 is 10 days before 2024-03-21 (limit 7)", Excluded(late, "OLD").Reason);
        Assert.Equal("prices/OLD.csv", Excluded(late, "OLD").File);

        // Within the limit the name stays, and a looser limit keeps it too.
        Assert.NotNull(s.AsOf(TempSnapshot.Day(77)).Find("OLD"));
        Assert.NotNull(s.AsOf(TempSnapshot.Day(80), maxStaleDays: 10).Find("OLD"));
    }
    [Fact]
    public void A_constituent_with_too_little_history_before_the_run_date_is_excluded_with_a_reason()
    {
        using var t = new TempSnapshot();
        t.Write("constituents.csv", "ticker,name,sector,sub_industry,index\nGOOD,Good,Technology,Software,SP500\nNEW,New,Energy,Oil,SP400\n");
        // NEW listed on day 11: 70 bars in all (passes the load check), but only 30 on or before day 40.
        t.Write("prices/NEW.csv", string.Join('\n', TempSnapshot.Bars(80).Split('\n').Where((_, i) => i == 0 || i > 10)));
        var s = Load(t);
        Assert.NotNull(s.Find("NEW"));

        var early = s.AsOf(TempSnapshot.Day(40));
        Assert.Null(early.Find("NEW"));
        Assert.False(early.Prices.ContainsKey("NEW"));
        Assert.Equal("too little history: 30 bars on or before 2024-02-10, need at least 60", Excluded(early, "NEW").Reason);
        Assert.Equal("prices/NEW.csv", Excluded(early, "NEW").File);
        // GOOD has 40 bars by then: excluded too, never silently kept unscoreable.
        Assert.Equal("too little history: 40 bars on or before 2024-02-10, need at least 60", Excluded(early, "GOOD").Reason);

        // Once the history is long enough the name is in the view.
        Assert.NotNull(s.AsOf(TempSnapshot.Day(70)).Find("NEW"));
    }
    [Fact]
    public void A_ticker_listed_twice_in_fundamentals_is_an_error_naming_both_lines()
    {
        using var t = new TempSnapshot();
        t.Write("fundamentals.csv", "ticker,price,price_to_earnings,dividend_yield,earnings_per_share,week52_low,week52_high,market_cap,ebitda,price_to_sales,price_to_book\n"
            + "GOOD,10,20,1,0.5,8,12,1000,100,2,3\n"
            + "GOOD,11,21,1,0.5,8,12,1000,100,2,3\n");
        var e = Assert.Throws<SnapshotFormatException>(() => Load(t));
        Assert.Equal($"{t.Path("fundamentals.csv")}, line 3, column 1: ticker GOOD already listed on line 2. List each ticker once", e.Message);
    }
}
