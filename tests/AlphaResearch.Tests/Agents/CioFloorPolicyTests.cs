using AlphaResearch.Agents;
using AlphaResearch.Domain;
using AlphaResearch.Tests.Fakes;

namespace AlphaResearch.Tests.Agents;

/// <summary>The new-entrant floor as the original learned it (#260, #261): new names only, a conviction bar, an alert.</summary>
public sealed class CioFloorPolicyTests
{
    private static string Decision(string ticker, string decision, int conviction, int rank = 0) =>
        $$"""{"ticker": "{{ticker}}", "decision": "{{decision}}", "rank": {{rank}}, "conviction": {{conviction}}, "rationale": "{{ticker}} why", "rule_tags": ["portfolio_fit"]}""";

    private static string Thesis(string ticker) =>
        $$"""{"ticker": "{{ticker}}", "thesis_summary": "s", "bull_case": "b", "bear_case": "r", "catalysts": ["c"], "risks": ["k"], "conviction_rationale": "cr"}""";

    /// <summary>The keyed answer: one property per candidate.</summary>
    private static string Answer(string[] decisions, params string[] theses)
    {
        var keyed = decisions.Select(d =>
        {
            var node = System.Text.Json.Nodes.JsonNode.Parse(d)!.AsObject();
            string t = node["ticker"]!.GetValue<string>();
            node.Remove("ticker");
            return $"\"{t}\": {node.ToJsonString()}";
        });
        return $$"""{"decisions": { {{string.Join(",", keyed)}} }, "entry_theses": [{{string.Join(",", theses)}}]}""";
    }

    private static CioCandidate Candidate(string ticker, double quant, double qual, int? teamConviction = 60)
    {
        var rec = new SectorRecommendation { Ticker = ticker, QuantScore = quant, QualScore = qual, BullCase = $"{ticker} bull", Conviction = teamConviction };
        var thesis = new InvestmentThesis
        {
            Ticker = ticker, Sector = Sectors.HealthCare, TeamId = TeamId.Healthcare, FinalScore = (quant + qual) / 2 + 1,
            QuantScore = quant, QualScore = qual, Rating = Rating.Buy,
        };
        return new CioCandidate(rec, TeamId.Healthcare, Sectors.HealthCare, thesis);
    }

    private static PopulationEntry Held(string ticker) => new() { Ticker = ticker, Sector = Sectors.HealthCare, LongTermScore = 70, EntryDate = "2025-11-01" };

    private static Task<CioOutput> Run(string answer, CioCandidate[] candidates, PopulationEntry[] held, AgentsConfig? config = null)
    {
        var f = new ScriptedChatClient().OnText("cio", answer);
        var request = new CioRequest(AgentTestWorld.Context(), AgentTestWorld.Macro(), candidates, held, [], OpenSlots: 3);
        return new CioAgent(new FakeLlmClients(new ScriptedChatClient(), f), AgentTestWorld.Prompts, config ?? new AgentsConfig())
            .RunAsync(request, TestContext.Current.CancellationToken);
    }

    private static readonly CioCandidate[] Three = [Candidate("HELD", 90, 90), Candidate("NEW1", 80, 70), Candidate("NEW2", 70, 60)];

    [Fact]
    public async Task A_re_advanced_held_name_does_not_count_toward_the_floor()
    {
        var answer = Answer([Decision("HELD", "ADVANCE", 80, 1), Decision("NEW1", "ADVANCE", 75, 2), Decision("NEW2", "REJECT", 70)], Thesis("HELD"), Thesis("NEW1"));

        var withHeld = await Run(answer, Three, [Held("HELD")]);
        var fresh = await Run(answer, Three, []);

        // Held: HELD + NEW1 advanced, only NEW1 is new → NEW2 is forced to reach 2 new entrants.
        Assert.Equal(["HELD", "NEW1", "NEW2"], withHeld.AdvancedTickers);
        var forced = withHeld.Decisions.Single(d => d.Ticker == "NEW2");
        Assert.Equal(CioDecisionKind.AdvanceForced, forced.Decision);
        Assert.Contains("minimum of 2 new entrant(s)", forced.Rationale);
        Assert.Empty(withHeld.Alerts);
        // Not held: two new names already → nothing forced.
        Assert.Equal(["HELD", "NEW1"], fresh.AdvancedTickers);
        Assert.Equal(CioDecisionKind.Reject, fresh.Decisions.Single(d => d.Ticker == "NEW2").Decision);
    }

    [Fact]
    public async Task Force_fill_admits_only_candidates_at_or_above_the_conviction_bar()
    {
        var answer = Answer([Decision("HELD", "REJECT", 50), Decision("NEW1", "REJECT", 59), Decision("NEW2", "REJECT", 60)]);

        var output = await Run(answer, Three, [Held("HELD")]);

        // NEW1 has the better combined score (75 vs 65) but conviction 59 < 60: only NEW2 is forced.
        Assert.Equal(["NEW2"], output.AdvancedTickers);
        Assert.Equal(CioDecisionKind.Reject, output.Decisions.Single(d => d.Ticker == "NEW1").Decision);
        // With a lower bar NEW1 qualifies and wins on combined score.
        var lower = await Run(answer, Three, [Held("HELD")], new AgentsConfig { CioForceFillMinConviction = 55 });
        Assert.Equal(["NEW1", "NEW2"], lower.AdvancedTickers);
        Assert.Empty(lower.Alerts);
    }

    [Fact]
    public async Task Too_few_qualifying_records_an_alert_instead_of_forcing_weak_names()
    {
        var answer = Answer([Decision("HELD", "ADVANCE", 90, 1), Decision("NEW1", "REJECT", 40), Decision("NEW2", "REJECT", 30)], Thesis("HELD"));

        var output = await Run(answer, Three, [Held("HELD")]);

        Assert.Equal(["HELD"], output.AdvancedTickers);
        Assert.DoesNotContain(output.Decisions, d => d.Decision == CioDecisionKind.AdvanceForced);
        var alert = Assert.Single(output.Alerts);
        Assert.Equal((CioAlert.FloorUnmet, 2, 0), (alert.Kind, alert.Floor, alert.NewEntrants));
        Assert.Equal("CIO floor unmet: 0 new entrant(s) of a minimum of 2 — 0 advanced by the CIO, 0 force-filled; 2 other new candidate(s) below conviction 60 " +
                     "(agents.cio_force_fill_min_conviction) were not forced; 1 re-advanced held name(s) do not count", alert.Message);
    }

    [Fact]
    public async Task Every_decision_carries_its_sector_and_sub_scores()
    {
        var answer = Answer([Decision("HELD", "REJECT", 50), Decision("NEW1", "ADVANCE", 75, 1), Decision("NEW2", "ADVANCE", 70, 2)], Thesis("NEW1"), Thesis("NEW2"));

        var output = await Run(answer, Three, []);

        Assert.All(output.Decisions, d => Assert.Equal(Sectors.HealthCare, d.Sector));
        var new1 = output.Decisions.Single(d => d.Ticker == "NEW1");
        Assert.Equal((80.0, 70.0, 75.0, 76.0), (new1.QuantScore!.Value, new1.QualScore!.Value, new1.CombinedScore!.Value, new1.FinalScore!.Value));
        var held = output.Decisions.Single(d => d.Ticker == "HELD");
        Assert.Equal((90.0, 90.0, 90.0, 91.0), (held.QuantScore!.Value, held.QualScore!.Value, held.CombinedScore!.Value, held.FinalScore!.Value));
        Assert.Contains("\"sector\":\"Health Care\"", JsonConventions.Serialize(new1));
    }
}
