using System.Globalization;
using AlphaResearch.Domain;
using AlphaResearch.MarketData;

namespace AlphaResearch.Scoring;

/// <summary>
/// Population rotation (reference §4.7 and §2.2 exit_evaluator / population_entry_handler).
/// </summary>
/// <remarks>
/// Exits, in order: a name no longer in the snapshot's constituents → "UNIVERSE_DROP" (not a rotation);
/// score &lt; thesis_collapse_threshold → "thesis_collapse"; score &lt; min_long_term_score with tenure ≥
/// min_tenure_weeks while removals &lt; max_rotations_per_run → "score_degraded" (weakest first, then ticker).
/// The score of a held name is this run's thesis final score, else its prior thesis score, else its stored
/// long_term_score. The reference's forced minimum-rotation floor is deliberately absent: HEAD removed it (§8).
/// Entries: CIO ADVANCE and ADVANCE_FORCED decisions (HEAD honours forced ones; the bf86285 code dropped them)
/// in rank order (no rank → last), skipping names already held, until max_size. With the book full (HEAD #262) an
/// ADVANCE whose score beats the weakest incumbent's (held before this run) by at least swap_margin swaps it out —
/// EXIT "swapped_out", then the entry — at most max_swaps_per_run times; any other ADVANCE that cannot enter is a
/// <see cref="BookFullEvent"/>, never a silent skip.
/// </remarks>
public sealed class PopulationRotation(PopulationConfig config) : IPopulationRotation
{
    public const string UniverseDrop = "UNIVERSE_DROP";
    public const string ThesisCollapse = "thesis_collapse";
    public const string ScoreDegraded = "score_degraded";
    public const string IcAdvance = "IC_ADVANCE";
    public const string IcAdvanceForced = "IC_ADVANCE_FORCED";
    public const string SwappedOut = "swapped_out";
    public const string BookFull = "book_full";
    public const string BelowSwapMargin = "below_swap_margin";
    public const string SwapCapReached = "swap_cap_reached";
    public const string UnknownSector = "Unknown";
    private const double DefaultEntryScore = 50;

    public PopulationRotation() : this(new PopulationConfig()) { }

    public ExitEvaluation EvaluateExits(ResearchContext context, IReadOnlyList<InvestmentThesis> theses)
    {
        var latest = LatestByTicker(theses);
        var exits = new List<RotationEvent>();
        var kept = new List<(PopulationEntry Entry, double Score, int Tenure)>();
        int removals = 0;

        foreach (var entry in context.Prior.Population)
        {
            double score = ScoreOf(entry, latest, context.Prior);
            int tenure = TenureWeeks(entry, context.RunDate);
            if (context.Snapshot.Find(entry.Ticker) is null)
            {
                exits.Add(Exit(entry, UniverseDrop, score));
            }
            else if (score < config.ThesisCollapseThreshold)
            {
                exits.Add(Exit(entry, ThesisCollapse, score));
                removals++;
            }
            else
            {
                kept.Add((entry, score, tenure));
            }
        }

        // Score-degraded exits are capped per run; the weakest names go first so the cap keeps the better ones.
        var degraded = kept.Where(k => k.Score < config.MinLongTermScore && k.Tenure >= config.MinTenureWeeks)
            .OrderBy(k => k.Score).ThenBy(k => k.Entry.Ticker, StringComparer.Ordinal).ToList();
        var removed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var k in degraded)
        {
            if (removals >= config.MaxRotationsPerRun) break;
            exits.Add(Exit(k.Entry, ScoreDegraded, k.Score));
            removed.Add(k.Entry.Ticker);
            removals++;
        }

        var remaining = new List<PopulationEntry>(kept.Count);
        foreach (var k in kept)
        {
            if (!removed.Contains(k.Entry.Ticker)) remaining.Add(Refresh(k.Entry, k.Tenure, latest));
        }
        return new ExitEvaluation(remaining, exits, Math.Max(0, config.TargetSize - remaining.Count));
    }

    public RotationResult ApplyEntries(ResearchContext context, ExitEvaluation exits, CioOutput cio, IReadOnlyList<InvestmentThesis> theses)
    {
        var latest = LatestByTicker(theses);
        var population = new List<PopulationEntry>(exits.Remaining);
        var present = new HashSet<string>(population.Select(p => MarketSnapshot.NormalizeTicker(p.Ticker)), StringComparer.OrdinalIgnoreCase);
        var events = new List<RotationEvent>(exits.Exits);

        var advancing = cio.Decisions.Where(d => d.Advances)
            .Select((d, i) => (Decision: d, Index: i))
            .OrderBy(x => x.Decision.Rank ?? int.MaxValue).ThenBy(x => x.Index)
            .Select(x => x.Decision);

        var bookFull = new List<BookFullEvent>();
        var incumbents = new HashSet<string>(present, StringComparer.OrdinalIgnoreCase); // held before this run: swappable
        int swaps = 0;
        foreach (var decision in advancing)
        {
            string ticker = MarketSnapshot.NormalizeTicker(decision.Ticker);
            if (present.Contains(ticker)) continue; // a held name advanced again: already in the book

            var thesis = latest.GetValueOrDefault(ticker);
            var entryThesis = decision.EntryThesis ?? cio.EntryTheses.GetValueOrDefault(decision.Ticker) ?? cio.EntryTheses.GetValueOrDefault(ticker);
            var constituent = context.Snapshot.Find(ticker);
            string sector = constituent?.Sector ?? thesis?.Sector ?? entryThesis?.Sector ?? UnknownSector;
            double score = thesis?.FinalScore ?? decision.Conviction ?? DefaultEntryScore;

            if (population.Count >= config.MaxSize)
            {
                var weakest = population.Where(p => incumbents.Contains(p.Ticker))
                    .OrderBy(p => p.LongTermScore).ThenBy(p => p.Ticker, StringComparer.Ordinal).FirstOrDefault();
                bool beats = weakest is not null && score >= weakest.LongTermScore + config.SwapMargin;
                if (!beats || swaps >= config.MaxSwapsPerRun)
                {
                    bookFull.Add(new BookFullEvent
                    {
                        Ticker = ticker, Sector = sector, CioRank = decision.Rank, Score = score, MaxSize = config.MaxSize,
                        WeakestTicker = weakest?.Ticker, WeakestScore = weakest?.LongTermScore,
                        Why = beats ? SwapCapReached : BelowSwapMargin,
                    });
                    continue;
                }
                population.Remove(weakest!);
                incumbents.Remove(weakest!.Ticker);
                events.Add(Exit(weakest, SwappedOut, weakest.LongTermScore));
                swaps++;
            }
            present.Add(ticker);
            string summary = entryThesis is { BullCase.Length: > 0 } ? entryThesis.BullCase : decision.Rationale;

            population.Add(new PopulationEntry
            {
                Ticker = ticker,
                Sector = sector,
                TeamId = decision.TeamId ?? thesis?.TeamId ?? constituent?.Team,
                LongTermScore = score,
                LongTermRating = thesis?.Rating ?? Rating.Buy,
                Conviction = decision.Conviction is not null
                    ? CompositeScore.NormalizeConviction(decision.Conviction)
                    : thesis?.Conviction ?? Conviction.Stable,
                ThesisSummary = summary,
                EntryDate = context.RunDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                TenureWeeks = 0,
            });
            events.Add(new RotationEvent
            {
                Type = RotationEventType.Entry,
                Ticker = ticker,
                Reason = decision.Decision == CioDecisionKind.AdvanceForced ? IcAdvanceForced : IcAdvance,
                Sector = sector,
                ScoreIn = score,
                CioRank = decision.Rank,
            });
        }
        return new RotationResult(population, events) { BookFull = bookFull };
    }

    /// <summary>One sentence for the result, the brief and the log.</summary>
    public static string BookFullText(BookFullEvent e)
    {
        string score = e.Score.ToString("0.0", CultureInfo.InvariantCulture);
        string weakest = e.WeakestTicker is null ? "no swappable incumbent"
            : $"weakest incumbent {e.WeakestTicker} {e.WeakestScore?.ToString("0.0", CultureInfo.InvariantCulture)}";
        return e.Why == SwapCapReached
            ? $"{e.Ticker} (score {score}, CIO rank {e.CioRank?.ToString(CultureInfo.InvariantCulture) ?? "n/a"}) advanced but the book is full ({e.MaxSize}) and this run's swap cap (publishing.population.max_swaps_per_run) is reached; {weakest}"
            : $"{e.Ticker} (score {score}, CIO rank {e.CioRank?.ToString(CultureInfo.InvariantCulture) ?? "n/a"}) advanced but the book is full ({e.MaxSize}) and it does not beat the {weakest} by the swap margin (publishing.population.swap_margin)";
    }

    /// <summary>floor(days since entry_date / 7); an entry dated after the run counts 0.</summary>
    /// <exception cref="InvalidOperationException">The entry date is not an ISO date.</exception>
    public static int TenureWeeks(PopulationEntry entry, DateOnly runDate)
    {
        if (!DateOnly.TryParseExact(entry.EntryDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var entered))
        {
            throw new InvalidOperationException(
                $"population entry {entry.Ticker} has entry_date '{entry.EntryDate}', not an ISO date (yyyy-MM-dd) — fix the stored population row");
        }
        int days = runDate.DayNumber - entered.DayNumber;
        return days <= 0 ? 0 : days / 7;
    }

    private static double ScoreOf(PopulationEntry entry, IReadOnlyDictionary<string, InvestmentThesis> latest, PriorState prior)
    {
        if (latest.TryGetValue(MarketSnapshot.NormalizeTicker(entry.Ticker), out var now)) return now.FinalScore;
        if (prior.Theses.TryGetValue(entry.Ticker, out var before) && before.FinalScore is { } s) return s;
        return entry.LongTermScore;
    }

    /// <summary>Tenure updated; score, rating and conviction taken from this run's thesis when there is one.</summary>
    private static PopulationEntry Refresh(PopulationEntry entry, int tenure, IReadOnlyDictionary<string, InvestmentThesis> latest) =>
        latest.TryGetValue(MarketSnapshot.NormalizeTicker(entry.Ticker), out var t)
            ? entry with { TenureWeeks = tenure, LongTermScore = t.FinalScore, LongTermRating = t.Rating, Conviction = t.Conviction }
            : entry with { TenureWeeks = tenure };

    /// <summary>The last thesis per ticker in list order (this run's aggregator emits at most one).</summary>
    private static Dictionary<string, InvestmentThesis> LatestByTicker(IReadOnlyList<InvestmentThesis> theses)
    {
        var map = new Dictionary<string, InvestmentThesis>(StringComparer.OrdinalIgnoreCase);
        foreach (var t in theses) map[MarketSnapshot.NormalizeTicker(t.Ticker)] = t;
        return map;
    }

    private static RotationEvent Exit(PopulationEntry entry, string reason, double score) => new()
    {
        Type = RotationEventType.Exit,
        Ticker = entry.Ticker,
        Reason = reason,
        Sector = entry.Sector,
        ScoreOut = score,
    };
}
