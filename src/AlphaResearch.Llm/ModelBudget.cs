using System.Globalization;

namespace AlphaResearch.Llm;

/// <summary>
/// One model's org budget: RPM, ITPM and OTPM buckets shared by every concurrent call. Admission is strictly
/// FIFO — a large call at the head is not overtaken by small ones behind it, so it cannot starve. A 429 seen by
/// any caller pauses admissions for every caller of the model until its retry-after has passed.
/// </summary>
internal sealed class ModelBudget : IDisposable
{
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly LinkedList<Waiter> _queue = new();
    private readonly ITimer _timer;
    private long _pausedUntil;
    private readonly bool _probeFirst;
    private bool _heardFromServer, _probeOut;
    private readonly SharedBudget? _shared;
    private readonly ModelRateLimits _limits;

    /// <param name="probeFirst">
    /// Until the first response (its headers carry the server's real limits), admit one call at a time: a configured
    /// limit above the org's would otherwise let the opening burst overrun it before anything corrects us.
    /// </param>
    public ModelBudget(string model, ModelRateLimits limits, TimeProvider time, bool probeFirst = false, SharedBudget? shared = null)
    {
        _probeFirst = probeFirst;
        _shared = shared;
        _limits = limits;
        Model = model;
        _time = time;
        long now = time.GetTimestamp();
        Requests = new TokenBucket("requests/min", limits.RequestsPerMinute, now);
        InputTokens = new TokenBucket("input tokens/min", limits.InputTokensPerMinute, now);
        OutputTokens = new TokenBucket("output tokens/min", limits.OutputTokensPerMinute, now);
        _timer = time.CreateTimer(_ => Pump(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public string Model { get; }

    /// <summary>How the server's token counts compare with our estimates for this model (learned online).</summary>
    public TokenCalibration Calibration { get; } = new();

    public void Dispose() => _timer.Dispose();
    internal TokenBucket Requests { get; }
    internal TokenBucket InputTokens { get; }
    internal TokenBucket OutputTokens { get; }
    public int QueueLength { get { lock (_gate) return _queue.Count; } }

    public async Task<GovernorLease> AcquireAsync(long inputTokens, long outputTokens, CancellationToken ct)
    {
        var lease = await AcquireLocalAsync(inputTokens, outputTokens, ct).ConfigureAwait(false);
        if (_shared is null) return lease;
        // This process's queue decided our turn here; the org's budget, shared with every other process, decides now.
        try
        {
            var admission = await _shared.AcquireAsync(Model, _limits, inputTokens, outputTokens, ct).ConfigureAwait(false);
            // Our buckets follow the org's: the next call's size check (count_tokens near the edge) sees what is really left.
            lock (_gate) InputTokens.CapAt(admission.InputTokensLeft);
            return lease with { Waited = lease.Waited + admission.Waited };
        }
        catch
        {
            GiveBackLocal(lease);
            throw;
        }
    }

    private async Task<GovernorLease> AcquireLocalAsync(long inputTokens, long outputTokens, CancellationToken ct)
    {
        Waiter w;
        lock (_gate)
        {
            EnsureCanEverFit(inputTokens, outputTokens);
            long now = _time.GetTimestamp();
            RefillAll(now);
            if (_queue.Count == 0 && FitsAll(inputTokens, outputTokens))
            {
                TakeAll(inputTokens, outputTokens);
                _probeOut = true;
                return new GovernorLease(Model, inputTokens, outputTokens, TimeSpan.Zero);
            }
            w = new Waiter(inputTokens, outputTokens, now);
            w.Node = _queue.AddLast(w);
            ScheduleLocked();
        }
        using (ct.Register(() => Cancel(w)))
        {
            return await w.Completion.Task.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// After the call: give back (or charge) the difference between the reservation and actual usage. ITPM counts
    /// uncached input + cache writes; cache reads do not count (current models).
    /// </summary>
    public void Reconcile(GovernorLease lease, long actualUncachedInput, long actualOutput)
    {
        lock (_gate)
        {
            RefillAll(_time.GetTimestamp());
            _heardFromServer = true;
            InputTokens.Adjust(lease.EstimatedInputTokens - actualUncachedInput);
            OutputTokens.Adjust(lease.ReservedOutputTokens - actualOutput);
        }
        _shared?.Adjust(Model, _limits, lease.EstimatedInputTokens - actualUncachedInput, lease.ReservedOutputTokens - actualOutput);
        Pump();
    }

    /// <summary>The shared budget refused (cancelled, or its store failed): the local reservation goes back untouched.</summary>
    private void GiveBackLocal(GovernorLease lease)
    {
        lock (_gate)
        {
            RefillAll(_time.GetTimestamp());
            Requests.Adjust(1);
            InputTokens.Adjust(lease.EstimatedInputTokens);
            OutputTokens.Adjust(lease.ReservedOutputTokens);
            _probeOut = false;
        }
        Pump();
    }

    /// <summary>
    /// Corrects the buckets from anthropic-ratelimit-* response headers (the server's view of the org). A 429 also
    /// pauses the whole model — every caller, not just the one that got it — until its retry-after has passed.
    /// </summary>
    public void CorrectFromHeaders(int status, IReadOnlyDictionary<string, string> headers)
    {
        lock (_gate)
        {
            long now = _time.GetTimestamp();
            RefillAll(now);
            _heardFromServer = true;
            Apply(headers, "requests", Requests);
            Apply(headers, "input-tokens", InputTokens);
            Apply(headers, "output-tokens", OutputTokens);
            if (status == 429 && RateLimitClassifier.RetryAfterSeconds(headers, _time.GetUtcNow()) is { } ra && ra > 0)
            {
                long until = now + (long)(Math.Min(ra, RateLimitRetryChatClient.MaxRetryAfterSeconds) * _time.TimestampFrequency);
                _pausedUntil = Math.Max(_pausedUntil, until);
            }
        }
        _shared?.Correct(Model, _limits, status, headers);
        Pump();
    }

    /// <summary>Current input-token level and capacity (after refill), for the count_tokens decision.</summary>
    public (double Level, double Capacity) InputSnapshot()
    {
        lock (_gate)
        {
            RefillAll(_time.GetTimestamp());
            return (InputTokens.Level, InputTokens.Capacity);
        }
    }

    /// <summary>Seconds until a 429's retry-after ends (0 when not paused).</summary>
    private double PausedSeconds(long now) => _pausedUntil > now ? (double)(_pausedUntil - now) / _time.TimestampFrequency : 0;

    /// <summary>Headers are at most this old when read; bounds how much refill since then we credit.</summary>
    internal const double MaxHeaderAgeSeconds = 2;

    private void Apply(IReadOnlyDictionary<string, string> headers, string dim, TokenBucket bucket)
    {
        if (headers.TryGetValue($"anthropic-ratelimit-{dim}-limit", out var l) && double.TryParse(l, NumberStyles.Float, CultureInfo.InvariantCulture, out var limit))
            bucket.LowerCapacity(limit);
        if (!headers.TryGetValue($"anthropic-ratelimit-{dim}-remaining", out var r) || !double.TryParse(r, NumberStyles.Float, CultureInfo.InvariantCulture, out var remaining))
            return;
        // "remaining" is the server's level when it wrote the response; it has refilled since. "reset" (the time the
        // bucket is full again) lets us bring it forward to now — bounded, so clock skew cannot inflate it.
        double serverNow = remaining;
        if (headers.TryGetValue($"anthropic-ratelimit-{dim}-reset", out var reset)
            && DateTimeOffset.TryParse(reset, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var resetAt))
        {
            double fromReset = bucket.Capacity - Math.Max(0, (resetAt - _time.GetUtcNow()).TotalSeconds) * bucket.RatePerSecond;
            serverNow = Math.Clamp(fromReset, remaining, remaining + MaxHeaderAgeSeconds * bucket.RatePerSecond);
        }
        bucket.CapAt(serverNow);
    }

    private void EnsureCanEverFit(long input, long output)
    {
        if (WhyItCanNeverFit(input, output) is { } why) throw new GovernorRejectedException(why);
    }

    /// <summary>Why a call of this size can never be admitted (after headers lowered a capacity), or null.</summary>
    public string? NeverFits(long input, long output)
    {
        lock (_gate) return WhyItCanNeverFit(input, output);
    }

    /// <summary>Null when the call fits a whole bucket; else the reason it never will (capacities can shrink from headers).</summary>
    private string? WhyItCanNeverFit(long input, long output)
    {
        if (input > InputTokens.Capacity)
            return InputTokens.ServerLimit is { } server && server <= InputTokens.Capacity
                ? $"a call to {Model} needs ~{input:N0} input tokens but the server's input-tokens limit is {server:N0}/min (anthropic-ratelimit-input-tokens-limit), so it can never be admitted; shorten the prompt or ask for a higher rate limit"
                : $"governor: a call to {Model} needs ~{input:N0} input tokens but the whole input-tokens/min budget is {InputTokens.Capacity:N0}; shorten the prompt or raise llm.rate_limits.{Model}.input_tokens_per_minute";
        if (output > OutputTokens.Capacity)
            return $"governor: a call to {Model} reserves max_tokens {output:N0} but the whole output-tokens/min budget is {OutputTokens.Capacity:N0}; lower max output tokens or raise llm.rate_limits.{Model}.output_tokens_per_minute";
        if (Requests.Capacity < 1)
            return $"governor: requests/min for {Model} is {Requests.Capacity}; set llm.rate_limits.{Model}.requests_per_minute ≥ 1";
        return null;
    }

    private void RefillAll(long now)
    {
        Requests.Refill(now, _time);
        InputTokens.Refill(now, _time);
        OutputTokens.Refill(now, _time);
    }

    private bool FitsAll(long input, long output) =>
        !(_probeFirst && !_heardFromServer && _probeOut) && PausedSeconds(_time.GetTimestamp()) <= 0 && Requests.Fits(1) && InputTokens.Fits(input) && OutputTokens.Fits(output);

    private void TakeAll(long input, long output)
    {
        Requests.Take(1);
        InputTokens.Take(input);
        OutputTokens.Take(output);
    }

    private void Pump()
    {
        List<(Waiter W, GovernorLease L)> admitted = [];
        List<(Waiter W, string Why)> rejected = [];
        lock (_gate)
        {
            long now = _time.GetTimestamp();
            RefillAll(now);
            while (_queue.First is { } node)
            {
                var w = node.Value;
                // The server's headers may have lowered a capacity below what a queued call needs: it would wait forever.
                var why = WhyItCanNeverFit(w.Input, w.Output);
                if (why is null && !FitsAll(w.Input, w.Output)) break;
                _queue.RemoveFirst();
                w.Node = null;
                if (why is not null)
                {
                    rejected.Add((w, why));
                    continue;
                }
                TakeAll(w.Input, w.Output);
                _probeOut = true;
                admitted.Add((w, new GovernorLease(Model, w.Input, w.Output, _time.GetElapsedTime(w.EnqueuedAt, now))));
            }
            ScheduleLocked();
        }
        foreach (var (w, why) in rejected) w.Completion.TrySetException(new GovernorRejectedException(why));
        foreach (var (w, lease) in admitted) w.Completion.TrySetResult(lease);
    }

    private void ScheduleLocked()
    {
        // While the probe call is out, its response (or failure) pumps the queue: no timer needed.
        if (_queue.First is not { } head || (_probeFirst && !_heardFromServer && _probeOut))
        {
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }
        double seconds = Math.Max(PausedSeconds(_time.GetTimestamp()),
            Math.Max(Requests.SecondsUntil(1), Math.Max(InputTokens.SecondsUntil(head.Value.Input), OutputTokens.SecondsUntil(head.Value.Output))));
        // Round up to the next millisecond so the bucket has really refilled when the timer fires.
        var due = TimeSpan.FromMilliseconds(Math.Ceiling(seconds * 1000) + 1);
        _timer.Change(due, Timeout.InfiniteTimeSpan);
    }

    private void Cancel(Waiter w)
    {
        bool removed;
        lock (_gate)
        {
            removed = w.Node is not null;
            if (removed)
            {
                _queue.Remove(w.Node!);
                w.Node = null;
            }
        }
        if (removed)
        {
            w.Completion.TrySetCanceled();
            Pump(); // the head may have changed
        }
    }

    private sealed class Waiter(long input, long output, long enqueuedAt)
    {
        public long Input { get; } = input;
        public long Output { get; } = output;
        public long EnqueuedAt { get; } = enqueuedAt;
        public LinkedListNode<Waiter>? Node { get; set; }
        public TaskCompletionSource<GovernorLease> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
