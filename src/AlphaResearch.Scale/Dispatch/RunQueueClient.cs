using Cronos;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Hangfire.Storage;

namespace AlphaResearch.Scale.Dispatch;

/// <summary>What the enqueuer sees of a job while it waits: its Hangfire state and the worker holding it.</summary>
public sealed record QueuedRunProgress(string JobId, string State, string? Worker);

/// <summary>
/// The enqueuing side: put a date's run on its provider's queue, wait for it with progress, register the weekly run.
/// </summary>
public sealed class RunQueueClient(JobStorage storage, TimeProvider time)
{
    public string Enqueue(QueuedRunRequest request)
    {
        var client = new BackgroundJobClient(storage);
        return client.Create(Job.FromExpression<RunJob>(j => j.ExecuteAsync(request, null, CancellationToken.None)),
            new EnqueuedState(QueueOptions.QueueFor(request.Provider)));
    }

    /// <summary>Polls until the job succeeded (its run result) or failed / was deleted (its reason); reports each change of state or worker.</summary>
    public async Task<QueuedRunOutcome> WaitAsync(string jobId, Action<QueuedRunProgress> progress, TimeSpan poll, CancellationToken ct)
    {
        QueuedRunProgress? last = null;
        using var connection = storage.GetConnection();
        while (true)
        {
            var state = connection.GetStateData(jobId);
            var now = new QueuedRunProgress(jobId, state?.Name ?? "Unknown", Parameter(connection, jobId, RunJob.WorkerParameter));
            if (now != last) progress(now);
            last = now;
            if (state is null) return new QueuedRunOutcome(jobId, null, $"job {jobId} is not in the queue");
            if (state.Name == SucceededState.StateName)
            {
                var result = QueuedRunOutcome.ParseResult(Parameter(connection, jobId, QueuedRunOutcome.ResultParameter));
                return new QueuedRunOutcome(jobId, result, result is null ? "the job succeeded but left no run result" : null);
            }
            if (state.Name == FailedState.StateName)
                return new QueuedRunOutcome(jobId, null, state.Data.TryGetValue("ExceptionMessage", out var m) ? m : state.Reason ?? "the job failed");
            if (state.Name == DeletedState.StateName) return new QueuedRunOutcome(jobId, null, "the job was deleted from the queue");
            await Task.Delay(poll, time, ct);
        }
    }

    // PerformContext.SetJobParameter stores each value as JSON: a string parameter comes back quoted.
    private static string? Parameter(IStorageConnection connection, string jobId, string name) =>
        connection.GetJobParameter(jobId, name) is { } raw ? SerializationHelper.Deserialize<string>(raw, SerializationOption.User) : null;

    /// <summary>Registers (or replaces) the recurring run <paramref name="id"/> on <paramref name="cron"/> (UTC).</summary>
    public void Schedule(string id, string cron, QueuedRunRequest request)
    {
        var manager = new RecurringJobManager(storage);
        manager.AddOrUpdate(id, Job.FromExpression<RunJob>(j => j.ExecuteAsync(request, null, CancellationToken.None), QueueOptions.QueueFor(request.Provider)), cron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
    }

    /// <summary>Null when <paramref name="cron"/> is a valid five-field expression, else why not.</summary>
    public static string? CronProblem(string cron)
    {
        try
        {
            _ = CronExpression.Parse(cron, CronFormat.Standard);
            return null;
        }
        catch (CronFormatException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>The next time <paramref name="cron"/> fires after <paramref name="after"/> (UTC).</summary>
    public static DateTimeOffset? NextOccurrence(string cron, DateTimeOffset after) =>
        CronExpression.Parse(cron, CronFormat.Standard).GetNextOccurrence(after, TimeZoneInfo.Utc);
}
