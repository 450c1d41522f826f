namespace AlphaResearch.MarketData;

/// <summary>
/// SEC fair access: at most <c>requestsPerSecond</c> requests (10 by default) — a token bucket on a
/// <see cref="TimeProvider"/>, kept in its exact integer form (GCRA: a theoretical arrival time in ticks, so no
/// floating-point token ever falls a hair short of 1). With the default burst of 1 the requests are spaced
/// 1/rate apart, so no 1-second window holds more than <c>requestsPerSecond</c> of them.
/// </summary>
public sealed class EdgarRateLimiter
{
    public const double SecFairAccessPerSecond = 10;

    private readonly TimeProvider _time;
    private readonly long _intervalTicks;
    private readonly long _burstTicks;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _tat = long.MinValue; // theoretical arrival time of the next request (UTC ticks)

    public EdgarRateLimiter(TimeProvider time, double requestsPerSecond = SecFairAccessPerSecond, int burst = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(requestsPerSecond, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        _time = time;
        _intervalTicks = (long)Math.Ceiling(TimeSpan.TicksPerSecond / requestsPerSecond);
        _burstTicks = (burst - 1) * _intervalTicks;
    }

    /// <summary>Waits (on the TimeProvider) until a request may be sent, then takes its token.</summary>
    public async Task WaitAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            long now = _time.GetUtcNow().UtcTicks;
            long allowedAt = _tat == long.MinValue ? now : _tat - _burstTicks;
            if (allowedAt > now)
            {
                await Task.Delay(TimeSpan.FromTicks(allowedAt - now), _time, ct).ConfigureAwait(false);
                now = _time.GetUtcNow().UtcTicks;
            }
            _tat = Math.Max(_tat == long.MinValue ? now : _tat, now) + _intervalTicks;
        }
        finally
        {
            _gate.Release();
        }
    }
}
