using System.Net;
using System.Text;
using System.Text.Json;
using Anthropic;
using Anthropic.Core;
using AlphaResearch.Llm;
using Microsoft.Extensions.AI;

namespace AlphaResearch.Tests.Llm;

/// <summary>Where cache breakpoints go, checked on the wire the official SDK sends.</summary>
public sealed class PromptCachingTests
{
    private const string Haiku = "claude-haiku-4-5";   // minimum cacheable prompt: 4096 tokens
    private static string Text(int tokens, string lead) => AlphaResearch.Llm.Simulator.SixAgentWorkload.Prose(lead, tokens, lead.Length);

    /// <summary>Captures each request body and answers like the Messages API.</summary>
    private sealed class WireCapture : DelegatingHandler
    {
        public List<JsonDocument> Bodies { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            Bodies.Add(JsonDocument.Parse(await request.Content!.ReadAsStringAsync(ct)));
            string json = request.RequestUri!.AbsolutePath.EndsWith("count_tokens", StringComparison.Ordinal)
                ? """{"input_tokens":4321}"""
                : """{"id":"msg_1","type":"message","role":"assistant","model":"claude-haiku-4-5","content":[{"type":"text","text":"ok"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":10,"output_tokens":2,"cache_read_input_tokens":0,"cache_creation_input_tokens":0}}""";
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        }
    }

    private static (IChatClient Client, WireCapture Wire, AnthropicClient Sdk) Sdk()
    {
        var wire = new WireCapture();
        var sdk = new AnthropicClient(new ClientOptions { ApiKey = "test-key", BaseUrl = "http://localhost:1", MaxRetries = 0, Handlers = [wire] });
        return (new PromptCachingChatClient(sdk.AsIChatClient(Haiku, 256), Haiku), wire, sdk);
    }

    private static List<string> Breakpoints(JsonDocument body)
    {
        var found = new List<string>();
        var root = body.RootElement;
        if (root.TryGetProperty("tools", out var tools))
            foreach (var t in tools.EnumerateArray()) if (t.TryGetProperty("cache_control", out _)) found.Add("tool:" + t.GetProperty("name").GetString());
        if (root.TryGetProperty("system", out var sys) && sys.ValueKind == JsonValueKind.Array)
            foreach (var b in sys.EnumerateArray()) if (b.TryGetProperty("cache_control", out _)) found.Add("system");
        int i = 0;
        foreach (var m in root.GetProperty("messages").EnumerateArray())
        {
            if (m.GetProperty("content").ValueKind == JsonValueKind.Array)
                foreach (var b in m.GetProperty("content").EnumerateArray())
                    if (b.TryGetProperty("cache_control", out _)) found.Add($"message{i}:{b.GetProperty("type").GetString()}");
            i++;
        }
        return found;
    }

    private static AIFunction Tool(string name, int descriptionTokens) =>
        AIFunctionFactory.Create((string ticker) => ticker, name, Text(descriptionTokens, name));

    [Fact]
    public async Task A_react_round_marks_tools_system_the_latest_message_and_the_previous_rounds_latest_at_most_four()
    {
        var (client, wire, sdk) = Sdk();
        using var _ = sdk;
        var options = new ChatOptions { Tools = [Tool("get_prices", 2_500), Tool("get_news", 2_500)] };
        List<ChatMessage> round3 =
        [
            new(ChatRole.System, Text(3_000, "system")),
            new(ChatRole.User, Text(500, "user")),
            new(ChatRole.Assistant, [new FunctionCallContent("c1", "get_prices", new Dictionary<string, object?> { ["ticker"] = "AAPL" })]),
            new(ChatRole.User, [new FunctionResultContent("c1", Text(800, "prices"))]),
            new(ChatRole.Assistant, [new FunctionCallContent("c2", "get_news", new Dictionary<string, object?> { ["ticker"] = "AAPL" })]),
            new(ChatRole.User, [new FunctionResultContent("c2", Text(800, "news"))]),
        ];

        await client.GetResponseAsync(round3, options, TestContext.Current.CancellationToken);

        // Prefix order tools → system → messages: tools alone are ~5k (≥ 4096), so every breakpoint is cacheable.
        // message2 (round 2's latest) is where the previous request put its breakpoint: read from cache now.
        Assert.Equal(["tool:get_news", "system", "message2:tool_result", "message4:tool_result"], Breakpoints(wire.Bodies.Single()));
        Assert.Null(round3[^1].Contents[0].AdditionalProperties);   // the caller's messages are not mutated
    }

    [Fact]
    public async Task Prefixes_below_the_models_minimum_cacheable_length_get_no_breakpoint()
    {
        var (client, wire, sdk) = Sdk();
        using var _ = sdk;
        var options = new ChatOptions { Tools = [Tool("get_prices", 300)] };
        List<ChatMessage> round2 =
        [
            new(ChatRole.System, Text(1_500, "system")),            // tools+system ~1.9k < 4096: not cacheable on Haiku 4.5
            new(ChatRole.User, Text(1_000, "user")),                // prefix ~2.9k: still too short
            new(ChatRole.Assistant, [new FunctionCallContent("c1", "get_prices", new Dictionary<string, object?> { ["ticker"] = "AAPL" })]),
            new(ChatRole.User, [new FunctionResultContent("c1", Text(2_000, "prices"))]),   // prefix ~4.9k: cacheable
        ];

        await client.GetResponseAsync(round2, options, TestContext.Current.CancellationToken);

        Assert.Equal(["message2:tool_result"], Breakpoints(wire.Bodies.Single()));
    }

    [Fact]
    public async Task A_one_shot_prompt_marks_only_the_stable_system_prefix_never_its_unique_message()
    {
        var (client, wire, sdk) = Sdk();
        using var _ = sdk;
        await client.GetResponseAsync([new(ChatRole.System, Text(5_000, "system")), new(ChatRole.User, Text(20_000, "unique"))],
            new ChatOptions(), TestContext.Current.CancellationToken);

        Assert.Equal(["system"], Breakpoints(wire.Bodies.Single()));
    }

    [Theory]
    [InlineData("claude-haiku-4-5", 4096)]
    [InlineData("claude-haiku-4-5-20251001", 4096)]
    [InlineData("claude-opus-4-6", 4096)]
    [InlineData("claude-sonnet-4-6", 2048)]
    [InlineData("claude-sonnet-4-5", 1024)]
    [InlineData("claude-sonnet-4-20250514", 1024)]
    [InlineData("some-local-model", 4096)]
    public void Minimum_cacheable_length_follows_the_prompt_caching_doc(string model, int tokens) =>
        Assert.Equal(tokens, CacheableLength.MinTokens(model));

    [Fact]
    public async Task Count_tokens_sends_system_messages_tools_and_the_output_schema_through_the_sdk()
    {
        var (_, wire, sdk) = Sdk();
        using var __ = sdk;
        var counter = new AnthropicTokenCounter(sdk);
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"score":{"type":"number"}},"required":["score"],"additionalProperties":false}""").RootElement;
        var options = new ChatOptions { Tools = [Tool("get_prices", 10)], ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "answer") };
        List<ChatMessage> messages =
        [
            new(ChatRole.System, "You are the quant."),
            new(ChatRole.User, "Score AAPL."),
            new(ChatRole.Assistant, [new FunctionCallContent("c1", "get_prices", new Dictionary<string, object?> { ["ticker"] = "AAPL" })]),
            new(ChatRole.User, [new FunctionResultContent("c1", "AAPL 190.1")]),
        ];

        var count = await counter.CountAsync(Haiku, messages, options, TestContext.Current.CancellationToken);

        Assert.Equal(4321, count);
        var body = wire.Bodies.Single().RootElement;
        Assert.Equal(Haiku, body.GetProperty("model").GetString());
        Assert.Equal("You are the quant.", body.GetProperty("system").GetString());
        Assert.Equal(3, body.GetProperty("messages").GetArrayLength());
        Assert.Equal("get_prices", body.GetProperty("tools")[0].GetProperty("name").GetString());
        Assert.Equal("tool_result", body.GetProperty("messages")[2].GetProperty("content")[0].GetProperty("type").GetString());
        Assert.Equal("number", body.GetProperty("output_config").GetProperty("format").GetProperty("schema").GetProperty("properties").GetProperty("score").GetProperty("type").GetString());
    }
}
