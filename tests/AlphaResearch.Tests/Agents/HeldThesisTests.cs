using AlphaResearch.Agents;
using AlphaResearch.Domain;
using AlphaResearch.Engine;
using AlphaResearch.MarketData;
using AlphaResearch.Tests.Fakes;
using AlphaResearch.Scoring;

namespace AlphaResearch.Tests.Agents;

public sealed class HeldThesisTests
{
    private const string Label = "thesis_update:technology:MSFT";

    /// <summary>MSFT held, its sector moved from market weight to overweight: one trigger fires.</summary>
    private static ResearchContext TriggeredContext() => AgentTestWorld.Context(prior: new PriorState
    {
        Population = [AgentTestWorld.Held("MSFT")],
        Theses = new Dictionary<string, Thesis> { ["MSFT"] = AgentTestWorld.PriorThesis("MSFT") },
        SectorViews = new Dictionary<string, SectorView> { [Sectors.InformationTechnology] = new(SectorRating.MarketWeight, 1.0, "") },
    });

    private static Task<IReadOnlyDictionary<string, Thesis>> Run(ScriptedChatClient f, ResearchContext ctx) =>
        new HeldThesisMaintenance(f, AgentTestWorld.Prompts, new AgentsConfig())
            .RunAsync(TeamId.Technology, ctx, AgentTestWorld.Macro(tech: SectorRating.Overweight), TestContext.Current.CancellationToken);

    [Fact]
    public async Task Invalid_then_valid_update_is_merged_over_the_prior_keeping_its_scores()
    {
        var f = new ScriptedChatClient().OnText(Label,
            """{"conviction": 140, "bull_case": "x"}""",
            """{"thesis_summary": "Upgrade cycle intact.", "bull_case": "cloud share gains", "bear_case": "", "catalysts": [], "conviction": 66, "conviction_rationale": "sector tailwind"}""");

        var t = (await Run(f, TriggeredContext()))["MSFT"];

        Assert.Equal("Upgrade cycle intact.", t.ThesisSummary);
        Assert.Equal("cloud share gains", t.BullCase);
        Assert.Equal("old bear", t.BearCase);
        Assert.Equal(["old catalyst"], t.Catalysts);
        Assert.Equal((66, "sector tailwind"), (t.Conviction!.Value, t.ConvictionRationale));
        Assert.Equal((72.4, Rating.Buy), (t.FinalScore!.Value, t.Rating!.Value));
        Assert.Equal(("2026-03-06", 0), (t.LastUpdated, t.StaleDays));
        Assert.Equal([MaterialTriggers.SectorRatingChange], t.Triggers);
        Assert.Equal(2, f.Requests.Count);
        Assert.Contains("conviction must be an integer in [0, 100] or null", f.Requests[1].LastUserText);
        Assert.All(f.Requests, r => Assert.Equal(("sector_team:technology", Label), (r.Tag.AgentId, r.Tag.Label)));
        Assert.Contains("these material triggers\nfired: sector_rating_change", f.Requests[0].Messages[0].Text);
    }

    [Fact]
    public async Task Three_invalid_updates_are_a_hard_failure_never_a_carry_forward()
    {
        var f = new ScriptedChatClient().OnText(Label, "no", "{}", """{"conviction": 101}""");
        var e = await Assert.ThrowsAsync<ThesisUpdateFailedException>(() => Run(f, TriggeredContext()));
        Assert.StartsWith("[team:technology] thesis update for held name MSFT failed after 3 attempts (no prior-thesis carry-forward):", e.Message);
        Assert.Equal(3, f.Requests.Count);
    }

    [Fact]
    public async Task Missing_prior_thesis_throws_before_any_call()
    {
        var ctx = AgentTestWorld.Context(prior: new PriorState { Population = [AgentTestWorld.Held("MSFT")] });
        var f = new ScriptedChatClient();
        await Assert.ThrowsAsync<MissingPriorThesisException>(() => Run(f, ctx));
        Assert.Empty(f.Requests);
    }
}

public sealed class MaterialTriggerTests
{
    private static readonly AgentsConfig Config = new();

    private static IReadOnlyList<string> Eval(MarketSnapshot snap, PriorState? prior = null, MacroReport? macro = null) =>
        MaterialTriggers.Evaluate(AgentTestWorld.Context(snap, prior), macro ?? AgentTestWorld.Macro(), "MSFT", Sectors.InformationTechnology, Config);

    [Fact]
    public void Quiet_name_has_no_trigger() => Assert.Empty(Eval(AgentTestWorld.Snapshot()));

    [Fact]
    public void Price_move_beyond_two_atr_over_five_sessions()
    {
        // Flat at 100, then 106 for the last 4 bars: |106 − 100| = 6 > 2 × ATR14 (13×2 + 7)/14 ≈ 2.36.
        var jump = AgentTestWorld.Series("MSFT", i => i >= 126 ? 106 : 100, 1e6);
        Assert.Equal([MaterialTriggers.PriceMove], Eval(AgentTestWorld.Snapshot(priceOverrides: new Dictionary<string, PriceSeries> { ["MSFT"] = jump })));
        // Same jump with only 19 bars: too little history to judge.
        var shortJump = AgentTestWorld.Series("MSFT", i => i >= 15 ? 106 : 100, 1e6, n: 19);
        Assert.Empty(Eval(AgentTestWorld.Snapshot(priceOverrides: new Dictionary<string, PriceSeries> { ["MSFT"] = shortJump })));
    }

    [Theory]
    [InlineData("8-K", 3, true)]
    [InlineData("10-Q", 5, true)]
    [InlineData("10-K/A", 0, true)]
    [InlineData("10-Q", 6, false)]
    [InlineData("4", 1, false)]
    public void Recent_earnings_or_8k_filing(string form, int daysBefore, bool fires)
    {
        var snap = AgentTestWorld.Snapshot(filings: new Dictionary<string, IReadOnlyList<Filing>>
        {
            ["MSFT"] = [new(form, AgentTestWorld.RunDate.AddDays(-daysBefore), null, "", "")],
        });
        // A periodic report is also a recent-earnings trigger; an 8-K only with item 2.02 (see the EDGAR trigger tests).
        string[] expected = !fires ? [] : form.StartsWith("10-", StringComparison.Ordinal) ? [MaterialTriggers.RecentFiling, MaterialTriggers.RecentEarnings] : [MaterialTriggers.RecentFiling];
        Assert.Equal(expected, Eval(snap));
    }

    [Fact]
    public void Sector_rating_change_needs_a_previous_view()
    {
        var prior = new PriorState { SectorViews = new Dictionary<string, SectorView> { [Sectors.InformationTechnology] = new(SectorRating.Overweight, 1.1, "") } };
        Assert.Equal([MaterialTriggers.SectorRatingChange], Eval(AgentTestWorld.Snapshot(), prior, AgentTestWorld.Macro(tech: SectorRating.Underweight)));
        Assert.Empty(Eval(AgentTestWorld.Snapshot(), prior, AgentTestWorld.Macro(tech: SectorRating.Overweight)));
        Assert.Empty(Eval(AgentTestWorld.Snapshot(), PriorState.Empty, AgentTestWorld.Macro(tech: SectorRating.Underweight)));
    }

    [Theory]
    [InlineData(3, true)]
    [InlineData(2, false)]
    public void News_volume_spike(int mentions, bool fires)
    {
        var at = new DateTimeOffset(AgentTestWorld.RunDate.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
        var headlines = Enumerable.Range(0, mentions).Select(i => new Headline(at.AddDays(-i), $"Microsoft story {i}", "wire"))
            .Append(new Headline(at.AddDays(-9), "Microsoft old story", "wire"))
            .Append(new Headline(at, "Apple story", "wire"))
            .ToArray();
        Assert.Equal(fires ? [MaterialTriggers.NewsVolumeSpike] : Array.Empty<string>(), Eval(AgentTestWorld.Snapshot(headlines: headlines)));
    }
}
