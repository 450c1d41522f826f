using AlphaResearch.MarketData;

namespace AlphaResearch.Tests.MarketData;

/// <summary>XBRL company facts: point-in-time by filed date, TTM/YoY derivation with a derived fourth quarter, strict reading.</summary>
public sealed class XbrlFundamentalsTests
{
    private static CompanyFacts SampleFacts(string ticker)
    {
        var path = Path.Combine(SampleSnapshot.Locate(), "edgar", "companyfacts", ticker + ".json");
        return EdgarCompanyFactsReader.Read(path, ticker, File.ReadAllBytes(path));
    }

    private static XbrlFact Quarter(string concept, string unit, string start, string end, double val, string filed, string form = "10-Q") =>
        new("us-gaap", concept, unit, DateOnly.Parse(start), DateOnly.Parse(end), val, form, "Q", DateOnly.Parse(filed), "0000000000-00-000000");

    [Fact]
    public void A_fact_filed_after_the_run_date_is_invisible_at_that_date()
    {
        // MSFT's quarter ended 2024-09-30 was filed (10-Q) on 2024-10-30.
        var facts = SampleFacts("MSFT");
        var before = XbrlFundamentals.Derive(facts, new DateOnly(2024, 10, 29));
        var on = XbrlFundamentals.Derive(facts, new DateOnly(2024, 10, 30));
        Assert.Equal(new DateOnly(2024, 6, 30), before.LatestPeriodEnd);
        Assert.Equal(new DateOnly(2024, 9, 30), on.LatestPeriodEnd);
        Assert.Equal(65_585e6, on.RevenueLatestQuarter);
        Assert.DoesNotContain(before.Trend, q => q.Revenue == 65_585e6);
        Assert.True(before.LatestFiled <= new DateOnly(2024, 10, 29));

        var known = facts.KnownOn(new DateOnly(2024, 10, 29));
        Assert.NotEmpty(known.Facts);
        Assert.All(known.Facts, f => Assert.True(f.Filed <= new DateOnly(2024, 10, 29)));
        Assert.Contains(facts.Facts, f => f.Filed == new DateOnly(2024, 10, 30));
    }

    [Fact]
    public void The_snapshot_view_cuts_company_facts_and_insider_rows_by_filed_date()
    {
        var d = new DateOnly(2024, 11, 1);
        var snap = new MarketSnapshot
        {
            Source = "memory", Fingerprint = "t", Constituents = [], Prices = new Dictionary<string, PriceSeries>(),
            Benchmarks = new Dictionary<string, PriceSeries>(), Macro = new Dictionary<string, MacroSeries>(), AsOfDate = new DateOnly(2025, 1, 10),
            CompanyFacts = new Dictionary<string, CompanyFacts> { ["MSFT"] = SampleFacts("MSFT") },
            Insider = new Dictionary<string, IReadOnlyList<InsiderTransaction>>
            {
                ["KO"] = [new(d, "4", "a", "X", "director", d, "P", 10, 60, "A", null), new(d.AddDays(1), "4", "b", "Y", "director", d, "P", 10, 60, "A", null)],
            },
            News = [new NewsItem("KO", new DateTimeOffset(2024, 11, 1, 23, 0, 0, TimeSpan.FromHours(-5)), "after midnight UTC", "wire", "https://x.test/1", null)],
        };
        var view = snap.AsOf(d);
        Assert.All(view.CompanyFacts["MSFT"].Facts, f => Assert.True(f.Filed <= d));
        Assert.Single(view.Insider["KO"]);
        Assert.Empty(view.News); // 2024-11-01 23:00 -05:00 is 2024-11-02 in UTC
    }

    [Fact]
    public void Ttm_and_growth_use_a_fourth_quarter_derived_from_the_annual_report()
    {
        var f = XbrlFundamentals.Derive(SampleFacts("AAPL"), new DateOnly(2025, 1, 10));
        Assert.Equal(new DateOnly(2024, 9, 28), f.LatestPeriodEnd);
        Assert.Equal(391_035e6, f.RevenueTtm!.Value, 1e-3);              // FY2024 = four quarters
        Assert.Equal(Math.Round(100 * (391_035.0 - 383_285) / 383_285, 2), f.RevenueTtmYoyPct);
        Assert.Equal(6.08, f.EpsTtm);
        Assert.Equal(Math.Round(100 * (6.08 - 6.13) / 6.13, 2), f.EpsTtmYoyPct);
        Assert.Equal(Math.Round(100 * 93_736.0 / 391_035, 2), f.NetMarginPct);
        Assert.Equal(Math.Round(100 * 180_683.0 / 391_035, 2), f.GrossMarginPct);
        Assert.Equal(Math.Round(308_030.0 / 56_950, 2), f.LiabilitiesToEquity);
        Assert.Equal(Math.Round(100 * (15_115_823_000.0 - 15_552_752_000) / 15_552_752_000, 2), f.SharesChangeYoyPct);
        var q4 = f.Trend[^1];
        Assert.True(q4.Derived);
        Assert.Equal((391_035 - 119_575 - 90_753 - 85_777) * 1e6, q4.Revenue, 1e-3);
    }

    [Fact]
    public void A_restatement_replaces_the_original_value_only_once_it_was_filed()
    {
        var facts = new CompanyFacts("T", "T", [
            Quarter("Revenues", "USD", "2024-01-01", "2024-03-31", 100, "2024-05-01"),
            Quarter("Revenues", "USD", "2024-01-01", "2024-03-31", 90, "2024-08-01"), // restated in the next 10-Q
        ]);
        Assert.Equal(100, XbrlFundamentals.Derive(facts, new DateOnly(2024, 7, 31)).RevenueLatestQuarter);
        Assert.Equal(90, XbrlFundamentals.Derive(facts, new DateOnly(2024, 8, 1)).RevenueLatestQuarter);
        Assert.Null(XbrlFundamentals.Derive(facts, new DateOnly(2024, 4, 30)).RevenueLatestQuarter);
    }

    [Fact]
    public void Ttm_is_unknown_when_a_quarter_is_missing()
    {
        var facts = new CompanyFacts("T", "T", [
            Quarter("Revenues", "USD", "2023-07-01", "2023-09-30", 1, "2023-11-01"),
            Quarter("Revenues", "USD", "2023-10-01", "2023-12-31", 1, "2024-02-01"),
            Quarter("Revenues", "USD", "2024-04-01", "2024-06-30", 1, "2024-08-01"), // 2024 Q1 missing
            Quarter("Revenues", "USD", "2024-07-01", "2024-09-30", 1, "2024-11-01"),
        ]);
        Assert.Null(XbrlFundamentals.Derive(facts, new DateOnly(2025, 1, 1)).RevenueTtm);
    }

    [Fact]
    public void A_malformed_company_facts_file_names_the_file_and_the_concept()
    {
        using var t = new TempSnapshot();
        t.Write("edgar/companyfacts/GOOD.json", """{"cik":1,"entityName":"Good","facts":{"us-gaap":{"Revenues":{"units":{"USD":[{"end":"2024-03-31","val":"12","accn":"a","form":"10-Q","filed":"2024-05-01"}]}}}}}""");
        var e = Assert.Throws<SnapshotFormatException>(() => new SnapshotLoader().Load(t.Root));
        Assert.Contains(Path.Combine("edgar", "companyfacts", "GOOD.json"), e.Message);
        Assert.Contains("us-gaap:Revenues.units.USD[0]", e.Message);
        Assert.Contains("\"val\"", e.Message);
    }

    [Fact]
    public void A_fact_without_a_filed_date_is_refused()
    {
        using var t = new TempSnapshot();
        t.Write("edgar/companyfacts/GOOD.json", """{"cik":1,"entityName":"Good","facts":{"us-gaap":{"Revenues":{"units":{"USD":[{"end":"2024-03-31","val":12,"accn":"a","form":"10-Q"}]}}}}}""");
        var e = Assert.Throws<SnapshotFormatException>(() => new SnapshotLoader().Load(t.Root));
        Assert.Contains("\"filed\"", e.Message);
    }

    [Fact]
    public void A_bad_insider_row_names_the_file_and_entry()
    {
        using var t = new TempSnapshot();
        t.Write("edgar/insider/GOOD.json", """[{"filed":"2024-05-01","form":"4","owner":"X","transaction_date":"2024-04-30","code":"P","shares":10,"acquired_disposed":"Q"}]""");
        var e = Assert.Throws<SnapshotFormatException>(() => new SnapshotLoader().Load(t.Root));
        Assert.Contains(Path.Combine("edgar", "insider", "GOOD.json"), e.Message);
        Assert.Contains("entry 1", e.Message);
    }

    [Fact]
    public void The_sample_loads_its_edgar_parts()
    {
        using var t = new TempSnapshot();
        foreach (var dir in new[] { "companyfacts", "insider" })
        {
            var src = Path.Combine(SampleSnapshot.Locate(), "edgar", dir, "KO.json");
            t.Write($"edgar/{dir}/GOOD.json", File.ReadAllText(src));
        }
        var s = new SnapshotLoader().Load(t.Root);
        Assert.True(s.CompanyFacts["GOOD"].Facts.Count > 50);
        Assert.Equal(4, s.Insider["GOOD"].Count);
    }
}
