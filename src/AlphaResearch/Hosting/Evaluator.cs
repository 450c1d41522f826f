using AlphaResearch.Archive;
using AlphaResearch.Evaluation;
using AlphaResearch.MarketData;
using AlphaResearch.Publishing;

namespace AlphaResearch.Hosting;

/// <summary>
/// `evaluate` as a library call: brings the store's score_performance up to date from the bars given (every window
/// they now cover), then judges every published signal and the technical baseline on the same dates.
/// </summary>
public static class Evaluator
{
    /// <param name="dryRun">evaluate the dry_run/ namespace (stub and simulator runs)</param>
    /// <param name="update">write the refreshed windows back to research.db (false: compute in memory only)</param>
    public static async Task<EvaluationReport> EvaluateAsync(IObjectStore root, bool dryRun, MarketSnapshot bars, IReadOnlyList<int> horizons,
        int baselinePerTeam, bool update = true, CancellationToken ct = default)
    {
        var store = dryRun ? DryRunObjectStore.Wrap(root) : root;
        var folder = LocalStateFolder.For(store);
        var databasePath = Path.Combine(folder, DatabaseSyncingPublisher.DatabaseKey);
        if (!LocalStateFolder.IsLocal(store))
            await DatabaseSyncingPublisher.DownloadAsync(store, databasePath, ct); // evaluated on the local copy; never uploaded
        else if (!File.Exists(databasePath))
            throw new RunSetupException($"no research database at {databasePath}: nothing has been published in this store{(dryRun ? "'s dry_run/ namespace" : "")}",
                dryRun ? "run 'alpha-research backtest' or 'run --dry-run' first, or check --store" : "check --store, or add --dry-run to evaluate stub/simulator runs");

        var tracker = new PerformanceTracker(databasePath, horizons);
        if (update)
        {
            await tracker.BackfillAsync(store, Publisher.SignalsKey, ct); // runs published before tracking existed
            await tracker.RefreshAsync(bars, recomputeAll: true, ct);
        }
        var rows = await tracker.RowsAsync(ct);
        var tracked = rows.Select(r => (r.Signal, r.Days, update ? r.Window : ForwardReturns.Compute(bars, r.Signal.Ticker, r.Signal.Sector, r.Signal.RunDate, r.Days))).ToList();

        var picks = TechnicalBaseline.Select(await tracker.ScannedUniverseAsync(ct), baselinePerTeam);
        var baseline = new List<SignalOutcome>();
        foreach (var pick in picks)
        foreach (int h in horizons)
        {
            if (ForwardReturns.Compute(bars, pick.Ticker, pick.Sector, pick.RunDate, h) is { } w) baseline.Add(new SignalOutcome(pick, w));
        }
        return EvaluationReport.Build(horizons, tracked, baseline, baselinePerTeam);
    }
}
