namespace AlphaResearch.Llm.Simulator;

/// <summary>
/// A clock that runs <c>scale</c> times faster than real time (scale 60: one simulated minute per real second).
/// The simulator and, in tests and the bench, the gateway share one instance, so buckets, latency, retry-after
/// and backoff all live in the same simulated time and results are independent of the scale.
/// </summary>
public sealed class ScaledTimeProvider : TimeProvider
{
    private readonly TimeProvider _real;
    private readonly DateTimeOffset _origin;
    private readonly long _realStart;

    public ScaledTimeProvider(double scale, TimeProvider? real = null)
    {
        if (!(scale > 0) || !double.IsFinite(scale)) throw new ArgumentOutOfRangeException(nameof(scale), scale, "time scale must be a positive number");
        Scale = scale;
        _real = real ?? System;
        _origin = _real.GetUtcNow();
        _realStart = _real.GetTimestamp();
    }

    public double Scale { get; }

    public override DateTimeOffset GetUtcNow() => _origin + TimeSpan.FromTicks((long)(_real.GetElapsedTime(_realStart).Ticks * Scale));

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => (long)(_real.GetElapsedTime(_realStart).Ticks * Scale);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ScaledTimer(_real.CreateTimer(callback, state, Shrink(dueTime), Shrink(period)), this);

    private TimeSpan Shrink(TimeSpan t) => t == Timeout.InfiniteTimeSpan ? t : TimeSpan.FromTicks((long)(t.Ticks / Scale));

    private sealed class ScaledTimer(ITimer inner, ScaledTimeProvider owner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(owner.Shrink(dueTime), owner.Shrink(period));
        public void Dispose() => inner.Dispose();
        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
