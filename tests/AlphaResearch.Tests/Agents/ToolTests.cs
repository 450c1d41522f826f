using System.Text.Json;
using AlphaResearch.Agents.Tools;
using AlphaResearch.Domain;
using AlphaResearch.MarketData;
using Microsoft.Extensions.AI;

namespace AlphaResearch.Tests.Agents;

public sealed class ToolTests
{
    private static async Task<JsonElement> Call(IList<AITool> tools, string name, Dictionary<string, object?> args)
    {
        var f = tools.OfType<AIFunction>().Single(t => t.Name == name);
        var result = await f.InvokeAsync(new AIFunctionArguments(args), TestContext.Current.CancellationToken);
        return Assert.IsType<JsonElement>(result);
    }

    private static (IList<AITool> Tools, ToolRecorder Recorder) Quant()
    {
        var ctx = AgentTestWorld.Context();
        var rec = new ToolRecorder();
        var universe = ctx.Snapshot.TeamUniverse(TeamId.Technology).ToArray();
        return (new QuantTools(ctx, universe, rec).Create(), rec);
    }

    [Fact]
    public async Task Technical_indicators_return_compact_json_and_an_error_entry_for_an_unknown_ticker()
    {
        var (tools, rec) = Quant();
        var json = await Call(tools, "get_technical_indicators", new() { ["tickers"] = new[] { "aapl", "ZZZZ" } });
        var results = json.GetProperty("results");
        Assert.Equal("AAPL", results[0].GetProperty("ticker").GetString());
        Assert.Equal(58.25, results[0].GetProperty("rsi_14").GetDouble());
        Assert.Equal("bullish", results[0].GetProperty("macd_cross").GetString());
        Assert.Equal(71, results[0].GetProperty("technical_score").GetDouble());
        Assert.Equal("ZZZZ", results[1].GetProperty("ticker").GetString());
        Assert.Equal("unknown ticker: not in this run's universe; use only tickers you were given", results[1].GetProperty("error").GetString());
        var call = Assert.Single(rec.Calls);
        Assert.Equal(("quant", "get_technical_indicators", "{\"tickers\":[\"aapl\",\"ZZZZ\"]}", false), (call.Phase, call.Tool, call.ArgumentsJson, call.IsError));
    }

    [Fact]
    public async Task Price_performance_and_relative_strength_are_exact()
    {
        var (tools, _) = Quant();
        // close(i) = 100 + 0.1 i over 130 bars: last 112.9; 5 sessions ago 112.4.
        var perf = (await Call(tools, "get_price_performance", new() { ["tickers"] = new[] { "AAPL" } })).GetProperty("results")[0];
        Assert.Equal(112.9, perf.GetProperty("current_price").GetDouble());
        Assert.Equal(Math.Round((112.9 / 112.4 - 1) * 100, 2), perf.GetProperty("return_5d").GetDouble());
        Assert.Equal(Math.Round((112.9 / 100.9 - 1) * 100, 2), perf.GetProperty("return_120d").GetDouble());

        var rs = (await Call(tools, "get_relative_strength", new() { ["tickers"] = new[] { "AAPL" } })).GetProperty("results")[0];
        Assert.Equal("XLK", rs.GetProperty("sector_etf").GetString());
        double mine20 = Math.Round((112.9 / 110.9 - 1) * 100, 2), xlk20 = Math.Round((225.8 / 221.8 - 1) * 100, 2), spy20 = Math.Round((629.0 / 609.0 - 1) * 100, 2);
        Assert.Equal(Math.Round(mine20 - xlk20, 2), rs.GetProperty("vs_sector_etf_20d").GetDouble());
        Assert.Equal(Math.Round(mine20 - spy20, 2), rs.GetProperty("vs_spy_20d").GetDouble());
    }

    [Fact]
    public async Task Liquidity_screen_peer_ranking_and_fundamentals()
    {
        var (tools, _) = Quant();
        var screen = await Call(tools, "screen_by_liquidity", new() { ["min_avg_volume"] = 8e6 });
        Assert.Equal(4, screen.GetProperty("passing_count").GetInt32());
        Assert.Equal(["NVDA", "AAPL", "MSFT", "ORCL"], screen.GetProperty("tickers").EnumerateArray().Select(t => t.GetProperty("ticker").GetString()));

        var peers = await Call(tools, "get_sector_peers_ranking", new() { ["top_n"] = 3 });
        Assert.Equal(["NVDA", "AAPL", "MSFT"], peers.GetProperty("peers").EnumerateArray().Select(t => t.GetProperty("ticker").GetString()));

        var f = (await Call(tools, "get_fundamentals", new() { ["tickers"] = new[] { "AAPL", "MSFT" } })).GetProperty("results");
        Assert.Equal(31.5, f[0].GetProperty("pe").GetDouble());
        Assert.Equal("no fundamentals available for this ticker in the snapshot", f[1].GetProperty("error").GetString());
    }

    [Fact]
    public async Task Quant_tools_answer_only_for_tickers_of_the_team_universe()
    {
        var (tools, rec) = Quant(); // technology
        var json = await Call(tools, "get_technical_indicators", new() { ["tickers"] = new[] { "JPM", "AAPL" } });
        var results = json.GetProperty("results");
        Assert.Equal("JPM", results[0].GetProperty("ticker").GetString());
        Assert.Equal("not in this team's universe; use only tickers you were given", results[0].GetProperty("error").GetString());
        Assert.False(results[0].TryGetProperty("technical_score", out _));
        Assert.Equal(71, results[1].GetProperty("technical_score").GetDouble());

        var perf = (await Call(tools, "get_price_performance", new() { ["tickers"] = new[] { "jnj" } })).GetProperty("results")[0];
        Assert.Equal(("JNJ", "not in this team's universe; use only tickers you were given"), (perf.GetProperty("ticker").GetString(), perf.GetProperty("error").GetString()));
        Assert.Equal(2, rec.Calls.Count);
    }

    [Fact]
    public async Task A_null_ticker_is_an_error_result_not_an_exception()
    {
        var (tools, rec) = Quant();
        var one = await Call(tools, "get_technical_indicators", new() { ["tickers"] = new string?[] { null } });
        Assert.Equal("a ticker is empty", one.GetProperty("results")[0].GetProperty("error").GetString());
        var two = await Call(tools, "get_fundamentals", new() { ["tickers"] = new string?[] { null, "AAPL" } });
        Assert.Equal("a ticker is empty", two.GetProperty("results")[0].GetProperty("error").GetString());
        Assert.Equal(31.5, two.GetProperty("results")[1].GetProperty("pe").GetDouble());
        Assert.Equal(2, rec.Calls.Count);
    }

    [Fact]
    public async Task Bad_arguments_become_an_error_result_not_an_exception()
    {
        var (tools, rec) = Quant();
        var r = await Call(tools, "get_sector_peers_ranking", new() { ["top_n"] = 0 });
        Assert.Equal("top_n must be between 1 and 50 (got 0)", r.GetProperty("error").GetString());
        Assert.True(Assert.Single(rec.Calls).IsError);
        var many = await Call(tools, "get_technical_indicators", new() { ["tickers"] = Enumerable.Repeat("AAPL", 26).ToArray() });
        Assert.Equal("too many tickers (26): pass at most 25 per call", many.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Qual_tools_find_headlines_filings_and_prior_thesis()
    {
        var d = AgentTestWorld.RunDate;
        var at = new DateTimeOffset(d.ToDateTime(new TimeOnly(14, 0)), TimeSpan.Zero);
        var snap = AgentTestWorld.Snapshot(
            headlines:
            [
                new(at, "Apple unveils new chip", "wire"),
                new(at.AddDays(-1), "Markets rally; AAPL leads", "wire"),
                new(at.AddDays(-20), "Apple old news", "wire"),
                new(at, "Pineapple prices soar", "wire"),
                new(at.AddDays(1), "Apple future news", "wire"),
            ],
            filings: new Dictionary<string, IReadOnlyList<Filing>>
            {
                ["AAPL"] = [new("8-K", d.AddDays(-2), null, "2.02,9.01", "Results"), new("10-K", d.AddDays(-200), null, "", "Annual")],
            });
        var ctx = AgentTestWorld.Context(snap, new() { Theses = new Dictionary<string, Thesis> { ["MSFT"] = AgentTestWorld.PriorThesis("MSFT") } });
        var rec = new ToolRecorder();
        var tools = new QualTools(ctx, rec).Create();

        var news = await Call(tools, "get_news_headlines", new() { ["ticker"] = "AAPL", ["days"] = 14 });
        Assert.Equal("Apple", news.GetProperty("matched_on").GetString());
        Assert.Equal(["Apple unveils new chip", "Markets rally; AAPL leads"], news.GetProperty("headlines").EnumerateArray().Select(h => h.GetProperty("title").GetString()));

        var filings = await Call(tools, "get_recent_filings", new() { ["ticker"] = "AAPL", ["days"] = 90 });
        var f = Assert.Single(filings.GetProperty("filings").EnumerateArray());
        Assert.Equal(("8-K", "2026-03-04"), (f.GetProperty("form").GetString(), f.GetProperty("filing_date").GetString()));
        Assert.Equal(["2.02", "9.01"], f.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("item").GetString()));

        var prior = await Call(tools, "get_prior_thesis", new() { ["ticker"] = "MSFT" });
        Assert.Equal("old bull", prior.GetProperty("prior_thesis").GetProperty("bull_case").GetString());
        var none = await Call(tools, "get_prior_thesis", new() { ["ticker"] = "AAPL" });
        Assert.Equal(JsonValueKind.Null, none.GetProperty("prior_thesis").ValueKind);

        var profile = await Call(tools, "get_company_profile", new() { ["ticker"] = "NOPE" });
        Assert.Equal("unknown ticker: not in this run's universe; use only tickers you were given", profile.GetProperty("error").GetString());
        Assert.Equal(5, rec.Calls.Count);
        Assert.All(rec.Calls, c => Assert.Equal("qual", c.Phase));
    }
}

public sealed class ToolRecorderTests
{
    [Fact]
    public void An_unexpected_failure_inside_a_tool_is_an_error_result_and_recorded()
    {
        var rec = new ToolRecorder();
        var json = rec.Invoke("qual", "get_company_profile", "AAPL", new { ticker = "AAPL" }, () => throw new InvalidOperationException("boom"));
        Assert.Equal("""{"error":"tool failed: InvalidOperationException: boom"}""", json.GetRawText());
        var call = Assert.Single(rec.Calls);
        Assert.Equal(new ToolCallRecord("qual", "get_company_profile", "AAPL", """{"ticker":"AAPL"}""", """{"error":"tool failed: InvalidOperationException: boom"}""", true), call);
    }

    [Fact]
    public void Long_results_are_summarised_in_the_record()
    {
        var rec = new ToolRecorder();
        rec.Invoke("quant", "t", null, new { }, () => new { text = new string('x', 500) });
        var summary = Assert.Single(rec.Calls).ResultSummary;
        Assert.Equal(241, summary.Length);
        Assert.EndsWith("…", summary);
    }
}
