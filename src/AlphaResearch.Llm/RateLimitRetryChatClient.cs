using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AlphaResearch.Llm;

/// <summary>
/// R1: rides out 429 rate_limit_error and 529 overloaded_error until a per-call deadline. Everything else —
/// including a 429 that reports a spend limit — propagates at once, unchanged, without waiting.
/// Wait = retry-after (capped at 60 s) when the response sent one, else min(4·2^(n−1), 60) s; plus jitter of
/// up to min(wait, 5) s. Sits OUTSIDE the governor so every retry re-acquires budget.
/// </summary>
internal sealed class RateLimitRetryChatClient : DelegatingChatClient
{
    public const double MaxRetryAfterSeconds = 60;
    public const double MaxBackoffSeconds = 60;
    public const double MaxJitterSeconds = 5;

    private readonly TimeSpan _deadline;
    private readonly TimeProvider _time;
    private readonly Func<double> _unitRandom;
    private readonly LlmCallScopes _scopes;
    private readonly ILogger _logger;

    /// <param name="unitRandom">Jitter source returning [0, 1); tests pass () => 0.</param>
    public RateLimitRetryChatClient(IChatClient inner, TimeSpan deadline, TimeProvider time, LlmCallScopes scopes,
        Func<double>? unitRandom = null, ILogger? logger = null) : base(inner)
    {
        _deadline = deadline;
        _time = time;
        _scopes = scopes;
        _unitRandom = unitRandom ?? new Random().NextDouble;
        _logger = logger ?? NullLogger.Instance;
    }

    public TimeSpan Deadline => _deadline;

    /// <summary>Outer layers of the same pipeline find the shared call scopes here.</summary>
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType == typeof(LlmCallScopes) ? _scopes : base.GetService(serviceType, serviceKey);
    }

    /// <summary>The wait before retry number <paramref name="failedAttempt"/>+1, before jitter.</summary>
    public static double BaseDelaySeconds(int failedAttempt, double? retryAfterSeconds) =>
        retryAfterSeconds is { } ra
            ? Math.Clamp(ra, 0, MaxRetryAfterSeconds)
            : Math.Min(4 * Math.Pow(2, failedAttempt - 1), MaxBackoffSeconds);

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var scope = _scopes.Ensure();
        var tag = options.GetTag();
        long start = Begin(scope);
        int attempt = 0;
        while (true)
        {
            attempt++;
            scope.Attempts++;
            scope.ClearResponse();
            try
            {
                return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (RateLimitClassifier.Classify(ex) is RateLimitKind.RateLimited or RateLimitKind.Overloaded
                                        && !cancellationToken.IsCancellationRequested)
            {
                await WaitBeforeRetryAsync(ex, tag, attempt, start, scope, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // A stream is retried only until its first update arrives: after that, text has been handed out.
        var scope = _scopes.Ensure();
        var tag = options.GetTag();
        long start = Begin(scope);
        int attempt = 0;
        IAsyncEnumerator<ChatResponseUpdate> e;
        bool hasFirst;
        while (true)
        {
            attempt++;
            scope.Attempts++;
            scope.ClearResponse();
            e = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
            try
            {
                hasFirst = await e.MoveNextAsync().ConfigureAwait(false);
                break;
            }
            catch (Exception ex) when (RateLimitClassifier.Classify(ex) is RateLimitKind.RateLimited or RateLimitKind.Overloaded
                                        && !cancellationToken.IsCancellationRequested)
            {
                await e.DisposeAsync().ConfigureAwait(false);
                await WaitBeforeRetryAsync(ex, tag, attempt, start, scope, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await e.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        await using (e.ConfigureAwait(false))
        {
            if (!hasFirst) yield break;
            yield return e.Current;
            while (await e.MoveNextAsync().ConfigureAwait(false)) yield return e.Current;
        }
    }

    private long Begin(LlmCallScope scope)
    {
        long start = _time.GetTimestamp();
        scope.StartedAt = start;
        scope.Deadline = _deadline;
        return start;
    }

    private async Task WaitBeforeRetryAsync(Exception ex, CallTag tag, int attempt, long start, LlmCallScope scope, CancellationToken ct)
    {
        double? retryAfter = RateLimitClassifier.RetryAfterSeconds(scope.LastHeaders, _time.GetUtcNow());
        double delay = BaseDelaySeconds(attempt, retryAfter);
        double wait = delay + _unitRandom() * Math.Min(delay, MaxJitterSeconds);
        var elapsed = _time.GetElapsedTime(start);
        if (elapsed + TimeSpan.FromSeconds(wait) >= _deadline)
        {
            LlmLog.RetryDeadlineExceeded(_logger, tag.Label, tag.AgentId, RateLimitClassifier.Describe(ex), attempt, wait, _deadline.TotalMinutes);
            throw new RateLimitDeadlineExceededException(tag.AgentId, tag.Label, attempt, _deadline, ex);
        }
        WaitLog.Write(_logger, tag, StatusOf(ex), TimeSpan.FromSeconds(wait), attempt, _deadline - elapsed, _deadline);
        scope.RateLimitWaits++;
        scope.RateLimitWaitSeconds += wait;
        scope.Waits.Add(wait);
        await Task.Delay(TimeSpan.FromSeconds(wait), _time, ct).ConfigureAwait(false);
    }

    private static string StatusOf(Exception ex) => RateLimitClassifier.Classify(ex) == RateLimitKind.Overloaded ? "529 overloaded" : "429";
}
