using Microsoft.Extensions.Logging;

namespace AlphaResearch.Scale;

/// <summary>The scale-out layer's log messages, each declared once (source-generated); public for the CLI's `worker`.</summary>
public static partial class ScaleLog
{
    [LoggerMessage(EventId = 4300, EventName = "OrgBudgetRedisDown", Level = LogLevel.Warning,
        Message = "org budget: Redis at {Endpoint} is unreachable ({Error}); {What}")]
    public static partial void RedisDown(ILogger logger, string endpoint, string error, string what);

    [LoggerMessage(EventId = 4301, EventName = "OrgBudgetRedisRecovered", Level = LogLevel.Warning,
        Message = "org budget: Redis at {Endpoint} is reachable again; calls are admitted by the shared budget")]
    public static partial void RedisRecovered(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 4310, EventName = "QueuedRunBusy", Level = LogLevel.Information,
        Message = "run {Date} is held by another run; trying again in {Seconds} s")]
    public static partial void QueuedRunBusy(ILogger logger, string date, double seconds);

    [LoggerMessage(EventId = 4311, EventName = "WorkerServing", Level = LogLevel.Information,
        Message = "worker {Worker} serving queue {Queue} ({Concurrency} at once, lease {Lease} s) over {Store}")]
    public static partial void WorkerServing(ILogger logger, string worker, string queue, int concurrency, double lease, string store);

    [LoggerMessage(EventId = 4312, EventName = "WorkerStopping", Level = LogLevel.Information,
        Message = "worker {Worker} stopping (a run in flight is delivered again after the lease)")]
    public static partial void WorkerStopping(ILogger logger, string worker);
}
