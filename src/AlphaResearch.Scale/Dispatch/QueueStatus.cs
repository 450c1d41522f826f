using Hangfire;

namespace AlphaResearch.Scale.Dispatch;

/// <summary>A live worker process as the queue sees it (Hangfire's server heartbeat).</summary>
public sealed record WorkerInfo(string Worker, IReadOnlyList<string> Queues, int Concurrency, DateTimeOffset? StartedAt, DateTimeOffset? Heartbeat);

/// <summary>A run a worker is executing now.</summary>
public sealed record HeldRun(string JobId, string? RunDate, string Provider, string Worker, DateTimeOffset? Since);

/// <summary>What `status --workers` prints: the workers, which run each holds, and how many runs wait per queue.</summary>
public sealed record QueueStatus(IReadOnlyList<WorkerInfo> Workers, IReadOnlyList<HeldRun> Held, IReadOnlyDictionary<string, long> Waiting)
{
    public static QueueStatus Read(JobStorage storage, int maxHeld = 100)
    {
        var api = storage.GetMonitoringApi();
        var workers = api.Servers()
            .Select(s => new WorkerInfo(WorkerOf(s.Name), [.. s.Queues], s.WorkersCount, Utc(s.StartedAt), Utc(s.Heartbeat)))
            .OrderBy(w => w.Worker, StringComparer.Ordinal).ToList();
        var held = api.ProcessingJobs(0, maxHeld)
            .Where(j => j.Value?.Job?.Args is [QueuedRunRequest, ..])
            .Select(j => (Id: j.Key, Request: (QueuedRunRequest)j.Value.Job.Args[0], j.Value.ServerId, j.Value.StartedAt))
            .Select(j => new HeldRun(j.Id, j.Request.RunDate, j.Request.Provider, WorkerOf(j.ServerId), Utc(j.StartedAt)))
            .ToList();
        var waiting = api.Queues().ToDictionary(q => q.Name, q => q.Length, StringComparer.Ordinal);
        return new QueueStatus(workers, held, waiting);
    }

    // Hangfire names a server "<servername lowercased>:<pid>:<guid>"; the worker's own id (host:pid, lowercase) is the name.
    private static string WorkerOf(string? serverId)
    {
        if (serverId is null) return "?";
        var parts = serverId.Split(':');
        return parts.Length >= 3 && Guid.TryParse(parts[^1], out _) && int.TryParse(parts[^2], out _) ? string.Join(':', parts[..^2]) : serverId;
    }

    private static DateTimeOffset? Utc(DateTime? t) => t is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;
}
