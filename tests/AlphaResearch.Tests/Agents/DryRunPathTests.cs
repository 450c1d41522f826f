using AlphaResearch.Agents;
using AlphaResearch.Domain;
using AlphaResearch.Engine;
using AlphaResearch.Llm;
using AlphaResearch.Tests.Fakes;
using AlphaResearch.Scoring;

namespace AlphaResearch.Tests.Agents;

/// <summary>The agents run end-to-end on generic stub content (the dry-run path) through the same code.</summary>
public sealed class DryRunPathTests
{
    private static ScriptedChatClient Stub() => new() { Fallback = GenericStubResponder.Respond };

    [Fact]
    public async Task Schemas_carry_the_vocabularies_and_ranges_a_stub_needs()
    {
        var macro = AlphaResearch.Agents.Dto.MacroDraft.Schema(AlphaResearch.Domain.Sectors.All).GetRawText();
        Assert.Contains("\"enum\":[\"bull\",\"neutral\",\"bear\"]", macro.Replace(" ", ""));
        Assert.Contains("Must be between 0.7 and 1.3.", macro);
        var cio = AlphaResearch.Agents.Dto.CioKeyedOutput.Schema(["AAPL", "MSFT"]).GetRawText().Replace(" ", "");
        Assert.Contains("\"enum\":[\"ADVANCE\",\"REJECT\",\"NO_ADVANCE_DEADLOCK\"]", cio);
        Assert.Contains("Mustbebetween0and100.", cio);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Macro_team_and_cio_complete_on_stub_content()
    {
        var ct = TestContext.Current.CancellationToken;
        var stub = Stub();
        var llm = new FakeLlmClients(stub);
        var ctx = AgentTestWorld.Context(prior: new PriorState
        {
            Population = [AgentTestWorld.Held("MSFT")],
            Theses = new Dictionary<string, Thesis> { ["MSFT"] = AgentTestWorld.PriorThesis("MSFT") },
            SectorViews = AlphaResearch.Domain.Sectors.All.ToDictionary(s => s, s => new SectorView(SectorRating.Underweight, 0.8, "")),
        });

        var macro = await new MacroAgent(llm, AgentTestWorld.Prompts, new AgentsConfig()).RunAsync(ctx, ct);
        Assert.Equal(11, macro.Sectors.Count);
        Assert.Equal(MarketRegime.Bull, macro.MarketRegime);

        var team = await new SectorTeamAgent(llm, AgentTestWorld.Prompts, new AgentsConfig()).RunAsync(TeamId.Technology, ctx, macro, ct);
        Assert.True(team.Error is null, team.Error);
        Assert.False(team.Partial);
        var universe = ctx.Snapshot.TeamUniverse(TeamId.Technology).Select(c => c.Ticker).ToHashSet();
        Assert.All(team.QuantRankedPicks, p => Assert.Contains(p.Ticker, universe));
        Assert.NotEmpty(team.ToolCalls);
        // MSFT's sector changed rating (underweight → market weight): its thesis went through the LLM update.
        var msft = team.ThesisUpdates["MSFT"];
        Assert.Equal([MaterialTriggers.SectorRatingChange], msft.Triggers);
        Assert.StartsWith(LlmProviders.DryRunMarker, msft.BullCase);
        Assert.Equal(72.4, msft.FinalScore);

        CioCandidate C(string t, double q) => new(new SectorRecommendation { Ticker = t, QuantScore = q }, TeamId.Technology,
            AlphaResearch.Domain.Sectors.InformationTechnology,
            new InvestmentThesis { Ticker = t, Sector = AlphaResearch.Domain.Sectors.InformationTechnology, TeamId = TeamId.Technology, FinalScore = q, Rating = Rating.Buy });
        var cio = await new CioAgent(llm, AgentTestWorld.Prompts, new AgentsConfig())
            .RunAsync(new CioRequest(ctx, macro, [C("AAPL", 70), C("ORCL", 60), C("ADBE", 50)], [], [], 3), ct);
        Assert.Equal(["AAPL", "ORCL", "ADBE"], cio.Decisions.Select(d => d.Ticker));
        Assert.InRange(cio.AdvancedTickers.Count, 2, 3);
        Assert.Equal(cio.AdvancedTickers.Order(), cio.EntryTheses.Keys.Order());

        // Two quant picks plus the qual's addition (a universe name its schema offers), accepted: three for three slots.
        Assert.Equal(["NVDA", "AAPL", "MSFT"], team.Recommendations.Select(r => r.Ticker));
        Assert.True(team.Recommendations[2].IsQualAddition);
        Assert.Equal(
            ["macro_economist", "macro_critic", "quant:technology:react", "quant:technology:react", "quant:technology:extract",
             "qual:technology:react", "qual:technology:react", "qual:technology:extract", "peer_review:technology:addition",
             "thesis_update:technology:MSFT", "cio", "cio"],
            stub.Requests.Select(r => r.Tag.Label));
        // The stub wrote fewer entry theses than it advanced names: one follow-up asked for those alone.
        Assert.True(StructuredOutput.IsReask(stub.Requests[^1].Options));
        Assert.Contains("Write the entry_theses ONLY for these ADVANCE(s)", stub.Requests[^1].LastUserText);
        Assert.All(stub.Requests, r => Assert.NotEqual("unknown", r.Tag.AgentId));
    }
}
