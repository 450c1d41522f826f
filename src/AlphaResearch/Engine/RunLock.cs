using System.Globalization;
using System.Text;
using System.Text.Json;
using AlphaResearch.Archive;
using AlphaResearch.Domain;
using Microsoft.Extensions.Logging;

namespace AlphaResearch.Engine;

/// <summary>Contents of a run-lock generation: who runs the date, when it last showed signs of life, and when it let go.</summary>
public sealed record RunLockInfo(string Owner, int Pid, string Host, string Token, DateTimeOffset AcquiredAt, DateTimeOffset HeartbeatAt,
    DateTimeOffset? ReleasedAt = null);

/// <summary>The outcome of trying to take the run lock: the lock, or who holds it.</summary>
public sealed record RunLockAttempt(RunLock? Lock, RunLockInfo? Holder, bool TookOverStale);

/// <summary>
/// One active run per store and run date, as a chain of lock generations: <c>locks/D.lock</c> (generation 0), then
/// <c>locks/D.lock.g000001</c>, … The holder is the highest generation. Every generation is created with an atomic
/// create-if-absent (link(2) on the filesystem, <c>If-None-Match: *</c> on S3) and only ever rewritten by its creator
/// (heartbeat, release marker), so a takeover is a compare-and-swap: of N starters that saw the same dead, stale or
/// released generation K, exactly one creates K+1; the others find a live holder and are refused (BUSY).
/// The highest generation is never deleted (only lower ones are pruned), so the chain never goes back (no ABA): a
/// stale holder that wakes up only ever rewrites its own, lower, generation and loses the ownership check.
/// </summary>
public sealed class RunLock : IAsyncDisposable
{
    public static readonly EventId TakeoverEvent = new(4110, "RunLockTakeover");
    public static readonly EventId HeartbeatFailedEvent = new(4111, "RunLockHeartbeatFailed");
    public static readonly EventId NoAtomicCreateEvent = new(4112, "RunLockNotAtomic");
    public static readonly EventId LostEvent = new(4113, "RunLockLost");
    public static readonly EventId ReleaseFailedEvent = new(4114, "RunLockReleaseFailed");

    private const string GenerationMark = ".g";

    /// <summary>Tokens of the locks this process holds right now (a lock of our own pid not in here is a leftover).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> HeldInThisProcess = new(StringComparer.Ordinal);

    private readonly IObjectStore _store;
    private readonly DateOnly _runDate;
    private readonly string _key;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ITimer? _timer;
    private RunLockInfo _info;
    private bool _released;

    private RunLock(IObjectStore store, DateOnly runDate, string key, RunLockInfo info, TimeProvider time, ILogger logger)
    {
        _store = store;
        _runDate = runDate;
        _key = key;
        _info = info;
        _time = time;
        _logger = logger;
    }

    public RunLockInfo Info => _info;

    /// <summary>The generation this holder created.</summary>
    public string Key => _key;

    /// <summary>Generation 0 of a date's lock (also the prefix of every later generation).</summary>
    public static string KeyFor(DateOnly runDate) => $"locks/{runDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.lock";

    public static string GenerationKey(DateOnly runDate, int generation) =>
        generation == 0 ? KeyFor(runDate) : $"{KeyFor(runDate)}{GenerationMark}{generation.ToString("D6", CultureInfo.InvariantCulture)}";

    /// <param name="isProcessAlive">Whether a pid on this host is alive (default: the OS process table); a lock held by a
    /// dead process on this host (e.g. SIGKILLed) is taken over at once instead of after the stale age.</param>
    public static async Task<RunLockAttempt> AcquireAsync(IObjectStore store, DateOnly runDate, string owner, int pid,
        TimeSpan staleAge, TimeSpan heartbeat, TimeProvider time, ILogger logger, CancellationToken ct,
        Func<int, bool>? isProcessAlive = null)
    {
        isProcessAlive ??= ProcessAlive;
        var now = time.GetUtcNow();
        var mine = new RunLockInfo(owner, pid, Environment.MachineName, Guid.NewGuid().ToString("N"), now, now);
        byte[] bytes = Serialize(mine);

        if (!await store.HasAtomicCreateAsync(ct))
            RunLockLog.NotAtomic(logger, store.Location);

        int top = await HighestGenerationAsync(store, runDate, ct);
        bool tookOver = false;
        int candidate;
        if (top < 0)
        {
            candidate = 0;
        }
        else
        {
            var holder = await ReadAsync(store, GenerationKey(runDate, top), ct);
            bool released = holder?.ReleasedAt is not null;
            bool holderDead = holder is not null && !released && holder.Host == Environment.MachineName
                && (holder.Pid != pid ? !isProcessAlive(holder.Pid) : !HeldInThisProcess.ContainsKey(holder.Token)); // ours, but its release failed
            if (holder is not null && !released && !holderDead && now - holder.HeartbeatAt < staleAge) return new RunLockAttempt(null, holder, false);
            if (!released)
            {
                RunLockLog.Takeover(logger,
                    holderDead ? "dead holder's" : "stale", GenerationKey(runDate, top), holder?.Owner ?? "unreadable", holder?.Pid ?? 0,
                    holder?.HeartbeatAt ?? DateTimeOffset.MinValue);
                tookOver = true;
            }
            candidate = top + 1;
        }

        string key = GenerationKey(runDate, candidate);
        // The compare-and-swap: only one starter can create generation `candidate`.
        if (!await store.PutIfAbsentAsync(key, bytes, ct)) return await RefusedAsync(store, runDate, ct);
        // Created — but a starter that listed long ago may create a generation below one that already exists
        // (after a pruning). The highest generation is never deleted, so seeing a higher one means we lost.
        if (await HighestGenerationAsync(store, runDate, ct) != candidate)
        {
            await TryDeleteAsync(store, key);
            return await RefusedAsync(store, runDate, ct);
        }

        var runLock = new RunLock(store, runDate, key, mine, time, logger);
        HeldInThisProcess[mine.Token] = 0;
        await runLock.PruneBelowAsync(candidate, ct);
        runLock._timer = time.CreateTimer(_ => _ = runLock.BeatAsync(), null, heartbeat, heartbeat);
        return new RunLockAttempt(runLock, null, tookOver);
    }

    /// <summary>The current holder of a date's lock (the highest generation), or null when there is none or it was released.</summary>
    public static async Task<RunLockInfo?> ReadCurrentAsync(IObjectStore store, DateOnly runDate, CancellationToken ct)
    {
        int top = await HighestGenerationAsync(store, runDate, ct);
        if (top < 0) return null;
        var info = await ReadAsync(store, GenerationKey(runDate, top), ct);
        return info?.ReleasedAt is null ? info : null;
    }

    private static async Task<RunLockAttempt> RefusedAsync(IObjectStore store, DateOnly runDate, CancellationToken ct)
    {
        int top = await HighestGenerationAsync(store, runDate, ct);
        var holder = top < 0 ? null : await ReadAsync(store, GenerationKey(runDate, top), ct);
        return new RunLockAttempt(null, holder, false);
    }

    /// <summary>-1 when the date has no lock generation.</summary>
    private static async Task<int> HighestGenerationAsync(IObjectStore store, DateOnly runDate, CancellationToken ct) =>
        (await GenerationsAsync(store, runDate, ct)).DefaultIfEmpty(-1).Max();

    private static async Task<List<int>> GenerationsAsync(IObjectStore store, DateOnly runDate, CancellationToken ct)
    {
        string base0 = KeyFor(runDate);
        var generations = new List<int>();
        foreach (var key in await store.ListAsync(base0, ct))
        {
            if (key == base0) generations.Add(0);
            else if (key.StartsWith(base0 + GenerationMark, StringComparison.Ordinal)
                && int.TryParse(key.AsSpan(base0.Length + GenerationMark.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int n))
                generations.Add(n);
        }
        return generations;
    }

    private async Task PruneBelowAsync(int generation, CancellationToken ct)
    {
        // Lower generations are history; deleting them is safe because the highest one never moves back.
        foreach (int g in await GenerationsAsync(_store, _runDate, ct))
        {
            if (g < generation) await TryDeleteAsync(_store, GenerationKey(_runDate, g));
        }
    }

    private static async Task TryDeleteAsync(IObjectStore store, string key)
    {
        try
        {
            await store.DeleteAsync(key, CancellationToken.None);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Amazon.S3.AmazonS3Exception)
        {
            // A leftover lower generation is harmless: only the highest one counts.
        }
    }

    private static bool ProcessAlive(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    public static async Task<RunLockInfo?> ReadAsync(IObjectStore store, string key, CancellationToken ct)
    {
        var bytes = await store.GetAsync(key, ct);
        if (bytes is null) return null;
        try
        {
            return JsonSerializer.Deserialize<RunLockInfo>(bytes, JsonConventions.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Null while the lock is still ours; otherwise why not (another process took it over after our heartbeat
    /// went stale). Checked before publishing so two runs never both commit a date.
    /// </summary>
    public async Task<string?> CheckOwnershipAsync(CancellationToken ct)
    {
        int top = await HighestGenerationAsync(_store, _runDate, ct);
        var current = top < 0 ? null : await ReadAsync(_store, GenerationKey(_runDate, top), ct);
        if (current?.Token == _info.Token) return null;
        return current is null
            ? $"the run lock {_key} disappeared during the run — not publishing; re-run the same date (completed agents resume)"
            : $"the run lock {KeyFor(_runDate)} was taken over by {current.Owner} pid {current.Pid} during this run — not publishing";
    }

    /// <summary>Refreshes the heartbeat (called by the timer; public for tests and long synchronous steps).</summary>
    public async Task BeatAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_released) return;
            int top = await HighestGenerationAsync(_store, _runDate, CancellationToken.None);
            if (top >= 0 && GenerationKey(_runDate, top) != _key)
            {
                var current = await ReadAsync(_store, GenerationKey(_runDate, top), CancellationToken.None);
                // Someone took the lock over; our generation is history. The commit-time check refuses to publish.
                RunLockLog.Lost(_logger, KeyFor(_runDate), current?.Owner ?? "unknown", current?.Pid ?? 0);
                return;
            }
            _info = _info with { HeartbeatAt = _time.GetUtcNow() };
            await _store.PutAsync(_key, Serialize(_info), CancellationToken.None);
        }
        catch (Exception ex)
        {
            // A missed heartbeat only risks a takeover after the stale age; the run itself continues.
            RunLockLog.HeartbeatFailed(_logger, _key, ex.Message);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Marks our generation released (kept, not deleted: the highest generation never goes away, so a later
    /// starter creates the next one and no stale holder can come back).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        _timer?.Dispose();
        await _gate.WaitAsync();
        try
        {
            if (_released) return;
            _released = true;
            HeldInThisProcess.TryRemove(_info.Token, out _);
            int top = await HighestGenerationAsync(_store, _runDate, CancellationToken.None);
            if (GenerationKey(_runDate, top) == _key)
                await _store.PutAsync(_key, Serialize(_info with { ReleasedAt = _time.GetUtcNow() }), CancellationToken.None);
        }
        catch (Exception ex)
        {
            // Any failure here (permissions, network, timeout) only leaves the lock to go stale; it must never
            // replace the result of a run that has already ended.
            RunLockLog.ReleaseFailed(_logger, _key, ex.Message);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static byte[] Serialize(RunLockInfo info) => Encoding.UTF8.GetBytes(JsonConventions.Serialize(info, indented: true));
}
