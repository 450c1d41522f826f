using AlphaResearch.Domain;
using AlphaResearch.Engine;

namespace AlphaResearch.Scale.Dispatch;

/// <summary>
/// How a queued run ended, as the enqueuer sees it: the engine's <see cref="RunResult"/> (written by the worker as a
/// job parameter) or, when the job failed before the engine could answer, the failure's message.
/// </summary>
public sealed record QueuedRunOutcome(string JobId, RunResult? Result, string? Failure)
{
    /// <summary>The job parameter holding the run result's JSON.</summary>
    public const string ResultParameter = "run_result";

    public static RunResult? ParseResult(string? json) => json is null ? null : JsonConventions.Deserialize<RunResult>(json);
}
