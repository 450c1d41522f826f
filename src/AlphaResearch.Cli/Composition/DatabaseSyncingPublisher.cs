using AlphaResearch.Archive;
using AlphaResearch.Engine;

namespace AlphaResearch.Cli.Composition;

/// <summary>
/// For a remote store (S3): the research database is a local SQLite file, downloaded from the store's
/// "research.db" object before the run and uploaded after a successful commit, so the next run on any
/// machine reads the same prior state.
/// </summary>
internal sealed class DatabaseSyncingPublisher(IPublisher inner, IObjectStore store, string localDatabasePath) : IPublisher
{
    public const string DatabaseKey = "research.db";

    public static async Task DownloadAsync(IObjectStore store, string localDatabasePath, CancellationToken ct)
    {
        var bytes = await store.GetAsync(DatabaseKey, ct);
        if (bytes is null) return;
        Directory.CreateDirectory(Path.GetDirectoryName(localDatabasePath)!);
        await File.WriteAllBytesAsync(localDatabasePath, bytes, ct);
    }

    public PreparedPublication Prepare(ResearchOutcome outcome) => inner.Prepare(outcome);

    public async Task<IReadOnlyList<string>> CommitAsync(ResearchOutcome outcome, PreparedPublication prepared, CancellationToken ct)
    {
        var written = await inner.CommitAsync(outcome, prepared, ct);
        await store.PutAsync(DatabaseKey, await File.ReadAllBytesAsync(localDatabasePath, ct), ct);
        return [.. written, $"{store.Location.TrimEnd('/')}/{DatabaseKey}"];
    }
}
