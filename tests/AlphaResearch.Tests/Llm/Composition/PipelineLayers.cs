using System.Reflection;
using Microsoft.Extensions.AI;

namespace AlphaResearch.Tests.Llm.Composition;

/// <summary>Walks a built pipeline outermost first (DelegatingChatClient keeps its inner client protected).</summary>
internal static class PipelineLayers
{
    private static readonly PropertyInfo Inner =
        typeof(DelegatingChatClient).GetProperty("InnerClient", BindingFlags.Instance | BindingFlags.NonPublic)!;

    public static List<IChatClient> Of(IChatClient client)
    {
        var layers = new List<IChatClient> { client };
        while (client is DelegatingChatClient d)
        {
            client = (IChatClient)Inner.GetValue(d)!;
            layers.Add(client);
        }
        return layers;
    }

    public static List<string> Names(IChatClient client) => Of(client).Select(c => c.GetType().Name).ToList();
}

/// <summary>A provider fake built only from public M.E.AI types: answers with usage, optionally after N 429s.</summary>
internal sealed class PublicFakeChatClient(string model, int rateLimitedCalls = 0) : IChatClient
{
    public int Calls { get; private set; }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Calls++;
        if (Calls <= rateLimitedCalls)
            return Task.FromException<ChatResponse>(new HttpRequestException("rate_limit_error: This request would exceed the rate limit", null, System.Net.HttpStatusCode.TooManyRequests));
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "fine"))
        {
            ModelId = options?.ModelId ?? model,
            Usage = new UsageDetails { InputTokenCount = 1_000, OutputTokenCount = 100 },
        });
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("not used by these tests");

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("fake", null, model) : null;

    public void Dispose() { }
}
