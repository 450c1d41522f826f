using System.Text;
using AlphaResearch.Archive;
using AlphaResearch.Domain;
using AlphaResearch.Engine;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AlphaResearch.Tests.Engine;

/// <summary>
/// Issue 11: a takeover is a compare-and-swap. N starters that find the same dead, stale or released lock race for
/// the next generation; exactly one wins, and the ABA cases (a stale holder waking up, a starter acting on an old
/// listing) never produce a second owner.
/// </summary>
public sealed class RunLockRaceTests : IDisposable
{
    private static readonly DateOnly Date = new(2026, 5, 16);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ar-lockrace-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 16, 12, 0, 0, TimeSpan.Zero));
    private readonly EngineConfig _cfg = new();

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    private Task<RunLockAttempt> Acquire(IObjectStore store, int pid, Func<int, bool>? alive = null, TimeSpan? heartbeat = null) =>
        RunLock.AcquireAsync(store, Date, $"starter-{pid}", pid, _cfg.StaleLockAge, heartbeat ?? _cfg.LockHeartbeat, _time, NullLogger.Instance, Ct, alive);

    private static Task Write(IObjectStore store, int generation, RunLockInfo info) =>
        store.PutAsync(RunLock.GenerationKey(Date, generation), Encoding.UTF8.GetBytes(JsonConventions.Serialize(info)), CancellationToken.None);

    private RunLockInfo Holder(string token, DateTimeOffset heartbeat, int pid = 999, string host = "elsewhere", DateTimeOffset? released = null) =>
        new("holder", pid, host, token, heartbeat, heartbeat, released);

    public enum Previous { DeadPid, StaleHeartbeat, Released }

    [Theory]
    [InlineData(Previous.DeadPid)]
    [InlineData(Previous.StaleHeartbeat)]
    [InlineData(Previous.Released)]
    public async Task Of_eight_simultaneous_starters_exactly_one_takes_over(Previous previous)
    {
        for (int trial = 0; trial < 25; trial++)
        {
            var store = new FileSystemObjectStore(Path.Combine(_root, $"{previous}-{trial}"));
            var now = _time.GetUtcNow();
            await Write(store, trial % 3, previous switch // any generation may be the current one
            {
                Previous.DeadPid => Holder("old", now, pid: 31337, host: Environment.MachineName),
                Previous.StaleHeartbeat => Holder("old", now - _cfg.StaleLockAge - TimeSpan.FromSeconds(1)),
                _ => Holder("old", now, released: now),
            });
            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var starters = Enumerable.Range(1, 8).Select(pid => Task.Run(async () =>
            {
                await go.Task;
                return await Acquire(store, pid, alive: p => p != 31337);
            })).ToList();
            go.SetResult();
            var attempts = await Task.WhenAll(starters);

            var winner = Assert.Single(attempts, a => a.Lock is not null);
            Assert.All(attempts.Where(a => a.Lock is null), a => Assert.Equal(winner.Lock!.Info.Token, a.Holder!.Token));
            Assert.Equal(winner.Lock!.Info.Token, (await RunLock.ReadCurrentAsync(store, Date, Ct))!.Token);
            Assert.Null(await winner.Lock.CheckOwnershipAsync(Ct));
            await winner.Lock.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_stale_holder_that_wakes_after_a_takeover_and_release_never_owns_the_lock_again()
    {
        var store = new FileSystemObjectStore(_root);
        var a = (await Acquire(store, 1, heartbeat: TimeSpan.FromDays(1))).Lock!; // A stalls: its heartbeat never fires
        _time.Advance(_cfg.StaleLockAge + TimeSpan.FromMinutes(1));
        var b = (await Acquire(store, 2)).Lock!;
        Assert.Equal(RunLock.GenerationKey(Date, 1), b.Key);
        Assert.False(await store.ExistsAsync(RunLock.GenerationKey(Date, 0), Ct)); // history pruned
        await b.DisposeAsync(); // B finishes and lets go

        await a.BeatAsync(); // A wakes up: its heartbeat must not resurrect it
        Assert.Equal("the run lock locks/2026-05-16.lock was taken over by starter-2 pid 2 during this run — not publishing",
            await a.CheckOwnershipAsync(Ct));
        var c = await Acquire(store, 3); // the released generation is the current one: a new run takes the next
        Assert.Equal(RunLock.GenerationKey(Date, 2), c.Lock!.Key);
        Assert.NotNull(await a.CheckOwnershipAsync(Ct));
        await a.DisposeAsync(); // releasing a lost lock touches nothing
        Assert.Equal(c.Lock.Info.Token, (await RunLock.ReadCurrentAsync(store, Date, Ct))!.Token);
    }

    [Fact]
    public async Task A_starter_acting_on_an_old_listing_loses_to_the_higher_generation()
    {
        var store = new FileSystemObjectStore(_root);
        var now = _time.GetUtcNow();
        await Write(store, 2, Holder("live", now)); // generations 0 and 1 were pruned by the live holder
        // This starter listed when only a stale generation 0 existed, then lost the CPU.
        var late = new StaleListingStore(store, [RunLock.KeyFor(Date)], Holder("old", now - TimeSpan.FromHours(1)));
        var attempt = await Acquire(late, 5);

        Assert.Null(attempt.Lock);
        Assert.Equal("live", attempt.Holder!.Token);
        Assert.False(await store.ExistsAsync(RunLock.GenerationKey(Date, 1), Ct)); // its losing generation is withdrawn
        Assert.Equal("live", (await RunLock.ReadCurrentAsync(store, Date, Ct))!.Token);
    }

    [Theory]
    [InlineData(true, 0)]
    [InlineData(false, 1)]
    public async Task A_store_that_ignores_conditional_writes_is_named_in_a_warning(bool atomic, int warnings)
    {
        var logger = new Microsoft.Extensions.Logging.Testing.FakeLogger();
        var store = new ConditionalWritesStore(new FileSystemObjectStore(_root), atomic);
        var attempt = await RunLock.AcquireAsync(store, Date, "me", 1, _cfg.StaleLockAge, _cfg.LockHeartbeat, _time, logger, Ct);
        Assert.NotNull(attempt.Lock);
        var logged = logger.Collector.GetSnapshot().Where(l => l.Id.Id == RunLock.NoAtomicCreateEvent.Id).ToList();
        Assert.Equal(warnings, logged.Count);
        if (warnings > 0) Assert.StartsWith($"the store {_root} ignores conditional writes (If-None-Match)", logged[0].Message);
        await attempt.Lock.DisposeAsync();
    }

    /// <summary>A store reporting whether its create-if-absent is atomic (as the S3 probe does).</summary>
    private sealed class ConditionalWritesStore(IObjectStore inner, bool atomic) : IObjectStore
    {
        public string Location => inner.Location;
        public Task<bool> HasAtomicCreateAsync(CancellationToken ct) => Task.FromResult(atomic);
        public Task<byte[]?> GetAsync(string key, CancellationToken ct) => inner.GetAsync(key, ct);
        public Task<bool> ExistsAsync(string key, CancellationToken ct) => inner.ExistsAsync(key, ct);
        public Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct) => inner.PutAsync(key, content, ct);
        public Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct) => inner.PutIfAbsentAsync(key, content, ct);
        public Task DeleteAsync(string key, CancellationToken ct) => inner.DeleteAsync(key, ct);
        public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken ct) => inner.ListAsync(prefix, ct);
    }

    /// <summary>Answers the first lock listing and read from an old snapshot, then delegates.</summary>
    private sealed class StaleListingStore(IObjectStore inner, IReadOnlyList<string> oldKeys, RunLockInfo oldHolder) : IObjectStore
    {
        private int _lists, _gets;
        public string Location => inner.Location;
        public Task<byte[]?> GetAsync(string key, CancellationToken ct) => Interlocked.Increment(ref _gets) == 1
            ? Task.FromResult<byte[]?>(Encoding.UTF8.GetBytes(JsonConventions.Serialize(oldHolder)))
            : inner.GetAsync(key, ct);
        public Task<bool> ExistsAsync(string key, CancellationToken ct) => inner.ExistsAsync(key, ct);
        public Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct) => inner.PutAsync(key, content, ct);
        public Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct) => inner.PutIfAbsentAsync(key, content, ct);
        public Task DeleteAsync(string key, CancellationToken ct) => inner.DeleteAsync(key, ct);
        public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken ct) =>
            Interlocked.Increment(ref _lists) == 1 ? Task.FromResult(oldKeys) : inner.ListAsync(prefix, ct);
    }
}
