using System.Text.Json.Nodes;
using AlphaResearch.Archive;
using AlphaResearch.Domain;
using AlphaResearch.Engine;
using AlphaResearch.Publishing;
using Microsoft.Data.Sqlite;
using static AlphaResearch.Tests.Publishing.PublishingFixtures;

namespace AlphaResearch.Tests.Publishing;

public sealed class ResearchDatabaseTests : IDisposable
{
    private readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    private static JsonObject Payload(ResearchOutcome o) => new SignalsPayloadBuilder(new PublishingConfig()).Build(o);

    private static async Task<long> Scalar(string path, string sql)
    {
        await using var c = new SqliteConnection($"Data Source={path};Pooling=False");
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task EnsureCreated_FreshFile_AppliesEachMigrationOnce_AndUsesWal()
    {
        var db = new ResearchDatabase(_dir.File("sub/research.db"));
        Assert.Equal([1, 2, 3, 4, 5], await db.EnsureCreatedAsync(TestContext.Current.CancellationToken));
        Assert.Equal([1, 2, 3, 4, 5], await db.EnsureCreatedAsync(TestContext.Current.CancellationToken));
        Assert.Equal(5, await Scalar(db.Path, "SELECT COUNT(*) FROM schema_version"));
        await using var c = new SqliteConnection($"Data Source={db.Path};Pooling=False");
        await c.OpenAsync(TestContext.Current.CancellationToken);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string)(await cmd.ExecuteScalarAsync(TestContext.Current.CancellationToken))!);
    }

    [Fact]
    public async Task WriteRun_TwiceForSameDate_ReplacesRowsInsteadOfDuplicating()
    {
        var ct = TestContext.Current.CancellationToken;
        var db = new ResearchDatabase(_dir.File("research.db"));
        var o = Outcome();
        await db.WriteRunAsync(o, Payload(o), Usage(Week1), ct);
        await db.WriteRunAsync(o, Payload(o), Usage(Week1), ct);

        Assert.Equal(4, await db.CountAsync("investment_thesis", "date", "2025-01-10", ct));
        Assert.Equal(6, await db.CountAsync("thesis_history", "run_date", "2025-01-10", ct)); // 4 theses + 2 CIO decisions
        Assert.Equal(5, await db.CountAsync("population", "run_date", "2025-01-10", ct));
        Assert.Equal(2, await db.CountAsync("population_history", "date", "2025-01-10", ct));
        Assert.Equal(2, await db.CountAsync("cio_evaluations", "eval_date", "2025-01-10", ct));
        Assert.Equal(3, await db.CountAsync("team_candidates", "eval_date", "2025-01-10", ct));
        Assert.Equal(8, await db.CountAsync("scanner_evaluations", "eval_date", "2025-01-10", ct));
        Assert.Equal(3, await db.CountAsync("llm_usage", "run_date", "2025-01-10", ct));
        Assert.Equal(11, await db.CountAsync("sector_views", "run_date", "2025-01-10", ct));
        Assert.Equal(3, await Scalar(db.Path, "SELECT COUNT(*) FROM scanner_evaluations WHERE quant_filter_pass = 1")); // AAPL, MSFT, JNJ were picked by a team
    }

    [Fact]
    public async Task LoadAsync_FreshDatabase_IsEmpty()
    {
        var db = new ResearchDatabase(_dir.File("research.db"));
        var prior = await db.LoadAsync(Week2, TestContext.Current.CancellationToken);
        Assert.Null(prior.PreviousRunDate);
        Assert.Empty(prior.Population);
        Assert.True(File.Exists(db.Path));
    }

    [Fact]
    public async Task LoadAsync_Week2_SeesWeek1PopulationThesesViewsAndDecisions()
    {
        var ct = TestContext.Current.CancellationToken;
        var db = new ResearchDatabase(_dir.File("research.db"));
        var o = Outcome();
        await db.WriteRunAsync(o, Payload(o), [], ct);

        // Written but not yet marked published: the next week must not read it.
        Assert.Null((await db.LoadAsync(Week2, ct)).PreviousRunDate);

        await db.MarkPublishedAsync(Week1, new DateTimeOffset(2025, 1, 10, 8, 0, 0, TimeSpan.Zero), "abc", ct);
        var prior = await db.LoadAsync(Week2, ct);

        Assert.Equal(Week1, prior.PreviousRunDate);
        Assert.Equal(["AAPL", "CAT", "JPM", "MSFT", "XOM"], prior.Population.Select(p => p.Ticker).ToArray());
        var aapl = prior.Population.Single(p => p.Ticker == "AAPL");
        Assert.Equal("2025-01-10", aapl.EntryDate);
        Assert.Equal(Rating.Buy, aapl.LongTermRating);
        Assert.Equal(TeamId.Technology, aapl.TeamId);

        Assert.Equal(["AAPL", "JNJ", "JPM", "MSFT"], prior.Theses.Keys.Order().ToArray());
        var t = prior.Theses["AAPL"];
        Assert.Equal(78, t.FinalScore);
        Assert.Equal(Rating.Buy, t.Rating);
        Assert.Equal(["AAPL catalyst"], t.Catalysts);
        Assert.Equal("2025-01-10", t.LastUpdated);
        Assert.Equal(7, t.StaleDays);

        Assert.Equal(SectorRating.Underweight, prior.SectorViews[Sectors.Energy].Rating);
        Assert.Equal(0.8, prior.SectorViews[Sectors.Energy].Modifier);
        Assert.Equal(["AAPL", "JNJ"], prior.CioDecisions.Select(d => d.Ticker).ToArray());
        Assert.Equal(CioDecisionKind.Advance, prior.CioDecisions[0].Decision);
        Assert.Equal("AAPL entry bull", prior.CioDecisions[0].EntryThesis!.BullCase);
        Assert.Equal(["qual_veto"], prior.CioDecisions[1].RuleTags);

        // The run itself does not see itself as prior.
        Assert.Null((await db.LoadAsync(Week1, ct)).PreviousRunDate);
    }

    [Fact]
    public async Task LoadAsync_CorruptFile_ThrowsNamingPathAndRemedy()
    {
        string path = _dir.File("research.db");
        await File.WriteAllTextAsync(path, "this is not a sqlite database, just some text padding padding padding padding padding padding padding", TestContext.Current.CancellationToken);
        var db = new ResearchDatabase(path);
        var ex = await Assert.ThrowsAsync<ResearchDatabaseException>(() => db.LoadAsync(Week2, TestContext.Current.CancellationToken));
        Assert.StartsWith($"research database '{path}' is not a readable SQLite database (", ex.Message);
        Assert.EndsWith("Move the file aside (or restore it from a backup) and re-run — a fresh database is created on first use.", ex.Message);
    }

    [Fact]
    public async Task EnsureCreated_ForeignDatabase_IsRefusedUntouched_WithoutTheMoveAsideHint()
    {
        var ct = TestContext.Current.CancellationToken;
        string path = _dir.File("research.db");
        await Sql(path, "CREATE TABLE population (x INTEGER)");
        var ex = await Assert.ThrowsAsync<ResearchDatabaseException>(() => new ResearchDatabase(path).EnsureCreatedAsync(ct));
        Assert.Equal($"research database '{path}' is a SQLite file of another tool (tables population, no schema_version); nothing was written. " +
            "Move the run to another store (--store); alpha-research never alters a file it did not create.", ex.Message);
        Assert.Equal(0, await Scalar(path, "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('investment_thesis', 'schema_version')"));
    }

    [Fact]
    public async Task EnsureCreated_AFailingStep_RollsBackEveryPendingStep_AndSaysKeepTheFile()
    {
        var ct = TestContext.Current.CancellationToken;
        string path = _dir.File("research.db");
        // Ours (it has schema_version) but population_history lacks the column migration 2 indexes.
        await Sql(path, "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL); CREATE TABLE population_history (x INTEGER)");
        var ex = await Assert.ThrowsAsync<ResearchDatabaseException>(() => new ResearchDatabase(path).EnsureCreatedAsync(ct));
        Assert.StartsWith($"research database '{path}': migration 2 (indexes for per-date reads) failed: ", ex.Message);
        Assert.EndsWith("the migration was rolled back and nothing was written. Keep the file (it holds the research history) and report this with the message above; re-running is safe.", ex.Message);
        Assert.DoesNotContain("move it aside", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await Scalar(path, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'investment_thesis'"));
        Assert.Equal(0, await Scalar(path, "SELECT COUNT(*) FROM schema_version"));
    }

    private static async Task Sql(string path, string sql)
    {
        await using var c = new SqliteConnection($"Data Source={path};Pooling=False");
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task EnsureCreated_NewerSchemaVersion_IsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var db = new ResearchDatabase(_dir.File("research.db"));
        await db.EnsureCreatedAsync(ct);
        await using (var c = new SqliteConnection($"Data Source={db.Path};Pooling=False"))
        {
            await c.OpenAsync(ct);
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "INSERT INTO schema_version VALUES (99, 'future', '2030-01-01T00:00:00Z')";
            await cmd.ExecuteNonQueryAsync(ct);
        }
        var ex = await Assert.ThrowsAsync<ResearchDatabaseException>(() => db.LoadAsync(Week2, ct));
        Assert.Equal($"research database '{db.Path}' has schema version 99, newer than this alpha-research understands (5); nothing was written. Upgrade alpha-research, or point the run at another database file.", ex.Message);
    }
}
