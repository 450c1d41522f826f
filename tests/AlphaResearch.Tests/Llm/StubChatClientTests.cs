#pragma warning disable xUnit1051
using System.Text.Json;
using AlphaResearch.Llm;
using Microsoft.Extensions.AI;

namespace AlphaResearch.Tests.Llm;

public sealed class StubChatClientTests
{
    private readonly StubChatClient _stub = new("claude-haiku-4-5");

    private static readonly JsonElement Schema = JsonDocument.Parse("""
        {"type":"object","properties":{
          "team_id":{"type":"string","enum":["technology","healthcare"]},
          "recommendations":{"type":"array","minItems":1,"items":{"$ref":"#/$defs/rec"}},
          "watch_tickers":{"type":"array","items":{"type":"string"}},
          "confidence":{"type":"integer","minimum":1,"maximum":5},
          "upside":{"type":"number","exclusiveMinimum":0,"maximum":0.5},
          "note":{"type":["string","null"]},
          "as_of":{"type":"string","format":"date"}},
         "required":["team_id","recommendations"],
         "$defs":{"rec":{"type":"object","properties":{"ticker":{"type":"string"},"score":{"type":"number","minimum":0,"maximum":100},"thesis":{"type":"string"}}}}}
        """).RootElement;

    [Fact]
    public async Task Json_schema_response_is_valid_deterministic_and_uses_the_conversations_tickers_in_order()
    {
        var options = new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(Schema, "out") };
        string prompt = "Candidates for the CIO: CAT, then BRK-B and finally GE. Reply in JSON.";

        var a = await _stub.GetResponseAsync(prompt, options);
        var b = await _stub.GetResponseAsync(prompt, options);

        Assert.Equal(a.Text, b.Text);
        using var doc = JsonDocument.Parse(a.Text);
        var root = doc.RootElement;
        Assert.Equal("technology", root.GetProperty("team_id").GetString());
        var recs = root.GetProperty("recommendations").EnumerateArray().ToList();
        Assert.Equal(["CAT", "BRK-B", "GE"], recs.Select(r => r.GetProperty("ticker").GetString()));
        // Bounded numbers vary deterministically inside the upper part of their range (dry runs see BUYs and HOLDs).
        Assert.All(recs, r => Assert.InRange(r.GetProperty("score").GetDouble(), 35.0, 95.0));
        Assert.True(recs.Select(r => r.GetProperty("score").GetDouble()).Distinct().Count() > 1);
        Assert.All(recs, r => Assert.Equal("[DRY-RUN STUB] thesis", r.GetProperty("thesis").GetString()));
        Assert.InRange(root.GetProperty("confidence").GetInt32(), 1, 5);
        Assert.InRange(root.GetProperty("upside").GetDouble(), 0.01, 0.5);
        Assert.Equal("[DRY-RUN STUB] note", root.GetProperty("note").GetString());
        Assert.Equal("2026-01-02", root.GetProperty("as_of").GetString());
        Assert.True(a.Usage!.InputTokenCount > 0);
    }

    [Fact]
    public async Task With_tools_and_no_tool_result_it_calls_tools_with_schema_arguments_then_answers_after_results()
    {
        var quote = AIFunctionFactory.Create((string ticker, int days) => "ok", "get_prices", "Prices");
        var news = AIFunctionFactory.Create((string ticker) => "ok", "get_news", "News");
        var options = new ChatOptions { Tools = [quote, news] };
        var messages = new List<ChatMessage> { new(ChatRole.User, "Look at ORCL for the technology team") };

        var first = await _stub.GetResponseAsync(messages, options);

        var calls = first.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
        Assert.Equal(["get_prices", "get_news"], calls.Select(c => c.Name));
        Assert.Equal("ORCL", calls[0].Arguments!["ticker"]!.ToString());
        Assert.Equal(ChatFinishReason.ToolCalls, first.FinishReason);

        messages.AddRange(first.Messages);
        messages.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(calls[0].CallId, "{}"), new FunctionResultContent(calls[1].CallId, "{}")]));
        var second = await _stub.GetResponseAsync(messages, options);

        Assert.StartsWith("[DRY-RUN STUB] ", second.Text);
        Assert.Contains("ORCL", second.Text);
    }

    [Fact]
    public async Task Tickers_come_from_user_messages_not_from_capitalised_words_of_the_system_prompt()
    {
        var options = new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(Schema, "out") };
        var messages = new List<ChatMessage> { new(ChatRole.System, "NEVER invent data. ALWAYS cite TOOLS."), new(ChatRole.User, "Candidates: MU, AMD") };

        var r = await _stub.GetResponseAsync(messages, options);

        using var doc = JsonDocument.Parse(r.Text);
        Assert.Equal(["MU", "AMD"], doc.RootElement.GetProperty("recommendations").EnumerateArray().Select(x => x.GetProperty("ticker").GetString()));
    }

    [Fact]
    public async Task Plain_text_carries_the_dry_run_marker()
    {
        var r = await _stub.GetResponseAsync("hello");
        Assert.StartsWith(LlmProviders.DryRunMarker, r.Text);
    }

    [Fact]
    public void Ticker_extraction_keeps_order_and_skips_common_capitalised_words()
    {
        Assert.Equal(["AAPL", "BRK-B", "X"], DryRunContentGenerator.ExtractTickers("BUY AAPL now, JSON only: BRK-B and X (USD), AAPL again, I think"));
    }

    [Fact]
    public async Task Stub_provider_runs_through_the_whole_gateway_and_is_recorded()
    {
        using var gw = new LlmGatewayBuilder(new LlmConfig { Provider = LlmProvider.Stub }).WithRunDate(new DateOnly(2026, 5, 16)).Build();

        var r = await gw.For(AlphaResearch.Llm.ModelTier.Strategic).GetResponseAsync("CIO batch", new ChatOptions().WithTag("cio", "cio"));

        Assert.StartsWith("[DRY-RUN STUB]", r.Text);
        var rec = Assert.Single(gw.Ledger.Records);
        Assert.Equal(("cio", "claude-sonnet-4-6", "2026-05-16"), (rec.AgentId, rec.Model, rec.RunDate));
        Assert.True(gw.Provider.IsDryRun());
    }

    [Fact]
    public void Anthropic_provider_without_a_key_fails_with_a_clear_message()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new LlmGatewayBuilder(new LlmConfig()).WithEnvironment(_ => null).Build());
        Assert.Equal("provider 'anthropic' needs an API key: set ANTHROPIC_API_KEY (or use --llm stub / sim for a dry run)", ex.Message);
    }

    [Fact]
    public void Sim_provider_without_a_url_says_how_to_get_one()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new LlmGatewayBuilder(new LlmConfig { Provider = LlmProvider.Sim }).WithEnvironment(_ => null).Build());
        Assert.Equal("provider 'sim' needs the simulator's URL: start `alpha-research llm-sim` and set ANTHROPIC_BASE_URL or llm.base_url to the URL it prints", ex.Message);
    }
}
