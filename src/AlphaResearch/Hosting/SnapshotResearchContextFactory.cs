using AlphaResearch.Archive;
using AlphaResearch.Domain;
using AlphaResearch.Engine;
using AlphaResearch.Evaluation;
using AlphaResearch.MarketData;
using AlphaResearch.Scoring;

namespace AlphaResearch.Hosting;

/// <summary>
/// The research context of a run: the snapshot cut at the run date (no look-ahead) and its score board.
/// The board is computed with the neutral regime's RSI bands because it is built before the macro
/// economist decides the regime (as the reference's fetch step does).
/// With a research database, the prior state also gets the agents' scorecard: the earlier runs' tracked signals judged
/// on the same cut view, so only windows that ended on or before the run date count.
/// </summary>
internal sealed class SnapshotResearchContextFactory(MarketSnapshot snapshot, ScoringConfig scoring, string? databasePath = null) : IResearchContextFactory
{
    public async Task<ResearchContext> CreateAsync(DateOnly runDate, PriorState prior, CancellationToken ct)
    {
        var view = snapshot.AsOf(runDate);
        var board = ScoreBoardBuilder.Build(view, MarketRegime.Neutral, scoring);
        if (databasePath is not null && File.Exists(databasePath))
            prior = prior with { Scorecard = await ScorecardAsync(databasePath, view, runDate, ct) };
        return new ResearchContext { RunDate = runDate, Snapshot = view, Scores = board, Prior = prior };
    }

    private static async Task<AgentScorecard> ScorecardAsync(string databasePath, MarketSnapshot view, DateOnly runDate, CancellationToken ct)
    {
        var rows = await new PerformanceTracker(databasePath).RowsAsync(ct);
        var outcomes = rows
            .Where(r => r.Days == AgentScorecard.HorizonDays && r.Signal.RunDate < runDate)
            .Select(r => ForwardReturns.Compute(view, r.Signal.Ticker, r.Signal.Sector, r.Signal.RunDate, r.Days) is { } w ? new SignalOutcome(r.Signal, w) : null)
            .OfType<SignalOutcome>();
        return AgentScorecard.Build(runDate, outcomes);
    }
}
