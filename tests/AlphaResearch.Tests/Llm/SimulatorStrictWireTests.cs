#pragma warning disable xUnit1051
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AlphaResearch.Llm.Simulator;

namespace AlphaResearch.Tests.Llm;

/// <summary>Strict request validation, max_tokens / stop_sequences / tool_choice, cache minimums and token counting, on the wire.</summary>
public sealed class SimulatorStrictWireTests : IAsyncDisposable
{
    private readonly HttpClient _http = new();
    private AnthropicSimulator? _sim;
    private string _url = "";

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (_sim is not null) await _sim.DisposeAsync();
    }

    private async Task Start(SimulatorOptions? o = null)
    {
        _sim = new AnthropicSimulator((o ?? new SimulatorOptions()) with { LatencyMs = 0, MsPerOutputToken = 0 }, new ScaledTimeProvider(1000));
        _url = await _sim.StartAsync();
    }

    private async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> Post(string body, string path = "/v1/messages", bool version = true)
    {
        var req = new HttpRequestMessage(HttpMethod.Post, _url + path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        req.Headers.Add("x-api-key", "k");
        if (version) req.Headers.Add("anthropic-version", "2023-06-01");
        var r = await _http.SendAsync(req);
        return (r.StatusCode, JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.Clone(), r);
    }

    private static string Req(object extra, object? messages = null)
    {
        var o = JsonSerializer.SerializeToNode(new { model = "claude-haiku-4-5", max_tokens = 200, messages = messages ?? new[] { new { role = "user", content = "Rate AMD please." } } })!.AsObject();
        foreach (var p in JsonSerializer.SerializeToNode(extra)!.AsObject()) o[p.Key] = p.Value?.DeepClone();
        return o.ToJsonString();
    }

    [Theory]
    [InlineData("""{"model":"claude-haiku-4-5","messages":[{"role":"user","content":"hi"}]}""", "max_tokens: Field required")]
    [InlineData("""{"model":"claude-haiku-4-5","max_tokens":10}""", "messages: Field required")]
    [InlineData("""{"model":"claude-haiku-4-5","max_tokens":10,"messages":[]}""", "messages: at least one message is required")]
    [InlineData("""[1,2]""", "Request body must be a JSON object")]
    [InlineData("""{"model":"claude-haiku-4-5","max_tokens":10,"messages":[{"role":"system","content":"hi"}]}""", "messages.0.role: Input should be 'user' or 'assistant'")]
    [InlineData("""{"model":"claude-haiku-4-5","max_tokens":10,"messages":[{"role":"user","content":[{"type":"text","text":""}]}]}""", "messages: text content blocks must be non-empty")]
    [InlineData("""{"model":"claude-haiku-4-5","max_tokens":10,"messages":[{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_x","content":"1"}]}]}""", "messages.0.content.0: unexpected `tool_use_id` found in `tool_result` blocks: toolu_x. Each `tool_result` block must have a corresponding `tool_use` block in the previous message.")]
    [InlineData("""{"model":"claude-haiku-4-5","max_tokens":10,"messages":[{"role":"user","content":"a"},{"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"f","input":{}}]},{"role":"user","content":"b"}]}""", "messages.2: `tool_use` ids were found without `tool_result` blocks immediately after: t1. Each `tool_use` block must have a corresponding `tool_result` block in the next message.")]
    public async Task Requests_the_api_refuses_get_400_with_an_anthropic_error_body(string body, string message)
    {
        await Start();
        var (status, json, response) = await Post(body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("error", json.GetProperty("type").GetString());
        Assert.Equal("invalid_request_error", json.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal(message, json.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(response.Headers.GetValues("request-id").Single(), json.GetProperty("request_id").GetString());
    }

    [Fact]
    public async Task A_request_without_anthropic_version_is_refused()
    {
        await Start();
        var (status, json, _) = await Post(Req(new { }), version: false);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("anthropic-version: header is required", json.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Turns_the_docs_allow_are_accepted_and_lax_mode_accepts_a_map_schema()
    {
        await Start();
        // The docs: consecutive same-role turns are combined, and a single or final assistant turn is allowed.
        var consecutive = Req(new { }, new[] { new { role = "user", content = "a" }, new { role = "user", content = "b" } });
        var assistantFirst = Req(new { }, new[] { new { role = "assistant", content = "Earlier I said" }, new { role = "user", content = "go on" } });
        Assert.Equal(HttpStatusCode.OK, (await Post(consecutive)).Status);
        Assert.Equal(HttpStatusCode.OK, (await Post(assistantFirst)).Status);

        var map = Req(new { output_config = new { format = new { type = "json_schema", schema = JsonNode.Parse("""{"type":"object","additionalProperties":{"type":"string"}}""") } } });
        Assert.Equal(HttpStatusCode.BadRequest, (await Post(map)).Status);
        await _sim!.DisposeAsync();
        await Start(new SimulatorOptions { Strict = false });
        Assert.Equal(HttpStatusCode.OK, (await Post(map)).Status);
    }

    [Fact]
    public async Task Max_tokens_truncates_and_stop_sequences_cut_the_text()
    {
        await Start();
        var (_, full, _) = await Post(Req(new { }));
        var (_, cut, _) = await Post(Req(new { max_tokens = 3 }));
        var (_, none, _) = await Post(Req(new { max_tokens = 0 }));
        var (_, stopped, _) = await Post(Req(new { stop_sequences = new[] { "answer", "SIM" } }));

        Assert.Equal("end_turn", full.GetProperty("stop_reason").GetString());
        Assert.Equal("max_tokens", cut.GetProperty("stop_reason").GetString());
        Assert.Equal(3, cut.GetProperty("usage").GetProperty("output_tokens").GetInt64());
        string fullText = full.GetProperty("content")[0].GetProperty("text").GetString()!;
        string cutText = cut.GetProperty("content")[0].GetProperty("text").GetString()!;
        Assert.True(cutText.Length < fullText.Length && fullText.StartsWith(cutText, StringComparison.Ordinal), $"'{cutText}' is a prefix of '{fullText}'");
        Assert.Equal(0, none.GetProperty("content").GetArrayLength());
        Assert.Equal("stop_sequence", stopped.GetProperty("stop_reason").GetString());
        Assert.Equal("SIM", stopped.GetProperty("stop_sequence").GetString()); // the earliest match wins
        Assert.Equal("[DRY-RUN ", stopped.GetProperty("content")[0].GetProperty("text").GetString());
    }

    private static object Tool(string name) => new
    {
        name,
        description = "one ticker",
        input_schema = JsonNode.Parse("""{"type":"object","properties":{"ticker":{"type":"string"}},"required":["ticker"],"additionalProperties":false}"""),
    };

    [Fact]
    public async Task Tool_choice_none_tool_any_and_disable_parallel_are_honoured()
    {
        await Start();
        var tools = new[] { Tool("get_price"), Tool("get_news") };
        static string[] Kinds(JsonElement m) => m.GetProperty("content").EnumerateArray().Select(b => b.GetProperty("type").GetString() == "tool_use" ? b.GetProperty("name").GetString()! : "text").ToArray();

        Assert.Equal(["get_price", "get_news"], Kinds((await Post(Req(new { tools }))).Body));
        Assert.Equal(["text"], Kinds((await Post(Req(new { tools, tool_choice = new { type = "none" } }))).Body));
        Assert.Equal(["get_news"], Kinds((await Post(Req(new { tools, tool_choice = new { type = "tool", name = "get_news" } }))).Body));
        Assert.Equal(["get_price"], Kinds((await Post(Req(new { tools, tool_choice = new { type = "auto", disable_parallel_tool_use = true } }))).Body));

        var afterResult = new object[]
        {
            new { role = "user", content = "Rate AMD" },
            new { role = "assistant", content = new[] { new { type = "tool_use", id = "t1", name = "get_price", input = new { ticker = "AMD" } } } },
            new { role = "user", content = new[] { new { type = "tool_result", tool_use_id = "t1", content = "12" } } },
        };
        Assert.Equal(["text"], Kinds((await Post(Req(new { tools }, afterResult))).Body));
        Assert.Equal(["get_price"], Kinds((await Post(Req(new { tools, tool_choice = new { type = "any", disable_parallel_tool_use = true } }, afterResult))).Body));
        Assert.Equal(HttpStatusCode.BadRequest, (await Post(Req(new { tools, tool_choice = new { type = "tool", name = "nope" } }))).Status);
    }

    private static string Cached(string model, int words) => JsonSerializer.Serialize(new
    {
        model,
        max_tokens = 50,
        system = new[] { new { type = "text", text = string.Join(" ", Enumerable.Range(0, words).Select(i => $"word{i % 97}")), cache_control = new { type = "ephemeral" } } },
        messages = new[] { new { role = "user", content = "go" } },
    });

    [Fact]
    public async Task A_prefix_under_the_models_minimum_is_silently_not_cached()
    {
        await Start();
        // 1 200 six-letter words = 1 500 simulator tokens: over sonnet-4-6's 1 024 minimum, under haiku-4-5's 4 096.
        var haiku = new[] { (await Post(Cached("claude-haiku-4-5", 1_200))).Body, (await Post(Cached("claude-haiku-4-5", 1_200))).Body };
        var sonnet = new[] { (await Post(Cached("claude-sonnet-4-6", 1_200))).Body, (await Post(Cached("claude-sonnet-4-6", 1_200))).Body };
        static long U(JsonElement m, string k) => m.GetProperty("usage").GetProperty(k).GetInt64();

        Assert.All(haiku, m => Assert.Equal((0L, 0L), (U(m, "cache_creation_input_tokens"), U(m, "cache_read_input_tokens"))));
        Assert.True(U(sonnet[0], "cache_creation_input_tokens") is > 1_024 and < 4_096, $"wrote {U(sonnet[0], "cache_creation_input_tokens")}");
        Assert.Equal(U(sonnet[0], "cache_creation_input_tokens"), U(sonnet[1], "cache_read_input_tokens"));
    }

    [Fact]
    public async Task Count_tokens_counts_tools_and_the_output_schema_by_the_simulators_own_rule()
    {
        await Start(new SimulatorOptions { TokenFactor = 2.0 });
        string plain = Req(new { });
        string withTool = Req(new { tools = new[] { Tool("get_price") } });
        string withSchema = Req(new { output_config = new { format = new { type = "json_schema", schema = JsonNode.Parse("""{"type":"object","properties":{"a":{"type":"string"}},"required":["a"],"additionalProperties":false}""") } } });
        static long Count(JsonElement e) => e.GetProperty("input_tokens").GetInt64();

        long p = Count((await Post(plain, "/v1/messages/count_tokens")).Body);
        Assert.True(Count((await Post(withTool, "/v1/messages/count_tokens")).Body) > p);
        Assert.True(Count((await Post(withSchema, "/v1/messages/count_tokens")).Body) > p);
        // "Rate AMD please." = Rate, AMD, please, . → 4 pieces × 2.0 + 3 per message.
        Assert.Equal(11, p);
        Assert.Equal(p, (await Post(plain)).Body.GetProperty("usage").GetProperty("input_tokens").GetInt64());
    }
}
