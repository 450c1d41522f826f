namespace AlphaResearch.Evaluation;

/// <summary>
/// What `evaluate` reports: per horizon the metrics of the published signals and of the technical-score baseline on
/// the same run dates, and every signal's realised window. Signals whose window has no data yet are counted as pending.
/// </summary>
public sealed record EvaluationReport
{
    public required IReadOnlyList<HorizonMetrics> Horizons { get; init; }
    public required IReadOnlyList<HorizonMetrics> Baseline { get; init; }
    public required IReadOnlyList<SignalOutcome> Signals { get; init; }
    /// <summary>Tracked (signal, horizon) pairs whose window has not ended in the bars yet.</summary>
    public required IReadOnlyDictionary<int, int> Pending { get; init; }
    public required IReadOnlyList<DateOnly> RunDates { get; init; }
    public required int BaselinePerTeam { get; init; }

    /// <param name="tracked">every tracked signal at every horizon, with its window when the bars have it</param>
    /// <param name="baseline">the baseline picks' windows (only those that exist)</param>
    public static EvaluationReport Build(IReadOnlyList<int> horizons, IReadOnlyList<(TrackedSignal Signal, int Days, ForwardWindow? Window)> tracked,
        IReadOnlyList<SignalOutcome> baseline, int baselinePerTeam)
    {
        var wanted = horizons.ToHashSet();
        var done = tracked.Where(t => wanted.Contains(t.Days) && t.Window is not null)
            .Select(t => new SignalOutcome(t.Signal, t.Window!)).ToList();
        return new EvaluationReport
        {
            Horizons = [.. horizons.Select(h => HorizonMetrics.Of(h, [.. done.Where(o => o.Window.Days == h)]))],
            Baseline = [.. horizons.Select(h => HorizonMetrics.Of(h, [.. baseline.Where(o => o.Window.Days == h)], everyNameIsInTheBook: true))],
            Signals = done,
            Pending = horizons.ToDictionary(h => h, h => tracked.Count(t => t.Days == h && t.Window is null)),
            RunDates = [.. tracked.Select(t => t.Signal.RunDate).Distinct().Order()],
            BaselinePerTeam = baselinePerTeam,
        };
    }
}
