using Anthropic.Models.Messages;
using Microsoft.Extensions.AI;

namespace AlphaResearch.Llm;

/// <summary>
/// Anthropic prompt caching with at most four breakpoints (cache_control ephemeral), in prefix order
/// tools → system → messages: after the last tool definition, after the last system text, and — when the
/// conversation continues (tools offered, or earlier turns) — on the latest message and on the message that was
/// latest in the previous round. In a ReAct loop each round's request then reads the previous round's whole prefix
/// from cache and writes only the new tail (assistant tool_use + tool_result).
/// A breakpoint goes only where the prefix reaches the model's minimum cacheable length (<see cref="CacheableLength"/>),
/// by our conservative estimate. Works through the SDK's IChatClient adapter (AIContentCacheExtensions /
/// Tool.CacheControl). The caller's messages and tools are not mutated.
/// </summary>
internal sealed class PromptCachingChatClient(IChatClient inner, string defaultModel) : DelegatingChatClient(inner)
{
    public const int MaxBreakpoints = 4;

    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (m, o) = Mark(messages, options, defaultModel);
        return base.GetResponseAsync(m, o, cancellationToken);
    }

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (m, o) = Mark(messages, options, defaultModel);
        return base.GetStreamingResponseAsync(m, o, cancellationToken);
    }

    internal static (List<ChatMessage>, ChatOptions?) Mark(IEnumerable<ChatMessage> messages, ChatOptions? options, string defaultModel)
    {
        var list = messages.ToList();
        int min = CacheableLength.MinTokens(options?.ModelId ?? defaultModel);
        int left = MaxBreakpoints;

        // Prefix sizes in request order: tools, then system (instructions + system messages), then each message.
        long toolTokens = options?.Tools is { Count: > 0 } t ? TokenEstimator.Estimate([], new ChatOptions { Tools = t }) : 0;
        var systemOnly = list.Where(m => m.Role == ChatRole.System).ToList();
        long systemPrefix = toolTokens + TokenEstimator.Estimate(systemOnly, new ChatOptions { Instructions = options?.Instructions });
        var conversation = Enumerable.Range(0, list.Count).Where(i => list[i].Role != ChatRole.System).ToList();

        // The latest messages first: they carry the most (each later breakpoint covers everything before it).
        var marked = new List<int>();
        long running = systemPrefix;
        var prefixAt = new Dictionary<int, long>();
        foreach (int i in conversation)
        {
            running += TokenEstimator.Estimate([list[i]], null);
            prefixAt[i] = running;
        }
        // Only a conversation that goes on (a tool loop, or a re-ask that already has turns) reads a message prefix
        // back; marking a one-shot prompt would pay the 1.25× cache-write price for nothing.
        bool continues = options?.Tools is { Count: > 0 } || conversation.Count > 1;
        foreach (int i in continues ? MessageBreakpoints(list) : [])
        {
            if (prefixAt[i] < min || LastCacheable(list[i]) < 0) continue;
            marked.Add(i);
        }
        left -= marked.Count;
        foreach (int i in marked) list[i] = WithBreakpoint(list[i]);

        int lastSystem = list.FindLastIndex(m => m.Role == ChatRole.System && m.Contents.Any(c => c is TextContent { Text.Length: > 0 }));
        if (lastSystem >= 0 && systemPrefix >= min && left > 0)
        {
            list[lastSystem] = WithBreakpoint(list[lastSystem]);
            left--;
        }
        if (options?.Tools is { Count: > 0 } tools && tools[^1] is AIFunction last && !last.AdditionalProperties.ContainsKey(nameof(Tool.CacheControl))
            && toolTokens >= min && left > 0)
        {
            options = options.Clone();
            var copy = tools.ToList();
            copy[^1] = new CacheableFunction(last);
            options.Tools = copy;
        }
        return (list, options);
    }

    /// <summary>
    /// The latest message, and the message that was latest in the previous request of this conversation (the one
    /// just before the last assistant turn) — exactly where that request put its breakpoint, so this request reads
    /// the whole previous prefix without relying on the server's 20-block lookback.
    /// </summary>
    private static IEnumerable<int> MessageBreakpoints(List<ChatMessage> list)
    {
        int latest = list.Count - 1;
        if (latest < 0 || list[latest].Role == ChatRole.System) yield break;
        yield return latest;
        int assistant = latest >= 1 ? list.FindLastIndex(latest - 1, m => m.Role == ChatRole.Assistant) : -1; // a lone message has no earlier turn
        if (assistant >= 1 && list[assistant - 1].Role != ChatRole.System) yield return assistant - 1;
    }

    /// <summary>Index of the content a breakpoint can go on (text with text, tool use, tool result), or -1.</summary>
    private static int LastCacheable(ChatMessage m)
    {
        var contents = m.Contents;
        for (int i = contents.Count - 1; i >= 0; i--)
            if (contents[i] is TextContent { Text.Length: > 0 } or FunctionCallContent or FunctionResultContent) return i;
        return -1;
    }

    /// <summary>A copy of the message with a breakpoint after its last cacheable block (empty text cannot be cached).</summary>
    private static ChatMessage WithBreakpoint(ChatMessage m)
    {
        var contents = m.Contents.ToList();
        int i = LastCacheable(m);
        contents[i] = contents[i] switch
        {
            TextContent t => new TextContent(t.Text).WithCacheControl(new CacheControlEphemeral()),
            FunctionCallContent f => new FunctionCallContent(f.CallId, f.Name, f.Arguments).WithCacheControl(new CacheControlEphemeral()),
            FunctionResultContent r => new FunctionResultContent(r.CallId, r.Result).WithCacheControl(new CacheControlEphemeral()),
            var other => other,
        };
        return new ChatMessage(m.Role, contents) { AuthorName = m.AuthorName, MessageId = m.MessageId };
    }

    /// <summary>The same function, with a cache breakpoint after its definition.</summary>
    private sealed class CacheableFunction(AIFunction inner) : DelegatingAIFunction(inner)
    {
        private readonly IReadOnlyDictionary<string, object?> _props =
            new Dictionary<string, object?>(inner.AdditionalProperties) { [nameof(Tool.CacheControl)] = new CacheControlEphemeral() };

        public override IReadOnlyDictionary<string, object?> AdditionalProperties => _props;
    }
}
