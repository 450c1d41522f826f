using System.Collections.Concurrent;
using AlphaResearch.Llm;

namespace AlphaResearch.Scale;

/// <summary>
/// Redis down, fallback chosen: each model's three buckets in this process at limit ÷ workers, so that N workers
/// each on their own still stay within the org's limit. The same continuous-refill model; admission polls on the
/// injected clock.
/// </summary>
internal sealed class LocalFallbackBudget(int workers, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Buckets> _models = new(StringComparer.Ordinal);

    /// <summary>Admits against this process's share; returns the input tokens left in it.</summary>
    public async Task<double> AcquireAsync(string model, ModelRateLimits limits, long input, long output, CancellationToken ct)
    {
        var b = For(model, limits);
        while (true)
        {
            TimeSpan wait;
            lock (b)
            {
                b.Refill(time.GetTimestamp(), time);
                wait = b.WaitFor(input, output, time);
                if (wait <= TimeSpan.Zero)
                {
                    b.Take(input, output);
                    return b.Level[1];
                }
            }
            await Task.Delay(wait, time, ct).ConfigureAwait(false);
        }
    }

    public void Adjust(string model, ModelRateLimits limits, long inputDelta, long outputDelta)
    {
        var b = For(model, limits);
        lock (b)
        {
            b.Refill(time.GetTimestamp(), time);
            b.Level[1] = Math.Min(b.Capacity[1], b.Level[1] + inputDelta);
            b.Level[2] = Math.Min(b.Capacity[2], b.Level[2] + outputDelta);
        }
    }

    public void Pause(string model, ModelRateLimits limits, TimeSpan pause)
    {
        if (pause <= TimeSpan.Zero) return;
        var b = For(model, limits);
        lock (b) b.PausedUntil = Math.Max(b.PausedUntil, time.GetTimestamp() + (long)(pause.TotalSeconds * time.TimestampFrequency));
    }

    /// <summary>The fallback capacity per dimension (requests, input, output) of a model, for tests and logs.</summary>
    public double[] CapacityOf(string model, ModelRateLimits limits) => (double[])For(model, limits).Capacity.Clone();

    private Buckets For(string model, ModelRateLimits limits) => _models.GetOrAdd(ModelPool.Of(model), _ =>
        new Buckets([limits.RequestsPerMinute / (double)workers, limits.InputTokensPerMinute / (double)workers, limits.OutputTokensPerMinute / (double)workers],
            time.GetTimestamp()));

    private sealed class Buckets(double[] capacity, long now)
    {
        private long _last = now;
        public double[] Capacity { get; } = capacity;
        public double[] Level { get; } = (double[])capacity.Clone();
        public long PausedUntil { get; set; }

        public void Refill(long now, TimeProvider time)
        {
            double seconds = time.GetElapsedTime(_last, now).TotalSeconds;
            _last = now;
            for (int i = 0; i < 3; i++) Level[i] = Math.Min(Capacity[i], Level[i] + seconds * Capacity[i] / 60);
        }

        public TimeSpan WaitFor(long input, long output, TimeProvider time)
        {
            double[] need = [1, input, output];
            double seconds = 0;
            for (int i = 0; i < 3; i++)
            {
                // A call bigger than the fallback share still goes once the bucket is full (else it would wait forever).
                double n = Math.Min(need[i], Capacity[i]);
                if (Level[i] < n) seconds = Math.Max(seconds, (n - Level[i]) / (Capacity[i] / 60));
            }
            long now = _last;
            if (PausedUntil > now) seconds = Math.Max(seconds, (PausedUntil - now) / (double)time.TimestampFrequency);
            return seconds <= 0 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Math.Ceiling(seconds * 1000) + 1);
        }

        public void Take(long input, long output)
        {
            Level[0] -= 1;
            Level[1] -= input;
            Level[2] -= output;
        }
    }
}
