namespace AlphaResearch.Scale.Dispatch;

/// <summary>
/// What a queued run asks a worker for (the job's only argument, stored as JSON by Hangfire). The store and the
/// snapshot are the worker's (its --store, --snapshot): every worker of a queue serves the same deployment.
/// </summary>
/// <param name="RunDate">yyyy-MM-dd, or null for the worker snapshot's last session.</param>
/// <param name="Provider">The provider id the enqueuer resolved (anthropic, openai, sim, stub); also the job's queue.</param>
/// <param name="DeadlineSeconds">The run's deadline, or null for the worker's engine.run_deadline_minutes.</param>
public sealed record QueuedRunRequest(string? RunDate, string Provider, bool Force = false, double? DeadlineSeconds = null);
