using System.Text.Json.Serialization;

namespace AlphaResearch.Engine;

/// <summary>Store location, team concurrency, run deadline, run lock.</summary>
public sealed record EngineConfig
{
    /// <summary>Default store: a folder path or s3://bucket/prefix (the CLI's --store overrides it).</summary>
    public string Store { get; init; } = Archive.ObjectStoreFactory.DefaultLocation;
    /// <summary>How many sector teams run at once (1–6).</summary>
    public int TeamConcurrency { get; init; } = 6;
    /// <summary>Wall-clock limit for a whole run, in minutes (the CLI's --deadline overrides it); ≤ 0 = none.</summary>
    public double RunDeadlineMinutes { get; init; } = 180;
    /// <summary>A run lock whose heartbeat is older than this is taken over (the holder is presumed dead).</summary>
    public double StaleLockMinutes { get; init; } = 15;
    /// <summary>How often the lock holder refreshes its heartbeat.</summary>
    public double LockHeartbeatSeconds { get; init; } = 60;
    /// <summary>Endpoint of an S3-compatible server for s3:// stores (null = AWS).</summary>
    public string? S3ServiceUrl { get; init; }
    /// <summary>Path-style S3 addressing (needed by most S3-compatible servers).</summary>
    public bool S3ForcePathStyle { get; init; }

    [JsonIgnore] public TimeSpan? RunDeadline => RunDeadlineMinutes > 0 ? TimeSpan.FromMinutes(RunDeadlineMinutes) : null;
    [JsonIgnore] public TimeSpan StaleLockAge => TimeSpan.FromMinutes(StaleLockMinutes);
    [JsonIgnore] public TimeSpan LockHeartbeat => TimeSpan.FromSeconds(LockHeartbeatSeconds);
}
