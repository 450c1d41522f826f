using System.Globalization;
using System.Text;
using System.Text.Json;
using AlphaResearch.Archive;
using AlphaResearch.Domain;
using Microsoft.Extensions.Logging;

namespace AlphaResearch.Engine;

/// <summary>Contents of locks/{run_date}.lock: who runs the date and when it last showed signs of life.</summary>
public sealed record RunLockInfo(string Owner, int Pid, string Host, string Token, DateTimeOffset AcquiredAt, DateTimeOffset HeartbeatAt);

/// <summary>The outcome of trying to take the run lock: the lock, or who holds it.</summary>
public sealed record RunLockAttempt(RunLock? Lock, RunLockInfo? Holder, bool TookOverStale);

/// <summary>
/// One active run per store and run date. Created with a conditional put; the holder refreshes a
/// heartbeat; a lock whose heartbeat is older than the stale age (holder presumed killed) is taken
/// over. On stores without real conditional writes (s3rver) two simultaneous starters can both win:
/// best effort, re-read after writing narrows the window.
/// </summary>
public sealed class RunLock : IAsyncDisposable
{
    public static readonly EventId TakeoverEvent = new(4110, "RunLockTakeover");
    public static readonly EventId HeartbeatFailedEvent = new(4111, "RunLockHeartbeatFailed");

    private readonly IObjectStore _store;
    private readonly string _key;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ITimer? _timer;
    private RunLockInfo _info;
    private bool _released;

    private RunLock(IObjectStore store, string key, RunLockInfo info, TimeProvider time, ILogger logger)
    {
        _store = store;
        _key = key;
        _info = info;
        _time = time;
        _logger = logger;
    }

    public RunLockInfo Info => _info;

    public static string KeyFor(DateOnly runDate) => $"locks/{runDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.lock";

    /// <param name="isProcessAlive">Whether a pid on this host is alive (default: the OS process table); a lock held by a
    /// dead process on this host (e.g. SIGKILLed) is taken over at once instead of after the stale age.</param>
    public static async Task<RunLockAttempt> AcquireAsync(IObjectStore store, DateOnly runDate, string owner, int pid,
        TimeSpan staleAge, TimeSpan heartbeat, TimeProvider time, ILogger logger, CancellationToken ct,
        Func<int, bool>? isProcessAlive = null)
    {
        isProcessAlive ??= ProcessAlive;
        string key = KeyFor(runDate);
        var now = time.GetUtcNow();
        var mine = new RunLockInfo(owner, pid, Environment.MachineName, Guid.NewGuid().ToString("N"), now, now);

        bool tookOver = false;
        if (!await store.PutIfAbsentAsync(key, Serialize(mine), ct))
        {
            var holder = await ReadAsync(store, key, ct);
            bool holderDead = holder is not null && holder.Host == Environment.MachineName && holder.Pid != pid && !isProcessAlive(holder.Pid);
            if (holder is not null && !holderDead && now - holder.HeartbeatAt < staleAge) return new RunLockAttempt(null, holder, false);
            logger.LogWarning(TakeoverEvent, "taking over {Why} run lock {Key} (holder {Owner} pid {Pid}, last heartbeat {Heartbeat:o})",
                holderDead ? "dead holder's" : "stale", key, holder?.Owner ?? "unreadable", holder?.Pid ?? 0, holder?.HeartbeatAt ?? DateTimeOffset.MinValue);
            await store.PutAsync(key, Serialize(mine), ct);
            tookOver = true;
        }
        // Read back: whoever wrote last owns the lock.
        var current = await ReadAsync(store, key, ct);
        if (current?.Token != mine.Token) return new RunLockAttempt(null, current, false);

        var runLock = new RunLock(store, key, mine, time, logger);
        runLock._timer = time.CreateTimer(_ => _ = runLock.BeatAsync(), null, heartbeat, heartbeat);
        return new RunLockAttempt(runLock, null, tookOver);
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
        var current = await ReadAsync(_store, _key, ct);
        if (current?.Token == _info.Token) return null;
        return current is null
            ? $"the run lock {_key} disappeared during the run — not publishing; re-run the same date (completed agents resume)"
            : $"the run lock {_key} was taken over by {current.Owner} pid {current.Pid} during this run — not publishing";
    }

    /// <summary>Refreshes the heartbeat (called by the timer; public for tests and long synchronous steps).</summary>
    public async Task BeatAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_released) return;
            var current = await ReadAsync(_store, _key, CancellationToken.None);
            if (current is not null && current.Token != _info.Token)
            {
                // Someone took the lock over; never overwrite theirs. The commit-time check refuses to publish.
                _logger.LogWarning(HeartbeatFailedEvent, "run lock {Key} was taken over by {Owner} pid {Pid}; heartbeat stopped", _key, current.Owner, current.Pid);
                return;
            }
            _info = _info with { HeartbeatAt = _time.GetUtcNow() };
            await _store.PutAsync(_key, Serialize(_info), CancellationToken.None);
        }
        catch (Exception ex)
        {
            // A missed heartbeat only risks a takeover after the stale age; the run itself continues.
            _logger.LogWarning(HeartbeatFailedEvent, "run lock heartbeat failed for {Key}: {Error}", _key, ex.Message);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _timer?.Dispose();
        await _gate.WaitAsync();
        try
        {
            if (_released) return;
            _released = true;
            var current = await ReadAsync(_store, _key, CancellationToken.None);
            if (current?.Token == _info.Token) await _store.DeleteAsync(_key, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // Any failure here (permissions, network, timeout) only leaves the lock to go stale; it must never
            // replace the result of a run that has already ended.
            _logger.LogWarning(HeartbeatFailedEvent, "could not release run lock {Key}: {Error} (it goes stale on its own)", _key, ex.Message);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static byte[] Serialize(RunLockInfo info) => Encoding.UTF8.GetBytes(JsonConventions.Serialize(info, indented: true));
}
