using AlphaResearch.Archive;
using AlphaResearch.Domain;
using AlphaResearch.Engine;
using AlphaResearch.Llm;
using AlphaResearch.MarketData;
using AlphaResearch.Publishing;

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
/// killed backtest started again continues where it stopped. E-mail is off for every week. The first week that does not end OK stops the
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
            var request = runner.NewRequest(provider, dates[k]) with { Snapshot = snapshot };
            // A backtest never e-mails: a brief for a past week is not news.
            request = request with { Config = request.Config with { Publishing = request.Config.Publishing with { Email = request.Config.Publishing.Email with { Enabled = false } } } };
            var prepared = await runner.PrepareAsync(root, request, null, ct); // a setup refusal (no simulator URL) stops before "running"
            progress?.Report(new BacktestProgress(k + 1, dates.Count, dates[k], null));
            var result = await AlreadyPublishedAsync(root, provider, prepared, dates[k], ct)
                ?? await prepared.RunAsync(force: false, deadline: null, ct);
            results.Add(result);
            progress?.Report(new BacktestProgress(k + 1, dates.Count, dates[k], result));
            if (result.Status is not (RunStatus.Ok or RunStatus.Skipped)) break;
        }
        return new BacktestResult(results, dates.Count, time.GetElapsedTime(started));
    }

    /// <summary>
    /// A week whose publication completed is not run again, in the dry-run namespace too (where a plain `run` always
    /// re-runs): the backtest continues where it stopped instead of re-publishing weeks the next ones were built on.
    /// </summary>
    private static async Task<RunResult?> AlreadyPublishedAsync(IObjectStore root, LlmProvider provider, PreparedRun prepared, DateOnly date, CancellationToken ct)
    {
        var store = RunNamespace.StoreFor(root, provider);
        string key = Publisher.SignalsKey(date);
        if (!await store.ExistsAsync(key, ct) || !await prepared.Composition.Services.Publisher.IsPublishedAsync(date, ct)) return null;
        return new RunResult
        {
            Status = RunStatus.Skipped,
            RunDate = WireNames.Date(date),
            Phase = "already_run",
            Reason = $"already_run: {key} exists in {store.Location}",
            DryRun = provider.IsDryRun(),
            Store = store.Location,
        };
    }
}
