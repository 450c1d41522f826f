using System.Globalization;
using AlphaResearch.Archive;
using AlphaResearch.Engine;
using AlphaResearch.Hosting;
using AlphaResearch.Llm;
using Microsoft.Extensions.Logging;

namespace AlphaResearch.Scale.Dispatch;

/// <summary>
/// A worker's executor: the job's date, force and deadline over the worker's store and snapshot, with the provider the
/// worker serves (a job of another provider is refused: the queues keep them apart, this is the last check).
/// A BUSY answer means another run holds the date's lock; when that holder is a dead worker on another host its lock
/// goes stale after engine.stale_lock_minutes, so the job waits and tries again until then instead of ending BUSY.
/// </summary>
public sealed class QueuedRunExecutor(ResearchRunner runner, IObjectStore root, string? snapshotPath, LlmProvider provider,
    TimeProvider time, ILogger logger) : IQueuedRunExecutor
{
    public async Task<RunResult> ExecuteAsync(QueuedRunRequest request, CancellationToken ct)
    {
        if (!string.Equals(request.Provider, provider.Id(), StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"this worker serves --llm {provider.Id()}, the job asks for {request.Provider}: start a worker with --llm {request.Provider}");
        DateOnly? date = request.RunDate is null ? null : DateOnly.ParseExact(request.RunDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        TimeSpan? deadline = request.DeadlineSeconds is { } s ? TimeSpan.FromSeconds(s) : null;
        var giveUpAt = time.GetUtcNow() + runner.Config.Engine.StaleLockAge + runner.Config.Engine.LockHeartbeat;
        while (true)
        {
            var result = await runner.RunAsync(root, runner.NewRequest(provider, date, snapshotPath), request.Force, deadline, ct);
            if (result.Status != RunStatus.Busy || time.GetUtcNow() >= giveUpAt) return result;
            ScaleLog.QueuedRunBusy(logger, result.RunDate, runner.Config.Engine.LockHeartbeat.TotalSeconds);
            await Task.Delay(runner.Config.Engine.LockHeartbeat, time, ct);
        }
    }
}
