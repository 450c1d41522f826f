using System.Globalization;
using System.Text;
using AlphaResearch.Agents.Dto;
using AlphaResearch.Domain;
using AlphaResearch.Llm;
using AlphaResearch.MarketData;
using Microsoft.Extensions.AI;

namespace AlphaResearch.Agents;

/// <summary>
/// The CIO (reference §2.6 + HEAD #200): one batch evaluation of all candidates, reconciled against the
/// candidate set, advances truncated to the cap and force-filled up to the floor by combined score.
/// </summary>
public sealed class CioAgent(ILlmClients llm, PromptLibrary prompts, AgentsConfig config) : ICioAgent
{
    public const string AgentId = "cio";
    public const string Label = "cio";

    public IReadOnlyList<PromptRef> Prompts { get; } = [prompts["cio_evaluation"].Ref];

    public async Task<CioOutput> RunAsync(CioRequest request, CancellationToken ct)
    {
        var candidates = request.Candidates
            .GroupBy(c => MarketSnapshot.NormalizeTicker(c.Recommendation.Ticker))
            .Select(g => g.OrderByDescending(c => c.Thesis.FinalScore).First())
            .ToArray();
        int n = candidates.Length;
        if (n == 0) return new CioOutput();
        int cap = Math.Min(config.CioMaxEntrants, n);
        int floor = Math.Min(Math.Min(config.CioMinEntrants, n), cap);
        var byTicker = candidates.ToDictionary(c => MarketSnapshot.NormalizeTicker(c.Recommendation.Ticker), StringComparer.Ordinal);

        var prompt = prompts["cio_evaluation"].Render(
            ("run_date", request.Context.RunDate.ToString("yyyy-MM-dd")),
            ("candidate_count", n),
            ("min_entrants", floor),
            ("open_slots", cap),
            ("market_regime", JsonConventions.Serialize(request.Macro.MarketRegime).Trim('"')),
            ("key_theme", request.Macro.KeyTheme.Length == 0 ? "n/a" : request.Macro.KeyTheme),
            ("ratings_text", RatingsText(request.Macro)),
            ("population_text", PopulationText(request.RemainingPopulation)),
            ("exits_text", ExitsText(request.Exits)),
            ("prior_decisions_text", PriorText(request.Context.Prior.CioDecisions)),
            ("scorecard", request.Context.Prior.Scorecard.ToMarkdown()),
            ("candidates_text", CandidatesText(candidates)),
            ("rule_tags", string.Join(", ", CioRuleTags.All)));
        var options = new ChatOptions { MaxOutputTokens = config.MaxTokensStrategic }.WithTag(AgentId, Label, prompts["cio_evaluation"].Ref.Tag);
        var record = new DecisionRecorder();
        var client = record.Wrap(llm.For(ModelTier.Strategic));
        var all = byTicker.Keys.ToArray();

        // Complete by construction where the schema can carry it: one required decision per candidate.
        CioRawOutput raw = n <= KeyedCandidateLimit
            ? (await StructuredOutput.GetAsync<CioKeyedOutput>(client, [new ChatMessage(ChatRole.User, prompt)], options,
                CioKeyedOutput.Schema(all), CioKeyedOutput.Validate, config.StructuredOutputRepairs, ct).ConfigureAwait(false)).ToList()
            : await StructuredOutput.GetAsync<CioRawOutput>(client, [new ChatMessage(ChatRole.User, prompt)], options,
                CioRawOutput.Schema(all, all), CioRawOutput.Validate, config.StructuredOutputRepairs, ct).ConfigureAwait(false);
        raw = await CompleteAsync(client, prompt, options, raw, all, cap, ct).ConfigureAwait(false);
        var held = request.RemainingPopulation.Select(p => MarketSnapshot.NormalizeTicker(p.Ticker)).ToHashSet(StringComparer.Ordinal);
        return Reconcile(raw, candidates, cap, floor, request.Context.RunDate, held, config.CioForceFillMinConviction) with { Record = record.ToRecord() };
    }

    /// <summary>Above this many candidates the answer is a list (ticker enum + follow-ups) instead of one property per candidate.</summary>
    public const int KeyedCandidateLimit = 20;

    /// <summary>
    /// Asks again ONLY for what the answer left out — undecided candidates, entry theses of ADVANCEs within the cap —
    /// stating what was already decided, and merges; at most structured_output_repairs follow-ups. Still incomplete
    /// afterwards → <see cref="StructuredOutputException"/> (dry-run content is filled by reconciliation instead).
    /// </summary>
    private async Task<CioRawOutput> CompleteAsync(IChatClient client, string prompt, ChatOptions options, CioRawOutput raw,
        IReadOnlyList<string> candidates, int cap, CancellationToken ct)
    {
        var decisions = new List<CioRawDecision>(raw.Decisions ?? []);
        var theses = new List<CioEntryThesis>(raw.EntryTheses ?? []);
        int followUps = 0;
        bool dryRun = DryRunContent.IsMarked(raw);
        while (true)
        {
            var (undecided, unexplained) = Gaps(decisions, theses, candidates, cap);
            if (undecided.Count == 0 && unexplained.Count == 0) break;
            if (followUps >= config.StructuredOutputRepairs)
            {
                if (dryRun) break;
                throw new StructuredOutputException(Label, followUps + 1,
                    [.. undecided.Count > 0 ? [$"no decision for candidate(s) {string.Join(", ", undecided)}"] : Array.Empty<string>(),
                     .. unexplained.Count > 0 ? [$"no entry_thesis for ADVANCE(s) {string.Join(", ", unexplained)}"] : Array.Empty<string>()]);
            }
            followUps++;
            var ask = new ChatMessage(ChatRole.User, prompt + FollowUpText(decisions, undecided, unexplained));
            if (undecided.Count > 0)
            {
                var more = await StructuredOutput.GetAsync<CioRawOutput>(client, [ask], options,
                    CioRawOutput.Schema(undecided, [.. undecided, .. unexplained]), CioRawOutput.Validate, config.StructuredOutputRepairs, ct, isReask: true).ConfigureAwait(false);
                decisions.AddRange(more.Decisions ?? []);
                theses.AddRange(more.EntryTheses ?? []);
            }
            else
            {
                var more = await StructuredOutput.GetAsync<CioEntryTheses>(client, [ask], options,
                    CioEntryTheses.Schema(unexplained), CioEntryTheses.Validate, config.StructuredOutputRepairs, ct, isReask: true).ConfigureAwait(false);
                theses.AddRange(more.EntryTheses ?? []);
            }
        }
        return new CioRawOutput { Decisions = decisions, EntryTheses = theses };
    }

    /// <summary>Candidates without a decision, and ADVANCEs that will survive the cap but have no entry thesis.</summary>
    internal static (IReadOnlyList<string> Undecided, IReadOnlyList<string> Unexplained) Gaps(
        IReadOnlyList<CioRawDecision> decisions, IReadOnlyList<CioEntryThesis> theses, IReadOnlyList<string> candidates, int cap)
    {
        var set = candidates.ToHashSet(StringComparer.Ordinal);
        var decided = new Dictionary<string, (CioRawDecision D, int Order)>(StringComparer.Ordinal);
        for (int i = 0; i < decisions.Count; i++)
        {
            var d = decisions[i];
            if (d.Ticker is null || !set.Contains(MarketSnapshot.NormalizeTicker(d.Ticker))) continue;
            var t = MarketSnapshot.NormalizeTicker(d.Ticker);
            if (!decided.TryGetValue(t, out var e) || Rank(d) > Rank(e.D)) decided[t] = (d, e.D is null ? i : e.Order);
        }
        var explained = theses.Where(x => x.Ticker is not null && HeldThesisUpdate.Validate(x.ToUpdate()).Count == 0)
            .Select(x => MarketSnapshot.NormalizeTicker(x.Ticker!)).ToHashSet(StringComparer.Ordinal);
        var advancing = decided.Where(kv => kv.Value.D.NormalizedDecision == "ADVANCE")
            .OrderBy(kv => AdvanceRank(kv.Value.D)).ThenBy(kv => kv.Value.Order).Take(cap).Select(kv => kv.Key);
        return (candidates.Where(c => !decided.ContainsKey(c)).ToArray(), advancing.Where(t => !explained.Contains(t)).ToArray());
    }

    private static string FollowUpText(IReadOnlyList<CioRawDecision> decisions, IReadOnlyList<string> undecided, IReadOnlyList<string> unexplained)
    {
        var sb = new StringBuilder("\n\n## Follow-up: complete your evaluation\n");
        var known = decisions.Where(d => d.Ticker is not null).DistinctBy(d => MarketSnapshot.NormalizeTicker(d.Ticker!)).ToArray();
        if (known.Length > 0)
        {
            sb.AppendLine("Already decided (final; do not repeat or change them):");
            foreach (var d in known)
                sb.AppendLine($"- {MarketSnapshot.NormalizeTicker(d.Ticker!)}: {d.NormalizedDecision}{(d.NormalizedDecision == "ADVANCE" ? $" (rank {d.Rank?.ToString(CultureInfo.InvariantCulture) ?? "n/a"})" : "")}");
        }
        if (undecided.Count > 0) sb.AppendLine($"Decide ONLY these remaining candidate(s), each exactly once: {string.Join(", ", undecided)}.");
        if (unexplained.Count > 0) sb.AppendLine($"Write the entry_theses ONLY for these ADVANCE(s), which have none yet: {string.Join(", ", unexplained)}.");
        sb.Append("Answer with ONLY the JSON object for what is asked here.");
        return sb.ToString();
    }

    private static int AdvanceRank(CioRawDecision d) => d.Rank is int r and > 0 ? r : int.MaxValue;

    /// <summary>
    /// Extra tickers dropped; duplicates collapsed (a REJECT wins over an ADVANCE); advances ordered by rank then
    /// answer order and truncated to <paramref name="cap"/>; below <paramref name="floor"/> new entrants the best
    /// remaining new candidates by combined score with conviction ≥ <paramref name="minConviction"/> become
    /// ADVANCE_FORCED (<see cref="CioFloorPolicy"/>). Every decision carries its sector and sub-scores.
    /// </summary>
    internal static CioOutput Reconcile(CioRawOutput raw, IReadOnlyList<CioCandidate> candidates, int cap, int floor, DateOnly runDate,
        IReadOnlySet<string>? held = null, int minConviction = 0)
    {
        held ??= new HashSet<string>(StringComparer.Ordinal);
        var byTicker = candidates.ToDictionary(c => MarketSnapshot.NormalizeTicker(c.Recommendation.Ticker), StringComparer.Ordinal);
        var chosen = new Dictionary<string, (CioRawDecision D, int Order)>(StringComparer.Ordinal);
        int order = 0;
        foreach (var d in raw.Decisions ?? [])
        {
            order++;
            if (d.Ticker is null) continue;
            var t = MarketSnapshot.NormalizeTicker(d.Ticker);
            if (!byTicker.ContainsKey(t)) continue;
            if (!chosen.TryGetValue(t, out var existing) || (Rank(d) > Rank(existing.D))) chosen[t] = (d, existing.D is null ? order : existing.Order);
        }
        var entryTheses = new Dictionary<string, HeldThesisUpdate>(StringComparer.Ordinal);
        foreach (var et in raw.EntryTheses ?? [])
        {
            if (et.Ticker is null) continue;
            var update = et.ToUpdate();
            // The first valid thesis per ticker stands.
            if (HeldThesisUpdate.Validate(update).Count == 0) entryTheses.TryAdd(MarketSnapshot.NormalizeTicker(et.Ticker), update);
        }
        var missing = byTicker.Keys.Where(t => !chosen.ContainsKey(t)).ToArray();
        if (missing.Length > 0)
        {
            if (!DryRunContent.IsMarked(raw)) throw new InvalidOperationException($"CIO output has no decision for candidate(s) {string.Join(", ", missing)}");
            foreach (var t in missing)
            {
                chosen[t] = (new CioRawDecision { Ticker = t, Decision = "REJECT", Rationale = $"{LlmProviders.DryRunMarker}] no decision returned for this candidate.", RuleTags = ["other"] }, ++order);
            }
        }

        var decisions = new Dictionary<string, CioDecision>(StringComparer.Ordinal);
        var theses = new Dictionary<string, Thesis>(StringComparer.Ordinal);
        foreach (var (t, (d, _)) in chosen)
        {
            decisions[t] = new CioDecision
            {
                Ticker = t,
                Decision = d.NormalizedDecision switch
                {
                    "ADVANCE" => CioDecisionKind.Advance,
                    "NO_ADVANCE_DEADLOCK" => CioDecisionKind.NoAdvanceDeadlock,
                    _ => CioDecisionKind.Reject,
                },
                TeamId = byTicker[t].TeamId,
                Rank = d.Rank is > 0 ? d.Rank : null,
                Conviction = d.Conviction,
                Rationale = d.Rationale?.Trim() ?? "",
                RuleTags = (d.RuleTags ?? []).Select(NormalizeTag).Distinct().ToArray(),
                Sector = byTicker[t].Sector,
                QuantScore = byTicker[t].Recommendation.QuantScore,
                QualScore = byTicker[t].Recommendation.QualScore,
                CombinedScore = Math.Round(Combined(byTicker[t]), 2),
                FinalScore = byTicker[t].Thesis.FinalScore,
            };
        }

        var advanced = chosen.Where(kv => decisions[kv.Key].Decision == CioDecisionKind.Advance)
            .OrderBy(kv => AdvanceRank(kv.Value.D)).ThenBy(kv => kv.Value.Order)
            .Select(kv => kv.Key).ToList();
        foreach (var t in advanced.Skip(cap))
        {
            decisions[t] = decisions[t] with
            {
                Decision = CioDecisionKind.Reject,
                Rationale = Append(decisions[t].Rationale, $"Cap enforcement: at most {cap} entrant(s) this run; ranked below the cap."),
            };
        }
        advanced = advanced.Take(cap).ToList();
        foreach (var t in advanced)
        {
            theses[t] = entryTheses.TryGetValue(t, out var et)
                ? ToThesis(byTicker[t], et, decisions[t].Conviction, runDate)
                : FromCandidate(byTicker[t], runDate); // only dry-run content gets here without one (the follow-ups ask otherwise)
        }

        var (filled, alert) = CioFloorPolicy.Fill(candidates, decisions, advanced, held, floor, cap, minConviction);
        foreach (var t in filled)
        {
            decisions[t] = decisions[t] with { Rank = advanced.Count + 1 };
            advanced.Add(t);
            theses[t] = entryTheses.TryGetValue(t, out var et)
                ? ToThesis(byTicker[t], et, decisions[t].Conviction, runDate)
                : FromCandidate(byTicker[t], runDate);
        }

        // Decisions in candidate order; advances carry their final rank.
        var ordered = candidates.Select(c => MarketSnapshot.NormalizeTicker(c.Recommendation.Ticker))
            .Select(t => advanced.IndexOf(t) is var i and >= 0 ? decisions[t] with { Rank = i + 1 } : decisions[t])
            .ToArray();
        return new CioOutput { Decisions = ordered, AdvancedTickers = advanced, EntryTheses = theses, Alerts = alert is null ? [] : [alert] };
    }

    // REJECT beats every other kind; among equals the first answer stands.
    private static int Rank(CioRawDecision d) => d.NormalizedDecision switch { "REJECT" => 2, "NO_ADVANCE_DEADLOCK" => 1, _ => 0 };

    private static string NormalizeTag(string tag)
    {
        var t = tag.Trim().ToLowerInvariant();
        return CioRuleTags.All.Contains(t) ? t : "other";
    }

    private static string Append(string rationale, string note) => rationale.Length == 0 ? note : $"{rationale} {note}";

    internal static double Combined(CioCandidate c) =>
        c.Recommendation.QualScore is double q ? (c.Recommendation.QuantScore + q) / 2 : c.Recommendation.QuantScore;

    private static Thesis ToThesis(CioCandidate c, HeldThesisUpdate et, int? conviction, DateOnly runDate) =>
        HeldThesisMaintenance.Overlay(FromCandidate(c, runDate), et, [], runDate) with { Conviction = et.Conviction ?? conviction };

    private static Thesis FromCandidate(CioCandidate c, DateOnly runDate) => new()
    {
        Ticker = MarketSnapshot.NormalizeTicker(c.Recommendation.Ticker),
        Sector = c.Sector,
        TeamId = c.TeamId,
        FinalScore = c.Thesis.FinalScore,
        QuantScore = c.Thesis.QuantScore,
        QualScore = c.Thesis.QualScore,
        Rating = c.Thesis.Rating,
        Conviction = c.Recommendation.Conviction,
        BullCase = c.Recommendation.BullCase,
        BearCase = c.Recommendation.BearCase,
        ThesisSummary = c.Thesis.ThesisSummary,
        Catalysts = c.Recommendation.Catalysts,
        Risks = c.Recommendation.Risks,
        LastUpdated = runDate.ToString("yyyy-MM-dd"),
    };

    private static string F(double? v, string fmt = "0.0") => v?.ToString(fmt, CultureInfo.InvariantCulture) ?? "n/a";

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";

    private static string RatingsText(MacroReport m) => string.Join('\n', Sectors.All.Select(s =>
        $"- {s}: {JsonConventions.Serialize(m.RatingOf(s)).Trim('"')} (modifier {F(m.ModifierOf(s), "0.00")})"));

    private static string PopulationText(IReadOnlyList<PopulationEntry> pop) => pop.Count == 0
        ? "Empty."
        : string.Join('\n', pop.GroupBy(p => p.Sector).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"- {g.Key} ({g.Count()}): {string.Join(", ", g.Select(p => $"{p.Ticker} {F(p.LongTermScore)}"))}"));

    private static string ExitsText(IReadOnlyList<RotationEvent> exits) => exits.Count == 0
        ? "None."
        : string.Join('\n', exits.Take(10).Select(e => $"- {e.Ticker} ({e.Sector ?? "n/a"}): {e.Reason}, score {F(e.ScoreOut)}"));

    private static string PriorText(IReadOnlyList<CioDecision> prior) => prior.Count == 0
        ? "None (no previous CIO run)."
        : string.Join('\n', prior.Take(10).Select(d =>
            $"- {d.Ticker}: {JsonConventions.Serialize(d.Decision).Trim('"')}, conviction {d.Conviction?.ToString(CultureInfo.InvariantCulture) ?? "n/a"} — {Clip(d.Rationale, 150)}"));

    private static string CandidatesText(IReadOnlyList<CioCandidate> candidates)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < candidates.Count; i++)
        {
            var c = candidates[i];
            var r = c.Recommendation;
            sb.AppendLine($"{i + 1}. {MarketSnapshot.NormalizeTicker(r.Ticker)} [{c.TeamId.Id()}, {c.Sector}] — Quant {F(r.QuantScore)}, Qual {F(r.QualScore)}, " +
                          $"Final {F(c.Thesis.FinalScore)} ({JsonConventions.Serialize(c.Thesis.Rating).Trim('"')}), Conviction {r.Conviction?.ToString(CultureInfo.InvariantCulture) ?? "n/a"}");
            sb.AppendLine($"   Bull: {(r.BullCase.Length == 0 ? "n/a" : Clip(r.BullCase, 150))}");
            sb.AppendLine($"   Bear: {(r.BearCase.Length == 0 ? "n/a" : Clip(r.BearCase, 150))}");
            sb.AppendLine($"   Catalysts: {(r.Catalysts.Count == 0 ? "n/a" : string.Join("; ", r.Catalysts.Take(3)))}");
        }
        return sb.ToString().TrimEnd();
    }
}
