using AlphaResearch.Agents;
using AlphaResearch.Archive;
using AlphaResearch.Domain;
using AlphaResearch.MarketData;
using AlphaResearch.Scoring;
using AlphaResearch.Tests.Fakes;
using static AlphaResearch.Tests.Agents.AgentTestWorld;

namespace AlphaResearch.Tests.Agents;

/// <summary>Cross-asset macro inputs, the S&amp;P drawdown with its de-risk flag, the previous report text (issue 13 item 3).</summary>
public sealed class MacroInputsTests
{
    /// <summary>SPY 100 then 80 from session 100 on (−20% from its high); QQQ flat; HYG +10% at session 110; LQD flat.</summary>
    private static MarketSnapshot Market(bool withSpy = true, bool withMacro = true)
    {
        var b = new Dictionary<string, PriceSeries>
        {
            ["QQQ"] = Series("QQQ", _ => 50, 1e6),
            ["GLD"] = Series("GLD", _ => 180, 1e6),
            ["HYG"] = Series("HYG", i => i < 110 ? 100 : 110, 1e6),
            ["LQD"] = Series("LQD", _ => 105, 1e6),
            ["TLT"] = Series("TLT", _ => 90, 1e6),
        };
        if (withSpy) b["SPY"] = Series("SPY", i => i < 100 ? 100 : 80, 80e6);
        var s = Snapshot();
        return new MarketSnapshot
        {
            Source = s.Source, Fingerprint = s.Fingerprint, Constituents = s.Constituents, Prices = s.Prices,
            Benchmarks = b, Macro = withMacro ? s.Macro : new Dictionary<string, MacroSeries>(), AsOfDate = s.AsOfDate,
        };
    }

    private static string[] Lines(MarketSnapshot snap, double threshold = 10) =>
        MacroInputs.Render(Context(snap), threshold).Split('\n');

    [Fact]
    public void Size_style_commodities_duration_and_credit_are_rendered_and_missing_series_are_n_a()
    {
        var lines = Lines(Market());

        Assert.Contains("- Nasdaq-100, growth (QQQ): 0.0% / 0.0% (vs SPY: 0.0 / +20.0 pp)", lines);
        Assert.Contains("- Russell 2000, small caps (IWM): n/a (vs SPY: n/a)", lines);
        Assert.Contains("- Gold (GLD): 0.0% / 0.0%", lines);
        Assert.Contains("- Oil (USO): n/a", lines);
        Assert.Contains("- 20+ year (TLT): 0.0% / 0.0%", lines);
        Assert.Contains("- 7-10 year (IEF): n/a", lines);
        Assert.Contains("- 1-3 year (SHY): n/a", lines);
        Assert.Contains(lines, l => l.StartsWith("- High yield (HYG) vs LQD: +10.0 / +10.0 pp, 20d / 60d", StringComparison.Ordinal));
    }

    [Fact]
    public void A_drawdown_at_or_beyond_the_threshold_turns_the_de_risk_flag_on()
    {
        var line = Assert.Single(Lines(Market()), l => l.StartsWith("- S&P 500 (SPY)", StringComparison.Ordinal));
        Assert.Contains("-20.0% from its 52-week closing high of 100.00", line);
        Assert.Contains("(2025-09-08, 130 sessions); de-risk flag: ON (on at -10% or deeper)", line);
        Assert.Contains("de-risk flag: off (on at -25% or deeper)", Assert.Single(Lines(Market(), threshold: 25), l => l.StartsWith("- S&P 500", StringComparison.Ordinal)));
        Assert.Equal(-20, MacroInputs.Drawdown(Market())!.Value.Pct);
        Assert.Contains("- S&P 500 (SPY) drawdown from its 52-week high: n/a; de-risk flag: n/a", Lines(Market(withSpy: false)));
    }

    [Fact]
    public void Rows_after_the_run_date_change_nothing()
    {
        var cut = Market(withMacro: false); // macro release lags are AsOf's own business (tested with the snapshot)
        var later = cut.Benchmarks.ToDictionary(kv => kv.Key, kv => Extend(kv.Value));
        var full = new MarketSnapshot
        {
            Source = cut.Source, Fingerprint = cut.Fingerprint, Constituents = cut.Constituents, Prices = cut.Prices,
            Benchmarks = later, Macro = cut.Macro, AsOfDate = RunDate.AddDays(14),
        };
        Assert.Equal(MacroInputs.Render(Context(cut)), MacroInputs.Render(Context(full.AsOf(RunDate))));
        Assert.NotEqual(MacroInputs.Render(Context(cut)), MacroInputs.Render(Context(full)));
    }

    /// <summary>Ten more weekdays after the run date at twice the last close.</summary>
    private static PriceSeries Extend(PriceSeries s)
    {
        var dates = s.Dates.ToArray().Concat(Enumerable.Range(1, 14).Select(i => RunDate.AddDays(i)).Where(d => d.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday)).ToArray();
        var close = s.Close.ToArray().Concat(Enumerable.Repeat(s.LastClose * 2, dates.Length - s.Count)).ToArray();
        return new PriceSeries(s.Symbol, dates, close, close, close, close, close.Select(_ => 1e6).ToArray());
    }

    [Fact]
    public async Task The_economist_prompt_carries_the_inputs_and_the_previous_report_and_the_report_keeps_them()
    {
        var draft = """{"market_regime": "neutral", "key_theme": "t", "report_md": "r", "material_changes": [], "sector_ratings": {REST}}"""
            .Replace("REST", MacroAgentTests.RestOf());
        var f = new ScriptedChatClient()
            .OnText("macro_economist", draft)
            .OnText("macro_critic", """{"action": "accept", "critique": "", "suggested_regime": null}""");
        var prior = new PriorState
        {
            PreviousRunDate = RunDate.AddDays(-7),
            SectorViews = Sectors.All.ToDictionary(s => s, _ => new SectorView(SectorRating.MarketWeight, 1.0, "flat")),
            MacroReportMd = "## Last week\nCurve steepened; credit calm.",
        };

        var report = await new MacroAgent(new FakeLlmClients(new ScriptedChatClient(), f), Prompts, new AgentsConfig())
            .RunAsync(Context(Market(), prior), TestContext.Current.CancellationToken);

        string prompt = f.RequestsFor("macro_economist")[0].LastUserText;
        Assert.Contains("Previous report text:\n## Last week\nCurve steepened; credit calm.", prompt);
        Assert.Contains("- High yield (HYG) vs LQD: +10.0 / +10.0 pp", prompt);
        Assert.Contains("de-risk flag: ON", prompt);
        Assert.Equal("3", Prompts["macro_economist"].Ref.Version);
        Assert.Equal((true, -20.0), (report.DeRisk, report.SpDrawdownPct!.Value));
        Assert.Equal(MacroInputs.Render(Context(Market(), prior)), report.Inputs);
    }

    [Fact]
    public void A_long_previous_report_is_cut_with_a_note()
    {
        var text = MacroAgent.PreviousReportText(new string('x', MacroAgent.MaxPreviousReportChars + 120));
        Assert.EndsWith("[… 120 more characters cut]", text);
        Assert.Equal("Previous report text: n/a (not recorded).", MacroAgent.PreviousReportText(null));
    }
}
