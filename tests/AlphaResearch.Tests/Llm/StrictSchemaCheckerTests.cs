using System.Text.Json;
using AlphaResearch.Llm.Simulator;

namespace AlphaResearch.Tests.Llm;

/// <summary>The simulator's own check of the structured-outputs subset (official docs: JSON Schema limitations, complexity limits).</summary>
public sealed class StrictSchemaCheckerTests
{
    private static string? Check(string schema, int strictTools = 0) =>
        StrictSchemaChecker.Check([("output_config.format.schema", JsonDocument.Parse(schema).RootElement)], strictTools);

    private static string Obj(string props, string required = "") =>
        $$"""{"type":"object","properties":{{{props}}},"required":[{{required}}],"additionalProperties":false}""";

    [Fact]
    public void A_conforming_schema_passes()
    {
        string items = Obj("\"ticker\":{\"type\":\"string\"},\"rating\":{\"type\":\"string\",\"enum\":[\"BUY\",\"SELL\"]}", "\"ticker\",\"rating\"");
        string schema = Obj($$"""
            "picks":{"type":"array","minItems":1,"items":{{items}}},
            "as_of":{"type":"string","format":"date"},
            "note":{"anyOf":[{"type":"string"},{"type":"null"}]},
            "ref":{"$ref":"#/$defs/x"}
            """, "\"picks\",\"as_of\",\"note\",\"ref\"").TrimEnd('}') + ""","$defs":{"x":{"type":"integer"}}}""";
        Assert.Null(Check(schema));
    }

    [Theory]
    [InlineData("""{"type":"object","properties":{"m":{"type":"object","additionalProperties":{"type":"string"}}},"required":["m"],"additionalProperties":false}""", "output_config.format.schema.properties.m: For 'object' type, 'additionalProperties' must be explicitly set to false")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"string"}},"required":["a"]}""", "output_config.format.schema: For 'object' type, 'additionalProperties' must be explicitly set to false")]
    [InlineData("""{"type":"integer","minimum":0}""", "output_config.format.schema: 'minimum' is not supported in structured outputs")]
    [InlineData("""{"type":"number","multipleOf":0.5}""", "output_config.format.schema: 'multipleOf' is not supported in structured outputs")]
    [InlineData("""{"type":"string","maxLength":9}""", "output_config.format.schema: 'maxLength' is not supported in structured outputs")]
    [InlineData("""{"type":"array","items":{"type":"string"},"maxItems":3}""", "output_config.format.schema: 'maxItems' is not supported in structured outputs")]
    [InlineData("""{"type":"array","items":{"type":"string"},"minItems":2}""", "output_config.format.schema: minItems 2 is not supported (only 0 and 1)")]
    [InlineData("""{"$ref":"https://example.com/s.json"}""", "output_config.format.schema: external $ref 'https://example.com/s.json' is not supported")]
    [InlineData("""{"type":"string","format":"ticker"}""", "output_config.format.schema: string format 'ticker' is not supported")]
    [InlineData("""{"enum":[{"a":1}]}""", "output_config.format.schema: enum values must be strings, numbers, booleans or null")]
    public void A_feature_outside_the_subset_is_refused_with_its_path(string schema, string message) => Assert.Equal(message, Check(schema));

    [Fact]
    public void A_recursive_schema_is_refused()
    {
        string schema = """{"$defs":{"node":{"type":"object","properties":{"child":{"$ref":"#/$defs/node"}},"required":["child"],"additionalProperties":false}},"$ref":"#/$defs/node"}""";
        Assert.Contains("Too many recursive definitions in schema", Check(schema));
    }

    [Theory]
    [InlineData(16, null)]
    [InlineData(17, "Schemas contains too many parameters with union types (17 parameters with type arrays or anyOf) which exceeds the limit: 16.")]
    public void Union_typed_properties_are_limited_to_16(int n, string? message)
    {
        var props = string.Join(",", Enumerable.Range(0, n).Select(i => $"\"p{i}\":{{\"type\":[\"string\",\"null\"]}}"));
        var required = string.Join(",", Enumerable.Range(0, n).Select(i => $"\"p{i}\""));
        Assert.Equal(message, Check(Obj(props, required)));
    }

    [Fact]
    public void Optional_properties_are_limited_to_24_across_the_output_schema_and_strict_tools()
    {
        string Optional(int n) => Obj(string.Join(",", Enumerable.Range(0, n).Select(i => $"\"o{i}\":{{\"type\":\"string\"}}")));
        JsonElement E(string s) => JsonDocument.Parse(s).RootElement;

        Assert.Null(StrictSchemaChecker.Check([("output_config.format.schema", E(Optional(12))), ("tools.0.custom.input_schema", E(Optional(12)))], 1));
        Assert.Equal("Schemas contains too many optional parameters (25 parameters not listed in required) which exceeds the limit: 24.",
            StrictSchemaChecker.Check([("output_config.format.schema", E(Optional(12))), ("tools.0.custom.input_schema", E(Optional(13)))], 1));
    }

    [Fact]
    public void At_most_20_strict_tools()
    {
        Assert.Null(StrictSchemaChecker.Check([], 20));
        Assert.Equal("Too many strict tools (21). The maximum number of tools with strict: true is 20.", StrictSchemaChecker.Check([], 21));
    }

    [Theory]
    [InlineData("claude-haiku-4-5", 4_096)]
    [InlineData("claude-haiku-4-5-20251001", 4_096)]
    [InlineData("claude-sonnet-4-6", 1_024)]
    [InlineData("claude-opus-4-5", 4_096)]
    [InlineData("claude-opus-4-7", 2_048)]
    [InlineData("claude-opus-4-1", 1_024)]
    [InlineData("claude-opus-5", 512)]
    [InlineData("some-other-model", CacheMinimums.Unknown)]
    public void Cache_minimums_follow_the_prompt_caching_doc(string model, int tokens) => Assert.Equal(tokens, CacheMinimums.For(model));
}
