using System.Globalization;
using AlphaResearch.Llm;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace AlphaResearch.Scale;

/// <summary>
/// The organisation's budget in Redis, shared by every process that points at the same server and key prefix: per
/// model one hash (three buckets: requests, input and output tokens per minute), one FIFO queue of tickets and a
/// sequence, all under the hash tag {prefix:model} (one cluster slot). Every step is one Lua script
/// (<see cref="BudgetScripts"/>), so the three dimensions are taken atomically and first come is first served across
/// processes. A waiting ticket is kept alive by its polls; a dead process's ticket expires after
/// <see cref="RedisBudgetOptions.TicketTtl"/> and stops blocking the queue.
/// <para>
/// Redis unreachable: fail closed — calls wait, one clear log line per outage, and go on when it is back — unless
/// <see cref="RedisBudgetOptions.FallbackWorkers"/> is set: then they are admitted against a local budget of each
/// limit ÷ that number, so N workers together stay within the org's limit without Redis.
/// </para>
/// </summary>
public sealed class RedisBudgetStore : IBudgetStore, IAsyncDisposable
{
    private readonly IConnectionMultiplexer _redis;
    private readonly RedisBudgetOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly LocalFallbackBudget? _fallback;
    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
    private long _tickets;
    private int _down; // 1 while Redis is unreachable (logged once per outage)

    public RedisBudgetStore(IConnectionMultiplexer redis, RedisBudgetOptions options, TimeProvider time, ILogger logger)
    {
        _redis = redis;
        _options = options;
        _time = time;
        _logger = logger;
        _fallback = options.FallbackWorkers is > 0 and var n ? new LocalFallbackBudget(n, time) : null;
    }

    /// <summary>Connects without failing when Redis is down (the multiplexer reconnects; calls wait meanwhile).</summary>
    public static RedisBudgetStore Connect(RedisBudgetOptions options, TimeProvider time, ILogger logger)
    {
        var config = ConfigurationOptions.Parse(options.Endpoint);
        config.AbortOnConnectFail = false;
        config.ConnectTimeout = 2_000;
        config.SyncTimeout = config.AsyncTimeout = 2_000;
        config.ClientName = "alpha-research";
        return new RedisBudgetStore(ConnectionMultiplexer.Connect(config), options, time, logger);
    }

    public string Location => $"redis {_options.Endpoint}";

    public async Task<BudgetAdmission> AcquireAsync(string model, ModelRateLimits limits, long inputTokens, long outputTokens, CancellationToken ct)
    {
        long started = _time.GetTimestamp();
        string ticket = NewTicket();
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            long verdict, value, left;
            try
            {
                (verdict, value, left) = await TryAcquireOnceAsync(model, limits, inputTokens, outputTokens, ticket).ConfigureAwait(false);
                Recovered();
            }
            catch (Exception ex) when (IsUnreachable(ex))
            {
                if (_fallback is not null)
                {
                    Down(ex, $"admitting against a local budget of each limit ÷ {_options.FallbackWorkers}");
                    double fallbackLeft = await _fallback.AcquireAsync(model, limits, inputTokens, outputTokens, ct).ConfigureAwait(false);
                    return new BudgetAdmission(_time.GetElapsedTime(started), fallbackLeft);
                }
                Down(ex, "holding calls until it is back (fail closed)");
                await Task.Delay(_options.RetryWhenDown, _time, ct).ConfigureAwait(false);
                continue;
            }
            if (verdict == 1) return new BudgetAdmission(_time.GetElapsedTime(started), left);
            if (verdict == 2)
                throw new GovernorRejectedException(
                    $"the org budget of {model} in {Location} can never admit this call (~{inputTokens:N0} in / {outputTokens:N0} out): its {Dimension(value)} limit is below it (lowered by the server's headers); shorten the prompt or ask for a higher rate limit");
            // Not our turn: poll soon. Our turn but short of budget: sleep until it refills, but wake in time to keep the ticket alive.
            var wait = value < 0 ? _options.QueuePoll : TimeSpan.FromMilliseconds(value);
            var keepAlive = _options.TicketTtl / 3;
            await Task.Delay(wait < keepAlive ? wait : keepAlive, _time, ct).ConfigureAwait(false);
        }
    }

    internal string NewTicket() => $"{_owner}:{Interlocked.Increment(ref _tickets)}";

    /// <summary>One step of the queue: (1, 0) admitted, (0, ms) head must wait, (0, -1) not the head, (2, dim) never fits; and the input tokens left.</summary>
    internal async Task<(long Verdict, long Value, long InputLeft)> TryAcquireOnceAsync(string model, ModelRateLimits limits, long input, long output, string ticket)
    {
        var r = (RedisResult[])(await _redis.GetDatabase().ScriptEvaluateAsync(BudgetScripts.Acquire, Keys(model),
            [ticket, .. Limits(limits), input, output, (long)_options.TicketTtl.TotalMilliseconds, TicketPrefix(model)]).ConfigureAwait(false))!;
        return ((long)r[0], (long)r[1], (long)r[2]);
    }

    /// <summary>The liveness key of a waiting ticket (it expires when its process stops polling).</summary>
    internal string TicketKey(string model, string ticket) => TicketPrefix(model) + ticket;

    public async Task AdjustAsync(string model, ModelRateLimits limits, long inputDelta, long outputDelta, CancellationToken ct)
    {
        try
        {
            await _redis.GetDatabase().ScriptEvaluateAsync(BudgetScripts.Adjust, Keys(model), ["", .. Limits(limits), inputDelta, outputDelta]).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUnreachable(ex) && _fallback is not null)
        {
            _fallback.Adjust(model, limits, inputDelta, outputDelta);
        }
    }

    public async Task CorrectAsync(string model, ModelRateLimits limits, BudgetCorrection c, CancellationToken ct)
    {
        RedisValue V(double? d) => d is { } x ? x.ToString("R", CultureInfo.InvariantCulture) : "";
        try
        {
            await _redis.GetDatabase().ScriptEvaluateAsync(BudgetScripts.Correct, Keys(model),
                ["", .. Limits(limits), V(c.RequestsLimit), V(c.RequestsRemaining), V(c.InputTokensLimit), V(c.InputTokensRemaining),
                    V(c.OutputTokensLimit), V(c.OutputTokensRemaining), (long)c.Pause.TotalMilliseconds]).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUnreachable(ex) && _fallback is not null)
        {
            _fallback.Pause(model, limits, c.Pause);
        }
    }

    /// <summary>The model's shared state as Redis holds it now (for `status` and tests): capacity and level per dimension.</summary>
    public async Task<IReadOnlyDictionary<string, double>> SnapshotAsync(string model)
    {
        var entries = await _redis.GetDatabase().HashGetAllAsync(Keys(model)[0]).ConfigureAwait(false);
        return entries.ToDictionary(e => e.Name.ToString(), e => double.Parse(e.Value.ToString(), CultureInfo.InvariantCulture));
    }

    public async ValueTask DisposeAsync() => await _redis.DisposeAsync().ConfigureAwait(false);

    private RedisKey[] Keys(string model)
    {
        string tag = $"{{{_options.KeyPrefix}:{ModelPool.Of(model)}}}";
        return [$"ar:budget:{tag}", $"ar:queue:{tag}", $"ar:seq:{tag}"];
    }

    private string TicketPrefix(string model) => $"ar:ticket:{{{_options.KeyPrefix}:{ModelPool.Of(model)}}}:";

    private static RedisValue[] Limits(ModelRateLimits l) => [l.RequestsPerMinute, l.InputTokensPerMinute, l.OutputTokensPerMinute];

    private static string Dimension(long i) => i switch { 1 => "requests", 2 => "input-tokens", _ => "output-tokens" };

    private static bool IsUnreachable(Exception ex) => ex is RedisConnectionException or RedisTimeoutException;

    private void Down(Exception ex, string what)
    {
        if (Interlocked.Exchange(ref _down, 1) == 0)
            ScaleLog.RedisDown(_logger, _options.Endpoint, ex.GetType().Name, what);
    }

    private void Recovered()
    {
        if (Interlocked.Exchange(ref _down, 0) == 1)
            ScaleLog.RedisRecovered(_logger, _options.Endpoint);
    }
}
