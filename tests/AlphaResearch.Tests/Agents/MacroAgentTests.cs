using AlphaResearch.Agents;
using AlphaResearch.Domain;
using AlphaResearch.Tests.Fakes;

namespace AlphaResearch.Tests.Agents;

public sealed class MacroAgentTests
{
    /// <summary>Every sector rated (the schema requires one property per sector); the first four exercise the derivations.</summary>
    private static readonly string Draft = """
        {"market_regime": "bull", "key_theme": "disinflation", "report_md": "## Macro\nok", "material_changes": ["curve steeper"],
         "sector_ratings": {"Technology": {"rating": "overweight", "modifier": 1.15, "rationale": "earnings"},
                            "Health Care": {"rating": "bogus", "modifier": 0.9},
                            "Financial Services": {"modifier": 1.0, "rationale": "flat"},
                            "Utilities": {"rating": "Market Weight", "modifier": 1.2, "rationale": "kept"}, REST}}
        """.Replace("REST", RestOf(Sectors.InformationTechnology, Sectors.HealthCare, Sectors.Financials, Sectors.Utilities));

    /// <summary>Market-weight ratings for every sector but <paramref name="given"/>, as JSON members.</summary>
    internal static string RestOf(params string[] given) => string.Join(", ", Sectors.All.Except(given)
        .Select(s => $"\"{s}\": {{\"rating\": \"market_weight\", \"modifier\": 1.0, \"rationale\": \"flat\"}}"));

    [Fact]
    public async Task A_draft_that_leaves_a_sector_unrated_is_sent_back()
    {
        var partial = Draft.Replace(", " + RestOf(Sectors.InformationTechnology, Sectors.HealthCare, Sectors.Financials, Sectors.Utilities), "");
        var f = new ScriptedChatClient()
            .OnText("macro_economist", partial, Draft)
            .OnText("macro_critic", """{"action": "accept", "critique": "", "suggested_regime": null}""");

        var r = await Agent(f).RunAsync(AgentTestWorld.Context(), TestContext.Current.CancellationToken);

        Assert.Equal(11, r.Sectors.Count);
        Assert.Contains($"sector_ratings must rate every sector; missing: {Sectors.ConsumerDiscretionary}", f.RequestsFor("macro_economist")[1].LastUserText);
    }

    private static MacroAgent Agent(ScriptedChatClient f) => new(new FakeLlmClients(new ScriptedChatClient(), f), AgentTestWorld.Prompts, new AgentsConfig());

    [Fact]
    public async Task Accepted_draft_becomes_the_report_with_derived_ratings_for_all_11_sectors()
    {
        var f = new ScriptedChatClient()
            .OnText("macro_economist", Draft)
            .OnText("macro_critic", """{"action": "accept", "critique": "", "suggested_regime": null}""");

        var r = await Agent(f).RunAsync(AgentTestWorld.Context(), TestContext.Current.CancellationToken);

        Assert.Equal(MarketRegime.Bull, r.MarketRegime);
        Assert.Equal(11, r.Sectors.Count);
        Assert.Equal(new SectorView(SectorRating.Overweight, 1.15, "earnings"), r.Sectors[Sectors.InformationTechnology]);
        Assert.Equal(SectorRating.Underweight, r.Sectors[Sectors.HealthCare].Rating);
        Assert.Equal("Rating derived from modifier 0.90 (the economist gave no valid rating).", r.Sectors[Sectors.HealthCare].Rationale);
        Assert.Equal(SectorRating.MarketWeight, r.Sectors[Sectors.Financials].Rating);
        Assert.Equal(new SectorView(SectorRating.MarketWeight, 1.2, "kept"), r.Sectors[Sectors.Utilities]);
        Assert.Equal((SectorRating.MarketWeight, 1.0), (r.Sectors[Sectors.Energy].Rating, r.Sectors[Sectors.Energy].Modifier));
        Assert.Equal(("disinflation", "## Macro\nok", false, (string?)null), (r.KeyTheme, r.ReportMd, r.Revised, r.Critique));
        Assert.Equal(["curve steeper"], r.MaterialChanges);
        Assert.Equal([("macro", "macro_economist"), ("macro", "macro_critic")], f.Requests.Select(q => (q.Tag.AgentId, q.Tag.Label)));
        var prompt = f.Requests[0].LastUserText;
        Assert.Contains("- Curve 10y-2y: 0.35 pp", prompt);
        Assert.Contains("- Fed funds rate: n/a", prompt);
        Assert.Contains("- CPI YoY: 3.0% (2026-03)", prompt);
        Assert.Contains("- VIX: 17.5", prompt);
        Assert.Contains("- Breadth (480 stocks): 61.5% above 50-day MA, 55.5% above 200-day MA, advance/decline 1.40 (280 up / 200 down)", prompt);
        Assert.Contains("- Information Technology (XLK): +1.8% / +5.6%", prompt);
        Assert.Contains("No previous report (first run).", prompt);
    }

    [Theory]
    [InlineData(0.92, SectorRating.Underweight)]
    [InlineData(0.93, SectorRating.MarketWeight)]
    [InlineData(1.07, SectorRating.MarketWeight)]
    [InlineData(1.08, SectorRating.Overweight)]
    public void Rating_derivation_thresholds(double modifier, SectorRating expected) => Assert.Equal(expected, MacroAgent.Derive(modifier));

    [Fact]
    public async Task Critic_revise_then_accept_gives_one_revision_with_the_critique()
    {
        var f = new ScriptedChatClient()
            .OnText("macro_economist", Draft, Draft.Replace("\"bull\"", "\"neutral\""))
            .OnText("macro_critic",
                """{"action": "revise", "critique": "VIX and breadth do not support bull.", "suggested_regime": "neutral"}""",
                """{"action": "accept"}""");

        var r = await Agent(f).RunAsync(AgentTestWorld.Context(), TestContext.Current.CancellationToken);

        Assert.Equal(MarketRegime.Neutral, r.MarketRegime);
        Assert.True(r.Revised);
        Assert.Equal("VIX and breadth do not support bull.", r.Critique);
        Assert.Equal(["macro_economist", "macro_critic", "macro_economist", "macro_critic"], f.Requests.Select(q => q.Tag.Label));
        Assert.Contains("## Critic's review of your first draft (revise accordingly)\nVIX and breadth do not support bull.\nSuggested regime: neutral",
            f.Requests[2].LastUserText);
        Assert.DoesNotContain("Critic's review", f.Requests[0].LastUserText);
    }

    [Fact]
    public async Task Never_more_than_one_revision()
    {
        var f = new ScriptedChatClient()
            .OnText("macro_economist", Draft, Draft)
            .OnText("macro_critic", """{"action": "revise", "critique": "first"}""", """{"action": "revise", "critique": "second"}""");

        var r = await Agent(f).RunAsync(AgentTestWorld.Context(), TestContext.Current.CancellationToken);

        Assert.True(r.Revised);
        Assert.Equal("first\n\nStill open after the revision: second", r.Critique);
        Assert.Equal(2, f.RequestsFor("macro_economist").Count);
        Assert.Equal(2, f.RequestsFor("macro_critic").Count);
    }

    [Fact]
    public async Task Out_of_range_modifier_is_sent_back_to_the_economist()
    {
        var f = new ScriptedChatClient()
            .OnText("macro_economist", Draft.Replace("1.15", "1.45"), Draft)
            .OnText("macro_critic", """{"action": "accept"}""");

        var r = await Agent(f).RunAsync(AgentTestWorld.Context(), TestContext.Current.CancellationToken);

        Assert.Equal(1.15, r.Sectors[Sectors.InformationTechnology].Modifier);
        Assert.Contains("sector_ratings['Technology'].modifier 1.45 is outside [0.70, 1.30]", f.RequestsFor("macro_economist")[1].LastUserText);
    }
}

public sealed class MacroDryRunTests
{
    [Fact]
    public async Task Dry_run_draft_with_an_off_vocabulary_regime_reads_as_neutral()
    {
        var f = new ScriptedChatClient()
            .OnText("macro_economist", """{"market_regime": "[DRY-RUN stub] market_regime", "key_theme": "[DRY-RUN stub] theme", "sector_ratings": {REST}}""".Replace("REST", MacroAgentTests.RestOf()))
            .OnText("macro_critic", """{"action": "[DRY-RUN stub] action"}""");
        var r = await new MacroAgent(new FakeLlmClients(f), AgentTestWorld.Prompts, new AgentsConfig()).RunAsync(AgentTestWorld.Context(), TestContext.Current.CancellationToken);
        Assert.Equal(MarketRegime.Neutral, r.MarketRegime);
        Assert.False(r.Revised);
        Assert.Equal(2, f.Requests.Count);
    }

    [Fact]
    public async Task Real_draft_with_an_off_vocabulary_regime_is_reasked()
    {
        var f = new ScriptedChatClient()
            .OnText("macro_economist", """{"market_regime": "caution", "sector_ratings": {REST}}""".Replace("REST", MacroAgentTests.RestOf()),
                """{"market_regime": "bear", "sector_ratings": {REST}}""".Replace("REST", MacroAgentTests.RestOf()))
            .OnText("macro_critic", """{"action": "accept"}""");
        var r = await new MacroAgent(new FakeLlmClients(f), AgentTestWorld.Prompts, new AgentsConfig()).RunAsync(AgentTestWorld.Context(), TestContext.Current.CancellationToken);
        Assert.Equal(MarketRegime.Bear, r.MarketRegime);
        Assert.Contains("market_regime must be one of bull, neutral, bear (got 'caution')", f.Requests[1].LastUserText);
    }
}
