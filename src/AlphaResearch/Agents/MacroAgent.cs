using System.Globalization;
using AlphaResearch.Agents.Dto;
using AlphaResearch.Domain;
using AlphaResearch.Llm;
using Microsoft.Extensions.AI;
using AlphaResearch.Scoring;

namespace AlphaResearch.Agents;

/// <summary>
/// Macro economist + critic (reference §2.4, strategic tier): draft → critic → at most one revision
/// (re-drafted with the critique) → critic again, whose verdict can no longer trigger a revision.
/// </summary>
public sealed class MacroAgent(ILlmClients llm, PromptLibrary prompts, AgentsConfig config) : IMacroAgent
{
    public const string AgentId = "macro";
    public const string EconomistLabel = "macro_economist";
    public const string CriticLabel = "macro_critic";

    public IReadOnlyList<PromptRef> Prompts { get; } = [prompts["macro_economist"].Ref, prompts["macro_critic"].Ref];

    public async Task<MacroReport> RunAsync(ResearchContext context, CancellationToken ct)
    {
        var record = new DecisionRecorder();
        var client = record.Wrap(llm.For(ModelTier.Strategic));
        var inputs = MacroInputs.Render(context, config.MacroDeRiskDrawdownPct);
        var drawdown = MacroInputs.Drawdown(context.Snapshot);
        MacroReport Stamp(MacroReport r) => r with
        {
            Record = record.ToRecord(),
            Inputs = inputs,
            SpDrawdownPct = drawdown?.Pct,
            DeRisk = drawdown is { } dd && MacroInputs.IsDeRisk(dd.Pct, config.MacroDeRiskDrawdownPct),
        };

        var draft = await DraftAsync(client, context, inputs, revision: null, ct).ConfigureAwait(false);
        var verdict = await CritiqueAsync(client, context, inputs, draft, ct).ConfigureAwait(false);
        if (!verdict.Revise) return Stamp(ToReport(draft, revised: false, critique: null));

        var critique = string.IsNullOrWhiteSpace(verdict.Critique) ? "(the critic gave no details)" : verdict.Critique.Trim();
        var revisionBlock =
            "\n## Critic's review of your first draft (revise accordingly)\n" + critique +
            (string.IsNullOrWhiteSpace(verdict.SuggestedRegime) ? "" : $"\nSuggested regime: {verdict.SuggestedRegime.Trim().ToLowerInvariant()}") + "\n";
        var revised = await DraftAsync(client, context, inputs, revisionBlock, ct).ConfigureAwait(false);
        // One revision at most: the second verdict cannot send it back again, but an objection that survived
        // the revision is kept next to the critique so the brief can show it.
        var second = await CritiqueAsync(client, context, inputs, revised, ct).ConfigureAwait(false);
        if (second.Revise && !string.IsNullOrWhiteSpace(second.Critique))
        {
            critique += "\n\nStill open after the revision: " + second.Critique.Trim();
        }
        return Stamp(ToReport(revised, revised: true, critique));
    }

    private Task<MacroDraft> DraftAsync(IChatClient client, ResearchContext ctx, string inputs, string? revision, CancellationToken ct)
    {
        var prompt = prompts["macro_economist"].Render(
            ("run_date", ctx.RunDate.ToString("yyyy-MM-dd")),
            ("macro_inputs", inputs),
            ("prior_block", PriorBlock(ctx)),
            ("scorecard", ctx.Prior.Scorecard.ToMarkdown()),
            ("revision_block", revision ?? ""),
            ("sectors_list", string.Join(", ", Sectors.All)));
        var options = new ChatOptions { MaxOutputTokens = config.MaxTokensStrategic }.WithTag(AgentId, EconomistLabel, prompts["macro_economist"].Ref.Tag);
        return StructuredOutput.GetAsync<MacroDraft>(client, [new ChatMessage(ChatRole.User, prompt)], options,
            MacroDraft.Schema(Sectors.All), MacroDraft.Validate, config.StructuredOutputRepairs, ct);
    }

    private Task<CriticVerdict> CritiqueAsync(IChatClient client, ResearchContext ctx, string inputs, MacroDraft draft, CancellationToken ct)
    {
        var prompt = prompts["macro_critic"].Render(
            ("run_date", ctx.RunDate.ToString("yyyy-MM-dd")),
            ("macro_inputs", inputs),
            ("draft_json", JsonConventions.Serialize(draft, indented: true)));
        var options = new ChatOptions { MaxOutputTokens = config.MaxTokensCritic }.WithTag(AgentId, CriticLabel, prompts["macro_critic"].Ref.Tag);
        return StructuredOutput.GetAsync<CriticVerdict>(client, [new ChatMessage(ChatRole.User, prompt)], options,
            CriticVerdict.Validate, config.StructuredOutputRepairs, ct);
    }

    private static string PriorBlock(ResearchContext ctx)
    {
        if (ctx.Prior.SectorViews.Count == 0) return "No previous report (first run).";
        var lines = ctx.Prior.SectorViews.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => $"- {kv.Key}: {Json(kv.Value.Rating)} (modifier {kv.Value.Modifier.ToString("0.00", CultureInfo.InvariantCulture)})");
        string views = $"Sector ratings from the previous run ({ctx.Prior.PreviousRunDate?.ToString("yyyy-MM-dd") ?? "date unknown"}):\n" + string.Join('\n', lines);
        return views + "\n\n" + PreviousReportText(ctx.Prior.MacroReportMd);
    }

    /// <summary>The longest previous report text shown (characters); a longer one is cut with a note.</summary>
    public const int MaxPreviousReportChars = 3000;

    /// <summary>The previous run's report_md (published before this run date: no look-ahead), bounded.</summary>
    internal static string PreviousReportText(string? report)
    {
        if (string.IsNullOrWhiteSpace(report)) return "Previous report text: n/a (not recorded).";
        var text = report.Trim();
        if (text.Length > MaxPreviousReportChars)
            text = text[..MaxPreviousReportChars] + $"\n[… {text.Length - MaxPreviousReportChars} more characters cut]";
        return "Previous report text:\n" + text;
    }

    private static string Json<T>(T value) => JsonConventions.Serialize(value).Trim('"');

    /// <summary>
    /// Turns a validated draft into the report: all 11 sectors present; a missing or invalid rating is derived
    /// from the modifier (≥ 1.08 overweight, ≤ 0.92 underweight, else market weight); a missing modifier is 1.00.
    /// </summary>
    internal static MacroReport ToReport(MacroDraft draft, bool revised, string? critique)
    {
        var given = new Dictionary<string, SectorRatingDto>(StringComparer.Ordinal);
        foreach (var (label, dto) in draft.SectorRatings ?? [])
        {
            if (Sectors.TryNormalize(label, out var sector)) given.TryAdd(sector, dto);
        }
        var views = new Dictionary<string, SectorView>(StringComparer.Ordinal);
        foreach (var sector in Sectors.All)
        {
            given.TryGetValue(sector, out var dto);
            double modifier = Math.Clamp(dto?.Modifier ?? 1.0, MacroReport.MinModifier, MacroReport.MaxModifier);
            var rating = ParseRating(dto?.Rating);
            string rationale = dto?.Rationale?.Trim() ?? "";
            if (rating is null)
            {
                rating = Derive(modifier);
                rationale = $"Rating derived from modifier {modifier.ToString("0.00", CultureInfo.InvariantCulture)} (the economist gave no valid rating)."
                    + (rationale.Length > 0 ? " " + rationale : "");
            }
            views[sector] = new SectorView(rating.Value, modifier, rationale);
        }
        return new MacroReport
        {
            MarketRegime = draft.MarketRegime?.Trim().ToLowerInvariant() switch
            {
                "bull" => MarketRegime.Bull,
                "bear" => MarketRegime.Bear,
                _ => MarketRegime.Neutral,
            },
            Sectors = views,
            KeyTheme = draft.KeyTheme?.Trim() ?? "",
            ReportMd = draft.ReportMd?.Trim() ?? "",
            MaterialChanges = draft.MaterialChanges?.Where(c => !string.IsNullOrWhiteSpace(c)).ToArray() ?? [],
            Revised = revised,
            Critique = critique,
        };
    }

    internal static SectorRating Derive(double modifier) =>
        modifier >= 1.08 ? SectorRating.Overweight : modifier <= 0.92 ? SectorRating.Underweight : SectorRating.MarketWeight;

    private static SectorRating? ParseRating(string? r) => r?.Trim().ToLowerInvariant().Replace(' ', '_').Replace('-', '_') switch
    {
        "overweight" => SectorRating.Overweight,
        "market_weight" => SectorRating.MarketWeight,
        "underweight" => SectorRating.Underweight,
        _ => null,
    };
}
