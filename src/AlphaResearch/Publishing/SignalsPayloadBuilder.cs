using System.Text.Json.Nodes;
using AlphaResearch.Domain;
using AlphaResearch.Archive;

namespace AlphaResearch.Publishing;

/// <summary>
/// Builds the signals.json payload from a run's outcome (pure; reference §5.1, DESIGN §3). Field names are
/// the contract with the trading system.
/// </summary>
/// <remarks>
/// Signal rules: a fresh thesis rated BUY becomes ENTER when the CIO advanced it (incl. force-filled) or it
/// entered the population this run; otherwise a population name is HOLD and any other thesis is dropped.
/// A BUY without a score is published as HOLD. Population names without a fresh thesis are carried from the
/// prior thesis (else the population entry) as HOLD. Exits are EXIT with score_out, rating SELL, conviction declining.
/// </remarks>
internal sealed class SignalsPayloadBuilder(PublishingConfig config)
{
    public const int SchemaVersion = 1;
    public const string UnknownSector = "Unknown";

    public JsonObject Build(ResearchOutcome outcome)
    {
        var ctx = outcome.Context;
        var macro = outcome.Macro;
        var population = outcome.Rotation.Population.ToDictionary(p => p.Ticker, StringComparer.OrdinalIgnoreCase);
        var entrants = PopulationFacts.Entrants(outcome);
        var advanced = PopulationFacts.Advanced(outcome.Cio);

        var signals = new SortedDictionary<string, SignalEntry>(StringComparer.Ordinal);

        foreach (var t in PopulationFacts.LatestThesisPerTicker(outcome.Theses))
        {
            double? score = t.ScoreFailed ? null : t.FinalScore;
            var rating = t.Rating == Rating.Buy && score is null ? Rating.Hold : t.Rating;
            bool inPopulation = population.ContainsKey(t.Ticker);
            Signal signal;
            if (rating == Rating.Buy && (advanced.Contains(t.Ticker) || entrants.Contains(t.Ticker))) signal = Signal.Enter;
            else if (inPopulation) signal = Signal.Hold;
            else continue;

            signals[t.Ticker] = new SignalEntry(t.Ticker, score, rating, signal, t.Conviction,
                FirstNonEmpty(t.BullCase, t.ThesisSummary), SectorOf(outcome, t.Ticker, t.Sector), t.TeamId.Id(),
                t.QuantScore, t.QualScore, population.GetValueOrDefault(t.Ticker)?.PriceTargetUpside, t.Catalysts);
        }

        foreach (var p in outcome.Rotation.Population)
        {
            if (signals.ContainsKey(p.Ticker)) continue;
            var prior = ctx.Prior.Theses.GetValueOrDefault(p.Ticker);
            var rating = prior?.Rating ?? p.LongTermRating;
            double? score = prior?.FinalScore ?? p.LongTermScore;
            // Same rule as fresh theses: only a CIO-advanced or newly entered BUY is a new ENTER.
            var signal = rating == Rating.Buy && score is not null && (advanced.Contains(p.Ticker) || entrants.Contains(p.Ticker))
                ? Signal.Enter : Signal.Hold;
            if (rating == Rating.Buy && score is null) rating = Rating.Hold;
            signals[p.Ticker] = new SignalEntry(p.Ticker, score, rating, signal, p.Conviction,
                FirstNonEmpty(prior?.BullCase, p.ThesisSummary, prior?.ThesisSummary),
                SectorOf(outcome, p.Ticker, prior?.Sector ?? p.Sector), (prior?.TeamId ?? p.TeamId)?.Id(),
                prior?.QuantScore, prior?.QualScore, p.PriceTargetUpside, prior?.Catalysts ?? []);
        }

        foreach (var e in outcome.Rotation.Events.Where(e => e.Type == RotationEventType.Exit))
        {
            if (signals.ContainsKey(e.Ticker)) continue;
            signals[e.Ticker] = new SignalEntry(e.Ticker, e.ScoreOut, Rating.Sell, Signal.Exit, Conviction.Declining,
                e.Reason, SectorOf(outcome, e.Ticker, e.Sector), null, null, null, null, []);
        }

        var universe = new JsonArray();
        var buyCandidates = new JsonArray();
        var signalsObj = new JsonObject();
        foreach (var s in signals.Values)
        {
            signalsObj[s.Ticker] = SignalJson(s);
            universe.Add(UniverseItem(s, macro));
            if (s.Signal == Signal.Enter) buyCandidates.Add(BuyCandidate(s, macro, outcome.Cio));
        }

        var modifiers = new JsonObject();
        var ratings = new JsonObject();
        foreach (var (sector, view) in macro.Sectors.OrderBy(kv => SectorOrder(kv.Key)).ThenBy(kv => kv.Key, StringComparer.Ordinal))
        {
            modifiers[sector] = view.Modifier;
            ratings[sector] = new JsonObject { ["rating"] = WireNames.Of(view.Rating), ["rationale"] = view.Rationale };
        }

        return new JsonObject
        {
            ["date"] = WireNames.Date(ctx.RunDate),
            ["run_date"] = WireNames.UtcTime(outcome.RunTime),
            ["time"] = WireNames.UtcTime(outcome.RunTime),
            ["market_regime"] = WireNames.Of(macro.MarketRegime),
            ["sector_modifiers"] = modifiers,
            ["sector_ratings"] = ratings,
            ["signals"] = signalsObj,
            ["population"] = new JsonArray(outcome.Rotation.Population.Select(p => (JsonNode?)JsonValue.Create(p.Ticker)).ToArray()),
            ["universe"] = universe,
            ["buy_candidates"] = buyCandidates,
            ["architecture_version"] = config.ArchitectureVersion,
            ["schema_version"] = SchemaVersion,
        };
    }

    private sealed record SignalEntry(string Ticker, double? Score, Rating Rating, Signal Signal, Conviction Conviction,
        string ThesisSummary, string Sector, string? TeamId, double? QuantScore, double? QualScore, double? PriceTargetUpside,
        IReadOnlyList<string> Catalysts);

    private static JsonObject SignalJson(SignalEntry s) => new()
    {
        ["ticker"] = s.Ticker,
        ["score"] = s.Score,
        ["rating"] = WireNames.Of(s.Rating),
        ["signal"] = WireNames.Of(s.Signal),
        ["conviction"] = WireNames.Of(s.Conviction),
        ["thesis_summary"] = s.ThesisSummary,
        ["sector"] = s.Sector,
        ["team_id"] = s.TeamId,
        ["quant_score"] = s.QuantScore,
        ["qual_score"] = s.QualScore,
        ["sub_scores"] = SubScores(s),
    };

    private static JsonObject UniverseItem(SignalEntry s, MacroReport macro) => new()
    {
        ["ticker"] = s.Ticker,
        ["signal"] = WireNames.Of(s.Signal),
        ["score"] = s.Score,
        ["rating"] = WireNames.Of(s.Rating),
        ["conviction"] = WireNames.Of(s.Conviction),
        ["price_target_upside"] = s.PriceTargetUpside,
        ["sector_rating"] = WireNames.Of(macro.RatingOf(s.Sector)),
        ["sector"] = s.Sector,
        ["thesis_summary"] = s.ThesisSummary,
        ["sub_scores"] = SubScores(s),
    };

    private static JsonObject BuyCandidate(SignalEntry s, MacroReport macro, CioOutput cio)
    {
        var item = UniverseItem(s, macro);
        var entryThesis = cio.EntryTheses.GetValueOrDefault(s.Ticker);
        if (!string.IsNullOrWhiteSpace(entryThesis?.BullCase)) item["thesis_summary"] = entryThesis.BullCase;
        item["team_id"] = s.TeamId;
        var catalysts = entryThesis is { Catalysts.Count: > 0 } ? entryThesis.Catalysts : s.Catalysts;
        item["catalysts"] = new JsonArray(catalysts.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray());
        return item;
    }

    private static JsonObject SubScores(SignalEntry s) => new() { ["quant"] = s.QuantScore, ["qual"] = s.QualScore };

    /// <summary>Snapshot constituent sector first (the authority), then the thesis/population/event sector, else "Unknown" (which validation rejects).</summary>
    private static string SectorOf(ResearchOutcome outcome, string ticker, string? fallback)
    {
        var c = outcome.Context.Snapshot.Find(ticker);
        if (c is not null) return c.Sector;
        if (Sectors.TryNormalize(fallback, out var s)) return s;
        return string.IsNullOrWhiteSpace(fallback) ? UnknownSector : fallback;
    }

    private static int SectorOrder(string sector)
    {
        int i = Sectors.All.ToList().IndexOf(sector);
        return i < 0 ? int.MaxValue : i;
    }

    private static string FirstNonEmpty(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) ?? "";
}
