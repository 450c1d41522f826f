using AlphaResearch.Archive;
using AlphaResearch.Evaluation;
using AlphaResearch.Tests.Evaluation;

namespace AlphaResearch.Tests.Archive;

public sealed class ScorePerformanceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ar-perf-").FullName;
    private string DbPath => Path.Combine(_dir, "research.db");
    private static readonly DateOnly June3 = new(2024, 6, 3);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private static TrackedSignal Signal(string ticker, string signal = "ENTER") =>
        new(June3, ticker, signal, 70, 60, "BUY", "technology", "Information Technology", "rising");

    [Fact]
    public async Task Migration_4_creates_the_table_and_only_published_runs_are_read()
    {
        var db = new ResearchDatabase(DbPath);
        Assert.Contains(4, await db.EnsureCreatedAsync(Ct));
        await db.TrackSignalsAsync(June3, [Signal("AAPL")], [5, 10], Ct);
        Assert.Empty(await db.PerformanceAsync(onlyPending: false, Ct)); // not marked published yet

        await db.MarkPublishedAsync(June3, DateTimeOffset.UnixEpoch, "sha", Ct);
        var rows = await db.PerformanceAsync(onlyPending: true, Ct);
        Assert.Equal([5, 10], rows.Select(r => r.Days));
        Assert.All(rows, r => Assert.Equal(Signal("AAPL"), r.Signal));
    }

    [Fact]
    public async Task A_republish_replaces_the_dates_rows_and_refresh_fills_windows_from_the_bars()
    {
        var db = new ResearchDatabase(DbPath);
        await db.MarkPublishedAsync(June3, DateTimeOffset.UnixEpoch, "sha", Ct);
        await db.TrackSignalsAsync(June3, [Signal("AAPL"), Signal("MSFT")], [5], Ct);
        await db.TrackSignalsAsync(June3, [Signal("AAPL", "HOLD")], [5, 21], Ct);

        var tracker = new PerformanceTracker(DbPath, [5, 21]);
        // Bars up to June 14: the 5-session window (ends June 10) exists, the 21-session one (July 3) does not.
        Assert.Equal(1, await tracker.RefreshAsync(SampleBars.Snapshot.AsOf(new DateOnly(2024, 6, 14)), recomputeAll: false, Ct));
        var rows = await tracker.RowsAsync(Ct);
        Assert.Equal([("AAPL", 5), ("AAPL", 21)], rows.Select(r => (r.Signal.Ticker, r.Days)));
        Assert.Equal("HOLD", rows[0].Signal.Signal);
        Assert.Equal(ForwardReturns.Compute(SampleBars.Snapshot, "AAPL", "Information Technology", June3, 5), rows[0].Window);
        Assert.Null(rows[1].Window);

        Assert.Equal(1, await tracker.RefreshAsync(SampleBars.Snapshot, recomputeAll: false, Ct)); // only the pending row
        Assert.Equal(new DateOnly(2024, 7, 3), (await tracker.RowsAsync(Ct))[1].Window!.EndDate);
    }
}
