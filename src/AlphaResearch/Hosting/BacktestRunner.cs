using AlphaResearch.Archive;
using AlphaResearch.Engine;
using AlphaResearch.Llm;
using AlphaResearch.MarketData;

namespace AlphaResearch.Hosting;

/// <summary>Progress of a backtest: week <see cref="Week"/> of <see cref="Weeks"/>, and how it ended (null while running).</summary>
public sealed record BacktestProgress(int Week, int Weeks, DateOnly RunDate, RunResult? Result);

/// <summary>How a backtest ended: every week's result in order, and whether all weeks are published.</summary>
public sealed record BacktestResult(IReadOnlyList<RunResult> Weeks, int Planned, TimeSpan Elapsed)
{
    public bool Complete => Weeks.Count == Planned && Weeks.All(w => w.Status is RunStatus.Ok or RunStatus.Skipped);
    public int Ran => Weeks.Count(w => w.Status == RunStatus.Ok);
    public int AlreadyPublished => Weeks.Count(w => w.Status == RunStatus.Skipped);
}

/// <summary>
/// A backtest: a normal run at each scheduled date, oldest first, through the same <see cref="ResearchRunner"/> a
/// `run` uses — so each week is resumable and all-or-nothing, stub/sim weeks live under dry_run/, and each week's
/// prior state (population, theses) is the week before's publication. A week already published is SKIPPED, so a
/// killed backtest started again continues where it stopped. The first week that does not end OK stops the
/// backtest: the weeks after it would be researched from a gap.
/// </summary>
public sealed class BacktestRunner(ResearchRunner runner, TimeProvider time)
{
    public async Task<BacktestResult> RunAsync(IObjectStore root, LlmProvider provider, MarketSnapshot snapshot, IReadOnlyList<DateOnly> dates,
        IProgress<BacktestProgress>? progress = null, CancellationToken ct = default)
    {
        var started = time.GetTimestamp();
        var results = new List<RunResult>(dates.Count);
        for (int k = 0; k < dates.Count; k++)
        {
            ct.ThrowIfCancellationRequested();
            progress?.Report(new BacktestProgress(k + 1, dates.Count, dates[k], null));
            var request = runner.NewRequest(provider, dates[k]) with { Snapshot = snapshot };
            var prepared = await runner.PrepareAsync(root, request, null, ct);
            var result = await prepared.RunAsync(force: false, deadline: null, ct);
            results.Add(result);
            progress?.Report(new BacktestProgress(k + 1, dates.Count, dates[k], result));
            if (result.Status is not (RunStatus.Ok or RunStatus.Skipped)) break;
        }
        return new BacktestResult(results, dates.Count, time.GetElapsedTime(started));
    }
}
