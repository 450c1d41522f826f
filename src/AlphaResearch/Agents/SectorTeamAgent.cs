using System.Globalization;
using System.Text;
using AlphaResearch.Agents.Dto;
using AlphaResearch.Agents.Tools;
using AlphaResearch.Domain;
using AlphaResearch.Llm;
using AlphaResearch.MarketData;
using Microsoft.Extensions.AI;
using AlphaResearch.Scoring;

namespace AlphaResearch.Agents;

/// <summary>A quant or qual phase failed in a way the team reports as its Error (not an exception out of the team).</summary>
public sealed class AgentPhaseException(string message) : Exception(message);

/// <summary>
/// One sector team (reference §2.3, fast tier): quant ReAct + extraction (retry once on empty), qual ReAct +
/// extraction on the top picks, peer review, held-thesis maintenance. Quant/qual failures become
/// <see cref="SectorTeamOutput.Error"/>; step-limit exhaustion makes the team partial. Peer-review and
/// held-thesis failures, and cancellation, propagate.
/// </summary>
public sealed class SectorTeamAgent(ILlmClients llm, PromptLibrary prompts, AgentsConfig config) : ISectorTeamAgent
{
    public static string AgentIdOf(TeamId team) => $"sector_team:{team.Id()}";

    public IReadOnlyList<PromptRef> Prompts { get; } =
    [
        .. new[]
        {
            "quant_analyst_system", "quant_analyst_user", "quant_extract", "qual_analyst_system", "qual_analyst_user",
            "qual_extract", "peer_review_addition", "peer_review_selection", "peer_review_rationale", "thesis_update",
        }.Select(id => prompts[id].Ref),
    ];

    /// <summary>Per-team screening focus injected into the quant system prompt (reference TEAM_SCREENING_PARAMS, limited to data we have).</summary>
    private static string FocusOf(TeamId team) => team switch
    {
        TeamId.Technology => "growth leadership, momentum persistence, relative strength vs XLK, valuation stretch (P/S)",
        TeamId.Healthcare => "relative strength vs XLV, drawdown recovery, valuation (P/E) vs peers",
        TeamId.Financials => "trend vs the rate backdrop, price-to-book, relative strength vs XLF",
        TeamId.Industrials => "cyclical momentum, trend quality above the 200-day average, relative strength vs XLI/XLB",
        TeamId.Consumer => "relative strength vs XLY/XLP/XLC, trend quality, valuation",
        TeamId.Defensives => "dividend yield, low volatility, trend vs XLE/XLU/XLRE",
        _ => "",
    };

    public async Task<SectorTeamOutput> RunAsync(TeamId team, ResearchContext context, MacroReport macro, CancellationToken ct)
    {
        var record = new DecisionRecorder();
        var client = record.Wrap(llm.For(ModelTier.Fast));
        var recorder = new ToolRecorder();
        var universe = UniverseOf(team, context);

        IReadOnlyList<QuantPick> quantPicks = [];
        IReadOnlyList<QualAssessment> assessments = [];
        QualAssessment? addition = null;
        var partial = new List<string>();
        try
        {
            if (universe.Count > 0)
            {
                var quant = await QuantAsync(team, context, macro, universe, client, recorder, ct).ConfigureAwait(false);
                quantPicks = quant.Picks;
                if (quant.PartialReason is not null) partial.Add(quant.PartialReason);
                if (partial.Count == 0 && quantPicks.Count > 0)
                {
                    var qual = await QualAsync(team, context, macro, quantPicks.Take(config.QualTopN).ToArray(), client, recorder, ct).ConfigureAwait(false);
                    assessments = qual.Assessments;
                    addition = qual.Addition;
                    if (qual.PartialReason is not null) partial.Add(qual.PartialReason);
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException and not RunBudgetExceededException)
        {
            return new SectorTeamOutput
            {
                TeamId = team,
                QuantRankedPicks = quantPicks,
                ToolCalls = recorder.Calls,
                Record = record.ToRecord(),
                Error = $"[team:{team.Id()}] {e.GetType().Name}: {e.Message}",
            };
        }

        if (partial.Count > 0)
        {
            // A partial team fails the strict gate anyway; spending more calls on it would be wasted.
            return new SectorTeamOutput
            {
                TeamId = team, QuantRankedPicks = quantPicks, ToolCalls = recorder.Calls, Partial = true, PartialReasons = partial,
                Record = record.ToRecord(),
            };
        }

        var review = quantPicks.Count == 0
            ? new PeerReviewResult([], "No quant picks.", false)
            : await new PeerReview(client, prompts, config).RunAsync(team, context, macro, quantPicks.Take(config.QualTopN).ToArray(),
                assessments, addition, recorder, ct).ConfigureAwait(false);
        var theses = await new HeldThesisMaintenance(client, prompts, config).RunAsync(team, context, macro, ct).ConfigureAwait(false);

        return new SectorTeamOutput
        {
            TeamId = team,
            Recommendations = review.Recommendations,
            ThesisUpdates = theses,
            QuantRankedPicks = quantPicks,
            ToolCalls = recorder.Calls,
            PeerReviewRationale = review.TeamRationale,
            Record = record.ToRecord(),
        };
    }

    /// <summary>The team's constituents, most liquid first, capped at max_tickers_in_prompt.</summary>
    internal IReadOnlyList<Constituent> UniverseOf(TeamId team, ResearchContext ctx) =>
        ctx.Snapshot.TeamUniverse(team)
            .Select(c => (c, v: ctx.Scores.Get(c.Ticker)?.Indicators.AvgVolume20d
                                ?? (ctx.Snapshot.Prices.TryGetValue(c.Ticker, out var s) ? MarketMath.AvgVolume(s) : 0)))
            .OrderByDescending(x => x.v).ThenBy(x => x.c.Ticker, StringComparer.Ordinal)
            .Take(config.MaxTickersInPrompt)
            .Select(x => x.c)
            .ToArray();

    private sealed record QuantResult(IReadOnlyList<QuantPick> Picks, string? PartialReason);

    private sealed record QualResult(IReadOnlyList<QualAssessment> Assessments, QualAssessment? Addition, string? PartialReason);

    private static string Regime(MacroReport m) => JsonConventions.Serialize(m.MarketRegime).Trim('"');

    private async Task<QuantResult> QuantAsync(TeamId team, ResearchContext ctx, MacroReport macro, IReadOnlyList<Constituent> universe,
        IChatClient client, ToolRecorder recorder, CancellationToken ct)
    {
        var agentId = AgentIdOf(team);
        var tools = new QuantTools(ctx, universe, recorder).Create();
        var system = prompts["quant_analyst_system"].Render(
            ("team_title", team.Title()), ("universe_size", universe.Count), ("quant_top_n", config.QuantTopN),
            ("focus", FocusOf(team)), ("market_regime", Regime(macro)));
        var allowed = universe.Select(c => c.Ticker).ToHashSet(StringComparer.Ordinal);

        string retryNotice = "";
        for (int attempt = 0; ; attempt++)
        {
            int callsBefore = recorder.Count;
            var user = prompts["quant_analyst_user"].Render(
                ("retry_notice", retryNotice), ("run_date", ctx.RunDate.ToString("yyyy-MM-dd")), ("market_regime", Regime(macro)),
                ("universe_size", universe.Count), ("ticker_list", string.Join(", ", universe.Select(c => c.Ticker))),
                ("quant_top_n", config.QuantTopN));
            var react = await ReactRunner.RunAsync(client, system, user, tools, config.QuantMaxIterations,
                new ChatOptions { MaxOutputTokens = config.MaxTokensReact }.WithTag(agentId, $"quant:{team.Id()}:react", PromptRef.Tags(prompts["quant_analyst_system"].Ref, prompts["quant_analyst_user"].Ref)), ct,
                recorder, QuantTools.Phase).ConfigureAwait(false);
            if (react.StepLimitExhausted) return new QuantResult([], "quant:step_limit_exhausted");
            if (react.FinalText.Length == 0) throw new AgentPhaseException("quant: the analyst returned an empty final answer");

            var extracted = await StructuredOutput.GetAsync<QuantExtraction>(client,
                [new ChatMessage(ChatRole.User, prompts["quant_extract"].Render(("quant_top_n", config.QuantTopN), ("answer", react.FinalText)))],
                new ChatOptions { MaxOutputTokens = config.MaxTokensReact }.WithTag(agentId, $"quant:{team.Id()}:extract", prompts["quant_extract"].Ref.Tag),
                QuantExtraction.Schema(universe.Select(c => c.Ticker)), QuantExtraction.Validate, config.StructuredOutputRepairs, ct).ConfigureAwait(false);

            // Only tickers of the team universe count; anything else is a hallucination or another team's name.
            var picks = extracted.RankedPicks!
                .Select(p => new QuantPick(MarketSnapshot.NormalizeTicker(p.Ticker!), Math.Round(p.QuantScore!.Value, 1), p.Rationale?.Trim() ?? ""))
                .Where(p => allowed.Contains(p.Ticker))
                .DistinctBy(p => p.Ticker)
                .Take(config.QuantTopN)
                .ToArray();
            int toolCalls = recorder.Count - callsBefore;
            if (picks.Length > 0 || attempt > 0 || toolCalls == 0) return new QuantResult(picks, null);
            retryNotice =
                $"RETRY NOTICE: your previous attempt produced ZERO usable picks despite {toolCalls} tool calls. You MUST finish with a ranked list " +
                $"of at least {Math.Min(3, config.QuantTopN)} tickers from the universe below, each with a 0-100 quant score and a one-sentence rationale.\n\n";
        }
    }

    private async Task<QualResult> QualAsync(TeamId team, ResearchContext ctx, MacroReport macro, IReadOnlyList<QuantPick> top,
        IChatClient client, ToolRecorder recorder, CancellationToken ct)
    {
        var agentId = AgentIdOf(team);
        var tools = new QualTools(ctx, recorder).Create();
        var system = prompts["qual_analyst_system"].Render(("team_title", team.Title()), ("n_picks", top.Count), ("market_regime", Regime(macro)));
        var picksText = new StringBuilder();
        for (int i = 0; i < top.Count; i++)
        {
            picksText.AppendLine($"{i + 1}. {top[i].Ticker} (quant_score={top[i].QuantScore.ToString("0.0", CultureInfo.InvariantCulture)}): {top[i].Rationale}");
        }
        var user = prompts["qual_analyst_user"].Render(("run_date", ctx.RunDate.ToString("yyyy-MM-dd")), ("market_regime", Regime(macro)),
            ("picks_text", picksText.ToString().TrimEnd()));
        var react = await ReactRunner.RunAsync(client, system, user, tools, config.QualMaxIterations,
            new ChatOptions { MaxOutputTokens = config.MaxTokensReact }.WithTag(agentId, $"qual:{team.Id()}:react", PromptRef.Tags(prompts["qual_analyst_system"].Ref, prompts["qual_analyst_user"].Ref)), ct,
            recorder, QualTools.Phase).ConfigureAwait(false);
        if (react.StepLimitExhausted) return new QualResult([], null, "qual:step_limit_exhausted");
        if (react.FinalText.Length == 0) throw new AgentPhaseException("qual: the analyst returned an empty final answer");

        var pickSet = top.Select(p => p.Ticker).ToHashSet(StringComparer.Ordinal);
        // The addition may only be another name of the team's universe (the prompt's universe, most liquid first).
        var others = UniverseOf(team, ctx).Select(c => c.Ticker).Where(t => !pickSet.Contains(t)).ToArray();
        var x = await StructuredOutput.GetAsync<QualExtraction>(client,
            [new ChatMessage(ChatRole.User, prompts["qual_extract"].Render(("picks_csv", string.Join(", ", pickSet)), ("answer", react.FinalText)))],
            new ChatOptions { MaxOutputTokens = config.MaxTokensReact }.WithTag(agentId, $"qual:{team.Id()}:extract", prompts["qual_extract"].Ref.Tag),
            QualExtraction.Schema(pickSet, others), QualExtraction.Validate, config.StructuredOutputRepairs, ct).ConfigureAwait(false);

        var assessments = x.Assessments!.Select(ToDomain).Where(a => pickSet.Contains(a.Ticker)).DistinctBy(a => a.Ticker).ToArray();
        QualAssessment? addition = null;
        if (x.AdditionalCandidate is { } extra)
        {
            var a = ToDomain(extra);
            // An addition must be a real member of this team's universe that the quant did not already pick.
            if (!pickSet.Contains(a.Ticker) && ctx.Snapshot.Find(a.Ticker) is { } c && c.Team == team) addition = a;
        }
        return new QualResult(assessments, addition, null);
    }

    private static QualAssessment ToDomain(QualAssessmentDto d) => new()
    {
        Ticker = MarketSnapshot.NormalizeTicker(d.Ticker!),
        QualScore = d.QualScore is double q ? Math.Round(q, 1) : null,
        BullCase = d.BullCase?.Trim() ?? "",
        BearCase = d.BearCase?.Trim() ?? "",
        Catalysts = d.Catalysts?.Where(s => !string.IsNullOrWhiteSpace(s)).ToArray() ?? [],
        Risks = d.Risks?.Where(s => !string.IsNullOrWhiteSpace(s)).ToArray() ?? [],
        Conviction = d.Conviction,
    };
}
