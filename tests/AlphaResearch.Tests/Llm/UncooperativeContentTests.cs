using System.Text.Json;
using System.Text.Json.Nodes;
using AlphaResearch.Llm.Simulator;

namespace AlphaResearch.Tests.Llm;

/// <summary>The uncooperative model: only what the schema forces, seeded.</summary>
public sealed class UncooperativeContentTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse("""
        {"type":"object","additionalProperties":false,
         "required":["ticker","rating","picks","note","score","must"],
         "properties":{
           "ticker":{"type":"string"},
           "rating":{"type":"string","enum":["BUY","HOLD","SELL"]},
           "picks":{"type":"array","items":{"type":"string"}},
           "must":{"type":"array","minItems":1,"items":{"type":"integer"}},
           "note":{"type":["string","null"]},
           "score":{"type":"integer","description":"Conviction between 1 and 5."},
           "optional_extra":{"type":"string"}}}
        """).RootElement;

    private static JsonObject Gen(int seed) =>
        new UncooperativeContentGenerator(new Random(seed), ["AMD", "NVDA"], AnthropicSimulator.Marker).Generate(Schema)!.AsObject();

    [Fact]
    public void Only_required_keys_nullable_null_and_values_within_bounds()
    {
        foreach (int seed in Enumerable.Range(0, 50))
        {
            var o = Gen(seed);
            Assert.Equal(["ticker", "rating", "picks", "must", "note", "score"], o.Select(p => p.Key).ToArray());
            Assert.Null(o["note"]);
            Assert.Contains(o["ticker"]!.GetValue<string>(), new[] { "AMD", "NVDA" });
            Assert.InRange(o["picks"]!.AsArray().Count, 0, 3);
            Assert.InRange(o["must"]!.AsArray().Count, 1, 4);
            Assert.InRange(o["score"]!.GetValue<long>(), 1, 5);
        }
    }

    [Fact]
    public void Counts_and_enum_values_vary_across_seeds_and_repeat_for_the_same_seed()
    {
        var runs = Enumerable.Range(0, 50).Select(Gen).ToList();
        Assert.Contains(runs, o => o["picks"]!.AsArray().Count == 0);
        Assert.Contains(runs, o => o["picks"]!.AsArray().Count > 0);
        Assert.Equal(3, runs.Select(o => o["rating"]!.GetValue<string>()).Distinct().Count());
        Assert.Equal(Gen(7).ToJsonString(), Gen(7).ToJsonString());
    }

    private static string ToolConversation(int rounds, int variant)
    {
        var messages = new JsonArray { new JsonObject { ["role"] = "user", ["content"] = $"Rate AMD (variant {variant})" } };
        for (int r = 0; r < rounds; r++)
        {
            messages.Add(new JsonObject { ["role"] = "assistant", ["content"] = new JsonArray { new JsonObject { ["type"] = "tool_use", ["id"] = $"t{r}", ["name"] = "get_price", ["input"] = new JsonObject { ["ticker"] = "AMD" } } } });
            messages.Add(new JsonObject { ["role"] = "user", ["content"] = new JsonArray { new JsonObject { ["type"] = "tool_result", ["tool_use_id"] = $"t{r}", ["content"] = "1" } } });
        }
        var tool = JsonNode.Parse("""{"name":"get_price","input_schema":{"type":"object","properties":{"ticker":{"type":"string"}},"required":["ticker"],"additionalProperties":false}}""");
        return new JsonObject { ["model"] = "claude-haiku-4-5", ["max_tokens"] = 500, ["messages"] = messages, ["tools"] = new JsonArray { tool } }.ToJsonString();
    }

    [Fact]
    public void Tool_rounds_are_random_but_bounded_so_agents_terminate()
    {
        var options = new SimulatorOptions { Content = SimContentMode.Uncooperative, UncooperativeMaxToolRounds = 2 };
        var responder = new SimResponder(options, new SimTokenCounter(options.TokenFactor));
        string StopReason(int rounds, int variant)
        {
            string body = ToolConversation(rounds, variant);
            using var doc = JsonDocument.Parse(body);
            return responder.Respond(SimRequest.Parse(doc.RootElement, new SimTokenCounter(1.25)), 1, body).StopReason;
        }

        var first = Enumerable.Range(0, 40).Select(v => StopReason(0, v)).ToList();
        Assert.Contains("tool_use", first);
        Assert.Contains("end_turn", first);
        Assert.All(Enumerable.Range(0, 40), v => Assert.Equal("end_turn", StopReason(2, v)));
    }
}
