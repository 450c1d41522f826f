using System.Globalization;
using System.Text;
using AlphaResearch.Agents.Dto;
using AlphaResearch.Agents.Tools;
using AlphaResearch.Domain;
using AlphaResearch.Llm;
using Microsoft.Extensions.AI;
using AlphaResearch.Scoring;

namespace AlphaResearch.Agents;

/// <summary>A held name has no prior thesis: the research state is inconsistent, so the run must stop.</summary>
public sealed class MissingPriorThesisException(TeamId team, string ticker)
    : Exception($"[team:{team.Id()}] held name {ticker} has no prior thesis; the research state is inconsistent (restore the research DB or remove the name from the population)");

/// <summary>The LLM could not produce a valid thesis update; the old thesis is never carried forward silently.</summary>
public sealed class ThesisUpdateFailedException(TeamId team, string ticker, int attempts, Exception inner)
    : Exception($"[team:{team.Id()}] thesis update for held name {ticker} failed after {attempts} attempts (no prior-thesis carry-forward): {inner.Message}", inner);

/// <summary>
/// Held-thesis maintenance (reference §2.3 f, §2.3.2): every held name of the team either gets an LLM update
/// (when a material trigger fired) or its prior thesis carried with one more stale day.
/// </summary>
public sealed class HeldThesisMaintenance(IChatClient client, PromptLibrary prompts, AgentsConfig config)
{
    public async Task<IReadOnlyDictionary<string, Thesis>> RunAsync(TeamId team, ResearchContext ctx, MacroReport macro, CancellationToken ct)
    {
        var result = new Dictionary<string, Thesis>(StringComparer.Ordinal);
        foreach (var entry in HeldNames(team, ctx))
        {
            var ticker = entry.Ticker;
            if (!ctx.Prior.Theses.TryGetValue(ticker, out var prior)) throw new MissingPriorThesisException(team, ticker);
            var sector = Sectors.TryNormalize(entry.Sector, out var s) ? s : prior.Sector;
            var triggers = MaterialTriggers.Evaluate(ctx, macro, ticker, sector, config);
            result[ticker] = triggers.Count == 0
                ? prior with { StaleDays = prior.StaleDays + 1, Triggers = [] }
                : await UpdateAsync(team, ctx, prior, triggers, ct).ConfigureAwait(false);
        }
        return result;
    }

    /// <summary>Population entries whose sector maps to the team (entry.TeamId wins when set).</summary>
    public static IEnumerable<PopulationEntry> HeldNames(TeamId team, ResearchContext ctx) =>
        ctx.Prior.Population.Where(p =>
            (p.TeamId ?? (Sectors.TryNormalize(p.Sector, out var s) ? Sectors.TeamOf(s) : (TeamId?)null)) == team);

    private async Task<Thesis> UpdateAsync(TeamId team, ResearchContext ctx, Thesis prior, IReadOnlyList<string> triggers, CancellationToken ct)
    {
        var prompt = prompts["thesis_update"].Render(
            ("team_title", team.Title()),
            ("ticker", prior.Ticker),
            ("run_date", ctx.RunDate.ToString("yyyy-MM-dd")),
            ("triggers", string.Join(", ", triggers)),
            ("prior_text", PriorText(prior)),
            ("news_summary", NewsSummary(ctx, prior.Ticker)),
            ("filings_summary", FilingsSummary(ctx, prior.Ticker)),
            ("price_summary", PriceSummary(ctx, prior.Ticker)));
        var options = new ChatOptions { MaxOutputTokens = config.MaxTokensShort }
            .WithTag(SectorTeamAgent.AgentIdOf(team), $"thesis_update:{team.Id()}:{prior.Ticker}", prompts["thesis_update"].Ref.Tag);
        int attempts = Math.Max(1, config.ThesisUpdateAttempts);
        HeldThesisUpdate update;
        try
        {
            update = await StructuredOutput.GetAsync<HeldThesisUpdate>(client, [new ChatMessage(ChatRole.User, prompt)], options,
                HeldThesisUpdate.Validate, attempts - 1, ct).ConfigureAwait(false);
        }
        catch (StructuredOutputException e)
        {
            throw new ThesisUpdateFailedException(team, prior.Ticker, e.Attempts, e);
        }
        return Overlay(prior, update, triggers, ctx.RunDate);
    }

    /// <summary>Prior overlaid with the non-empty narrative fields of the update; scores and rating stay the prior's.</summary>
    internal static Thesis Overlay(Thesis prior, HeldThesisUpdate u, IReadOnlyList<string> triggers, DateOnly runDate)
    {
        static string Pick(string? fresh, string old) => string.IsNullOrWhiteSpace(fresh) ? old : fresh.Trim();
        static IReadOnlyList<string> PickList(List<string>? fresh, IReadOnlyList<string> old) =>
            fresh?.Where(x => !string.IsNullOrWhiteSpace(x)).ToArray() is { Length: > 0 } f ? f : old;
        return prior with
        {
            BullCase = Pick(u.BullCase, prior.BullCase),
            BearCase = Pick(u.BearCase, prior.BearCase),
            ThesisSummary = Pick(u.ThesisSummary, prior.ThesisSummary),
            ConvictionRationale = Pick(u.ConvictionRationale, prior.ConvictionRationale),
            Catalysts = PickList(u.Catalysts, prior.Catalysts),
            Risks = PickList(u.Risks, prior.Risks),
            Conviction = u.Conviction ?? prior.Conviction,
            LastUpdated = runDate.ToString("yyyy-MM-dd"),
            StaleDays = 0,
            Triggers = triggers.ToArray(),
        };
    }

    private static string PriorText(Thesis t)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"Summary: {Or(t.ThesisSummary)}");
        sb.AppendLine($"Bull case: {Or(t.BullCase)}");
        sb.AppendLine($"Bear case: {Or(t.BearCase)}");
        sb.AppendLine($"Catalysts: {(t.Catalysts.Count == 0 ? "none recorded" : string.Join("; ", t.Catalysts))}");
        sb.AppendLine($"Risks: {(t.Risks.Count == 0 ? "none recorded" : string.Join("; ", t.Risks))}");
        sb.AppendLine($"Conviction: {(t.Conviction?.ToString(CultureInfo.InvariantCulture) ?? "n/a")} — {Or(t.ConvictionRationale)}");
        sb.Append($"Final score: {(t.FinalScore?.ToString("0.0", CultureInfo.InvariantCulture) ?? "n/a")}, rating {t.Rating?.ToString() ?? "n/a"}, last updated {t.LastUpdated ?? "n/a"}");
        return sb.ToString();
    }

    private static string Or(string s) => string.IsNullOrWhiteSpace(s) ? "n/a" : s;

    private static string NewsSummary(ResearchContext ctx, string ticker)
    {
        if (ctx.Snapshot.Find(ticker) is not { } c) return "Not in this run's universe: no headlines available.";
        var hits = CompanyMentions.Recent(ctx.Snapshot.Headlines, c, ctx.RunDate, 14);
        return hits.Count == 0
            ? "No headlines mentioning the company in the last 14 days."
            : string.Join('\n', hits.Take(5).Select(h => $"- {h.PublishedAt:yyyy-MM-dd} {h.Title} ({h.Source})"));
    }

    private static string FilingsSummary(ResearchContext ctx, string ticker)
    {
        if (!ctx.Snapshot.Filings.TryGetValue(ticker, out var all)) return "No filings index for this ticker.";
        var recent = all.Where(f => f.FilingDate > ctx.RunDate.AddDays(-30) && f.FilingDate <= ctx.RunDate)
            .OrderByDescending(f => f.FilingDate).Take(5).ToArray();
        return recent.Length == 0
            ? "No filings in the last 30 days."
            : string.Join('\n', recent.Select(f => $"- {f.FilingDate:yyyy-MM-dd} {f.Form}{(string.IsNullOrEmpty(f.Items) ? "" : " items " + f.Items)}: {f.Description}"));
    }

    private static string PriceSummary(ResearchContext ctx, string ticker)
    {
        if (!ctx.Snapshot.Prices.TryGetValue(ticker, out var s) || s.Count < 6) return "No usable price history.";
        string R(int n) => MarketMath.ReturnPct(s, n) is double r ? r.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + "%" : "n/a";
        var atr = MarketMath.Atr(s);
        return $"Last close {s.LastClose.ToString("0.00", CultureInfo.InvariantCulture)} on {s.LastDate:yyyy-MM-dd}; returns 5d {R(5)}, 20d {R(20)}, 60d {R(60)}; ATR(14) {(atr is null ? "n/a" : atr.Value.ToString("0.00", CultureInfo.InvariantCulture))}.";
    }
}
