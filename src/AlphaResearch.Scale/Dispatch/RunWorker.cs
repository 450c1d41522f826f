using Hangfire;

namespace AlphaResearch.Scale.Dispatch;

/// <summary>
/// A worker process's Hangfire server: <paramref name="concurrency"/> workers on the provider's queue, each job a
/// <see cref="RunJob"/> over this process's executor. Dispose stops it (a job in flight is cancelled and, never
/// acknowledged, is delivered again after the lease timeout).
/// </summary>
public sealed class RunWorker : IDisposable
{
    private readonly BackgroundJobServer _server;

    public RunWorker(JobStorage storage, string queue, int concurrency, string workerId, IQueuedRunExecutor executor)
    {
        WorkerId = workerId;
        var options = new BackgroundJobServerOptions
        {
            ServerName = workerId,
            WorkerCount = concurrency,
            Queues = [queue],
            ShutdownTimeout = TimeSpan.FromSeconds(5),
            SchedulePollingInterval = TimeSpan.FromSeconds(5),
        };
        // The only constructor taking a per-server activator (the alternative is the process-global JobActivator.Current).
#pragma warning disable CS0618
        _server = new BackgroundJobServer(options, storage, [], filterProvider: null,
            activator: new RunJobActivator(new RunJob(executor, workerId)), factory: null, performer: null, stateChanger: null);
#pragma warning restore CS0618
    }

    public string WorkerId { get; }

    public void Dispose() => _server.Dispose();

    private sealed class RunJobActivator(RunJob job) : JobActivator
    {
        public override object ActivateJob(Type jobType) => jobType == typeof(RunJob) ? job : base.ActivateJob(jobType);
    }
}
