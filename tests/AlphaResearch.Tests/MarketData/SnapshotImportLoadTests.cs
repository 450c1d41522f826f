using AlphaResearch.Domain;
using AlphaResearch.MarketData;
using Microsoft.Extensions.Time.Testing;

namespace AlphaResearch.Tests.MarketData;

/// <summary>Imports the raw fixture root (real files in their original formats) and loads the result.</summary>
public sealed class SnapshotImportLoadTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("ar-import-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 2, 1, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => Directory.Delete(_out, recursive: true);

    private ImportResult Import(PriceSet set = PriceSet.Sp500Mit, DateOnly? fundamentalsAsOf = null) =>
        new SnapshotImporter(_time).Import(new SnapshotImportOptions
        {
            From = TempSnapshot.RawFixtures, Out = _out, PriceSet = set, FundamentalsAsOf = fundamentalsAsOf ?? new DateOnly(2024, 7, 1),
        });

    [Fact]
    public void Import_keeps_listed_tickers_maps_brk_and_records_provenance()
    {
        var r = Import();
        Assert.Equal((2, new DateOnly(2024, 1, 2), new DateOnly(2025, 1, 10)), (r.Constituents, r.Start, r.End));
        Assert.Equal(3, r.Benchmarks); // SPY, XLK, VIX (the fixture has no other ETFs)
        Assert.Equal(2, r.MacroSeries);
        Assert.Equal(3, r.Headlines); // 2024-12-30 (x2) and 2025-01-03; the rest are after the window
        Assert.Contains("prices/sp500_mit: 1 price files not on constituents/sp500_constituents.csv, not imported: BK", r.Notes);

        Assert.Equal(
            "ticker,name,sector,sub_industry,index\nAAPL,Apple Inc.,Information Technology,\"Technology Hardware, Storage & Peripherals\",SP500\nBRK-B,Berkshire Hathaway,Financials,Multi-Sector Holdings,SP500\n",
            File.ReadAllText(Path.Combine(_out, "constituents.csv")));
        var aapl = File.ReadLines(Path.Combine(_out, "prices/AAPL.csv")).Take(2).ToArray();
        Assert.Equal(["Date,Open,High,Low,Close,Volume", "2024-01-02,186.23761848029775,187.52133810124718,182.9935167810597,184.7349853515625,82488700"], aapl);

        var manifest = JsonConventions.Deserialize<SnapshotManifest>(File.ReadAllText(Path.Combine(_out, "snapshot.json")))!;
        var prices = Assert.Single(manifest.Sources, s => s.Path == "prices/*.csv");
        Assert.Equal(("Kevin-o51/stock-prediction-pipeline", "42350e8d38d6d75ad2f208030f48ff61cf0987df", 2), (prices.SourceRepo, prices.SourceCommit, prices.Files));
        Assert.StartsWith("MIT", prices.Licence);
        Assert.Equal(new DateTimeOffset(2025, 2, 1, 12, 0, 0, TimeSpan.Zero), manifest.CreatedAt);
    }

    [Fact]
    public void Import_refuses_a_non_empty_folder_that_is_not_a_snapshot()
    {
        File.WriteAllText(Path.Combine(_out, "keep.txt"), "user file");
        var e = Assert.Throws<ArgumentException>(() => Import());
        Assert.Equal($"--out {_out} is not empty and holds no snapshot.json; choose an empty or new folder", e.Message);
        Assert.True(File.Exists(Path.Combine(_out, "keep.txt")));
    }

    [Fact]
    public void Loaded_import_has_teams_benchmarks_macro_text_and_a_stable_fingerprint()
    {
        Import();
        var s = new SnapshotLoader().Load(_out);
        Assert.Equal(new DateOnly(2025, 1, 10), s.AsOfDate);
        Assert.Equal(["AAPL", "BRK-B"], s.Constituents.Select(c => c.Ticker));
        Assert.Equal(TeamId.Financials, s.Find("BRK.B")!.Team);
        Assert.Equal(TeamId.Technology, s.Find("aapl")!.Team);
        Assert.Equal(258, s.Prices["BRK-B"].Count);
        Assert.Equal(["SPY", "VIX", "XLK"], s.Benchmarks.Keys.Order());
        Assert.Equal(0, s.Benchmarks["VIX"].Volume[0]);
        Assert.Equal(16, s.Filings["AAPL"].Count);
        Assert.Equal(new Filing("8-K", new DateOnly(2025, 1, 3), new DateOnly(2024, 12, 30), "5.02", "FORM 8-K"), s.Filings["AAPL"][^1]);
        Assert.Equal(309.35, s.Fundamentals["AAPL"].Price);
        Assert.Null(s.Fundamentals["BRK-B"].MarketCap);
        Assert.Equal(["CPIAUCSL", "CPILFESL", "DCOILWTICO", "DGS2", "FEDFUNDS", "UNRATE"],
            s.Quality.Excluded.Where(i => i.Reason == "macro series missing").Select(i => i.Symbol).Order());
        Assert.Equal(16, s.Fingerprint.Length);
        Assert.Equal(s.Fingerprint, new SnapshotLoader().Load(_out).Fingerprint);

        File.AppendAllText(Path.Combine(_out, "macro/DGS10.csv"), "2025-01-11,4.8\n");
        Assert.NotEqual(s.Fingerprint, new SnapshotLoader().Load(_out).Fingerprint);
    }

    [Fact]
    public void As_of_view_sees_only_rows_dated_on_or_before_the_run_date()
    {
        Import();
        var s = new SnapshotLoader().Load(_out);
        var d = new DateOnly(2024, 12, 31);
        var v = s.AsOf(d);
        Assert.Equal(d, v.AsOfDate);
        Assert.All(v.Prices.Values, p => Assert.Equal(d, p.LastDate));
        Assert.All(v.Benchmarks.Values, p => Assert.True(p.LastDate <= d));
        Assert.All(v.Macro.Values, m => Assert.True(m.Dates[^1] <= d));
        // Claims for the week ending 2024-12-28 were published 2025-01-02: the latest known on 12-31 is the week of 12-21.
        Assert.Equal(new DateOnly(2024, 12, 21), v.Macro["ICSA"].Dates[^1]);
        Assert.Equal(2, v.Headlines.Count);
        Assert.All(v.Headlines, h => Assert.True(DateOnly.FromDateTime(h.PublishedAt.UtcDateTime) <= d));
        Assert.Equal(15, v.Filings["AAPL"].Count);
        Assert.All(v.Filings["AAPL"], f => Assert.True(f.FilingDate <= d));
        Assert.Equal(s.Prices["AAPL"].Close[..v.Prices["AAPL"].Count].ToArray(), v.Prices["AAPL"].Close.ToArray());

        // Fundamentals observed 2024-07-01 are invisible to a run on 2024-06-28.
        Assert.Equal(2, v.Fundamentals.Count);
        Assert.Empty(s.AsOf(new DateOnly(2024, 6, 28)).Fundamentals);
    }

    [Fact]
    public void Fundamentals_observed_after_the_data_are_hidden_even_on_the_last_session()
    {
        Import(fundamentalsAsOf: new DateOnly(2026, 8, 22));
        var s = new SnapshotLoader().Load(_out);
        var v = s.AsOf(s.AsOfDate);
        Assert.Empty(v.Fundamentals);
        Assert.Equal(258, v.Prices["AAPL"].Count);
    }

    [Fact]
    public void Sp400_import_reads_offset_dates_and_maps_materials_to_industrials_team()
    {
        var r = Import(PriceSet.Sp400);
        Assert.Equal((1, new DateOnly(2023, 7, 10), new DateOnly(2025, 7, 8)), (r.Constituents, r.Start, r.End));
        var s = new SnapshotLoader().Load(_out);
        var aa = s.Find("AA")!;
        Assert.Equal((Sectors.Materials, IndexMembership.Sp400, TeamId.Industrials), (aa.Sector, aa.Index, aa.Team));
        Assert.Equal("2023-07-10,32.849577685483744,33.69762210246386,32.75209896498242,33.278472900390625,3891400",
            File.ReadLines(Path.Combine(_out, "prices/AA.csv")).ElementAt(1));
        // SPY in the fixture ends 2025-01-31, so that is the snapshot's last session.
        Assert.Equal(new DateOnly(2025, 1, 31), s.AsOfDate);
    }

    [Fact]
    public void Loader_reads_raw_formats_directly_and_normalises_dotted_file_names()
    {
        using var t = new TempSnapshot();
        t.Write("constituents.csv", "ticker,name,sector,sub_industry,index\nAAPL,Apple,Technology,Hardware,SP500\nBRK.B,Berkshire,Financial Services,Holdings,SP500\nAA,Alcoa,Basic Materials,Aluminum,SP400\n");
        File.Copy(Path.Combine(TempSnapshot.RawFixtures, "prices/sp500_mit/AAPL.csv"), t.Path("prices/AAPL.csv"));
        File.Copy(Path.Combine(TempSnapshot.RawFixtures, "prices/sp500_mit/BRK-B.csv"), t.Path("prices/BRK.B.csv"));
        File.Copy(Path.Combine(TempSnapshot.RawFixtures, "prices/sp400/AA.csv"), t.Path("prices/AA.csv"));
        File.Copy(Path.Combine(TempSnapshot.RawFixtures, "prices/etf/SPY.csv"), t.Path("benchmarks/SPY.csv"), overwrite: true);
        File.Copy(Path.Combine(TempSnapshot.RawFixtures, "prices/index/VIX.csv"), t.Path("benchmarks/VIX.csv"));
        Directory.CreateDirectory(t.Path("macro"));
        File.Copy(Path.Combine(TempSnapshot.RawFixtures, "macro/ICSA.csv"), t.Path("macro/ICSA.csv"));
        t.Delete("prices/GOOD.csv");

        var s = new SnapshotLoader().Load(t.Root);
        Assert.Equal(["AA", "AAPL", "BRK-B"], s.Prices.Keys.Order());
        Assert.Equal(Sectors.Financials, s.Find("BRK.B")!.Sector);
        Assert.Equal(Sectors.Materials, s.Find("AA")!.Sector);
        Assert.Equal(184.7349853515625, s.Prices["AAPL"].Close[0]);
        Assert.Equal(803000.0, s.Macro["ICSA"].Values[0]);
        Assert.Equal(new DateOnly(2025, 1, 31), s.AsOfDate);
        Assert.DoesNotContain(s.Quality.Excluded, i => i.File.StartsWith("prices/", StringComparison.Ordinal));
    }
}
