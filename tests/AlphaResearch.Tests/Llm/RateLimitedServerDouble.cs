using System.Globalization;
using AlphaResearch.Llm;
using Microsoft.Extensions.AI;

namespace AlphaResearch.Tests.Llm;

/// <summary>
/// A provider double that behaves like the Messages API's rate limiter, on an injected clock: it counts input
/// tokens by its OWN rule (<see cref="CountFactor"/> × our estimator, as a real tokenizer differs from ours), keeps
/// one continuously refilling input-token bucket per minute, answers with anthropic-ratelimit-* headers (left in the
/// call scope, as the HTTP handler does), and refuses with 429 + retry-after when the bucket cannot take the call.
/// </summary>
internal sealed class RateLimitedServerDouble(LlmCallScopes scopes, TimeProvider time, double limit, TimeSpan latency) : IChatClient, ITokenCounter
{
    private readonly object _gate = new();
    private readonly double itpm = limit;
    private double _level = limit;
    private long _last = time.GetTimestamp();

    public double CountFactor { get; init; } = 1.25;
    public int Requests { get; private set; }
    public int RateLimited { get; private set; }
    public int CountTokensCalls { get; private set; }
    public long ChargedInput { get; private set; }

    /// <summary>The server's size of a request (what usage and count_tokens report).</summary>
    public long Size(IEnumerable<ChatMessage> messages, ChatOptions? options) =>
        (long)Math.Ceiling(TokenEstimator.Estimate(messages, options) * CountFactor);

    public Task<long?> CountAsync(string model, IList<ChatMessage> messages, ChatOptions? options, CancellationToken ct)
    {
        lock (_gate) CountTokensCalls++;
        return Task.FromResult<long?>(Size(messages, options));
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        long size = Size(messages, options);
        Dictionary<string, string> headers;
        bool admitted;
        lock (_gate)
        {
            Requests++;
            Refill();
            admitted = _level >= size;
            if (admitted)
            {
                _level -= size;
                ChargedInput += size;
            }
            else RateLimited++;
            headers = Headers(admitted ? null : size);
        }
        if (!admitted)
        {
            scopes.Current?.RecordResponse(429, headers);
            throw new HttpRequestException("rate_limit_error", null, System.Net.HttpStatusCode.TooManyRequests);
        }
        await Task.Delay(latency, time, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            Refill();
            headers = Headers(null); // as sent with the response: the bucket as it is now
        }
        scopes.Current?.RecordResponse(200, headers);
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok"))
        {
            Usage = new UsageDetails { InputTokenCount = size, CachedInputTokenCount = 0, OutputTokenCount = 10 },
        };
    }

    private void Refill()
    {
        long now = time.GetTimestamp();
        _level = Math.Min(itpm, _level + time.GetElapsedTime(_last, now).TotalSeconds * itpm / 60);
        _last = now;
    }

    private Dictionary<string, string> Headers(long? refusedSize)
    {
        double perSecond = itpm / 60;
        var h = new Dictionary<string, string>
        {
            ["anthropic-ratelimit-input-tokens-limit"] = itpm.ToString("0", CultureInfo.InvariantCulture),
            ["anthropic-ratelimit-input-tokens-remaining"] = Math.Floor(_level).ToString("0", CultureInfo.InvariantCulture),
            ["anthropic-ratelimit-input-tokens-reset"] = time.GetUtcNow().AddSeconds((itpm - _level) / perSecond).ToString("O", CultureInfo.InvariantCulture),
        };
        if (refusedSize is { } s)
            h["retry-after"] = Math.Ceiling(s > itpm ? 60 : Math.Max(1, (s - _level) / perSecond)).ToString("0", CultureInfo.InvariantCulture);
        return h;
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("the rate-limit double answers non-streaming calls only");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;
    public void Dispose() { }
}
