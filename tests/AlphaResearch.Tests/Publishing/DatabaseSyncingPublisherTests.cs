using AlphaResearch.Hosting;
using AlphaResearch.Publishing;
using AlphaResearch.Tests.Engine;
using Microsoft.Extensions.Time.Testing;
using static AlphaResearch.Tests.Publishing.PublishingFixtures;

namespace AlphaResearch.Tests.Publishing;

/// <summary>Remote stores: research.db is uploaded after the commit point; a failed upload never turns a published run into ERROR.</summary>
public sealed class DatabaseSyncingPublisherTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly InMemoryObjectStore _inner = new();
    public void Dispose() => _dir.Dispose();

    private (DatabaseSyncingPublisher Publisher, FaultyStore Store) Create()
    {
        var store = new FaultyStore(_inner);
        string db = _dir.File("research.db");
        var publisher = new Publisher(store, db, new PublishingConfig(),
            new FakeTimeProvider(new DateTimeOffset(2025, 1, 10, 8, 0, 0, TimeSpan.Zero)), getEnvironmentVariable: _ => null);
        return (new DatabaseSyncingPublisher(publisher, store, db), store);
    }

    [Fact]
    public async Task Uploads_the_database_after_publishing()
    {
        var ct = TestContext.Current.CancellationToken;
        var (publisher, store) = Create();
        var o = Outcome();
        var written = await publisher.CommitAsync(o, publisher.Prepare(o), ct);

        Assert.Equal($"{store.Location}/research.db", written[^1]);
        Assert.True(await _inner.ExistsAsync("research.db", ct));
    }

    [Fact]
    public async Task A_failed_upload_after_the_commit_point_is_reported_not_thrown()
    {
        var ct = TestContext.Current.CancellationToken;
        var (publisher, store) = Create();
        store.Fault = (op, key) => op == "put" && key == "research.db" ? new IOException("Connection reset by peer") : null;
        var o = Outcome();
        var written = await publisher.CommitAsync(o, publisher.Prepare(o), ct);

        Assert.True(await _inner.ExistsAsync("signals/2025-01-10/signals.json", ct));
        Assert.Equal($"research.db: upload to {store.Location} FAILED (IOException: Connection reset by peer) — the run is published, " +
                     "but the store's research.db still holds the previous run's state: re-run this date with --force to upload it " +
                     "before the next run reads it", written[^1]);
    }

    [Fact]
    public async Task A_failed_download_names_the_object_the_store_and_what_to_do()
    {
        var store = new FaultyStore(_inner) { Fault = (op, key) => op == "get" ? new IOException("Connection refused") : null };
        var ex = await Assert.ThrowsAsync<RunSetupException>(() =>
            DatabaseSyncingPublisher.DownloadAsync(store, _dir.File("cache.db"), TestContext.Current.CancellationToken));
        Assert.Equal("could not download research.db from memory://test: IOException: Connection refused", ex.Message);
        Assert.Equal("check that the store is reachable and your credentials (AWS default chain), then re-run", ex.Hint);
        Assert.Equal(AlphaResearch.Cli.Infrastructure.ExitCodes.Failed, AlphaResearch.Cli.Infrastructure.CliErrors.Describe(ex).Code);
    }
}
