using System.Text.Json;
using System.Text.Json.Nodes;
using Anthropic;
using Anthropic.Models.Messages;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AlphaResearch.Llm;

/// <summary>
/// <see cref="ITokenCounter"/> over the SDK's <c>client.Messages.CountTokens</c> (POST /v1/messages/count_tokens,
/// free, its own rate limit). The request mirrors what the chat adapter sends — system, messages (text, tool_use,
/// tool_result), tools and the output schema — so the count is the one the server will charge. Any failure
/// returns null: counting is an optimisation, never a reason to fail the call.
/// </summary>
internal sealed class AnthropicTokenCounter(IAnthropicClient client, ILogger? logger = null) : ITokenCounter
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    public async Task<long?> CountAsync(string model, IList<ChatMessage> messages, ChatOptions? options, CancellationToken ct)
    {
        try
        {
            var body = Body(model, messages, options);
            var raw = body.ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value));
            var p = MessageCountTokensParams.FromRawUnchecked(new Dictionary<string, JsonElement>(), new Dictionary<string, JsonElement>(), raw);
            var count = await client.Messages.CountTokens(p, ct).ConfigureAwait(false);
            return count.InputTokens;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LlmLog.CountTokensFailed(_logger, model, RateLimitClassifier.Describe(ex));
            return null;
        }
    }

    /// <summary>The count_tokens request body (Messages API shape).</summary>
    internal static JsonObject Body(string model, IList<ChatMessage> messages, ChatOptions? options)
    {
        var system = new List<string>();
        if (options?.Instructions is { Length: > 0 } instr) system.Add(instr);
        var msgs = new JsonArray();
        foreach (var m in messages)
        {
            if (m.Role == ChatRole.System)
            {
                system.AddRange(m.Contents.OfType<TextContent>().Select(t => t.Text));
                continue;
            }
            var blocks = new JsonArray();
            foreach (var c in m.Contents)
                if (Block(c) is { } b) blocks.Add(b);
            if (blocks.Count == 0) continue;
            msgs.Add(new JsonObject { ["role"] = m.Role == ChatRole.Assistant ? "assistant" : "user", ["content"] = blocks });
        }
        var body = new JsonObject { ["model"] = model, ["messages"] = msgs };
        if (system.Count > 0) body["system"] = string.Join("\n", system);
        if (options?.Tools is { Count: > 0 } tools)
        {
            var arr = new JsonArray();
            foreach (var t in tools.OfType<AIFunctionDeclaration>())
            {
                var tool = new JsonObject { ["name"] = t.Name, ["input_schema"] = JsonNode.Parse(t.JsonSchema.GetRawText()) };
                if (!string.IsNullOrEmpty(t.Description)) tool["description"] = t.Description;
                arr.Add(tool);
            }
            if (arr.Count > 0) body["tools"] = arr;
        }
        if (options?.ResponseFormat is ChatResponseFormatJson { Schema: { } schema })
            body["output_config"] = new JsonObject { ["format"] = new JsonObject { ["type"] = "json_schema", ["schema"] = JsonNode.Parse(schema.GetRawText()) } };
        return body;
    }

    private static JsonObject? Block(AIContent c) => c switch
    {
        TextContent { Text.Length: > 0 } t => new JsonObject { ["type"] = "text", ["text"] = t.Text },
        FunctionCallContent f => new JsonObject
        {
            ["type"] = "tool_use", ["id"] = f.CallId, ["name"] = f.Name,
            ["input"] = JsonSerializer.SerializeToNode(f.Arguments ?? new Dictionary<string, object?>()),
        },
        FunctionResultContent r => new JsonObject
        {
            ["type"] = "tool_result", ["tool_use_id"] = r.CallId,
            ["content"] = r.Result switch { null => "", string s => s, JsonElement e => e.GetRawText(), var o => JsonSerializer.Serialize(o) },
        },
        _ => null,
    };
}
