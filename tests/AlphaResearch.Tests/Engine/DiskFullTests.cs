using System.Text;
using System.Text.Json;
using AlphaResearch.Archive;
using AlphaResearch.Engine;

namespace AlphaResearch.Tests.Engine;

/// <summary>
/// Issue 11, deliverable 6: the store fills up (or loses write permission) at the Nth write of a run, for every N.
/// The run ends ERROR naming the store and what to do (or OK when only bookkeeping was hit), nothing persisted before
/// the fault is lost or torn, and once space is back a re-run finishes paying only for what was never persisted.
/// </summary>
public sealed class DiskFullTests
{
    private static IOException DiskFull(string root, string key) => new($"No space left on device : '{root}/{key}'");

    private static async Task<int> WritesOfACleanRunAsync()
    {
        using var h = new EngineHarness();
        int puts = 0;
        h.WrapStore = inner => new FaultyStore(inner) { Fault = (op, _) => { if (op == "put") Interlocked.Increment(ref puts); return null; } };
        Assert.Equal(RunStatus.Ok, (await h.RunAsync()).Status);
        return puts;
    }

    [Fact]
    public async Task A_store_that_fills_up_at_any_write_ends_the_run_cleanly_and_loses_nothing()
    {
        int writes = await WritesOfACleanRunAsync();
        Assert.True(writes >= 10, $"a run makes {writes} writes");
        for (int n = 1; n <= writes; n++)
        {
            using var h = new EngineHarness();
            int puts = 0;
            var before = new Dictionary<string, byte[]>();
            h.WrapStore = inner => new FaultyStore(inner)
            {
                Fault = (op, key) => op == "put" && Interlocked.Increment(ref puts) >= n ? DiskFull(h.Root, key) : null,
            };
            var r = await h.RunAsync();
            string where = $"fault from write {n} of {writes}: {r.Status} {r.Phase}: {r.Reason}";

            if (r.Status == RunStatus.Error)
            {
                Assert.True(r.Phase == "commit", where);
                Assert.StartsWith($"publishing to {h.Store.Location} failed: IOException: No space left on device", r.Reason);
                Assert.EndsWith("the publication is incomplete; free space or fix the permissions there, then re-run the same date (finished agents resume, the publication is completed)", r.Reason);
            }
            else
            {
                Assert.True(r.Status == RunStatus.Ok, where); // only the lock's release (bookkeeping) was refused
            }
            // Everything on disk is whole, and no temp file is left behind.
            foreach (var file in Directory.EnumerateFiles(h.Root, "*", SearchOption.AllDirectories))
            {
                Assert.False(FileSystemObjectStore.IsTempFile(Path.GetFileName(file)), $"{where}: temp file {file}");
                if (file.EndsWith(".json", StringComparison.Ordinal)) JsonDocument.Parse(await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken)).Dispose();
                before[file] = await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken);
            }
            var persisted = (await h.KeysAsync("archive/")).Count;
            int callsBefore = h.TotalAgentCalls;

            // Space is back: the re-run pays only for the agents that were never persisted, and overwrites nothing it resumed.
            h.WrapStore = null;
            var again = await h.RunAsync();
            Assert.True(again.Status is RunStatus.Ok or RunStatus.Skipped, $"{where}; re-run: {again.Status} {again.Reason}");
            Assert.Equal(persisted, again.Agents.Count(a => a.Outcome == AgentOutcomeKind.Resumed) + (again.Status == RunStatus.Skipped ? persisted : 0));
            foreach (var (file, bytes) in before.Where(kv => kv.Key.Contains("/archive/", StringComparison.Ordinal)))
                Assert.Equal(bytes, await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken));
            Assert.Equal(8 - (again.Status == RunStatus.Skipped ? 8 : persisted), h.TotalAgentCalls - callsBefore);
        }
    }

    [Fact]
    public async Task Temp_files_older_than_an_hour_are_swept_by_the_next_run_younger_ones_are_kept()
    {
        using var h = new EngineHarness();
        string dir = Path.Combine(h.Root, "archive", "agent_runs", "2026-05-16");
        Directory.CreateDirectory(dir);
        string old = Path.Combine(dir, $".macro.json.{Guid.NewGuid():N}.tmp");
        string young = Path.Combine(dir, $".cio.json.{Guid.NewGuid():N}.tmp");
        string notOurs = Path.Combine(dir, ".keep.tmp");
        foreach (var f in new[] { old, young, notOurs }) await File.WriteAllTextAsync(f, "{\"torn", Encoding.UTF8, TestContext.Current.CancellationToken);
        var now = h.Time.GetUtcNow().UtcDateTime;
        File.SetLastWriteTimeUtc(old, now - TimeSpan.FromMinutes(61));
        File.SetLastWriteTimeUtc(young, now - TimeSpan.FromMinutes(59));
        File.SetLastWriteTimeUtc(notOurs, now - TimeSpan.FromDays(3));

        Assert.Equal(RunStatus.Ok, (await h.RunAsync()).Status);

        Assert.False(File.Exists(old));
        Assert.True(File.Exists(young)); // could be a live writer's (the clock decides, not the test's wall time)
        Assert.True(File.Exists(notOurs)); // not a name this store writes
        Assert.Contains(h.Logger.Collector.GetSnapshot(), l => l.Id.Id == RunEngine.TempSweepEvent.Id && l.Message.StartsWith("removed 1 temp file(s) older than 1 h"));
    }
}
