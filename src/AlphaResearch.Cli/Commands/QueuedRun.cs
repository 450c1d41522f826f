using System.Globalization;
using AlphaResearch.Cli.Composition;
using AlphaResearch.Cli.Infrastructure;
using AlphaResearch.Engine;
using AlphaResearch.Llm;
using AlphaResearch.Scale.Dispatch;

namespace AlphaResearch.Cli.Commands;

/// <summary>
/// `run --queued`: the date's run goes on its provider's queue for a `worker`; this process waits, printing each change
/// of the job's state and holder, then prints the worker's result and exits with the code a local run would have.
/// </summary>
internal static class QueuedRun
{
    public static async Task<int> ExecuteAsync(CliOutput io, RunSettings settings, LlmProvider provider, TimeSpan? deadline,
        CliLogWriter lines, TimeProvider time, CancellationToken ct)
    {
        if (settings.Store is not null || settings.Snapshot is not null)
            throw new UserFacingException("--queued runs on the worker's --store and --snapshot, not this command's",
                "drop --store/--snapshot here and pass them to `alpha-research worker`");
        var queue = HostErrors.Translate(() => QueueOptions.FromEnvironment(Environment.GetEnvironmentVariable));
        var storage = HostErrors.Translate(() => HangfireQueue.Open(queue, HangfireQueue.DefaultLeaseTimeout));
        var client = new RunQueueClient(storage, time);
        var request = Request(settings, provider, deadline);
        string jobId = client.Enqueue(request);
        lines.Write("info", "queued", $"queued run {request.RunDate ?? "(snapshot's last session)"} as job {jobId} on queue {QueueOptions.QueueFor(provider)}");
        var outcome = await client.WaitAsync(jobId,
            p => lines.Write("info", "job", $"job {p.JobId}: {p.State}{(p.Worker is null ? "" : $" on worker {p.Worker}")}"),
            TimeSpan.FromSeconds(1), ct);
        if (outcome.Result is not { } result)
            throw new UserFacingException($"queued run (job {jobId}) failed: {outcome.Failure}", "see the worker's log", ExitCodes.Failed);
        if (settings.Json) io.Out.WriteLine(CliJson.Serialize(result));
        else RunCommand.PrintSummary(io.Console, result, settings);
        return RunCommand.ExitCodeOf(result, userCancelled: false);
    }

    internal static QueuedRunRequest Request(RunSettings settings, LlmProvider provider, TimeSpan? deadline) =>
        new(settings.Date is null ? null : CliParsing.Date(settings.Date, "--date").ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            provider.Id(), settings.Force, deadline?.TotalSeconds);
}
