using System.Globalization;
using System.Text;
using AlphaResearch.Domain;
using AlphaResearch.Archive;

namespace AlphaResearch.Publishing;

/// <summary>Status of a name in the brief's universe ratings table, in the table's sort order (reference §5.5).</summary>
internal enum BriefStatus { New, BuyRec, Updated, Hold, Exit }

/// <summary>One row of the universe ratings table.</summary>
internal sealed record BriefRow(string Ticker, BriefStatus Status, string Rating, double? Score, string Rationale);

/// <summary>Builds the morning brief in Markdown (pure; reference §5.5).</summary>
internal sealed class BriefMarkdownBuilder(BriefOptions options)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public string Build(ResearchOutcome outcome)
    {
        var sb = new StringBuilder();
        string date = WireNames.Date(outcome.Context.RunDate);
        sb.Append("# ").Append(MarkdownText.Inline(options.Title)).Append(" — ").Append(date).Append("\n\n");

        sb.Append("## Macro regime summary\n\n");
        sb.Append("**Current regime: ").Append(WireNames.Of(outcome.Macro.MarketRegime).ToUpperInvariant()).Append("**");
        if (!string.IsNullOrWhiteSpace(outcome.Macro.KeyTheme)) sb.Append(" — ").Append(MarkdownText.Inline(outcome.Macro.KeyTheme));
        sb.Append("\n\n");
        string report = MarkdownText.Block(outcome.Macro.ReportMd);
        if (report.Length > 0) sb.Append(report).Append("\n\n");

        AppendRiskPosture(sb, outcome);
        AppendSectorAllocation(sb, outcome.Macro);
        AppendNotable(sb, outcome);
        BriefAlertsSection.Append(sb, outcome);
        var rows = Rows(outcome);
        AppendUniverse(sb, outcome, rows);
        BriefScorecardSection.Append(sb, outcome); // issue 12: what recent signals did

        sb.Append("## Run cost\n\n");
        sb.Append("LLM cost of this run: $").Append(outcome.CostUsd.ToString("0.00", Inv));
        if (outcome.ResumedCostUsd > 0)
        {
            // Only resumed agents carry an earlier cost, so this appears only when an earlier attempt (interrupted or
            // complete, e.g. before --force) did that work; say so instead of showing $0.00.
            sb.Append(" (plus $").Append(outcome.ResumedCostUsd.ToString("0.00", Inv))
              .Append(" paid by an earlier attempt for this date, whose agents this run resumed; research total $")
              .Append((outcome.CostUsd + outcome.ResumedCostUsd).ToString("0.00", Inv)).Append(')');
        }
        sb.Append("\n\n");
        sb.Append("---\n\n");
        sb.Append("*Brief generated: ").Append(WireNames.UtcTime(outcome.RunTime)).Append(" | Portfolio: ")
          .Append(outcome.Rotation.Population.Count.ToString(Inv)).Append("*\n");
        return sb.ToString();
    }

    private static void AppendRiskPosture(StringBuilder sb, ResearchOutcome outcome)
    {
        var scores = outcome.Context.Scores;
        var pop = outcome.Rotation.Population
            .Select(p => scores.Get(p.Ticker)?.Indicators).Where(i => i is not null)
            .Select(i => i!.AtrPct14 ?? i.AtrPct20).OfType<double>().ToArray();
        if (pop.Length == 0) return; // reference: omitted when there is no ATR data
        Array.Sort(pop);
        double median = pop.Length % 2 == 1 ? pop[pop.Length / 2] : (pop[pop.Length / 2 - 1] + pop[pop.Length / 2]) / 2;
        sb.Append("## Risk posture\n\n");
        sb.Append("- Population ATR% (14d): avg ").Append(pop.Average().ToString("0.00", Inv))
          .Append(" · median ").Append(median.ToString("0.00", Inv))
          .Append(" · max ").Append(pop[^1].ToString("0.00", Inv)).Append('\n');
        var universe = scores.Tickers.Values.Select(t => t.Indicators.AtrPct14 ?? t.Indicators.AtrPct20).OfType<double>().OrderBy(v => v).ToArray();
        if (universe.Length >= 4)
        {
            double q3 = universe[(int)Math.Floor(0.75 * (universe.Length - 1))];
            int inTop = pop.Count(v => v >= q3);
            sb.Append("- Names in the universe's top ATR quartile (≥ ").Append(q3.ToString("0.00", Inv)).Append("%): ")
              .Append(inTop.ToString(Inv)).Append(" of ").Append(pop.Length.ToString(Inv)).Append('\n');
        }
        sb.Append("\n*ATR% is the 14-day average true range as a percent of price.*\n\n");
    }

    private static void AppendSectorAllocation(StringBuilder sb, MacroReport macro)
    {
        sb.Append("## Sector allocation\n\n| Sector | Rating | Modifier | Rationale |\n|---|---|---|---|\n");
        foreach (var (sector, view) in macro.Sectors.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            string mark = view.Rating switch
            {
                SectorRating.Overweight => "▲ overweight",
                SectorRating.Underweight => "▼ underweight",
                _ => "● market weight",
            };
            sb.Append("| ").Append(MarkdownText.Inline(sector)).Append(" | ").Append(mark).Append(" | ")
              .Append(view.Modifier.ToString("0.00", Inv)).Append(" | ").Append(MarkdownText.Inline(view.Rationale)).Append(" |\n");
        }
        sb.Append('\n');
    }

    private void AppendNotable(StringBuilder sb, ResearchOutcome outcome)
    {
        var bullets = new List<string>();
        foreach (var (team, output) in outcome.Teams.OrderBy(kv => kv.Key))
        {
            foreach (var r in output.Recommendations.Where(r => r.Conviction >= options.HighConvictionThreshold).OrderByDescending(r => r.Conviction))
                bullets.Add($"**{MarkdownText.Inline(r.Ticker)}** ({MarkdownText.Inline(team.Title())}, conviction {r.Conviction}): {MarkdownText.Inline(r.BullCase, options.MaxBullCaseChars)}");
        }
        foreach (var e in outcome.Rotation.Events.Where(e => e.Type == RotationEventType.Exit))
            bullets.Add($"**{MarkdownText.Inline(e.Ticker)}** exited the population: {MarkdownText.Inline(e.Reason)}");
        foreach (var d in outcome.Cio.Decisions.Where(d => d.Advances).OrderBy(d => d.Rank ?? int.MaxValue))
            bullets.Add($"**{MarkdownText.Inline(d.Ticker)}** advanced by the CIO{(d.Rank is { } rk ? $" (rank {rk})" : "")}: {MarkdownText.Inline(d.Rationale, options.MaxBullCaseChars)}");

        sb.Append("## Notable developments\n\n");
        if (bullets.Count == 0) sb.Append("No notable developments this run.\n\n");
        else
        {
            foreach (var b in bullets.Take(options.MaxNotableDevelopments)) sb.Append("- ").Append(b).Append('\n');
            sb.Append('\n');
        }
    }

    /// <summary>Universe rows sorted NEW, BUY REC, UPDATED, HOLD, EXIT, then score descending, then ticker.</summary>
    public static IReadOnlyList<BriefRow> Rows(ResearchOutcome outcome)
    {
        var entrants = PopulationFacts.Entrants(outcome);
        var exited = PopulationFacts.Exited(outcome);
        var fresh = PopulationFacts.LatestThesisPerTicker(outcome.Theses).ToDictionary(t => t.Ticker, StringComparer.OrdinalIgnoreCase);
        var rows = new List<BriefRow>();
        foreach (var p in outcome.Rotation.Population)
        {
            var t = fresh.GetValueOrDefault(p.Ticker);
            var prior = outcome.Context.Prior.Theses.GetValueOrDefault(p.Ticker);
            var status = entrants.Contains(p.Ticker) ? BriefStatus.New : t is not null ? BriefStatus.Updated : BriefStatus.Hold;
            string rating = WireNames.Of(t?.Rating ?? prior?.Rating ?? p.LongTermRating);
            double? score = t?.FinalScore ?? prior?.FinalScore ?? p.LongTermScore;
            string why = FirstNonEmpty(
                status == BriefStatus.New ? outcome.Cio.Decisions.FirstOrDefault(d => d.Ticker == p.Ticker)?.Rationale : null,
                t?.ThesisSummary, t?.BullCase, p.ThesisSummary, prior?.ThesisSummary);
            rows.Add(new BriefRow(p.Ticker, status, rating, score, why));
        }
        var inPopulation = outcome.Rotation.Population.Select(p => p.Ticker).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var t in fresh.Values.Where(t => t.Rating == Rating.Buy && !inPopulation.Contains(t.Ticker) && !exited.Contains(t.Ticker)))
            rows.Add(new BriefRow(t.Ticker, BriefStatus.BuyRec, WireNames.Of(t.Rating), t.FinalScore, FirstNonEmpty(t.ThesisSummary, t.BullCase)));
        foreach (var e in outcome.Rotation.Events.Where(e => e.Type == RotationEventType.Exit && !inPopulation.Contains(e.Ticker)))
            rows.Add(new BriefRow(e.Ticker, BriefStatus.Exit, WireNames.Of(Rating.Sell), e.ScoreOut, e.Reason));
        return rows.OrderBy(r => r.Status).ThenByDescending(r => r.Score ?? double.MinValue).ThenBy(r => r.Ticker, StringComparer.Ordinal).ToArray();
    }

    public static string Label(BriefStatus s) => s switch
    {
        BriefStatus.New => "NEW",
        BriefStatus.BuyRec => "BUY REC",
        BriefStatus.Updated => "UPDATED",
        BriefStatus.Hold => "HOLD",
        _ => "EXIT",
    };

    private static void AppendUniverse(StringBuilder sb, ResearchOutcome outcome, IReadOnlyList<BriefRow> rows)
    {
        sb.Append("## Universe ratings\n\n");
        sb.Append("Portfolio: ").Append(outcome.Rotation.Population.Count.ToString(Inv))
          .Append(" names · New: ").Append(rows.Count(r => r.Status == BriefStatus.New).ToString(Inv))
          .Append(" · Exited: ").Append(rows.Count(r => r.Status == BriefStatus.Exit).ToString(Inv))
          .Append(" · Buy candidates: ").Append(rows.Count(r => r.Status == BriefStatus.BuyRec).ToString(Inv)).Append("\n\n");
        sb.Append("| Ticker | Status | Rating | Score | Rationale |\n|---|---|---|---|---|\n");
        foreach (var r in rows)
        {
            sb.Append("| ").Append(MarkdownText.Inline(r.Ticker)).Append(" | ").Append(Label(r.Status)).Append(" | ").Append(r.Rating)
              .Append(" | ").Append(r.Score is { } s ? s.ToString("0.0", Inv) : "—").Append(" | ")
              .Append(MarkdownText.Inline(r.Rationale, 240)).Append(" |\n");
        }
        sb.Append('\n');
    }

    private static string FirstNonEmpty(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) ?? "";
}
