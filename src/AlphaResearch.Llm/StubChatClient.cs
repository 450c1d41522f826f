using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AlphaResearch.Llm;

/// <summary>
/// The offline provider: deterministic, no network. Tools offered and no tool result yet → 1–2 plausible tool
/// calls with schema-generated arguments; a JSON-schema response format → JSON that validates against it;
/// otherwise final text. Every free-text string carries "[DRY-RUN STUB]" (R6). Usage is estimated so the
/// ledger and governor work as in a real run.
/// </summary>
public sealed class StubChatClient(string modelId) : IChatClient
{
    public const string Marker = "[DRY-RUN STUB";

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var list = messages.ToList();
        var (conversation, system) = ConversationText(list, options);
        var gen = new DryRunContentGenerator(Marker, DryRunContentGenerator.ExtractTickers(conversation, system));
        string seed = system + conversation;
        bool hasToolResult = list.Any(m => m.Contents.Any(c => c is FunctionResultContent));
        var functions = options?.Tools?.OfType<AIFunctionDeclaration>().ToList() ?? [];

        ChatMessage reply;
        ChatFinishReason finish;
        if (functions.Count > 0 && !hasToolResult)
        {
            var calls = new List<AIContent>();
            foreach (var (f, i) in functions.Take(2).Select((f, i) => (f, i)))
            {
                var args = gen.Generate(f.JsonSchema)?.AsObject();
                var dict = args?.ToDictionary(kv => kv.Key, kv => (object?)(kv.Value is null ? null : JsonSerializer.Deserialize<JsonElement>(kv.Value.ToJsonString())))
                           ?? new Dictionary<string, object?>();
                calls.Add(new FunctionCallContent(DryRunContentGenerator.DeterministicId("toolu_stub_", seed, i), f.Name, dict));
            }
            reply = new ChatMessage(ChatRole.Assistant, calls);
            finish = ChatFinishReason.ToolCalls;
        }
        else if (options?.ResponseFormat is ChatResponseFormatJson { Schema: { } schema })
        {
            reply = new ChatMessage(ChatRole.Assistant, gen.Generate(schema)?.ToJsonString() ?? "null");
            finish = ChatFinishReason.Stop;
        }
        else
        {
            reply = new ChatMessage(ChatRole.Assistant, gen.FreeText($"deterministic stub answer ({list.Count} message(s) in, tickers: {string.Join(", ", gen.Tickers.DefaultIfEmpty("none"))})"));
            finish = ChatFinishReason.Stop;
        }

        long input = TokenEstimator.Estimate(list, options);
        long output = TokenEstimator.FromChars(ReplyChars(reply));
        var response = new ChatResponse(reply)
        {
            ModelId = options?.ModelId ?? modelId,
            FinishReason = finish,
            ResponseId = DryRunContentGenerator.DeterministicId("msg_stub_", seed, 0),
            Usage = new UsageDetails { InputTokenCount = input, OutputTokenCount = output, TotalTokenCount = input + output },
        };
        return Task.FromResult(response);
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (var u in response.ToChatResponseUpdates()) yield return u;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("stub", null, modelId)
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose() { }

    /// <summary>User and tool text (where the agent's tickers are), and the system text separately.</summary>
    private static (string Conversation, string System) ConversationText(List<ChatMessage> messages, ChatOptions? options)
    {
        var sb = new StringBuilder();
        foreach (var m in messages.Where(m => m.Role != ChatRole.System))
            foreach (var c in m.Contents)
                switch (c)
                {
                    case TextContent t: sb.AppendLine(t.Text); break;
                    case FunctionResultContent r: sb.AppendLine(r.Result?.ToString()); break;
                }
        var system = new StringBuilder();
        foreach (var m in messages.Where(m => m.Role == ChatRole.System)) system.AppendLine(m.Text);
        if (options?.Instructions is { } i) system.AppendLine(i);
        return (sb.ToString(), system.ToString());
    }

    private static long ReplyChars(ChatMessage reply) => reply.Contents.Sum(c => c switch
    {
        TextContent t => (long)t.Text.Length,
        FunctionCallContent f => f.Name.Length + JsonSerializer.Serialize(f.Arguments).Length,
        _ => 0L,
    });
}
