using AlphaResearch.Llm;
using Microsoft.Extensions.AI;

namespace AlphaResearch.Tests.Llm;

/// <summary>
/// Provider fake for middleware tests: each call runs the next step of a script (throw, or answer), can leave
/// response headers in the call scope like the real HTTP handler does, and counts calls.
/// </summary>
internal sealed class SequenceChatClient(LlmCallScopes scopes, params Func<int, ChatResponse>[] steps) : IChatClient
{
    public int Calls { get; private set; }
    public List<ChatOptions?> SeenOptions { get; } = [];

    /// <summary>Headers the "server" sends with the response of call N (1-based); null → none.</summary>
    public Func<int, IReadOnlyDictionary<string, string>?> Headers { get; init; } = _ => null;

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Calls++;
        SeenOptions.Add(options);
        if (Headers(Calls) is { } h) scopes.Current?.RecordResponse(200, h);
        var step = steps[Math.Min(Calls, steps.Length) - 1];
        try
        {
            return Task.FromResult(step(Calls));
        }
        catch (Exception ex)
        {
            return Task.FromException<ChatResponse>(ex);
        }
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("streaming is not scripted in these tests");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;
    public void Dispose() { }

    public static ChatResponse Ok(string text = "REAL", long input = 100, long output = 10, long cacheRead = 0, long cacheWrite = 0) => new(new ChatMessage(ChatRole.Assistant, text))
    {
        Usage = new UsageDetails
        {
            InputTokenCount = input + cacheRead + cacheWrite,
            CachedInputTokenCount = cacheRead,
            OutputTokenCount = output,
            AdditionalCounts = cacheWrite > 0 ? new AdditionalPropertiesDictionary<long> { ["CacheCreationInputTokens"] = cacheWrite } : null,
        },
    };

    public static HttpRequestException Http(int status, string message = "rate_limit_error: This request would exceed the rate limit for your organization of 450,000 input tokens per minute") =>
        new(message, null, (System.Net.HttpStatusCode)status);
}

/// <summary>Drives a fake clock until a task finishes (the code under test only waits on that clock).</summary>
internal static class FakeClock
{
    public static async Task<T> RunAsync<T>(Microsoft.Extensions.Time.Testing.FakeTimeProvider time, Task<T> task, TimeSpan step, int maxSteps = 100_000)
    {
        for (int i = 0; i < maxSteps && !task.IsCompleted; i++)
        {
            await Task.Yield();
            if (task.IsCompleted) break;
            time.Advance(step);
        }
        return await task;
    }
}
