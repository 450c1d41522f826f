using AlphaResearch.Archive;
using Microsoft.Data.Sqlite;

namespace AlphaResearch.Tests.Archive;

/// <summary>
/// Issue 11: several runs opening a fresh store at once used to race the first migration ("table investment_thesis
/// already exists"). Eight independent connections (no pooling, no shared state) migrate the same fresh file together.
/// The real-process variant is <c>Integration.ConcurrentFirstOpenTests</c>.
/// </summary>
public sealed class ResearchDatabaseConcurrencyTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "ar-dbrace-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Eight_concurrent_first_opens_of_a_fresh_file_all_succeed_and_apply_each_migration_once()
    {
        for (int round = 0; round < 5; round++)
        {
            string path = Path.Combine(_dir, $"round{round}", "research.db");
            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var opens = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
            {
                await go.Task;
                return await new ResearchDatabase(path).EnsureCreatedAsync(CancellationToken.None);
            })).ToList();
            go.SetResult();
            var results = await Task.WhenAll(opens);

            int[] expected = [.. ResearchDatabase.Migrations.Select(m => m.Version)];
            Assert.All(results, versions => Assert.Equal(expected, versions));
            await using var c = new SqliteConnection($"Data Source={path};Pooling=False");
            await c.OpenAsync(TestContext.Current.CancellationToken);
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT COUNT(*) FROM schema_version";
            Assert.Equal((long)expected.Length, (long)(await cmd.ExecuteScalarAsync(TestContext.Current.CancellationToken))!);
        }
    }
}
