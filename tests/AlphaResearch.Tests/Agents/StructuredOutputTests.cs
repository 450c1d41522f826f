using AlphaResearch.Agents.Dto;
using AlphaResearch.Llm;
using AlphaResearch.Tests.Fakes;
using Microsoft.Extensions.AI;

namespace AlphaResearch.Tests.Agents;

public sealed class StructuredOutputTests
{
    private static ChatOptions Opts() => new ChatOptions().WithTag("sector_team:technology", "quant:technology:extract");

    [Theory]
    [InlineData("```json\n{\"ranked_picks\": []}\n```", "{\"ranked_picks\": []}")]
    [InlineData("Here you go: {\"a\": \"}{\"} trailing", "{\"a\": \"}{\"}")]
    [InlineData("no json", null)]
    public void Extracts_json_from_fences_and_prose(string text, string? expected) =>
        Assert.Equal(expected, StructuredOutput.ExtractJson(text));

    [Fact]
    public async Task Reasks_with_the_errors_then_returns_the_valid_value()
    {
        var fake = new ScriptedChatClient()
            .OnText("quant:technology:extract", "not json at all",
                "{\"ranked_picks\": [{\"ticker\": \"AAPL\", \"quant_score\": 140}]}",
                "Sure:\n```json\n{\"ranked_picks\": [{\"ticker\": \"AAPL\", \"quant_score\": 71.5, \"rationale\": \"trend\"}]}\n```");
        var result = await StructuredOutput.GetAsync<QuantExtraction>(fake, [new ChatMessage(ChatRole.User, "extract")], Opts(),
            QuantExtraction.Validate, repairs: 2, TestContext.Current.CancellationToken);

        Assert.Equal("AAPL", Assert.Single(result.RankedPicks!).Ticker);
        Assert.Equal(71.5, result.RankedPicks![0].QuantScore);
        Assert.Equal(3, fake.Requests.Count);
        Assert.Contains("- the answer contains no JSON object", fake.Requests[1].LastUserText);
        Assert.Contains("- ranked_picks[0].quant_score must be a number in [0, 100]", fake.Requests[2].LastUserText);
        Assert.All(fake.Requests, r => Assert.Equal("quant:technology:extract", r.Tag.Label));
    }

    [Fact]
    public async Task Sends_a_snake_case_json_schema_and_no_tools()
    {
        var fake = new ScriptedChatClient().OnText("quant:technology:extract", "{\"ranked_picks\": []}");
        var opts = Opts();
        opts.Tools = [AIFunctionFactory.Create(() => 1, "x")];
        await StructuredOutput.GetAsync<QuantExtraction>(fake, [new ChatMessage(ChatRole.User, "x")], opts, QuantExtraction.Validate, 0,
            TestContext.Current.CancellationToken);
        var format = Assert.IsType<ChatResponseFormatJson>(fake.Requests[0].Options!.ResponseFormat);
        var schema = format.Schema!.Value;
        Assert.True(schema.GetProperty("properties").TryGetProperty("ranked_picks", out var picks));
        Assert.True(picks.GetProperty("items").GetProperty("properties").TryGetProperty("quant_score", out _));
        Assert.Null(fake.Requests[0].Options!.Tools);
    }

    [Fact]
    public async Task Fails_with_a_typed_exception_naming_label_and_last_errors()
    {
        var fake = new ScriptedChatClient().OnText("quant:technology:extract", "{}", "{}", "{}");
        var e = await Assert.ThrowsAsync<StructuredOutputException>(() => StructuredOutput.GetAsync<QuantExtraction>(fake,
            [new ChatMessage(ChatRole.User, "x")], Opts(), QuantExtraction.Validate, 2, TestContext.Current.CancellationToken));
        Assert.Equal("quant:technology:extract", e.Label);
        Assert.Equal(3, e.Attempts);
        Assert.Equal("structured output 'quant:technology:extract' invalid after 3 attempt(s): ranked_picks is required (use [] when the answer names no picks)", e.Message);
    }
}

public sealed class SchemaInliningTests
{
    [Fact]
    public void Local_refs_are_replaced_by_their_targets()
    {
        var schema = System.Text.Json.JsonDocument.Parse("""
            {"type":"object","properties":{"a":{"type":"object","properties":{"x":{"type":"number"}}},"b":{"$ref":"#/properties/a","description":"d"}}}
            """).RootElement;
        var inlined = AlphaResearch.Llm.Schemas.StrictSchema.InlineRefs(schema).GetRawText();
        Assert.Equal("""{"type":"object","properties":{"a":{"type":"object","properties":{"x":{"type":"number"}}},"b":{"type":"object","properties":{"x":{"type":"number"}},"description":"d"}}}""", inlined);
    }

    [Fact]
    public void Qual_schema_has_no_refs_left()
    {
        var text = StructuredOutput.SchemaOf<AlphaResearch.Agents.Dto.QualExtraction>().GetRawText();
        Assert.DoesNotContain("$ref", text);
        Assert.Contains("\"additional_candidate\"", text);
    }
}

public sealed class SchemaRefSiblingTests
{
    [Fact]
    public void Placeholder_siblings_of_a_ref_do_not_override_the_target()
    {
        var text = StructuredOutput.SchemaOf<AlphaResearch.Agents.Dto.QualExtraction>().GetRawText();
        // The ref'd assessment type is inlined with its own keywords (nullable only where marked, range moved to the description).
        Assert.Contains("\"additional_candidate\":{\"type\":[\"object\",\"null\"],\"properties\":{\"ticker\":{\"type\":\"string\"},\"qual_score\":{\"type\":[\"number\",\"null\"],\"description\":\"Must be between 0 and 100.\"},\"bull_case\":{\"type\":\"string\"},\"bear_case\":{\"type\":\"string\"},\"catalysts\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}", text);
    }
}
