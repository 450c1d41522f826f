using AlphaResearch.Domain;
using Hangfire;
using Hangfire.Server;

namespace AlphaResearch.Scale.Dispatch;

/// <summary>
/// The Hangfire job of a queued run: one date, executed by a worker through the same <see cref="ResearchRunner"/> a
/// local run uses. The engine is a reconciler (finished agents resume from the archive, finished calls replay from
/// the call journal, the date's run lock keeps two live workers apart), so a job whose worker died simply runs again
/// elsewhere and pays for nothing twice.
/// </summary>
public sealed class RunJob(IQueuedRunExecutor executor, string workerId)
{
    /// <summary>The job parameter naming the worker that holds the job (for `status`).</summary>
    public const string WorkerParameter = "worker";

    // No Hangfire retries: R1 governs 429s inside each call and R5 decides the run; a job is delivered again only when
    // its worker stopped renewing the lease (the sliding invisibility timeout, --lease-timeout).
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [JobDisplayName("alpha-research run {0}")]
    public async Task ExecuteAsync(QueuedRunRequest request, PerformContext? context, CancellationToken ct)
    {
        context?.SetJobParameter(WorkerParameter, workerId);
        var result = await executor.ExecuteAsync(request, ct);
        context?.SetJobParameter(QueuedRunOutcome.ResultParameter, JsonConventions.Serialize(result));
    }
}
