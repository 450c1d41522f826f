using AlphaResearch.MarketData;

namespace AlphaResearch.Tests.MarketData;

/// <summary>Insider summary (net buying/selling, cluster buys) and the Form 4 XML parser.</summary>
public sealed class InsiderSummaryTests
{
    private static InsiderTransaction Row(string owner, string filed, string code, double shares, double? price) =>
        new(DateOnly.Parse(filed), "4", "a", owner, "director", DateOnly.Parse(filed).AddDays(-2), code, shares, price, code is "S" or "F" ? "D" : "A", null);

    [Fact]
    public void Three_insiders_buying_within_thirty_days_is_a_cluster_buy()
    {
        var rows = new[] { Row("A", "2024-11-14", "P", 100, 10), Row("B", "2024-11-22", "P", 100, 10), Row("C", "2024-12-06", "P", 100, 10) };
        var s = InsiderSummary.Of(rows, new DateOnly(2025, 1, 10), 90);
        Assert.True(s.ClusterBuy);
        Assert.Equal(3, s.Buyers);
        Assert.Equal("net_buying", s.Direction);
        Assert.Equal(3000, s.ValueBought);
    }

    [Fact]
    public void Buys_spread_over_more_than_thirty_days_or_by_one_insider_are_not_a_cluster()
    {
        var spread = new[] { Row("A", "2024-10-01", "P", 1, 1), Row("B", "2024-11-15", "P", 1, 1), Row("C", "2024-12-30", "P", 1, 1) };
        Assert.False(InsiderSummary.Of(spread, new DateOnly(2025, 1, 10), 120).ClusterBuy);
        var one = new[] { Row("A", "2024-12-01", "P", 1, 1), Row("A", "2024-12-02", "P", 1, 1), Row("A", "2024-12-03", "P", 1, 1) };
        Assert.False(InsiderSummary.Of(one, new DateOnly(2025, 1, 10), 90).ClusterBuy);
    }

    [Fact]
    public void Sales_outweigh_awards_and_later_filings_are_not_counted()
    {
        var rows = new[] { Row("A", "2024-12-01", "S", 1000, 200), Row("B", "2024-12-02", "A", 5000, null), Row("C", "2025-01-11", "P", 1_000_000, 200) };
        var s = InsiderSummary.Of(rows, new DateOnly(2025, 1, 10), 90);
        Assert.Equal("net_selling", s.Direction);
        Assert.Equal(1, s.OtherTransactions);
        Assert.Equal(2, s.Transactions);
        Assert.Equal(new DateOnly(2024, 12, 2), s.LastFiled);
    }

    [Fact]
    public void Form4_xml_becomes_transactions()
    {
        var xml = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "edgar", "form4.xml"));
        var rows = Form4Parser.Parse(xml, new DateOnly(2024, 12, 18), "4", "0009999901-24-000003");
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal("FIXTURE INSIDER C", r.Owner));
        Assert.Equal("Chief Financial Officer, director", rows[0].Relationship);
        Assert.Equal(("M", 4000.0, (double?)null, "A"), (rows[0].Code, rows[0].Shares, rows[0].Price, rows[0].AcquiredDisposed));
        Assert.Equal(("S", 4000.0, (double?)251.9, "D", (double?)16000), (rows[1].Code, rows[1].Shares, rows[1].Price, rows[1].AcquiredDisposed, rows[1].SharesAfter));
        Assert.Equal(new DateOnly(2024, 12, 16), rows[1].TransactionDate);
    }
}
