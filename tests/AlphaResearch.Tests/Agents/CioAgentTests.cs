using AlphaResearch.Agents;
using AlphaResearch.Domain;
using AlphaResearch.Engine;
using AlphaResearch.Llm;
using AlphaResearch.Tests.Fakes;

namespace AlphaResearch.Tests.Agents;

public sealed class CioAgentTests
{
    private const string Entry = """{"thesis_summary": "s", "bull_case": "b", "bear_case": "r", "catalysts": ["c"], "risks": ["k"], "conviction": 70}""";

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

    private static string Decision(string ticker, string decision, int? rank = null, string tags = "[\"rr_asymmetry\"]") =>
        $$"""{"ticker": "{{ticker}}", "decision": "{{decision}}", "rank": {{(rank?.ToString() ?? "null")}}, "conviction": 65, "rationale": "{{ticker}} why", "rule_tags": {{tags}}, "entry_thesis": {{(decision == "ADVANCE" ? Entry : "null")}}}""";

    private static string Output(params string[] decisions) => $$"""{"decisions": [{{string.Join(",", decisions)}}]}""";

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
            Decision("AAA", "ADVANCE", 2), Decision("BBB", "REJECT", tags: "[\"qual_veto\", \"made_up_tag\"]"), Decision("CCC", "ADVANCE", 1)));

        var output = await Run(f, Request(Candidate("AAA", 70, 60), Candidate("BBB", 50, 40), Candidate("CCC", 80, 75)));

        Assert.Equal(["CCC", "AAA"], output.AdvancedTickers);
        Assert.Equal(["AAA", "BBB", "CCC"], output.Decisions.Select(d => d.Ticker));
        Assert.Equal(["qual_veto", "other"], output.Decisions[1].RuleTags);
        Assert.Equal((2, 1), (output.Decisions[0].Rank!.Value, output.Decisions[2].Rank!.Value));
        var entry = output.EntryTheses["CCC"];
        Assert.Equal(("s", "b", 70, 77.5, "2026-03-06"), (entry.ThesisSummary, entry.BullCase, entry.Conviction!.Value, entry.FinalScore!.Value, entry.LastUpdated));
        var req = Assert.Single(f.Requests);
        Assert.Equal(("cio", "cio"), (req.Tag.AgentId, req.Tag.Label));
        Assert.Contains("Advance between 2 and 3 of\nthem", req.LastUserText);
    }

    [Fact]
    public async Task Below_the_floor_force_fills_by_combined_score()
    {
        var f = new ScriptedChatClient().OnText("cio", Output(Decision("AAA", "REJECT"), Decision("BBB", "REJECT"), Decision("CCC", "NO_ADVANCE_DEADLOCK")));

        var output = await Run(f, Request(Candidate("AAA", 70, 60), Candidate("BBB", 90, null), Candidate("CCC", 80, 75)));

        // combined: AAA 65, BBB 90 (quant only), CCC 77.5 → BBB, CCC.
        Assert.Equal(["BBB", "CCC"], output.AdvancedTickers);
        var bbb = output.Decisions.Single(d => d.Ticker == "BBB");
        Assert.Equal(CioDecisionKind.AdvanceForced, bbb.Decision);
        Assert.Equal("BBB why Floor enforcement: advanced to reach the minimum of 2 entrant(s) by combined score 90.0.", bbb.Rationale);
        Assert.Equal(CioDecisionKind.Reject, output.Decisions.Single(d => d.Ticker == "AAA").Decision);
        Assert.Equal(["BBB", "CCC"], output.EntryTheses.Keys.Order());
        Assert.Equal("BBB bull", output.EntryTheses["BBB"].BullCase);
    }

    [Fact]
    public async Task Advances_beyond_the_cap_are_rejected_by_rank()
    {
        var f = new ScriptedChatClient().OnText("cio", Output(
            Decision("AAA", "ADVANCE", 4), Decision("BBB", "ADVANCE", 1), Decision("CCC", "ADVANCE", 3), Decision("DDD", "ADVANCE", 2)));

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
    public async Task Extra_tickers_are_dropped_and_duplicates_collapse_to_reject()
    {
        var f = new ScriptedChatClient().OnText("cio", Output(
            Decision("AAA", "ADVANCE", 1), Decision("ZZZ", "ADVANCE", 1), Decision("BBB", "ADVANCE", 2), Decision("AAA", "REJECT"), Decision("CCC", "ADVANCE", 3)));

        var output = await Run(f, Request(Candidate("AAA", 70, 60), Candidate("BBB", 50, 40), Candidate("CCC", 80, 75)));

        Assert.Equal(["AAA", "BBB", "CCC"], output.Decisions.Select(d => d.Ticker));
        Assert.Equal(CioDecisionKind.Reject, output.Decisions[0].Decision);
        Assert.Equal(["BBB", "CCC"], output.AdvancedTickers);
    }

    [Fact]
    public async Task A_missing_candidate_is_reasked_then_an_error()
    {
        var partial = Output(Decision("AAA", "ADVANCE", 1), Decision("BBB", "REJECT"));
        var f = new ScriptedChatClient().OnText("cio", partial, partial, partial);

        var e = await Assert.ThrowsAsync<StructuredOutputException>(() => Run(f, Request(Candidate("AAA", 70, 60), Candidate("BBB", 50, 40), Candidate("CCC", 80, 75))));

        Assert.Equal("structured output 'cio' invalid after 3 attempt(s): no decision for candidate(s) CCC: decide every candidate exactly once", e.Message);
        Assert.Contains("no decision for candidate(s) CCC", f.Requests[1].LastUserText);
    }

    [Fact]
    public async Task Dry_run_output_missing_candidates_is_filled_with_rejects_then_floor()
    {
        var stubby = """{"decisions": [{"ticker": "JSON", "decision": "ADVANCE", "rank": 500, "conviction": 50, "rationale": "[DRY-RUN stub] rationale", "rule_tags": ["[DRY-RUN stub] rule_tags"], "entry_thesis": null}]}""";
        var f = new ScriptedChatClient().OnText("cio", stubby);

        var output = await Run(f, Request(Candidate("AAA", 70, 60), Candidate("BBB", 50, 40), Candidate("CCC", 80, 75)));

        Assert.Single(f.Requests);
        Assert.Equal(["CCC", "AAA"], output.AdvancedTickers);
        Assert.All(output.Decisions.Where(d => d.Advances), d => Assert.Equal(CioDecisionKind.AdvanceForced, d.Decision));
        Assert.StartsWith("[DRY-RUN] no decision returned for this candidate.", output.Decisions.Single(d => d.Ticker == "BBB").Rationale);
    }

    [Fact]
    public async Task An_advance_without_entry_thesis_is_reasked()
    {
        var bad = Output(Decision("AAA", "ADVANCE", 1).Replace(Entry, "null"), Decision("BBB", "REJECT"));
        var f = new ScriptedChatClient().OnText("cio", bad, Output(Decision("AAA", "ADVANCE", 1), Decision("BBB", "ADVANCE", 2)));

        var output = await Run(f, Request(Candidate("AAA", 70, 60), Candidate("BBB", 50, 40)));

        Assert.Equal(["AAA", "BBB"], output.AdvancedTickers);
        Assert.Contains("decisions[0] (AAA): an ADVANCE needs an entry_thesis", f.Requests[1].LastUserText);
    }
}
