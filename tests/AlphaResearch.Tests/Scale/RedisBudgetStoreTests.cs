using AlphaResearch.Llm;
using AlphaResearch.Scale;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace AlphaResearch.Tests.Scale;

/// <summary>
/// The org budget in a real redis-server: the three dimensions are taken together or not at all, first come first
/// served across stores (each store = one process), a dead process's ticket stops blocking, give-back and the server's
/// corrections are seen by every store, and Redis down fails closed (or falls back to limit ÷ workers).
/// </summary>
public sealed class RedisBudgetStoreTests : IAsyncDisposable
{
    private const string Model = "claude-haiku-4-5";
    private static readonly ModelRateLimits Limits = new() { RequestsPerMinute = 10, InputTokensPerMinute = 1_000, OutputTokensPerMinute = 100 };
    private readonly string _prefix = "test-" + Guid.NewGuid().ToString("N");
    private readonly FakeLogger _log = new();
    private readonly List<RedisBudgetStore> _stores = [];

    private RedisBudgetStore Process(TimeSpan? ticketTtl = null)
    {
        var store = RedisTestServer.Open(_prefix, _log, ticketTtl: ticketTtl);
        _stores.Add(store);
        return store;
    }

    private static (long, long) Head((long Verdict, long Value, long _) r) => (r.Verdict, r.Value);

    public async ValueTask DisposeAsync()
    {
        foreach (var s in _stores) await s.DisposeAsync();
    }

    [Fact]
    public async Task All_three_dimensions_are_taken_at_once_or_not_at_all()
    {
        var a = Process();
        Assert.Equal((1L, 0L, 400L), await a.TryAcquireOnceAsync(Model, Limits, 600, 50, a.NewTicket()));
        var after = await a.SnapshotAsync(Model);
        Assert.Equal(9, after["l1"], precision: 0);
        Assert.Equal(400, after["l2"], precision: 0);
        Assert.Equal(50, after["l3"], precision: 0);

        // Input fits, output does not (60 > ~50): nothing is taken, not even the request slot.
        var (verdict, waitMs, _) = await a.TryAcquireOnceAsync(Model, Limits, 100, 60, a.NewTicket());
        Assert.Equal(0, verdict);
        Assert.InRange(waitMs, 1, 7_000); // ~10 output tokens at 100/min
        var unchanged = await a.SnapshotAsync(Model);
        Assert.True(unchanged["l1"] >= 9 && unchanged["l2"] >= 400 && unchanged["l3"] >= 50, "a refused call took part of its budget");
    }

    [Fact]
    public async Task First_come_first_served_across_processes_and_a_dead_processes_ticket_stops_blocking()
    {
        var a = Process();
        var b = Process();
        string big = a.NewTicket(), small = b.NewTicket();
        Assert.Equal(1, (await a.TryAcquireOnceAsync(Model, Limits, 900, 10, big)).Verdict);
        // A second big call of process a queues first and must wait for the refill:
        string waiting = a.NewTicket();
        Assert.Equal(0, (await a.TryAcquireOnceAsync(Model, Limits, 900, 10, waiting)).Verdict);
        // b's small call would fit, but it came later: not its turn.
        Assert.Equal((0L, -1L), Head(await b.TryAcquireOnceAsync(Model, Limits, 50, 10, small)));

        // The ticket lives only as long as its process keeps polling…
        using var raw = RedisTestServer.Raw();
        var ttl = await raw.GetDatabase().KeyTimeToLiveAsync(a.TicketKey(Model, waiting));
        Assert.InRange(ttl!.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(6));
        // …and when it expires (process a died), b is next and admitted at once.
        await raw.GetDatabase().KeyDeleteAsync(a.TicketKey(Model, waiting));
        Assert.Equal((1L, 0L), Head(await b.TryAcquireOnceAsync(Model, Limits, 50, 10, small)));
    }

    [Fact]
    public async Task Give_back_and_server_corrections_are_seen_by_every_process()
    {
        var a = Process();
        var b = Process();
        Assert.Equal(1, (await a.TryAcquireOnceAsync(Model, Limits, 800, 50, a.NewTicket())).Verdict);
        await a.AdjustAsync(Model, Limits, 500, 40, CancellationToken.None); // the call used 300 in / 10 out
        var seen = await b.SnapshotAsync(Model);
        Assert.InRange(seen["l2"], 700, 1_000);
        Assert.InRange(seen["l3"], 90, 100);

        // A response's headers: the server has a lower input limit and less left; a 429 pauses everyone.
        await a.CorrectAsync(Model, Limits, new BudgetCorrection { InputTokensLimit = 600, InputTokensRemaining = 100, Pause = TimeSpan.FromSeconds(20) }, CancellationToken.None);
        var corrected = await b.SnapshotAsync(Model);
        Assert.Equal(600, corrected["c2"]);
        Assert.InRange(corrected["l2"], 0, 120);
        var (verdict, waitMs, left) = await b.TryAcquireOnceAsync(Model, Limits, 1, 1, b.NewTicket());
        Assert.InRange(left, 0, 120); // what the governor's own buckets follow
        Assert.Equal(0, verdict);
        Assert.InRange(waitMs, 15_000, 20_000);

        // Bigger than the lowered limit: refused at once, naming it, instead of queueing forever.
        var ex = await Assert.ThrowsAsync<GovernorRejectedException>(() => b.AcquireAsync(Model, Limits, 700, 1, CancellationToken.None));
        Assert.Contains("input-tokens limit", ex.Message);
    }

    [Fact]
    public async Task Redis_down_fails_closed_with_one_clear_log_line()
    {
        RedisTestServer.EndpointOrSkip();
        var time = new FakeTimeProvider();
        await using var store = RedisBudgetStore.Connect(new RedisBudgetOptions { Endpoint = "127.0.0.1:1", KeyPrefix = _prefix }, time, _log);
        using var cts = new CancellationTokenSource();
        var call = store.AcquireAsync(Model, Limits, 10, 10, cts.Token);

        for (int i = 0; i < 500 && !_log.Collector.GetSnapshot().Any(r => r.Level == LogLevel.Warning); i++) await Task.Delay(10, TestContext.Current.CancellationToken);
        var line = Assert.Single(_log.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning);
        Assert.Contains("Redis at 127.0.0.1:1 is unreachable", line.Message);
        Assert.Contains("holding calls until it is back (fail closed)", line.Message);
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.False(call.IsCompleted, "a call was admitted without the org budget");
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public async Task Redis_down_with_a_fallback_admits_against_limit_divided_by_workers()
    {
        RedisTestServer.EndpointOrSkip();
        await using var store = RedisBudgetStore.Connect(new RedisBudgetOptions { Endpoint = "127.0.0.1:1", KeyPrefix = _prefix, FallbackWorkers = 4 },
            new FakeTimeProvider(), _log);

        await store.AcquireAsync(Model, Limits, 200, 20, CancellationToken.None); // admitted without Redis: 250 in / 25 out per worker
        Assert.Contains(_log.Collector.GetSnapshot(), r => r.Message.Contains("admitting against a local budget of each limit ÷ 4", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_fallback_budget_is_each_limit_divided_by_the_workers_and_refills_on_the_clock()
    {
        var time = new FakeTimeProvider();
        var fallback = new LocalFallbackBudget(4, time);
        Assert.Equal([2.5, 250, 25], fallback.CapacityOf(Model, Limits));

        await fallback.AcquireAsync(Model, Limits, 200, 20, CancellationToken.None);
        var second = fallback.AcquireAsync(Model, Limits, 200, 20, CancellationToken.None);
        Assert.False(second.IsCompleted, "the fallback admitted more than the worker's share");
        time.Advance(TimeSpan.FromSeconds(30)); // 125 in / 12.5 out back: not yet
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(8)); // 200 in / 20 out after ~36 s
        await second;
    }
}
