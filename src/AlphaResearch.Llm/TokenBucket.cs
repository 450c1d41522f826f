namespace AlphaResearch.Llm;

/// <summary>
/// A continuously refilling bucket (capacity = the per-minute limit, refill = limit/60 per second), the model
/// Anthropic documents for RPM/ITPM/OTPM. The level may go negative when actual usage exceeds what was reserved.
/// Not thread-safe: <see cref="ModelBudget"/> guards it.
/// </summary>
internal sealed class TokenBucket
{
    private long _lastTimestamp;

    public TokenBucket(string name, double perMinute, long nowTimestamp)
    {
        Name = name;
        Capacity = perMinute;
        Level = perMinute;
        _lastTimestamp = nowTimestamp;
    }

    public string Name { get; }
    public double Capacity { get; private set; }
    public double Level { get; private set; }
    public double RatePerSecond => Capacity / 60.0;

    public void Refill(long nowTimestamp, TimeProvider time)
    {
        double seconds = time.GetElapsedTime(_lastTimestamp, nowTimestamp).TotalSeconds;
        _lastTimestamp = nowTimestamp;
        if (seconds > 0) Level = Math.Min(Capacity, Level + seconds * RatePerSecond);
    }

    public bool Fits(double amount) => Level >= amount;

    /// <summary>Seconds until <paramref name="amount"/> fits (0 when it does now).</summary>
    public double SecondsUntil(double amount) => Fits(amount) ? 0 : (amount - Level) / RatePerSecond;

    public void Take(double amount) => Level -= amount;

    /// <summary>Gives back (positive) or charges (negative) a correction, never above capacity.</summary>
    public void Adjust(double delta) => Level = Math.Min(Capacity, Level + delta);

    /// <summary>The server says only <paramref name="remaining"/> is left: never believe we have more.</summary>
    public void CapAt(double remaining) => Level = Math.Min(Level, remaining);

    /// <summary>The server's own -limit header, once a response carried one (null: only the configured value is known).</summary>
    public double? ServerLimit { get; private set; }

    /// <summary>The server reports its limit; a smaller one than configured is adopted.</summary>
    public void LowerCapacity(double limit)
    {
        if (limit <= 0) return;
        ServerLimit = limit;
        if (limit >= Capacity) return;
        Capacity = limit;
        Level = Math.Min(Level, limit);
    }
}
