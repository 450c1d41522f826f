using AlphaResearch.Engine;
using AlphaResearch.Scale.Dispatch;

namespace AlphaResearch.Tests.Scale;

/// <summary>The dispatch in one process against the real PostgreSQL: enqueue, hold, status, result, failure without retry.</summary>
public sealed class RunQueueTests
{
    private sealed class GatedExecutor : IQueuedRunExecutor
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource<RunResult> Finish { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Calls;

        public async Task<RunResult> ExecuteAsync(QueuedRunRequest request, CancellationToken ct)
        {
            Interlocked.Increment(ref Calls);
            Started.TrySetResult();
            return await Finish.Task.WaitAsync(ct);
        }
    }

    private static JobStorageFixture Open() =>
        new(HangfireQueue.Open(new QueueOptions(PostgresTestServer.ConnectionStringOrSkip(), PostgresTestServer.NewSchema()), TimeSpan.FromSeconds(30)));

    private sealed record JobStorageFixture(Hangfire.JobStorage Storage);

    [Fact]
    public async Task A_held_run_shows_on_its_worker_and_its_result_reaches_the_enqueuer()
    {
        var ct = TestContext.Current.CancellationToken;
        var storage = Open().Storage;
        var executor = new GatedExecutor();
        using var worker = new RunWorker(storage, QueueOptions.QueueFor("stub"), 1, "test-host:4242", executor);
        var client = new RunQueueClient(storage, TimeProvider.System);
        string jobId = client.Enqueue(new QueuedRunRequest("2025-01-10", "stub"));
        var states = new List<QueuedRunProgress>();
        var wait = client.WaitAsync(jobId, p => { lock (states) states.Add(p); }, TimeSpan.FromMilliseconds(100), ct);

        await executor.Started.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
        var status = QueueStatus.Read(storage);
        Assert.Contains(status.Workers, w => w.Worker == "test-host:4242" && w.Queues.Contains("run_stub"));
        var held = Assert.Single(status.Held);
        Assert.Equal((jobId, "2025-01-10", "stub", "test-host:4242"), (held.JobId, held.RunDate, held.Provider, held.Worker));

        executor.Finish.SetResult(new RunResult { Status = RunStatus.Skipped, RunDate = "2025-01-10", Phase = "already_run", Store = "mem" });
        var outcome = await wait.WaitAsync(TimeSpan.FromSeconds(30), ct);
        Assert.Null(outcome.Failure);
        Assert.Equal(RunStatus.Skipped, outcome.Result!.Status);
        Assert.Equal("already_run", outcome.Result.Phase);
        lock (states) Assert.Contains(states, p => p.State == "Processing" && p.Worker == "test-host:4242");
    }

    [Fact]
    public async Task A_job_that_throws_fails_once_with_its_message_and_is_not_retried()
    {
        var ct = TestContext.Current.CancellationToken;
        var storage = Open().Storage;
        var executor = new GatedExecutor();
        using var worker = new RunWorker(storage, QueueOptions.QueueFor("sim"), 1, "test-host:4343", executor);
        var client = new RunQueueClient(storage, TimeProvider.System);
        string jobId = client.Enqueue(new QueuedRunRequest(null, "sim"));
        await executor.Started.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
        executor.Finish.SetException(new InvalidOperationException("snapshot folder is gone"));

        var outcome = await client.WaitAsync(jobId, _ => { }, TimeSpan.FromMilliseconds(100), ct).WaitAsync(TimeSpan.FromSeconds(30), ct);
        Assert.Null(outcome.Result);
        Assert.Contains("snapshot folder is gone", outcome.Failure);
        Assert.Equal(1, executor.Calls); // AutomaticRetry(Attempts = 0): the Failed state is final
    }
}
