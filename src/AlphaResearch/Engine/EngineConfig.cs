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
    /// <summary>Smallest usable universe a run accepts: "80%" of the snapshot's listed constituents (default) or a count.</summary>
    public MinUniverse MinUniverse { get; init; } = MinUniverse.Default;

    /// <summary>The longest run deadline a timer can hold (CancellationTokenSource tops out at ~49.7 days).</summary>
    public const double MaxRunDeadlineMinutes = 71_000;

    /// <summary>
    /// Problems with these settings, each naming its key. A stale age or heartbeat that is zero, or a heartbeat
    /// slower than half the stale age, would let another process take a live run's lock.
    /// </summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (TeamConcurrency is < 1 or > 6) errors.Add($"engine.team_concurrency must be between 1 and 6 (got {TeamConcurrency})");
        if (!(StaleLockMinutes > 0)) errors.Add($"engine.stale_lock_minutes must be > 0 (got {Num(StaleLockMinutes)})");
        if (!(LockHeartbeatSeconds > 0)) errors.Add($"engine.lock_heartbeat_seconds must be > 0 (got {Num(LockHeartbeatSeconds)})");
        else if (StaleLockMinutes > 0 && LockHeartbeatSeconds >= StaleLockMinutes * 60 / 2)
            errors.Add($"engine.lock_heartbeat_seconds ({Num(LockHeartbeatSeconds)}) must be less than half of engine.stale_lock_minutes in seconds ({Num(StaleLockMinutes * 60)}), or a live run's lock looks stale between heartbeats");
        if (MinUniverse.Percent is < 0 or > 100 || MinUniverse.Count is < 0)
            errors.Add($"engine.min_universe must be a share between 0% and 100% or a count ≥ 0 (got {MinUniverse})");
        if (RunDeadlineMinutes > MaxRunDeadlineMinutes)
            errors.Add($"engine.run_deadline_minutes must be at most {Num(MaxRunDeadlineMinutes)} (≈ 49 days; ≤ 0 disables the deadline) (got {Num(RunDeadlineMinutes)})");
        return errors;
    }

    private static string Num(double v) => v.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [JsonIgnore] public TimeSpan? RunDeadline => RunDeadlineMinutes > 0 ? TimeSpan.FromMinutes(RunDeadlineMinutes) : null;
    [JsonIgnore] public TimeSpan StaleLockAge => TimeSpan.FromMinutes(StaleLockMinutes);
    [JsonIgnore] public TimeSpan LockHeartbeat => TimeSpan.FromSeconds(LockHeartbeatSeconds);
}
