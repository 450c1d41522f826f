using System.Text.Json;
using AlphaResearch.Agents;
using AlphaResearch.Agents.Tools;
using AlphaResearch.Domain;
using AlphaResearch.MarketData;
using Microsoft.Extensions.AI;

namespace AlphaResearch.Tests.Agents;

/// <summary>The qual/quant tools and held-thesis triggers over EDGAR evidence: XBRL facts, filings with 8-K items, insider transactions, tagged news.</summary>
public sealed class EdgarToolTests
{
    private static readonly DateOnly D = AgentTestWorld.RunDate; // 2026-03-06

    private static XbrlFact Q(string concept, string unit, DateOnly start, DateOnly end, double val, DateOnly filed, string form = "10-Q") =>
        new("us-gaap", concept, unit, start, end, val, form, "Q", filed, "acc");

    /// <summary>Eight quarters of revenue/EPS for AAPL ending 2025-12-31 (filed 2026-02-01), plus one more filed the day after the run.</summary>
    private static CompanyFacts AppleFacts()
    {
        var facts = new List<XbrlFact>();
        var start = new DateOnly(2024, 1, 1);
        for (int i = 0; i < 9; i++)
        {
            var s = start.AddMonths(3 * i);
            var e = s.AddMonths(3).AddDays(-1);
            var filed = i == 8 ? D.AddDays(1) : e.AddDays(32);
            facts.Add(Q("Revenues", "USD", s, e, (100 + 10 * i) * 1e9, filed));
            facts.Add(Q("NetIncomeLoss", "USD", s, e, (20 + i) * 1e9, filed));
            facts.Add(Q("EarningsPerShareDiluted", "USD/shares", s, e, 1 + 0.1 * i, filed));
        }
        return new CompanyFacts("AAPL", "Apple Inc.", facts);
    }

    private static MarketSnapshot With(MarketSnapshot b,
        IReadOnlyDictionary<string, IReadOnlyList<Filing>>? filings = null,
        IReadOnlyDictionary<string, IReadOnlyList<InsiderTransaction>>? insider = null,
        IReadOnlyList<NewsItem>? news = null) => new()
    {
        Source = b.Source, Fingerprint = b.Fingerprint, Constituents = b.Constituents, Prices = b.Prices, Benchmarks = b.Benchmarks,
        Macro = b.Macro, Headlines = b.Headlines, AsOfDate = b.AsOfDate,
        Filings = filings ?? new Dictionary<string, IReadOnlyList<Filing>>(),
        CompanyFacts = new Dictionary<string, CompanyFacts> { ["AAPL"] = AppleFacts() },
        Insider = insider ?? new Dictionary<string, IReadOnlyList<InsiderTransaction>>(),
        News = news ?? [],
    };

    private static InsiderTransaction Buy(string owner, int daysBefore, string code = "P") =>
        new(D.AddDays(-daysBefore), "4", "a", owner, "director", D.AddDays(-daysBefore - 2), code, 1000, 50, code is "S" or "F" ? "D" : "A", null);

    private static async Task<JsonElement> Call(IList<AITool> tools, string name, Dictionary<string, object?> args)
    {
        var f = tools.OfType<AIFunction>().Single(t => t.Name == name);
        return Assert.IsType<JsonElement>(await f.InvokeAsync(new AIFunctionArguments(args), TestContext.Current.CancellationToken));
    }

    private static IList<AITool> Qual(MarketSnapshot snap) => new QualTools(AgentTestWorld.Context(snap), new ToolRecorder()).Create();

    [Fact]
    public async Task Profile_and_trend_show_xbrl_fundamentals_as_filed_by_the_run_date()
    {
        var tools = Qual(With(AgentTestWorld.Snapshot()));
        var profile = await Call(tools, "get_company_profile", new() { ["ticker"] = "AAPL" });
        var f = profile.GetProperty("fundamentals");
        Assert.Equal("2025-12-31", f.GetProperty("latest_period_end").GetString()); // the quarter filed after the run is invisible
        Assert.Equal(150 + 160 + 170 + 140, f.GetProperty("revenue_ttm_musd").GetDouble() / 1000);
        Assert.Equal(Math.Round(100.0 * (620 - 460) / 460, 2), f.GetProperty("revenue_ttm_yoy_pct").GetDouble());
        Assert.StartsWith("TTM rev $620.0B +34.8% YoY", profile.GetProperty("evidence").GetString());

        var trend = await Call(tools, "get_fundamentals_trend", new() { ["ticker"] = "AAPL" });
        var quarters = trend.GetProperty("quarters").EnumerateArray().ToArray();
        Assert.Equal(8, quarters.Length);
        Assert.Equal(("2025-12-31", 170000.0), (quarters[^1].GetProperty("period_end").GetString(), quarters[^1].GetProperty("revenue_musd").GetDouble()));

        var none = await Call(tools, "get_fundamentals_trend", new() { ["ticker"] = "MSFT" });
        Assert.Contains("no XBRL company facts", none.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Recent_filings_explain_8k_items_and_leave_insider_forms_to_their_tool()
    {
        var filings = new Dictionary<string, IReadOnlyList<Filing>>
        {
            ["AAPL"] =
            [
                new("10-K", D.AddDays(-120), D.AddDays(-150), "", "10-K"),
                new("10-Q", D.AddDays(-30), D.AddDays(-60), "", "10-Q"),
                new("8-K", D.AddDays(-10), null, "1.01,5.02", "8-K"),
                new("4", D.AddDays(-3), null, "", "FORM 4"),
                new("144", D.AddDays(-4), null, "", ""),
                new("8-K", D.AddDays(2), null, "2.02", "future"),
            ],
        };
        var tools = Qual(With(AgentTestWorld.Snapshot(), filings));
        var r = await Call(tools, "get_recent_filings", new() { ["ticker"] = "AAPL", ["days"] = 90 });
        var list = r.GetProperty("filings").EnumerateArray().ToArray();
        Assert.Equal(["8-K", "10-Q"], list.Select(x => x.GetProperty("form").GetString()));
        var items = list[0].GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("item").GetString(), i.GetProperty("meaning").GetString())).ToArray();
        Assert.Equal([("1.01", "entry into a material definitive agreement"), ("5.02", "departure or appointment of directors or officers; compensation arrangements")], items);
        Assert.Equal(30, r.GetProperty("recency").GetProperty("last_10q").GetProperty("days_ago").GetInt32());
        Assert.Equal(120, r.GetProperty("recency").GetProperty("last_10k").GetProperty("days_ago").GetInt32());

        var insider = await Call(tools, "get_insider_activity", new() { ["ticker"] = "AAPL", ["days"] = 90 });
        Assert.Equal((1, 1), (insider.GetProperty("summary").GetProperty("form_3_4_5_filings").GetInt32(), insider.GetProperty("summary").GetProperty("form_144_sale_notices").GetInt32()));
        Assert.Equal("Coca-Cola", CompanyMentions.ShortName("Coca-Cola Company (The)"));

        var quiet = await Call(tools, "get_recent_filings", new() { ["ticker"] = "AAPL", ["days"] = 5 });
        Assert.Equal(0, quiet.GetProperty("filing_count").GetInt32());
        Assert.Equal("8-K", quiet.GetProperty("latest_before_window")[0].GetProperty("form").GetString());
    }

    [Fact]
    public async Task Insider_activity_reports_net_direction_and_cluster_buys_without_later_filings()
    {
        var insider = new Dictionary<string, IReadOnlyList<InsiderTransaction>>
        {
            ["AAPL"] = [Buy("A", 20), Buy("B", 12), Buy("C", 4), Buy("D", 8, "S"), Buy("E", -1, "S")],
        };
        var tools = Qual(With(AgentTestWorld.Snapshot(), insider: insider));
        var r = await Call(tools, "get_insider_activity", new() { ["ticker"] = "AAPL", ["days"] = 90 });
        var s = r.GetProperty("summary");
        Assert.Equal(("net_buying", 3, 1, true), (s.GetProperty("direction").GetString(), s.GetProperty("open_market_buyers").GetInt32(),
            s.GetProperty("open_market_sellers").GetInt32(), s.GetProperty("cluster_buy").GetBoolean()));
        Assert.Equal(4, r.GetProperty("transactions").GetArrayLength()); // E's sale was filed after the run date

        var indexOnly = Qual(With(AgentTestWorld.Snapshot(), new Dictionary<string, IReadOnlyList<Filing>> { ["MSFT"] = [new("4", D.AddDays(-5), null, "", "")] }));
        var fallback = await Call(indexOnly, "get_insider_activity", new() { ["ticker"] = "MSFT", ["days"] = 90 });
        Assert.Equal(1, fallback.GetProperty("summary").GetProperty("form_3_4_5_filings").GetInt32());
        var missing = await Call(indexOnly, "get_insider_activity", new() { ["ticker"] = "NVDA", ["days"] = 90 });
        Assert.Contains("no insider filings", missing.GetProperty("error").GetString());
    }

    [Fact]
    public async Task News_tool_returns_ticker_tagged_items_in_the_window_only()
    {
        var at = new DateTimeOffset(D.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
        var news = new NewsItem[]
        {
            new("AAPL", at.AddDays(-2), "Apple signs supplier deal", "Wire", "https://news.test/1", "summary"),
            new("AAPL", at.AddDays(-30), "Old", "Wire", "https://news.test/2", null),
            new("AAPL", at.AddDays(1), "Tomorrow", "Wire", "https://news.test/3", null),
            new("MSFT", at, "Other company", "Wire", "https://news.test/4", null),
        };
        var tools = Qual(With(AgentTestWorld.Snapshot(), news: news));
        var r = await Call(tools, "get_news_headlines", new() { ["ticker"] = "AAPL", ["days"] = 14 });
        Assert.Equal(1, r.GetProperty("tagged_count").GetInt32());
        Assert.Equal("Apple signs supplier deal", r.GetProperty("tagged")[0].GetProperty("headline").GetString());
    }

    [Fact]
    public async Task Quant_fundamentals_include_the_xbrl_summary()
    {
        var ctx = AgentTestWorld.Context(With(AgentTestWorld.Snapshot()));
        var tools = new QuantTools(ctx, ctx.Snapshot.TeamUniverse(TeamId.Technology).ToArray(), new ToolRecorder()).Create();
        var r = await Call(tools, "get_fundamentals", new() { ["tickers"] = new[] { "AAPL", "MSFT" } });
        var results = r.GetProperty("results");
        Assert.Equal(620_000, results[0].GetProperty("xbrl").GetProperty("revenue_ttm_musd").GetDouble());
        Assert.Equal("no fundamentals available for this ticker in the snapshot", results[1].GetProperty("error").GetString());
    }

    [Theory]
    [InlineData(new[] { 20, 12, 4 }, true)]   // three buyers in 16 days, the last filed inside the 5-day look-back
    [InlineData(new[] { 20, 12, 9 }, false)]  // the cluster formed, but no buy filed this week
    [InlineData(new[] { 50, 12, 4 }, false)]  // spread over more than 30 days
    public void Insider_cluster_buy_triggers_a_thesis_update(int[] daysBefore, bool fires)
    {
        var insider = new Dictionary<string, IReadOnlyList<InsiderTransaction>> { ["MSFT"] = daysBefore.Select((d, i) => Buy($"I{i}", d)).ToArray() };
        var triggers = MaterialTriggers.Evaluate(AgentTestWorld.Context(With(AgentTestWorld.Snapshot(), insider: insider)), AgentTestWorld.Macro(), "MSFT", Sectors.InformationTechnology, new AgentsConfig());
        Assert.Equal(fires, triggers.Contains(MaterialTriggers.InsiderClusterBuy));
    }

    [Theory]
    [InlineData("8-K", "2.02,9.01", true)]
    [InlineData("8-K", "5.02", false)]
    [InlineData("10-Q", "", true)]
    public void An_earnings_8k_or_periodic_report_is_a_recent_earnings_trigger(string form, string items, bool fires)
    {
        var filings = new Dictionary<string, IReadOnlyList<Filing>> { ["MSFT"] = [new(form, D.AddDays(-2), null, items, "")] };
        var triggers = MaterialTriggers.Evaluate(AgentTestWorld.Context(With(AgentTestWorld.Snapshot(), filings)), AgentTestWorld.Macro(), "MSFT", Sectors.InformationTechnology, new AgentsConfig());
        Assert.Equal(fires, triggers.Contains(MaterialTriggers.RecentEarnings));
        Assert.Contains(MaterialTriggers.RecentFiling, triggers);
    }
}
