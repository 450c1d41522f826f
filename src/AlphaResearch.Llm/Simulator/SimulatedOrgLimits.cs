namespace AlphaResearch.Llm.Simulator;

/// <summary>
/// The simulated organisation's buckets, enforced like the real service: a request is checked at its start
/// against RPM, ITPM (input + cache writes; cache reads are free) and OTPM (estimated from max_tokens), and
/// OTPM is corrected to the actual output when it ends.
/// </summary>
internal sealed class SimulatedOrgLimits
{
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly TokenBucket _rpm, _itpm, _otpm;

    public SimulatedOrgLimits(SimulatorOptions o, TimeProvider time)
    {
        _time = time;
        long now = time.GetTimestamp();
        _rpm = new TokenBucket("requests", o.RequestsPerMinute, now);
        _itpm = new TokenBucket("input tokens", o.InputTokensPerMinute, now);
        _otpm = new TokenBucket("output tokens", o.OutputTokensPerMinute, now);
    }

    /// <summary>Admit (and charge) or return which limit was hit and the seconds until the request would fit.</summary>
    public (bool Admitted, string? Limit, double RetryAfterSeconds) TryAdmit(long inputTokens, int maxTokens)
    {
        lock (_gate)
        {
            Refill();
            if (_rpm.Fits(1) && _itpm.Fits(inputTokens) && _otpm.Fits(maxTokens))
            {
                _rpm.Take(1);
                _itpm.Take(inputTokens);
                _otpm.Take(maxTokens);
                return (true, null, 0);
            }
            var (limit, bucket, need) = !_itpm.Fits(inputTokens) ? ("input tokens", _itpm, (double)inputTokens)
                : !_otpm.Fits(maxTokens) ? ("output tokens", _otpm, maxTokens) : ("requests", _rpm, 1d);
            double wait = need > bucket.Capacity ? 60 : bucket.SecondsUntil(need);
            return (false, $"{bucket.Capacity:0} {limit} per minute", wait);
        }
    }

    public void Settle(int reservedOutput, long actualOutput)
    {
        lock (_gate)
        {
            Refill();
            _otpm.Adjust(reservedOutput - actualOutput);
        }
    }

    /// <summary>anthropic-ratelimit-* headers: limit, remaining, reset (time the bucket is full again).</summary>
    public List<(string Name, string Value)> Headers(Func<double, DateTimeOffset> resetAt)
    {
        var list = new List<(string, string)>();
        lock (_gate)
        {
            Refill();
            foreach (var (dim, b) in new[] { ("requests", _rpm), ("input-tokens", _itpm), ("output-tokens", _otpm) })
            {
                list.Add(($"anthropic-ratelimit-{dim}-limit", ((long)b.Capacity).ToString(System.Globalization.CultureInfo.InvariantCulture)));
                list.Add(($"anthropic-ratelimit-{dim}-remaining", ((long)Math.Max(0, Math.Floor(b.Level))).ToString(System.Globalization.CultureInfo.InvariantCulture)));
                list.Add(($"anthropic-ratelimit-{dim}-reset", resetAt((b.Capacity - b.Level) / b.RatePerSecond).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture)));
            }
        }
        return list;
    }

    private void Refill()
    {
        long now = _time.GetTimestamp();
        _rpm.Refill(now, _time);
        _itpm.Refill(now, _time);
        _otpm.Refill(now, _time);
    }
}
