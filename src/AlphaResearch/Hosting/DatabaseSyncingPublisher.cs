using AlphaResearch.Archive;
using AlphaResearch.Engine;
using AlphaResearch.Publishing;

namespace AlphaResearch.Hosting;

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
        byte[]? bytes;
        try
        {
            bytes = await store.GetAsync(DatabaseKey, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            throw new RunSetupException($"could not download {DatabaseKey} from {store.Location}: {Redactor.Redact($"{ex.GetType().Name}: {ex.Message}")}",
                "check that the store is reachable and your credentials (AWS default chain), then re-run", isInputError: false);
        }
        if (bytes is null) return;
        Directory.CreateDirectory(Path.GetDirectoryName(localDatabasePath)!);
        await File.WriteAllBytesAsync(localDatabasePath, bytes, ct);
    }

    public PreparedPublication Prepare(ResearchOutcome outcome) => inner.Prepare(outcome);

    public Task<bool> IsPublishedAsync(DateOnly runDate, CancellationToken ct) => inner.IsPublishedAsync(runDate, ct);

    public async Task<IReadOnlyList<string>> CommitAsync(ResearchOutcome outcome, PreparedPublication prepared, CancellationToken ct)
    {
        var written = await inner.CommitAsync(outcome, prepared, ct);
        // Past the commit point (signals.json is written): a failed upload is reported, never thrown, because an
        // ERROR run must have promoted nothing (R5) and a re-run would only be SKIPPED already_run.
        try
        {
            await store.PutAsync(DatabaseKey, await File.ReadAllBytesAsync(localDatabasePath, ct), ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            return [.. written, $"{DatabaseKey}: upload to {store.Location} FAILED ({Redactor.Redact($"{ex.GetType().Name}: {ex.Message}")}) — the run is published, " +
                                "but the store's research.db still holds the previous run's state: re-run this date with --force to upload it " +
                                "before the next run reads it"];
        }
        return [.. written, $"{store.Location.TrimEnd('/')}/{DatabaseKey}"];
    }
}
