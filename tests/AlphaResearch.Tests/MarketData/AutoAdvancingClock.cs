using Microsoft.Extensions.Time.Testing;

namespace AlphaResearch.Tests.MarketData;

/// <summary>
/// A FakeTimeProvider whose time moves only when the code under test waits on it: creating a timer advances the
/// clock to the timer's due time (on the thread pool, after the caller has stored it). For a sequential client this
/// is exact virtual time — a 7-second Retry-After costs 7 virtual seconds and no real ones, and request times
/// stamped with this clock measure the rate limiter precisely.
/// </summary>
internal sealed class AutoAdvancingClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            var due = GetUtcNow() + dueTime;
            ThreadPool.QueueUserWorkItem(_ =>
            {
                var now = GetUtcNow();
                if (due > now) Advance(due - now);
            });
        }
        return timer;
    }
}
