using Anthropic.Models.Messages;
using Microsoft.Extensions.AI;

namespace AlphaResearch.Llm;

/// <summary>
/// Anthropic prompt caching: puts a cache breakpoint (cache_control ephemeral) after the last system text and
/// after the last tool definition, so the stable prefix (tools + system) is written once and read at 0.1× price
/// by later calls. Works through the SDK's IChatClient adapter (AIContentCacheExtensions / Tool.CacheControl).
/// The caller's messages and tools are not mutated.
/// </summary>
internal sealed class PromptCachingChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (m, o) = Mark(messages, options);
        return base.GetResponseAsync(m, o, cancellationToken);
    }

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (m, o) = Mark(messages, options);
        return base.GetStreamingResponseAsync(m, o, cancellationToken);
    }

    internal static (List<ChatMessage>, ChatOptions?) Mark(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var list = messages.ToList();
        int lastSystem = list.FindLastIndex(m => m.Role == ChatRole.System && m.Contents.Any(c => c is TextContent));
        if (lastSystem >= 0)
        {
            var sys = list[lastSystem];
            var contents = sys.Contents.ToList();
            int lastText = contents.FindLastIndex(c => c is TextContent);
            contents[lastText] = new TextContent(((TextContent)contents[lastText]).Text).WithCacheControl(new CacheControlEphemeral());
            list[lastSystem] = new ChatMessage(sys.Role, contents) { AuthorName = sys.AuthorName, MessageId = sys.MessageId };
        }
        if (options?.Tools is { Count: > 0 } tools && tools[^1] is AIFunction last && last.AdditionalProperties.ContainsKey(nameof(Tool.CacheControl)) == false)
        {
            options = options.Clone();
            var copy = tools.ToList();
            copy[^1] = new CacheableFunction(last);
            options.Tools = copy;
        }
        return (list, options);
    }

    /// <summary>The same function, with a cache breakpoint after its definition.</summary>
    private sealed class CacheableFunction(AIFunction inner) : DelegatingAIFunction(inner)
    {
        private readonly IReadOnlyDictionary<string, object?> _props =
            new Dictionary<string, object?>(inner.AdditionalProperties) { [nameof(Tool.CacheControl)] = new CacheControlEphemeral() };

        public override IReadOnlyDictionary<string, object?> AdditionalProperties => _props;
    }
}
