using AlphaResearch.Archive;
using AlphaResearch.Publishing;

namespace AlphaResearch.Hosting;

/// <summary>
/// After a publish, tracks the run's signals in score_performance and fills every earlier window that has ended by
/// the run date (from the run's as-of view, so never a later bar). Past the commit point, so a failure is reported
/// in the written list, never thrown: the run is published either way and `evaluate` catches up.
/// </summary>
internal sealed class PerformanceTrackingPublisher(IPublisher inner, string databasePath) : IPublisher
{
    public PreparedPublication Prepare(ResearchOutcome outcome) => inner.Prepare(outcome);

    public Task<bool> IsPublishedAsync(DateOnly runDate, CancellationToken ct) => inner.IsPublishedAsync(runDate, ct);

    public async Task<IReadOnlyList<string>> CommitAsync(ResearchOutcome outcome, PreparedPublication prepared, CancellationToken ct)
    {
        var written = await inner.CommitAsync(outcome, prepared, ct);
        var ctx = outcome.Context;
        try
        {
            await new PerformanceTracker(databasePath).TrackPublishedAsync(ctx.RunDate, prepared.SignalsPayload,
                t => ctx.Scores.Get(t)?.Score.Composite, ctx.Snapshot, ct);
            return written; // a table inside research.db, not a new path
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            return [.. written, $"score_performance: tracking FAILED ({Redactor.Redact($"{ex.GetType().Name}: {ex.Message}")}) — " +
                                "the run is published; 'alpha-research evaluate' fills the table later"];
        }
    }
}
