namespace AlphaResearch.Archive;

/// <summary>
/// A flat key → bytes store (filesystem or S3). Keys are '/'-separated relative paths such as
/// "archive/agent_runs/2025-01-10/macro.json"; implementations validate them (no "..", no absolute
/// paths, safe characters) so a ticker or id can never escape the store.
/// </summary>
public interface IObjectStore
{
    /// <summary>Human-readable location ("/path/.alpha-research" or "s3://bucket/prefix") for messages.</summary>
    string Location { get; }

    /// <summary>The object's bytes, or null when it does not exist.</summary>
    Task<byte[]?> GetAsync(string key, CancellationToken ct);

    Task<bool> ExistsAsync(string key, CancellationToken ct);

    /// <summary>Writes the whole object atomically: readers see the old or the new bytes, never a torn mix.</summary>
    Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct);

    /// <summary>Creates the object only if absent; false when it already existed (best effort where the backend lacks conditional writes).</summary>
    Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct);

    /// <summary>
    /// Whether <see cref="PutIfAbsentAsync"/> is atomic against concurrent writers (the run lock's compare-and-swap relies on
    /// it). True for the filesystem; probed on S3, where some S3-compatible servers ignore If-None-Match.
    /// </summary>
    Task<bool> HasAtomicCreateAsync(CancellationToken ct) => Task.FromResult(true);

    /// <summary>
    /// Removes write leftovers of crashed processes (temp files last written before <paramref name="olderThan"/>) and
    /// returns how many; stores without temp files (S3) have none.
    /// </summary>
    Task<int> SweepStaleTempFilesAsync(DateTimeOffset olderThan, CancellationToken ct) => Task.FromResult(0);

    Task DeleteAsync(string key, CancellationToken ct);

    /// <summary>Keys under a prefix, in ordinal order.</summary>
    Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken ct);
}
