using AlphaResearch.Domain;
using AlphaResearch.Engine;
using AlphaResearch.MarketData;
using AlphaResearch.Scoring;

namespace AlphaResearch.Hosting;

/// <summary>
/// The research context of a run: the snapshot cut at the run date (no look-ahead) and its score board.
/// The board is computed with the neutral regime's RSI bands because it is built before the macro
/// economist decides the regime (as the reference's fetch step does).
/// </summary>
internal sealed class SnapshotResearchContextFactory(MarketSnapshot snapshot, ScoringConfig scoring) : IResearchContextFactory
{
    public Task<ResearchContext> CreateAsync(DateOnly runDate, PriorState prior, CancellationToken ct)
    {
        var view = snapshot.AsOf(runDate);
        var board = ScoreBoardBuilder.Build(view, MarketRegime.Neutral, scoring);
        return Task.FromResult(new ResearchContext { RunDate = runDate, Snapshot = view, Scores = board, Prior = prior });
    }
}
