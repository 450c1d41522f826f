using AlphaResearch.Domain;

namespace AlphaResearch.Scoring;

/// <summary>
/// Deterministic score aggregation (reference §2.5): every team recommendation and every held-thesis
/// update becomes a scored <see cref="InvestmentThesis"/>.
/// </summary>
/// <remarks>
/// The all-agents-strict gate (missing/failed/partial teams) runs before this in the engine; every output
/// handed in here is scored as is. Teams are visited in <see cref="Teams.All"/> order and their held updates
/// in ticker order, so the result is identical run to run.
/// A ticker recommended by two teams keeps one thesis: the one from the team that covers the ticker's
/// sector; if neither does, the higher final score, then the earlier team in <see cref="Teams.All"/> order.
/// A held update for a ticker that is also a recommendation this run is already scored and is skipped.
/// </remarks>
public sealed class ScoreAggregator(CompositeConfig composite) : IScoreAggregator
{
    public const string UnknownSector = "Unknown";

    public ScoreAggregator() : this(new CompositeConfig()) { }

    public ScoreAggregator(ScoringConfig config) : this(config.Composite) { }

    public IReadOnlyList<InvestmentThesis> Aggregate(ResearchContext context, MacroReport macro, IReadOnlyDictionary<TeamId, SectorTeamOutput> teams)
    {
        var byTicker = new Dictionary<string, InvestmentThesis>(StringComparer.OrdinalIgnoreCase);
        var order = new List<string>();

        foreach (var team in Teams.All)
        {
            if (!teams.TryGetValue(team, out var output)) continue;
            foreach (var rec in output.Recommendations)
            {
                var thesis = FromRecommendation(context, macro, team, rec);
                if (byTicker.TryGetValue(thesis.Ticker, out var existing))
                {
                    if (Prefer(thesis, existing)) byTicker[thesis.Ticker] = thesis;
                    continue;
                }
                byTicker[thesis.Ticker] = thesis;
                order.Add(thesis.Ticker);
            }
        }

        foreach (var team in Teams.All)
        {
            if (!teams.TryGetValue(team, out var output)) continue;
            foreach (var ticker in output.ThesisUpdates.Keys.Order(StringComparer.Ordinal))
            {
                var update = output.ThesisUpdates[ticker];
                string key = Normalize(update.Ticker);
                if (byTicker.ContainsKey(key)) continue;
                byTicker[key] = FromHeldUpdate(context, macro, team, update);
                order.Add(key);
            }
        }

        var result = new InvestmentThesis[order.Count];
        for (int i = 0; i < order.Count; i++) result[i] = byTicker[order[i]];
        return result;
    }

    private InvestmentThesis FromRecommendation(ResearchContext context, MacroReport macro, TeamId team, SectorRecommendation rec)
    {
        string ticker = Normalize(rec.Ticker);
        string sector = context.Snapshot.Find(ticker)?.Sector ?? UnknownSector;
        var score = CompositeScore.Compute(rec.QuantScore, rec.QualScore, macro.ModifierOf(sector), composite);
        return new InvestmentThesis
        {
            Ticker = ticker,
            Sector = sector,
            TeamId = team,
            FinalScore = score.FinalScore ?? throw new InvalidOperationException($"unreachable: {ticker} has a quant score"),
            QuantScore = rec.QuantScore,
            QualScore = rec.QualScore,
            WeightedBase = score.WeightedBase ?? 0,
            MacroShift = score.MacroShift,
            Rating = CompositeScore.ToRating(score.FinalScore, composite),
            Conviction = CompositeScore.NormalizeConviction(rec.Conviction),
            BullCase = rec.BullCase,
            BearCase = rec.BearCase,
            Catalysts = rec.Catalysts,
            Risks = rec.Risks,
            QuantRationale = rec.QuantRationale,
            ScoreFailed = false,
        };
    }

    private InvestmentThesis FromHeldUpdate(ResearchContext context, MacroReport macro, TeamId team, Thesis update)
    {
        string ticker = Normalize(update.Ticker);
        string sector = context.Snapshot.Find(ticker)?.Sector ?? update.Sector ?? UnknownSector;
        double modifier = macro.ModifierOf(sector);
        double final;
        double weightedBase;
        double shift;
        if (update.FinalScore is { } given)
        {
            final = given;
            var parts = CompositeScore.Compute(update.QuantScore, update.QualScore, modifier, composite);
            weightedBase = parts.WeightedBase ?? given;
            shift = parts.ScoreFailed ? 0 : parts.MacroShift;
        }
        else
        {
            var score = CompositeScore.Compute(update.QuantScore, update.QualScore, modifier, composite);
            if (score.FinalScore is not { } f)
            {
                throw new InvalidOperationException(
                    $"held thesis for {ticker} from team {team.Id()} is unscoreable: no final, quant or qual score — the team's thesis update must carry at least one score");
            }
            final = f;
            weightedBase = score.WeightedBase ?? f;
            shift = score.MacroShift;
        }

        return new InvestmentThesis
        {
            Ticker = ticker,
            Sector = sector,
            TeamId = team,
            FinalScore = final,
            QuantScore = update.QuantScore,
            QualScore = update.QualScore,
            WeightedBase = weightedBase,
            MacroShift = shift,
            Rating = update.Rating ?? CompositeScore.ToRating(final, composite),
            Conviction = CompositeScore.NormalizeConviction(update.Conviction),
            BullCase = update.BullCase,
            BearCase = update.BearCase,
            ThesisSummary = update.ThesisSummary,
            Catalysts = update.Catalysts,
            Risks = update.Risks,
            IsHeldUpdate = true,
            ScoreFailed = false,
        };
    }

    /// <summary>True when <paramref name="candidate"/> should replace <paramref name="existing"/> (see class remarks).</summary>
    private static bool Prefer(InvestmentThesis candidate, InvestmentThesis existing)
    {
        bool candidateOwns = OwnsSector(candidate), existingOwns = OwnsSector(existing);
        if (candidateOwns != existingOwns) return candidateOwns;
        return candidate.FinalScore > existing.FinalScore; // equal → the earlier team (existing) stays
    }

    private static bool OwnsSector(InvestmentThesis t) => Sectors.IsCanonical(t.Sector) && Sectors.TeamOf(t.Sector) == t.TeamId;

    private static string Normalize(string ticker) => MarketData.MarketSnapshot.NormalizeTicker(ticker);
}
