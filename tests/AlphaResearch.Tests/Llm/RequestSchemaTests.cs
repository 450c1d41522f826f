using System.Text.Json;
using AlphaResearch.Agents;
using AlphaResearch.Agents.Dto;
using AlphaResearch.Agents.Tools;
using AlphaResearch.Domain;
using AlphaResearch.Engine;
using AlphaResearch.Llm;
using AlphaResearch.Llm.Schemas;
using AlphaResearch.Tests.Agents;
using AlphaResearch.Tests.Fakes;
using Microsoft.Extensions.AI;
using AlphaResearch.Scoring;

namespace AlphaResearch.Tests.Llm;

/// <summary>
/// Every schema an agent can send stays inside Claude's structured-output subset and OpenAI strict mode, at the
/// largest sizes the configuration allows (counts are written to the test output for the closing note).
/// </summary>
public sealed class RequestSchemaTests
{
    private static readonly string[] Universe = Enumerable.Range(0, new AgentsConfig().MaxTickersInPrompt).Select(i => $"T{i:D3}").ToArray();
    private static readonly string[] Picks = Universe.Take(new AgentsConfig().QualTopN).ToArray();

    /// <summary>Each call the agents make, with the schema built as the agent builds it (largest per-call inputs).</summary>
    public static TheoryData<string> Calls() => [.. SchemasByCall().Keys];

    private static Dictionary<string, JsonElement> SchemasByCall() => new()
    {
        ["macro_economist"] = MacroDraft.Schema(Sectors.All),
        ["macro_critic"] = StructuredOutput.SchemaOf<CriticVerdict>(),
        ["quant_extract (200-ticker universe)"] = QuantExtraction.Schema(Universe),
        ["qual_extract (5 picks)"] = QualExtraction.Schema(Picks, Universe.Except(Picks).ToArray()),
        ["qual_extract (no other name)"] = QualExtraction.Schema(Picks, []),
        ["peer_review addition"] = StructuredOutput.SchemaOf<QuantAcceptanceVerdict>(),
        ["peer_review selection (6 candidates)"] = JointSelection.Schema(Picks.Append("T199")),
        ["peer_review rationale"] = PickRationale.Schema("T000"),
        ["thesis_update"] = StructuredOutput.SchemaOf<HeldThesisUpdate>(),
        [$"cio keyed ({CioAgent.KeyedCandidateLimit} candidates)"] = CioKeyedOutput.Schema(Universe.Take(CioAgent.KeyedCandidateLimit).ToArray()),
        ["cio list (60 candidates)"] = CioRawOutput.Schema(Universe.Take(60).ToArray(), Universe.Take(60).ToArray()),
        ["cio follow-up: entry theses (10)"] = CioEntryTheses.Schema(Universe.Take(10).ToArray()),
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public void Schema_is_inside_the_strict_subset_and_well_under_the_request_limits(string call)
    {
        var schema = SchemasByCall()[call];
        var report = StrictSchemaRules.Check(schema);
        TestContext.Current.TestOutputHelper?.WriteLine($"{call}: {report}");

        Assert.Empty(report.Violations);
        Assert.Empty(StrictSchemaRules.CheckRequest([schema]));
        Assert.Equal(0, report.Optional);             // every property required (OpenAI strict), none left out
        // Nullable only where truly optional: the critic's suggested regime; the qual's addition and the scores the
        // analyst may not have given (2 per assessment shape).
        Assert.InRange(report.UnionTyped, 0, 5);
        var text = schema.GetRawText();
        foreach (var keyword in new[] { "\"minimum\"", "\"maximum\"", "\"minLength\"", "\"maxLength\"", "\"maxItems\"", "\"$ref\"", "\"$defs\"" })
            Assert.DoesNotContain(keyword, text);
    }

    [Fact]
    public void Per_call_schemas_cover_exactly_what_the_call_must_cover()
    {
        var macro = MacroDraft.Schema(Sectors.All).GetProperty("properties").GetProperty("sector_ratings");
        Assert.Equal(Sectors.All, macro.GetProperty("required").EnumerateArray().Select(x => x.GetString()));
        Assert.False(macro.GetProperty("additionalProperties").GetBoolean());

        var cio = CioKeyedOutput.Schema(["AAA", "BBB"]).GetProperty("properties").GetProperty("decisions");
        Assert.Equal(["AAA", "BBB"], cio.GetProperty("required").EnumerateArray().Select(x => x.GetString()));

        var selection = JointSelection.Schema(["AAA", "BBB"]).GetProperty("properties").GetProperty("selected_tickers");
        Assert.Equal(1, selection.GetProperty("minItems").GetInt32());

        var quant = QuantExtraction.Schema(["AAA", "BBB"]).GetProperty("properties").GetProperty("ranked_picks").GetProperty("items")
            .GetProperty("properties").GetProperty("ticker");
        Assert.Equal(["AAA", "BBB"], quant.GetProperty("enum").EnumerateArray().Select(x => x.GetString()));
    }

    [Fact]
    public async Task Every_schema_a_dry_run_sends_conforms()
    {
        // The schemas the agents actually send (macro, team, CIO with a follow-up), not only the ones listed above.
        var ct = TestContext.Current.CancellationToken;
        var stub = new ScriptedChatClient { Fallback = GenericStubResponder.Respond };
        var llm = new FakeLlmClients(stub);
        var ctx = AgentTestWorld.Context(prior: new PriorState
        {
            Population = [AgentTestWorld.Held("MSFT")],
            Theses = new Dictionary<string, Thesis> { ["MSFT"] = AgentTestWorld.PriorThesis("MSFT") },
            SectorViews = Sectors.All.ToDictionary(s => s, s => new SectorView(SectorRating.Underweight, 0.8, "")),
        });
        var macro = await new MacroAgent(llm, AgentTestWorld.Prompts, new AgentsConfig()).RunAsync(ctx, ct);
        await new SectorTeamAgent(llm, AgentTestWorld.Prompts, new AgentsConfig { PicksPerRun = 1 }).RunAsync(TeamId.Technology, ctx, macro, ct);

        var sent = stub.Requests.Where(r => r.Options?.ResponseFormat is ChatResponseFormatJson).ToArray();
        Assert.Contains(sent, r => r.Tag.Label == "peer_review:technology:selection");
        foreach (var r in sent)
        {
            var schema = ((ChatResponseFormatJson)r.Options!.ResponseFormat!).Schema!.Value;
            Assert.True(StrictSchemaRules.Check(schema).Violations.Count == 0, $"{r.Tag.Label}: {string.Join("; ", StrictSchemaRules.Check(schema).Violations)}");
            Assert.Equal(true, r.Options.AdditionalProperties![StructuredOutput.OpenAiStrictKey]);
        }
    }

    [Fact]
    public void Tool_schemas_are_reported_but_not_sent_strict()
    {
        // Tools go out without strict: true (the Anthropic adapter has no strict flag, and we set none for the OpenAI
        // adapter on tool loops), so the per-request limits do not apply to them; their sizes are reported.
        var ctx = AgentTestWorld.Context();
        var recorder = new ToolRecorder();
        var tools = new QuantTools(ctx, ctx.Snapshot.Constituents, recorder).Create().Concat(new QualTools(ctx, recorder).Create())
            .OfType<AIFunction>().ToArray();
        Assert.NotEmpty(tools);
        foreach (var t in tools)
        {
            var report = StrictSchemaRules.Check(t.JsonSchema);
            TestContext.Current.TestOutputHelper?.WriteLine($"tool {t.Name}: {report}");
            Assert.Equal(JsonValueKind.Object, t.JsonSchema.ValueKind);
            Assert.False(t.AdditionalProperties.ContainsKey(StructuredOutput.OpenAiStrictKey));
        }
    }
}

/// <summary>The rule walker itself: each rule of the subset is detected.</summary>
public sealed class StrictSchemaRulesTests
{
    private static IReadOnlyList<string> Violations(string json) => StrictSchemaRules.Check(JsonDocument.Parse(json).RootElement).Violations;

    [Theory]
    [InlineData("""{"type":"object","properties":{"m":{"type":"object","additionalProperties":{"type":"string"}}},"required":["m"],"additionalProperties":false}""", "map-shaped object")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"string"}},"required":["a"]}""", "without additionalProperties: false")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"string"}},"required":[],"additionalProperties":false}""", "not in required")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"number","minimum":0}},"required":["a"],"additionalProperties":false}""", "unsupported keyword 'minimum'")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"string","maxLength":5}},"required":["a"],"additionalProperties":false}""", "unsupported keyword 'maxLength'")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"array","items":{"type":"string"},"minItems":2}},"required":["a"],"additionalProperties":false}""", "minItems 2")]
    [InlineData("""{"type":"object","properties":{"a":{"$ref":"http://x/y.json"}},"required":["a"],"additionalProperties":false}""", "$ref")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"string","format":"ticker"}},"required":["a"],"additionalProperties":false}""", "unsupported format")]
    public void Each_rule_is_detected(string schema, string expected) =>
        Assert.Contains(Violations(schema), v => v.Contains(expected, StringComparison.Ordinal));

    [Fact]
    public void Request_limits_are_summed_over_all_strict_schemas()
    {
        // 9 nullable properties per schema: one schema is fine, two exceed the 16 union-typed properties of a request.
        var props = string.Join(",", Enumerable.Range(0, 9).Select(i => $"\"p{i}\":{{\"type\":[\"string\",\"null\"]}}"));
        var req = string.Join(",", Enumerable.Range(0, 9).Select(i => $"\"p{i}\""));
        var schema = JsonDocument.Parse($$"""{"type":"object","properties":{{{props}}},"required":[{{req}}],"additionalProperties":false}""").RootElement;
        Assert.Equal(9, StrictSchemaRules.Check(schema).UnionTyped);
        Assert.Empty(StrictSchemaRules.CheckRequest([schema]));
        Assert.Equal(["18 union-typed properties in one request (limit 16)"], StrictSchemaRules.CheckRequest([schema, schema]));
    }

    [Fact]
    public void The_builder_refuses_a_map_it_was_not_told_how_to_key()
    {
        var e = Assert.Throws<InvalidOperationException>(() => StrictSchema.For<MacroDraft>().Build());
        Assert.Contains("sector_ratings: map-shaped object", e.Message);
    }

    [Fact]
    public void The_builder_moves_ranges_into_the_description_and_strips_null_unless_marked()
    {
        var s = StructuredOutput.SchemaOf<CriticVerdict>().GetProperty("properties");
        Assert.Equal("string", s.GetProperty("action").GetProperty("type").GetString());
        Assert.Equal(["string", "null"], s.GetProperty("suggested_regime").GetProperty("type").EnumerateArray().Select(x => x.GetString()));
        Assert.Contains(s.GetProperty("suggested_regime").GetProperty("enum").EnumerateArray(), x => x.ValueKind == JsonValueKind.Null);
        var conviction = StructuredOutput.SchemaOf<HeldThesisUpdate>().GetProperty("properties").GetProperty("conviction");
        Assert.Equal("integer", conviction.GetProperty("type").GetString());
        Assert.Equal("Must be between 0 and 100.", conviction.GetProperty("description").GetString());
    }
}
