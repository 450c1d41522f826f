using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AlphaResearch.Agents.Dto;
using AlphaResearch.Domain;
using AlphaResearch.Llm;
using Anthropic;
using Microsoft.Extensions.AI;
using OpenAI;

namespace AlphaResearch.Tests.Llm;

/// <summary>
/// What the SDK adapters put on the wire for our response format: the schema we build must arrive as built (the
/// Anthropic adapter rewrites only keywords we no longer send), strict for the OpenAI adapter, and tools not strict.
/// </summary>
public sealed class SchemaWireTests
{
    private sealed class Capture(string reply) : DelegatingHandler
    {
        public string? Body { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            Body = await request.Content!.ReadAsStringAsync(ct);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(reply, Encoding.UTF8, "application/json") };
        }
    }

    private static ChatOptions Options(JsonElement schema)
    {
        var o = new ChatOptions
        {
            ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, nameof(MacroDraft)),
            AdditionalProperties = new() { [StructuredOutput.OpenAiStrictKey] = true },
        };
        return o;
    }

    [Fact]
    public async Task Anthropic_sdk_sends_our_schema_unchanged_in_output_config_format()
    {
        var schema = MacroDraft.Schema(Sectors.All);
        var capture = new Capture("""{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-6","content":[{"type":"text","text":"{}"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":1,"output_tokens":1}}""");
        using var client = new AnthropicClient(new Anthropic.Core.ClientOptions { ApiKey = "k", BaseUrl = "http://127.0.0.1:9", MaxRetries = 0, Handlers = [capture] });
        var chat = client.AsIChatClient("claude-sonnet-4-6", 100);
        var options = Options(schema);
        options.Tools = [AIFunctionFactory.Create((string ticker) => ticker, "get_company_profile")];

        await chat.GetResponseAsync("rate the sectors", options, TestContext.Current.CancellationToken);

        var body = JsonNode.Parse(capture.Body!)!;
        Assert.Equal("json_schema", body["output_config"]!["format"]!["type"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(schema.GetRawText()), body["output_config"]!["format"]!["schema"]));
        // The strict flag is the OpenAI adapter's: it neither leaks into the Anthropic body nor makes tools strict.
        Assert.Null(body["strict"]);
        Assert.Null(body["tools"]![0]!["strict"]);
    }

    [Fact]
    public async Task OpenAi_adapter_sends_the_schema_with_strict_true()
    {
        var schema = CioKeyedOutput.Schema(["AAA", "BBB"]);
        var capture = new Capture("""{"id":"c","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"{}"},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}""");
        using var http = new HttpClient(capture);
        var chat = new OpenAIClient(new ApiKeyCredential("k"), new OpenAIClientOptions { Transport = new HttpClientPipelineTransport(http), Endpoint = new Uri("http://127.0.0.1:9/v1") })
            .GetChatClient("m").AsIChatClient();

        await chat.GetResponseAsync("decide", Options(schema), TestContext.Current.CancellationToken);

        var format = JsonNode.Parse(capture.Body!)!["response_format"]!;
        Assert.Equal("json_schema", format["type"]!.GetValue<string>());
        Assert.True(format["json_schema"]!["strict"]!.GetValue<bool>());
        // Already strict-conforming, so the adapter's strict transform has nothing to change.
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(schema.GetRawText()), format["json_schema"]!["schema"]));
    }
}
