using System.Text.Json.Serialization;

namespace AlphaResearch.MarketData;

/// <summary>
/// snapshot.json: what the snapshot is and where every part came from (snake_case JSON, docs/SNAPSHOT.md).
/// </summary>
public sealed record SnapshotManifest
{
    public const string FileName = "snapshot.json";

    public required string Name { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    /// <summary>Last session of the data (informational; the loader derives the real one from SPY).</summary>
    public DateOnly? AsOf { get; init; }
    public DateOnly? WindowStart { get; init; }
    public DateOnly? WindowEnd { get; init; }
    /// <summary>
    /// Date the fundamentals were observed. A view cut before this date sees no fundamentals
    /// (they would be look-ahead). Absent means "unknown", which is treated the same way as "after every date".
    /// </summary>
    public DateOnly? FundamentalsAsOf { get; init; }
    public IReadOnlyList<SnapshotSource> Sources { get; init; } = [];
    /// <summary>Free-text notes from the import (symbols skipped and why).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>Provenance of one part of a snapshot (a file or a folder of files from one source).</summary>
public sealed record SnapshotSource
{
    /// <summary>Path(s) inside the snapshot, e.g. "prices/*.csv".</summary>
    public required string Path { get; init; }
    public int Files { get; init; } = 1;
    /// <summary>Where it was imported from (relative to the raw root).</summary>
    public string? ImportedFrom { get; init; }
    public string? SourceRepo { get; init; }
    public string? SourcePath { get; init; }
    public string? SourceCommit { get; init; }
    public required string Licence { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Note { get; init; }
}
