using Microsoft.Extensions.AI;
using AlphaResearch.Agents;
using AlphaResearch.Domain;
using AlphaResearch.Engine;
using AlphaResearch.Tests.Fakes;
using AlphaResearch.Scoring;

namespace AlphaResearch.Tests.Agents;

public sealed class SectorTeamAgentTests
{
    private const string QReact = "quant:technology:react", QExtract = "quant:technology:extract";
    private const string LReact = "qual:technology:react", LExtract = "qual:technology:extract";

    private static SectorTeamAgent Agent(ScriptedChatClient fake, AgentsConfig? config = null) =>
        new(new FakeLlmClients(fake), AgentTestWorld.Prompts, config ?? new AgentsConfig());

    private static Task<SectorTeamOutput> Run(ScriptedChatClient fake, ResearchContext? ctx = null, AgentsConfig? config = null, MacroReport? macro = null) =>
        Agent(fake, config).RunAsync(TeamId.Technology, ctx ?? AgentTestWorld.Context(), macro ?? AgentTestWorld.Macro(), TestContext.Current.CancellationToken);

    private static ScriptedChatClient QuantScript(ScriptedChatClient f, string extractJson)
    {
        f.OnToolCall(QReact, "get_sector_peers_ranking", new() { ["top_n"] = 5 });
        f.OnText(QReact, "1. NVDA score 80 strong trend\n2. AAPL 75\n3. MSFT 70");
        f.OnText(QExtract, extractJson);
        return f;
    }

    private const string ThreePicks = """
        {"ranked_picks": [{"ticker": "NVDA", "quant_score": 80, "rationale": "trend"}, {"ticker": "ZZZZ", "quant_score": 79},
          {"ticker": "aapl", "quant_score": 75, "rationale": "rs"}, {"ticker": "JNJ", "quant_score": 74},
          {"ticker": "MSFT", "quant_score": 70, "rationale": "value"}]}
        """;

    private static ScriptedChatClient QualScript(ScriptedChatClient f, string additional = "null")
    {
        f.OnToolCall(LReact, "get_news_headlines", new() { ["ticker"] = "NVDA", ["days"] = 14 });
        f.OnText(LReact, "NVDA qual 70 ...");
        f.OnText(LExtract, $$"""
            {"assessments": [{"ticker": "NVDA", "qual_score": 70, "bull_case": "ai demand", "bear_case": "valuation", "catalysts": ["earnings"], "risks": ["export"], "conviction": 72},
              {"ticker": "AAPL", "qual_score": 60, "bull_case": "services", "conviction": 55},
              {"ticker": "MSFT", "qual_score": 50}, {"ticker": "ORCL", "qual_score": 99}],
             "additional_candidate": {{additional}}}
            """);
        return f;
    }

    [Fact]
    public async Task Full_team_path_with_addition_joint_selection_and_rationales()
    {
        var f = QualScript(QuantScript(new ScriptedChatClient(), ThreePicks), """{"ticker": "CRM", "qual_score": 66, "bull_case": "margin story"}""");
        f.OnText("peer_review:technology:addition", """{"accept": true, "reason": "trend intact"}""");
        f.OnText("peer_review:technology:selection", """{"selected_tickers": ["MSFT", "nvda"], "team_rationale": "best asymmetry"}""");
        f.OnText("peer_review:technology:rationale:NVDA", """{"ticker": "NVDA", "rationale": "Leader with catalysts."}""");
        f.OnText("peer_review:technology:rationale:MSFT", """{"ticker": "MSFT", "rationale": "Cheap quality."}""");
        var ctx = AgentTestWorld.Context(prior: new PriorState
        {
            Population = [AgentTestWorld.Held("AAPL"), AgentTestWorld.Held("JPM", Sectors.Financials)],
            Theses = new Dictionary<string, Thesis> { ["AAPL"] = AgentTestWorld.PriorThesis("AAPL") },
        });

        var output = await Run(f, ctx);

        Assert.True(output.Succeeded, output.Error);
        Assert.Equal(["NVDA", "AAPL", "MSFT"], output.QuantRankedPicks.Select(p => p.Ticker));
        Assert.Equal(["NVDA", "MSFT"], output.Recommendations.Select(r => r.Ticker));
        var nvda = output.Recommendations[0];
        Assert.Equal((80.0, 70.0, 72, "ai demand", "Leader with catalysts."), (nvda.QuantScore, nvda.QualScore!.Value, nvda.Conviction!.Value, nvda.BullCase, nvda.PeerReviewRationale));
        Assert.Equal("best asymmetry", output.PeerReviewRationale);
        Assert.Equal(0, f.Remaining);

        // The held AAPL had no trigger: carried with one more stale day; JPM belongs to another team.
        var carried = Assert.Single(output.ThesisUpdates).Value;
        Assert.Equal((8, 72.4, "old bull"), (carried.StaleDays, carried.FinalScore!.Value, carried.BullCase));
        Assert.Empty(carried.Triggers);

        Assert.Equal(
            [("quant", "get_sector_peers_ranking"), ("qual", "get_news_headlines"), ("peer_review", "addition_verdict"), ("peer_review", "joint_selection")],
            output.ToolCalls.Select(c => (c.Phase, c.Tool)));
        Assert.All(f.Requests, r => Assert.Equal("sector_team:technology", r.Tag.AgentId));
        Assert.Equal(
            [QReact, QReact, QExtract, LReact, LReact, LExtract, "peer_review:technology:addition", "peer_review:technology:selection",
             "peer_review:technology:rationale:NVDA", "peer_review:technology:rationale:MSFT"],
            f.Requests.Select(r => r.Tag.Label));
        // The tool result went back to the model as JSON, and the qual saw only the top picks.
        Assert.Contains("NVDA (quant_score=80.0): trend", f.RequestsFor(LReact)[0].LastUserText);
    }

    [Fact]
    public async Task Accepted_qual_addition_joins_with_its_technical_score_without_a_joint_selection()
    {
        var f = QualScript(QuantScript(new ScriptedChatClient(),
            """{"ranked_picks": [{"ticker": "NVDA", "quant_score": 80}, {"ticker": "AAPL", "quant_score": 75}]}"""),
            """{"ticker": "CRM", "qual_score": 66, "bull_case": "margin story", "conviction": 64}""");
        f.OnText("peer_review:technology:addition", """{"accept": true, "reason": "trend intact"}""");

        var output = await Run(f);

        Assert.Equal(["NVDA", "AAPL", "CRM"], output.Recommendations.Select(r => r.Ticker));
        var crm = output.Recommendations[2];
        Assert.Equal((true, 62.0, 66.0, "margin story"), (crm.IsQualAddition, crm.QuantScore, crm.QualScore!.Value, crm.BullCase));
        Assert.Empty(f.RequestsFor("peer_review:technology:selection"));
        Assert.Contains("Technical score 62", f.RequestsFor("peer_review:technology:addition")[0].LastUserText, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Rejected_qual_addition_is_left_out()
    {
        var f = QualScript(QuantScript(new ScriptedChatClient(),
            """{"ranked_picks": [{"ticker": "NVDA", "quant_score": 80}, {"ticker": "AAPL", "quant_score": 75}]}"""),
            """{"ticker": "CRM", "qual_score": 66}""");
        f.OnText("peer_review:technology:addition", """{"accept": false, "reason": "broken trend"}""");

        var output = await Run(f);

        Assert.Equal(["NVDA", "AAPL"], output.Recommendations.Select(r => r.Ticker));
        Assert.Equal("rejected: broken trend", output.ToolCalls.Single(c => c.Tool == "addition_verdict").ResultSummary);
    }

    [Fact]
    public async Task A_selection_naming_a_non_candidate_after_its_repairs_fails_the_team()
    {
        var f = QualScript(QuantScript(new ScriptedChatClient(),
            """{"ranked_picks": [{"ticker": "NVDA", "quant_score": 80}, {"ticker": "AAPL", "quant_score": 75}, {"ticker": "MSFT", "quant_score": 70}, {"ticker": "ORCL", "quant_score": 90}]}"""));
        var bad = """{"selected_tickers": ["JNJ"], "team_rationale": "x"}""";
        f.OnText("peer_review:technology:selection", bad, bad, bad);

        // R5: no silent "top N by score" in place of the team's selection.
        var e = await Assert.ThrowsAsync<PeerReviewFailedException>(() => Run(f, config: new AgentsConfig { PicksPerRun = 2 }));

        Assert.StartsWith("[team:technology] peer review joint selection invalid after 3 attempt(s): selected_tickers names non-candidate(s) JNJ", e.Message);
        var asks = f.RequestsFor("peer_review:technology:selection");
        Assert.Equal(3, asks.Count);
        // The schema offers only the merged candidates.
        var items = ((ChatResponseFormatJson)asks[0].Options!.ResponseFormat!).Schema!.Value
            .GetProperty("properties").GetProperty("selected_tickers").GetProperty("items");
        Assert.Equal(["NVDA", "AAPL", "MSFT", "ORCL"], items.GetProperty("enum").EnumerateArray().Select(x => x.GetString()));
    }

    [Fact]
    public async Task Too_many_selected_is_reasked_and_a_valid_answer_stands()
    {
        var f = QualScript(QuantScript(new ScriptedChatClient(), ThreePicks));
        f.OnText("peer_review:technology:selection", """{"selected_tickers": ["NVDA", "AAPL", "MSFT"], "team_rationale": "all"}""",
            """{"selected_tickers": ["MSFT", "AAPL"], "team_rationale": "two"}""");
        f.Fallback = r => ScriptedChatClient.Text("""{"rationale": "ok"}""");

        var output = await Run(f, config: new AgentsConfig { PicksPerRun = 2 });

        Assert.Equal(["AAPL", "MSFT"], output.Recommendations.Select(r => r.Ticker));
        Assert.Contains("selected_tickers names 3 candidates; select at most 2", f.RequestsFor("peer_review:technology:selection")[1].LastUserText);
    }

    [Fact]
    public async Task An_invalid_addition_verdict_after_its_repairs_fails_the_team()
    {
        var f = QualScript(QuantScript(new ScriptedChatClient(), ThreePicks), """{"ticker": "CRM", "qual_score": 66, "bull_case": "margin story"}""");
        f.OnText("peer_review:technology:addition", "{}", "{}", "{}");

        var e = await Assert.ThrowsAsync<PeerReviewFailedException>(() => Run(f));

        Assert.Equal("[team:technology] peer review addition verdict invalid after 3 attempt(s): accept is required (true or false)", e.Message);
    }

    [Fact]
    public async Task Quant_retries_once_with_a_notice_when_extraction_is_empty_after_tool_use()
    {
        var f = new ScriptedChatClient();
        f.OnToolCall(QReact, "get_technical_indicators", new() { ["tickers"] = new[] { "NVDA" } });
        f.OnText(QReact, "Nothing stands out.");
        f.OnText(QExtract, """{"ranked_picks": []}""");
        f.OnText(QReact, "1. NVDA 80");
        f.OnText(QExtract, """{"ranked_picks": [{"ticker": "NVDA", "quant_score": 80}]}""");
        f.OnText(LReact, "fine");
        f.OnText(LExtract, """{"assessments": []}""");

        var output = await Run(f);

        Assert.True(output.Succeeded);
        Assert.Equal(["NVDA"], output.Recommendations.Select(r => r.Ticker));
        var reacts = f.RequestsFor(QReact);
        Assert.Equal(3, reacts.Count);
        Assert.DoesNotContain("RETRY NOTICE", reacts[0].LastUserText);
        Assert.StartsWith("RETRY NOTICE: your previous attempt produced ZERO usable picks despite 1 tool calls.", reacts[2].Messages[1].Text);
    }

    [Fact]
    public async Task No_retry_when_the_empty_answer_used_no_tools()
    {
        var f = new ScriptedChatClient();
        f.OnText(QReact, "No view.");
        f.OnText(QExtract, """{"ranked_picks": []}""");

        var output = await Run(f);

        Assert.True(output.Succeeded);
        Assert.Empty(output.Recommendations);
        Assert.Single(f.RequestsFor(QReact));
    }

    [Fact]
    public async Task Step_limit_exhaustion_makes_the_team_partial_not_failed()
    {
        var f = new ScriptedChatClient();
        for (int i = 0; i < 30; i++) f.OnToolCall(QReact, "get_sector_peers_ranking", new() { ["top_n"] = 5 });

        var output = await Run(f, config: new AgentsConfig { QuantMaxIterations = 3 });

        Assert.Null(output.Error);
        Assert.True(output.Partial);
        Assert.Equal(["quant:step_limit_exhausted"], output.PartialReasons);
        // 3 tool rounds, then the loop's own tool-less closing request.
        Assert.Equal(4, f.RequestsFor(QReact).Count);
        Assert.Null(f.RequestsFor(QReact)[3].Options!.Tools);
        Assert.Equal(3, output.ToolCalls.Count);
        Assert.Empty(f.RequestsFor(QExtract));
    }

    [Fact]
    public async Task Step_limit_is_detected_even_when_the_closing_request_returns_text()
    {
        var f = new ScriptedChatClient();
        for (int i = 0; i < 3; i++) f.OnToolCall(QReact, "get_sector_peers_ranking", new() { ["top_n"] = 5 });
        f.OnText(QReact, "1. NVDA 80 (forced answer)");

        var output = await Run(f, config: new AgentsConfig { QuantMaxIterations = 3 });

        Assert.True(output.Partial);
        Assert.Equal(["quant:step_limit_exhausted"], output.PartialReasons);
        Assert.Empty(f.RequestsFor(QExtract));
    }

    [Fact]
    public async Task Finishing_on_the_last_allowed_round_is_not_exhaustion()
    {
        var f = QualScript(new ScriptedChatClient());
        f.OnToolCall(QReact, "get_sector_peers_ranking", new() { ["top_n"] = 5 });
        f.OnToolCall(QReact, "get_sector_peers_ranking", new() { ["top_n"] = 6 });
        f.OnText(QReact, "1. NVDA 80");
        f.OnText(QExtract, """{"ranked_picks": [{"ticker": "NVDA", "quant_score": 80}]}""");

        var output = await Run(f, config: new AgentsConfig { QuantMaxIterations = 3 });

        Assert.True(output.Succeeded, output.Error);
        Assert.Equal(3, f.RequestsFor(QReact).Count);
    }

    [Fact]
    public async Task Qual_step_limit_makes_the_team_partial_without_peer_review()
    {
        var f = QuantScript(new ScriptedChatClient(), ThreePicks);
        for (int i = 0; i < 10; i++) f.OnToolCall(LReact, "get_company_profile", new() { ["ticker"] = "NVDA" });

        var output = await Run(f, config: new AgentsConfig { QualMaxIterations = 2 });

        Assert.Equal((true, (string?)null), (output.Partial, output.Error));
        Assert.Equal(["qual:step_limit_exhausted"], output.PartialReasons);
        Assert.Equal(["NVDA", "AAPL", "MSFT"], output.QuantRankedPicks.Select(p => p.Ticker));
        Assert.Empty(output.Recommendations);
        Assert.DoesNotContain(f.Requests, r => r.Tag.Label.StartsWith("peer_review", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Qual_addition_outside_the_team_is_ignored_without_a_verdict_call()
    {
        var f = QualScript(QuantScript(new ScriptedChatClient(),
            """{"ranked_picks": [{"ticker": "NVDA", "quant_score": 80}]}"""), """{"ticker": "JPM", "qual_score": 90}""");

        var output = await Run(f);

        Assert.Equal(["NVDA"], output.Recommendations.Select(r => r.Ticker));
        Assert.Empty(f.RequestsFor("peer_review:technology:addition"));
    }

    [Fact]
    public async Task Qual_extraction_failure_is_a_team_error_keeping_the_quant_picks()
    {
        var f = QuantScript(new ScriptedChatClient(), ThreePicks);
        f.OnText(LReact, "assessed");
        f.OnText(LExtract, "x", "y", "z");

        var output = await Run(f);

        Assert.StartsWith("[team:technology] StructuredOutputException: structured output 'qual:technology:extract' invalid after 3 attempt(s)", output.Error);
        Assert.Equal(3, output.QuantRankedPicks.Count);
    }

    [Fact]
    public async Task Empty_final_answer_is_a_team_error()
    {
        var f = new ScriptedChatClient().OnText(QReact, "  ");
        var output = await Run(f);
        Assert.Equal("[team:technology] AgentPhaseException: quant: the analyst returned an empty final answer", output.Error);
        Assert.False(output.Partial);
    }

    [Fact]
    public async Task Unparseable_extraction_after_reasks_is_a_team_error()
    {
        var f = new ScriptedChatClient();
        f.OnText(QReact, "1. NVDA");
        f.OnText(QExtract, "nope", "still nope", "{\"ranked_picks\": [{\"ticker\": \"NVDA\"}]}");
        var output = await Run(f);
        Assert.Equal("[team:technology] StructuredOutputException: structured output 'quant:technology:extract' invalid after 3 attempt(s): ranked_picks[0].quant_score must be a number in [0, 100]", output.Error);
    }

    [Fact]
    public async Task Cancellation_propagates()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var f = new ScriptedChatClient().OnText(QReact, "x");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Agent(f).RunAsync(TeamId.Technology, AgentTestWorld.Context(), AgentTestWorld.Macro(), cts.Token));
    }

    [Fact]
    public async Task Held_name_without_prior_thesis_throws()
    {
        var f = new ScriptedChatClient();
        f.OnText(QReact, "none");
        f.OnText(QExtract, """{"ranked_picks": []}""");
        var ctx = AgentTestWorld.Context(prior: new PriorState { Population = [AgentTestWorld.Held("MSFT")] });
        var e = await Assert.ThrowsAsync<MissingPriorThesisException>(() => Run(f, ctx));
        Assert.StartsWith("[team:technology] held name MSFT has no prior thesis", e.Message);
    }

    [Fact]
    public void Universe_is_the_most_liquid_team_names_capped()
    {
        var agent = new SectorTeamAgent(new FakeLlmClients(new ScriptedChatClient()), AgentTestWorld.Prompts, new AgentsConfig { MaxTickersInPrompt = 4 });
        Assert.Equal(["NVDA", "AAPL", "MSFT", "ORCL"], agent.UniverseOf(TeamId.Technology, AgentTestWorld.Context()).Select(c => c.Ticker));
    }
}
