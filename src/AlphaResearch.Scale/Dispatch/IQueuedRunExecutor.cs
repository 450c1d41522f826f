using AlphaResearch.Engine;

namespace AlphaResearch.Scale.Dispatch;

/// <summary>Runs one queued request to its <see cref="RunResult"/> (the worker's store, snapshot and configuration).</summary>
public interface IQueuedRunExecutor
{
    Task<RunResult> ExecuteAsync(QueuedRunRequest request, CancellationToken ct);
}
