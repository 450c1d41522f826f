using System.Globalization;
using System.Text;

namespace AlphaResearch.Evaluation;

/// <summary>One name's realised outcome, as the scorecard lists it.</summary>
public sealed record ScorecardName(string Ticker, DateOnly RunDate, string Signal, double Alpha);

/// <summary>
/// The short, deterministic scorecard of recent realised outcomes the macro economist and the CIO read (and the brief
/// shows): over the published runs of the last <see cref="LookbackDays"/> calendar days before the run date, every
/// <see cref="HorizonDays"/>-session window that ENDED ON OR BEFORE the run date. Built from the run's as-of bars,
/// so it can never contain an outcome the run date could not know.
/// </summary>
public sealed record AgentScorecard
{
    public const int HorizonDays = 5;
    public const int LookbackDays = 91;
    private const int Names = 3;

    public static AgentScorecard Empty { get; } = new() { RunDate = DateOnly.MinValue };

    public required DateOnly RunDate { get; init; }
    public int Windows { get; init; }
    public int EnterCount { get; init; }
    public double? EnterHitRate { get; init; }
    public double? EnterMeanAlpha { get; init; }
    /// <summary>Rating → (count, mean alpha), ordered BUY, HOLD, SELL, then others.</summary>
    public IReadOnlyList<(string Rating, int Count, double MeanAlpha)> ByRating { get; init; } = [];
    public IReadOnlyList<ScorecardName> Best { get; init; } = [];
    public IReadOnlyList<ScorecardName> Worst { get; init; } = [];
    public IReadOnlyList<DateOnly> RunDates { get; init; } = [];

    public bool HasData => Windows > 0;

    /// <summary>From outcomes of earlier runs; windows not ended by <paramref name="runDate"/> or outside the lookback are ignored.</summary>
    public static AgentScorecard Build(DateOnly runDate, IEnumerable<SignalOutcome> outcomes)
    {
        var recent = outcomes
            .Where(o => o.Window.Days == HorizonDays && o.Window.EndDate <= runDate && o.Signal.RunDate < runDate
                        && o.Signal.RunDate >= runDate.AddDays(-LookbackDays))
            .OrderBy(o => o.Signal.RunDate).ThenBy(o => o.Signal.Ticker, StringComparer.Ordinal)
            .ToList();
        if (recent.Count == 0) return new AgentScorecard { RunDate = runDate };
        var enters = recent.Where(o => o.Signal.Signal == "ENTER").Select(o => o.Window.Alpha).ToList();
        string[] order = ["BUY", "HOLD", "SELL"];
        var ranked = recent.OrderByDescending(o => o.Window.Alpha).ThenBy(o => o.Signal.Ticker, StringComparer.Ordinal).ToList();
        return new AgentScorecard
        {
            RunDate = runDate,
            Windows = recent.Count,
            EnterCount = enters.Count,
            EnterHitRate = enters.Count == 0 ? null : enters.Count(a => a > 0) / (double)enters.Count,
            EnterMeanAlpha = enters.Count == 0 ? null : enters.Average(),
            ByRating = [.. recent.GroupBy(o => o.Signal.Rating ?? "unknown", StringComparer.Ordinal)
                .OrderBy(g => Array.IndexOf(order, g.Key) is var i && i >= 0 ? i : order.Length).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (g.Key, g.Count(), g.Average(o => o.Window.Alpha)))],
            // One line per name (its best window for Best, its worst for Worst); a name is not listed as both.
            Best = [.. ranked.DistinctBy(o => o.Signal.Ticker).Take(Names).Select(Name)],
            Worst = [.. ranked.AsEnumerable().Reverse().DistinctBy(o => o.Signal.Ticker)
                .Where(o => !ranked.DistinctBy(b => b.Signal.Ticker).Take(Names).Any(b => b.Signal.Ticker == o.Signal.Ticker)).Take(Names).Select(Name)],
            RunDates = [.. recent.Select(o => o.Signal.RunDate).Distinct()],
        };
    }

    private static ScorecardName Name(SignalOutcome o) => new(o.Signal.Ticker, o.Signal.RunDate, o.Signal.Signal, o.Window.Alpha);

    /// <summary>The scorecard as a few Markdown lines (prompts and brief); the same text for the same data, no clock.</summary>
    public string ToMarkdown()
    {
        if (!HasData)
            return $"No realised outcomes yet: no published run in the {LookbackDays} days before {D(RunDate)} has a finished {HorizonDays}-session window.";
        var sb = new StringBuilder();
        sb.Append($"Realised {HorizonDays}-session outcomes of {RunDates.Count} published run(s) {D(RunDates[0])}…{D(RunDates[^1])} (windows ended by {D(RunDate)}; alpha = return − SPY):\n");
        sb.Append(EnterCount == 0 ? "- ENTER signals: none with a finished window\n"
            : $"- ENTER signals: {EnterCount}, hit rate {P(EnterHitRate!.Value, signed: false)}, mean alpha {P(EnterMeanAlpha!.Value)}\n");
        sb.Append("- Mean alpha by rating: ").Append(string.Join("; ", ByRating.Select(r => $"{r.Rating} {P(r.MeanAlpha)} (n={r.Count})"))).Append('\n');
        sb.Append("- Best: ").Append(string.Join(", ", Best.Select(N))).Append('\n');
        if (Worst.Count > 0) sb.Append("- Worst: ").Append(string.Join(", ", Worst.Select(N))).Append('\n');
        return sb.ToString().TrimEnd('\n');
    }

    private static string N(ScorecardName n) => $"{n.Ticker} {P(n.Alpha)} ({n.Signal} {D(n.RunDate)})";
    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static string P(double v, bool signed = true) =>
        (v * 100).ToString(signed ? "+0.0;-0.0;0.0" : "0", CultureInfo.InvariantCulture) + "%";
}
