using AlphaResearch.Agents;
using AlphaResearch.Domain;
using AlphaResearch.Engine;
using AlphaResearch.Llm;
using AlphaResearch.Tests.Fakes;

namespace AlphaResearch.Tests.Agents;

public sealed class CioAgentTests
{
    private const string Entry = "\"thesis_summary\": \"s\", \"bull_case\": \"b\", \"bear_case\": \"r\", \"catalysts\": [\"c\"], \"risks\": [\"k\"], \"conviction_rationale\": \"cr\"";

    /// <summary>One decision as the model would give it; <paramref name="Thesis"/> adds its entry thesis when it advances.</summary>
    private sealed record D(string Ticker, string Decision, int Rank = 0, string Tags = "[\"rr_asymmetry\"]", bool Thesis = true)
    {
        public string Body => $$"""{"decision": "{{Decision}}", "rank": {{Rank}}, "conviction": 65, "rationale": "{{Ticker}} why", "rule_tags": {{Tags}}}""";
        public string? EntryJson => Decision == "ADVANCE" && Thesis ? $$"""{"ticker": "{{Ticker}}", {{Entry}}}""" : null;
    }

    private static string Theses(D[] ds) => string.Join(",", ds.Select(d => d.EntryJson).OfType<string>());

    /// <summary>The keyed answer (one property per candidate) the first CIO call asks for.</summary>
    private static string Output(params D[] ds) =>
        $$"""{"decisions": {{{string.Join(",", ds.Select(d => $"\"{d.Ticker}\": {d.Body}"))}}}, "entry_theses": [{{Theses(ds)}}]}""";

    /// <summary>The list answer a follow-up (or a call with many candidates) asks for.</summary>
    private static string ListOutput(params D[] ds) =>
        $$"""{"decisions": [{{string.Join(",", ds.Select(d => d.Body.Replace("{\"decision\"", $"{{\"ticker\": \"{d.Ticker}\", \"decision\"")))}}], "entry_theses": [{{Theses(ds)}}]}""";

    private static CioCandidate Candidate(string ticker, double quant, double? qual, TeamId team = TeamId.Technology)
    {
        var rec = new SectorRecommendation { Ticker = ticker, QuantScore = quant, QualScore = qual, BullCase = $"{ticker} bull", Conviction = 60 };
        var thesis = new InvestmentThesis
        {
            Ticker = ticker, Sector = Sectors.InformationTechnology, TeamId = team, FinalScore = qual is null ? quant : (quant + qual.Value) / 2,
            QuantScore = quant, QualScore = qual, Rating = Rating.Buy,
        };
        return new CioCandidate(rec, team, Sectors.InformationTechnology, thesis);
    }

    private static CioRequest Request(params CioCandidate[] candidates) =>
        new(AgentTestWorld.Context(), AgentTestWorld.Macro(), candidates, [], [], OpenSlots: 3);

    private static Task<CioOutput> Run(ScriptedChatClient f, CioRequest req, AgentsConfig? config = null) =>
        new CioAgent(new FakeLlmClients(new ScriptedChatClient(), f), AgentTestWorld.Prompts, config ?? new AgentsConfig()).RunAsync(req, TestContext.Current.CancellationToken);

    [Fact]
    public async Task No_candidates_means_no_call_and_empty_output()
    {
        var f = new ScriptedChatClient();
        var output = await Run(f, Request());
        Assert.Empty(output.Decisions);
        Assert.Empty(f.Requests);
    }

    [Fact]
    public async Task Advances_in_rank_order_with_entry_theses_and_tagged_call()
    {
        var f = new ScriptedChatClient().OnText("cio", Output(
            new D("AAA", "ADVANCE", 2), new D("BBB", "REJECT", Tags: "[\"qual_veto\", \"made_up_tag\"]"), new D("CCC", "ADVANCE", 1)));

        var output = await Run(f, Request(Candidate("AAA", 70, 60), Candidate("BBB", 50, 40), Candidate("CCC", 80, 75)));

        Assert.Equal(["CCC", "AAA"], output.AdvancedTickers);
        Assert.Equal(["AAA", "BBB", "CCC"], output.Decisions.Select(d => d.Ticker));
        Assert.Equal(["qual_veto", "other"], output.Decisions[1].RuleTags);
        Assert.Equal((2, 1), (output.Decisions[0].Rank!.Value, output.Decisions[2].Rank!.Value));
        var entry = output.EntryTheses["CCC"];
        Assert.Equal(("s", "b", 65, 77.5, "2026-03-06"), (entry.ThesisSummary, entry.BullCase, entry.Conviction!.Value, entry.FinalScore!.Value, entry.LastUpdated));
        var req = Assert.Single(f.Requests);
        Assert.Equal(("cio", "cio"), (req.Tag.AgentId, req.Tag.Label));
        // Complete by construction: the schema has one required decision per candidate.
        var decisions = ((Microsoft.Extensions.AI.ChatResponseFormatJson)req.Options!.ResponseFormat!).Schema!.Value.GetProperty("properties").GetProperty("decisions");
        Assert.Equal(["AAA", "BBB", "CCC"], decisions.GetProperty("required").EnumerateArray().Select(x => x.GetString()));
        Assert.Contains("Advance between 2 and 3 of\nthem", req.LastUserText);
    }

    [Fact]
    public async Task Below_the_floor_force_fills_by_combined_score()
    {
        var f = new ScriptedChatClient().OnText("cio", Output(new D("AAA", "REJECT"), new D("BBB", "REJECT"), new D("CCC", "NO_ADVANCE_DEADLOCK")));

        var output = await Run(f, Request(Candidate("AAA", 70, 60), Candidate("BBB", 90, null), Candidate("CCC", 80, 75)));

        // combined: AAA 65, BBB 90 (quant only), CCC 77.5 → BBB, CCC.
        Assert.Equal(["BBB", "CCC"], output.AdvancedTickers);
        var bbb = output.Decisions.Single(d => d.Ticker == "BBB");
        Assert.Equal(CioDecisionKind.AdvanceForced, bbb.Decision);
        Assert.Equal("BBB why Floor enforcement: advanced to reach the minimum of 2 new entrant(s) by combined score 90.0 (conviction ≥ 60).", bbb.Rationale);
        Assert.Equal(CioDecisionKind.Reject, output.Decisions.Single(d => d.Ticker == "AAA").Decision);
        Assert.Equal(["BBB", "CCC"], output.EntryTheses.Keys.Order());
        Assert.Equal("BBB bull", output.EntryTheses["BBB"].BullCase);
    }

    [Fact]
    public async Task Advances_beyond_the_cap_are_rejected_by_rank()
    {
        var f = new ScriptedChatClient().OnText("cio", Output(
            new D("AAA", "ADVANCE", 4), new D("BBB", "ADVANCE", 1), new D("CCC", "ADVANCE", 3), new D("DDD", "ADVANCE", 2)));

        var output = await Run(f, Request(Candidate("AAA", 70, 60), Candidate("BBB", 50, 40), Candidate("CCC", 80, 75), Candidate("DDD", 60, 60)),
            new AgentsConfig { CioMaxEntrants = 2 });

        Assert.Equal(["BBB", "DDD"], output.AdvancedTickers);
        var aaa = output.Decisions.Single(d => d.Ticker == "AAA");
        Assert.Equal(CioDecisionKind.Reject, aaa.Decision);
        Assert.EndsWith("Cap enforcement: at most 2 entrant(s) this run; ranked below the cap.", aaa.Rationale);
        Assert.Equal(2, output.EntryTheses.Count);
        Assert.Contains("Advance between 2 and 2 of", f.Requests[0].LastUserText);
    }

    [Fact]
    public void Extra_tickers_are_dropped_and_duplicates_collapse_to_reject()
    {
        var (raw, _) = StructuredOutput.TryParse<AlphaResearch.Agents.Dto.CioRawOutput>(ListOutput(
            new D("AAA", "ADVANCE", 1), new D("ZZZ", "ADVANCE", 1), new D("BBB", "ADVANCE", 2), new D("AAA", "REJECT"), new D("CCC", "ADVANCE", 3)));
        var candidates = new[] { Candidate("AAA", 70, 60), Candidate("BBB", 50, 40), Candidate("CCC", 80, 75) };

        var output = CioAgent.Reconcile(raw!, candidates, cap: 3, floor: 2, new DateOnly(2026, 3, 6));

        Assert.Equal(["AAA", "BBB", "CCC"], output.Decisions.Select(d => d.Ticker));
        Assert.Equal(CioDecisionKind.Reject, output.Decisions[0].Decision);
        Assert.Equal(["BBB", "CCC"], output.AdvancedTickers);
    }

    [Fact]
    public async Task A_missing_candidate_is_asked_for_alone_and_merged()
    {
        var f = new ScriptedChatClient().OnText("cio",
            Output(new D("AAA", "ADVANCE", 1), new D("BBB", "REJECT")),
            ListOutput(new D("CCC", "ADVANCE", 2)));

        var output = await Run(f, Request(Candidate("AAA", 70, 60), Candidate("BBB", 50, 40), Candidate("CCC", 80, 75)));

        Assert.Equal(["AAA", "CCC"], output.AdvancedTickers);
        Assert.Equal(2, f.Requests.Count);
        var followUp = f.Requests[1];
        Assert.Contains("Already decided (final; do not repeat or change them):\n- AAA: ADVANCE (rank 1)\n- BBB: REJECT", followUp.LastUserText);
        Assert.Contains("Decide ONLY these remaining candidate(s), each exactly once: CCC.", followUp.LastUserText);
        Assert.True(StructuredOutput.IsReask(followUp.Options));
        Assert.False(StructuredOutput.IsReask(f.Requests[0].Options));
        // The follow-up's schema can name only the missing candidate.
        var schema = ((Microsoft.Extensions.AI.ChatResponseFormatJson)followUp.Options!.ResponseFormat!).Schema!.Value.GetRawText();
        Assert.Contains("\"ticker\":{\"type\":\"string\",\"enum\":[\"CCC\"]}", schema.Replace(" ", ""));
    }

    [Fact]
    public async Task A_candidate_still_missing_after_the_follow_ups_is_an_error()
    {
        var nothing = ListOutput();
        var f = new ScriptedChatClient().OnText("cio", Output(new D("AAA", "ADVANCE", 1), new D("BBB", "REJECT")), nothing, nothing);

        var e = await Assert.ThrowsAsync<StructuredOutputException>(() => Run(f, Request(Candidate("AAA", 70, 60), Candidate("BBB", 50, 40), Candidate("CCC", 80, 75))));

        Assert.Equal("structured output 'cio' invalid after 3 attempt(s): no decision for candidate(s) CCC", e.Message);
        Assert.Equal(3, f.Requests.Count);
    }

    [Fact]
    public async Task Dry_run_output_missing_candidates_is_filled_with_rejects_then_floor()
    {
        var stubby = """{"decisions": {"JSON": {"decision": "ADVANCE", "rank": 500, "conviction": 50, "rationale": "[DRY-RUN stub] rationale", "rule_tags": ["other"]}}, "entry_theses": []}""";
        var stubbyList = """{"decisions": [], "entry_theses": [{"ticker": "JSON", "thesis_summary": "[DRY-RUN stub] s", "bull_case": "", "bear_case": "", "catalysts": [], "risks": [], "conviction_rationale": ""}]}""";
        var f = new ScriptedChatClient().OnText("cio", stubby, stubbyList, stubbyList);

        var output = await Run(f, Request(Candidate("AAA", 70, 60), Candidate("BBB", 50, 40), Candidate("CCC", 80, 75)));

        Assert.Equal(3, f.Requests.Count); // the follow-ups are asked as in a real run, then reconciliation fills the gaps
        Assert.Equal(["CCC", "AAA"], output.AdvancedTickers);
        Assert.All(output.Decisions.Where(d => d.Advances), d => Assert.Equal(CioDecisionKind.AdvanceForced, d.Decision));
        Assert.StartsWith("[DRY-RUN] no decision returned for this candidate.", output.Decisions.Single(d => d.Ticker == "BBB").Rationale);
    }

    [Fact]
    public async Task An_advance_without_entry_thesis_is_asked_for_its_thesis_only()
    {
        var bad = Output(new D("AAA", "ADVANCE", 1, Thesis: false), new D("BBB", "REJECT"));
        var f = new ScriptedChatClient().OnText("cio", bad, $$"""{"entry_theses": [{{new D("AAA", "ADVANCE").EntryJson}}]}""");

        var output = await Run(f, Request(Candidate("AAA", 70, 60), Candidate("BBB", 50, 40)));

        Assert.Equal(["AAA", "BBB"], output.AdvancedTickers); // BBB is floor-forced (floor 2)
        Assert.Equal("s", output.EntryTheses["AAA"].ThesisSummary);
        Assert.Contains("Write the entry_theses ONLY for these ADVANCE(s), which have none yet: AAA.", f.Requests[1].LastUserText);
        Assert.DoesNotContain("Decide ONLY", f.Requests[1].LastUserText);
    }

    [Fact]
    public async Task Above_the_keyed_limit_the_answer_is_a_list_and_only_the_undecided_are_asked_again()
    {
        var tickers = Enumerable.Range(0, CioAgent.KeyedCandidateLimit + 1).Select(i => $"T{i:D2}").ToArray();
        var first = tickers[..^1].Select((t, i) => new D(t, i < 2 ? "ADVANCE" : "REJECT", i < 2 ? i + 1 : 0)).ToArray();
        var f = new ScriptedChatClient().OnText("cio", ListOutput(first), ListOutput(new D(tickers[^1], "REJECT")));

        var output = await Run(f, Request(tickers.Select((t, i) => Candidate(t, 90 - i, 60)).ToArray()));

        Assert.Equal(tickers, output.Decisions.Select(d => d.Ticker));
        Assert.Equal(["T00", "T01"], output.AdvancedTickers);
        var schemas = f.Requests.Select(r => ((Microsoft.Extensions.AI.ChatResponseFormatJson)r.Options!.ResponseFormat!).Schema!.Value
            .GetProperty("properties").GetProperty("decisions")).ToArray();
        Assert.Equal("array", schemas[0].GetProperty("type").GetString());
        Assert.Equal(tickers, schemas[0].GetProperty("items").GetProperty("properties").GetProperty("ticker").GetProperty("enum").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal([tickers[^1]], schemas[1].GetProperty("items").GetProperty("properties").GetProperty("ticker").GetProperty("enum").EnumerateArray().Select(x => x.GetString()));
    }
}
