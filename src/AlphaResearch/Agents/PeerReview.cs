using System.Globalization;
using System.Text;
using AlphaResearch.Agents.Dto;
using AlphaResearch.Domain;
using AlphaResearch.Llm;
using AlphaResearch.MarketData;
using Microsoft.Extensions.AI;
using AlphaResearch.Scoring;

namespace AlphaResearch.Agents;

/// <summary>Outcome of a team's peer review.</summary>
public sealed record PeerReviewResult(IReadOnlyList<SectorRecommendation> Recommendations, string TeamRationale, bool AdditionAccepted);

/// <summary>A peer-review call stayed invalid after its bounded repairs: the team fails (R5), nothing is made up in its place.</summary>
public sealed class PeerReviewFailedException(TeamId team, string step, StructuredOutputException inner)
    : Exception($"[team:{team.Id()}] peer review {step} invalid after {inner.Attempts} attempt(s): {string.Join("; ", inner.Errors)}", inner);

/// <summary>
/// Peer review (reference §2.3 e): verdict on the qual's extra candidate, merge, joint selection when there are
/// more candidates than picks_per_run, then a rationale per selected pick. Each call's schema names only the
/// tickers it may (the merged candidates, the pick); a call still invalid after its repairs throws
/// <see cref="PeerReviewFailedException"/>, which fails the team (R5) instead of a silent fallback.
/// </summary>
public sealed class PeerReview(IChatClient client, PromptLibrary prompts, AgentsConfig config)
{
    public const string Phase = "peer_review";

    public async Task<PeerReviewResult> RunAsync(
        TeamId team, ResearchContext ctx, MacroReport macro, IReadOnlyList<QuantPick> quantTop,
        IReadOnlyList<QualAssessment> assessments, QualAssessment? addition, Tools.ToolRecorder recorder, CancellationToken ct)
    {
        var agentId = SectorTeamAgent.AgentIdOf(team);
        var byTicker = assessments.ToDictionary(a => a.Ticker, StringComparer.Ordinal);
        var merged = quantTop.Select(p =>
        {
            byTicker.TryGetValue(p.Ticker, out var q);
            return ToRecommendation(p.Ticker, p.QuantScore, p.Rationale, q, isAddition: false);
        }).ToList();

        bool accepted = false;
        if (addition is not null)
        {
            var verdict = await AdditionVerdictAsync(team, ctx, addition, agentId, ct).ConfigureAwait(false);
            accepted = verdict.Accept == true;
            recorder.Add(new ToolCallRecord(Phase, "addition_verdict", addition.Ticker,
                JsonConventions.Serialize(new { ticker = addition.Ticker }), $"{(accepted ? "accepted" : "rejected")}: {verdict.Reason}"));
            if (accepted)
            {
                // The quant accepted it on technical grounds, so its deterministic technical score stands in for a quant score.
                double quantScore = Math.Round(ctx.Scores.Get(addition.Ticker)?.Score.Composite ?? 0, 1);
                merged.Add(ToRecommendation(addition.Ticker, quantScore, $"Qual addition accepted by the quant: {verdict.Reason}".Trim(), addition, isAddition: true));
            }
        }

        int n = Math.Max(1, config.PicksPerRun);
        if (merged.Count <= n)
        {
            var text = merged.Count == 0 ? "No candidates." : $"{merged.Count} candidate(s) for {n} slot(s): all advance without a joint selection.";
            return new PeerReviewResult(merged, text, accepted);
        }

        var (selected, teamRationale) = await SelectAsync(team, macro, merged, n, agentId, ct).ConfigureAwait(false);
        recorder.Add(new ToolCallRecord(Phase, "joint_selection", null,
            JsonConventions.Serialize(new { candidates = merged.Select(m => m.Ticker) }), $"{string.Join(",", selected)}: {teamRationale}"));

        var picks = new List<SectorRecommendation>();
        foreach (var rec in merged.Where(m => selected.Contains(m.Ticker)))
        {
            var rationale = await RationaleAsync(team, rec, teamRationale, agentId, ct).ConfigureAwait(false);
            picks.Add(rec with { PeerReviewRationale = rationale });
        }
        return new PeerReviewResult(picks, teamRationale, accepted);
    }

    internal static double Combined(SectorRecommendation r) => r.QualScore is double q ? (r.QuantScore + q) / 2 : r.QuantScore;

    private static SectorRecommendation ToRecommendation(string ticker, double quantScore, string quantRationale, QualAssessment? q, bool isAddition) => new()
    {
        Ticker = ticker,
        QuantScore = quantScore,
        QualScore = q?.QualScore,
        BullCase = q?.BullCase ?? "",
        BearCase = q?.BearCase ?? "",
        Catalysts = q?.Catalysts ?? [],
        Risks = q?.Risks ?? [],
        Conviction = q?.Conviction,
        QuantRationale = quantRationale,
        IsQualAddition = isAddition,
    };

    private async Task<QuantAcceptanceVerdict> AdditionVerdictAsync(TeamId team, ResearchContext ctx, QualAssessment a, string agentId, CancellationToken ct)
    {
        var prompt = prompts["peer_review_addition"].Render(
            ("team_title", team.Title()),
            ("ticker", a.Ticker),
            ("qual_score", a.QualScore?.ToString("0.#", CultureInfo.InvariantCulture) ?? "n/a"),
            ("qual_rationale", $"Bull: {a.BullCase}\nBear: {a.BearCase}\nCatalysts: {string.Join("; ", a.Catalysts)}"),
            ("technicals", Technicals(ctx, a.Ticker)));
        var options = new ChatOptions { MaxOutputTokens = config.MaxTokensShort }.WithTag(agentId, $"peer_review:{team.Id()}:addition", prompts["peer_review_addition"].Ref.Tag);
        try
        {
            return await StructuredOutput.GetAsync<QuantAcceptanceVerdict>(client, [new ChatMessage(ChatRole.User, prompt)], options,
                QuantAcceptanceVerdict.Validate, config.StructuredOutputRepairs, ct).ConfigureAwait(false);
        }
        catch (StructuredOutputException e)
        {
            throw new PeerReviewFailedException(team, "addition verdict", e);
        }
    }

    private static string Technicals(ResearchContext ctx, string ticker)
    {
        if (ctx.Scores.Get(ticker) is not { } s) return "No technical data for this ticker.";
        var i = s.Indicators;
        static string F(double? v) => v?.ToString("0.0", CultureInfo.InvariantCulture) ?? "n/a";
        return $"RSI(14) {F(i.Rsi14)}; MACD cross {(i.MacdCross switch { 1 => "bullish", -1 => "bearish", _ => "none" })}; " +
               $"price vs MA50 {F(i.PriceVsMa50)}%; price vs MA200 {F(i.PriceVsMa200)}%; momentum 20d {F(i.Momentum20d)}%; " +
               $"ATR% {F(i.AtrPct14)}; technical score {F(s.Score.Composite)}";
    }

    private async Task<(IReadOnlySet<string> Selected, string Rationale)> SelectAsync(
        TeamId team, MacroReport macro, List<SectorRecommendation> merged, int n, string agentId, CancellationToken ct)
    {
        var prompt = prompts["peer_review_selection"].Render(
            ("team_title", team.Title()),
            ("market_regime", JsonConventions.Serialize(macro.MarketRegime).Trim('"')),
            ("picks_per_run", n),
            ("candidates_text", CandidatesText(merged)));
        var options = new ChatOptions { MaxOutputTokens = config.MaxTokensReact }.WithTag(agentId, $"peer_review:{team.Id()}:selection", prompts["peer_review_selection"].Ref.Tag);
        var candidateSet = merged.Select(m => m.Ticker).ToHashSet(StringComparer.Ordinal);
        JointSelection sel;
        try
        {
            sel = await StructuredOutput.GetAsync<JointSelection>(client, [new ChatMessage(ChatRole.User, prompt)], options,
                JointSelection.Schema(candidateSet), x => JointSelection.Validate(x, candidateSet, n), config.StructuredOutputRepairs, ct).ConfigureAwait(false);
        }
        catch (StructuredOutputException e)
        {
            throw new PeerReviewFailedException(team, "joint selection", e);
        }
        // Validated: 1..n distinct candidates (dry-run content may name more; its first n stand).
        var chosen = sel.SelectedTickers!.Select(MarketSnapshot.NormalizeTicker).Distinct().Take(n).ToHashSet(StringComparer.Ordinal);
        return (chosen, sel.TeamRationale?.Trim() ?? "");
    }

    internal static string CandidatesText(IEnumerable<SectorRecommendation> candidates)
    {
        var sb = new StringBuilder();
        int i = 1;
        foreach (var c in candidates)
        {
            sb.AppendLine($"{i++}. {c.Ticker}{(c.IsQualAddition ? " (qual addition)" : "")} — quant {c.QuantScore.ToString("0.0", CultureInfo.InvariantCulture)}, " +
                          $"qual {c.QualScore?.ToString("0.0", CultureInfo.InvariantCulture) ?? "n/a"}, conviction {c.Conviction?.ToString(CultureInfo.InvariantCulture) ?? "n/a"}");
            if (c.QuantRationale.Length > 0) sb.AppendLine($"   Quant: {c.QuantRationale}");
            if (c.BullCase.Length > 0) sb.AppendLine($"   Bull: {c.BullCase}");
            if (c.BearCase.Length > 0) sb.AppendLine($"   Bear: {c.BearCase}");
            if (c.Catalysts.Count > 0) sb.AppendLine($"   Catalysts: {string.Join("; ", c.Catalysts.Take(3))}");
        }
        return sb.ToString().TrimEnd();
    }

    private async Task<string> RationaleAsync(TeamId team, SectorRecommendation rec, string teamRationale, string agentId, CancellationToken ct)
    {
        var prompt = prompts["peer_review_rationale"].Render(
            ("team_title", team.Title()),
            ("ticker", rec.Ticker),
            ("team_rationale", teamRationale.Length == 0 ? "n/a" : teamRationale),
            ("candidate_text", CandidatesText([rec])));
        var options = new ChatOptions { MaxOutputTokens = config.MaxTokensReact }.WithTag(agentId, $"peer_review:{team.Id()}:rationale:{rec.Ticker}", prompts["peer_review_rationale"].Ref.Tag);
        try
        {
            var r = await StructuredOutput.GetAsync<PickRationale>(client, [new ChatMessage(ChatRole.User, prompt)], options,
                PickRationale.Schema(rec.Ticker), PickRationale.Validate, config.StructuredOutputRepairs, ct).ConfigureAwait(false);
            return r.Rationale!.Trim();
        }
        catch (StructuredOutputException e)
        {
            throw new PeerReviewFailedException(team, $"rationale for {rec.Ticker}", e);
        }
    }
}
