using System.Text;
using System.Text.Json.Nodes;
using AlphaResearch.Agents;
using AlphaResearch.Archive;
using AlphaResearch.Domain;
using AlphaResearch.Publishing;
using AlphaResearch.Scoring;
using AlphaResearch.Tests.Fakes;

namespace AlphaResearch.Tests.Agents;

/// <summary>Full decision records (#267): prompts, tools, tool-loop transcript, answers; bounded, redacted, deterministic.</summary>
public sealed class DecisionRecordTests
{
    private static readonly string GoldenPath = Path.Combine(AppContext.BaseDirectory, "Fixtures", "decision_records", "team.shape.txt");

    private static async Task<SectorTeamOutput> RunTeamAsync()
    {
        var llm = new FakeLlmClients(new ScriptedChatClient { Fallback = GenericStubResponder.Respond });
        var ctx = AgentTestWorld.Context(prior: new PriorState
        {
            Population = [AgentTestWorld.Held("MSFT")],
            Theses = new Dictionary<string, Thesis> { ["MSFT"] = AgentTestWorld.PriorThesis("MSFT") },
            SectorViews = Sectors.All.ToDictionary(s => s, s => new SectorView(SectorRating.Underweight, 0.8, "")),
        });
        return await new SectorTeamAgent(llm, AgentTestWorld.Prompts, new AgentsConfig())
            .RunAsync(TeamId.Technology, ctx, AgentTestWorld.Macro(), TestContext.Current.CancellationToken);
    }

    /// <summary>Every JSON path with its value kinds ("$.exchanges[].label: string"); tool input schemas count as one object.</summary>
    internal static string Shape(JsonNode? node)
    {
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        void Walk(JsonNode? n, string path)
        {
            switch (n)
            {
                case JsonObject o when path.EndsWith(".input_schema", StringComparison.Ordinal):
                    lines.Add($"{path}: object");
                    break;
                case JsonObject o:
                    lines.Add($"{path}: object");
                    foreach (var (k, v) in o) Walk(v, $"{path}.{k}");
                    break;
                case JsonArray a:
                    lines.Add($"{path}: array");
                    foreach (var v in a) Walk(v, path + "[]");
                    break;
                case null:
                    lines.Add($"{path}: null");
                    break;
                default:
                    lines.Add($"{path}: {n.GetValueKind().ToString().ToLowerInvariant()}");
                    break;
            }
        }
        Walk(node, "$");
        return string.Join('\n', lines) + "\n";
    }

    [Fact]
    public async Task A_team_record_has_the_golden_shape_and_holds_prompts_tools_transcript_and_answers()
    {
        var team = await RunTeamAsync();
        var record = team.Record!;

        Assert.Equal(File.ReadAllText(GoldenPath), Shape(JsonNode.Parse(JsonConventions.Serialize(record))));
        var quant = record.Exchanges.First(e => e.Label == "quant:technology:react");
        Assert.Contains("Technology", quant.SystemPrompt);
        Assert.Contains("2026-03-06", quant.UserPrompt);
        Assert.Contains(quant.Tools, t => t.Name == "screen_by_liquidity" && t.InputSchema is not null);
        // Each tool call is followed (in the loop) by its result, named after the tool.
        var calls = quant.Transcript.Where(t => t.Kind == TranscriptTurn.ToolCall).Select(t => t.Tool).ToArray();
        var results = quant.Transcript.Where(t => t.Kind == TranscriptTurn.ToolResult).Select(t => t.Tool).ToArray();
        Assert.NotEmpty(calls);
        Assert.Equal(calls, results);
        Assert.All(quant.Transcript.Where(t => t.Kind == TranscriptTurn.ToolCall), t => Assert.StartsWith("{", t.Arguments));
        Assert.Equal(quant.Transcript.Last(t => t.Kind == TranscriptTurn.Model).Text, quant.FinalAnswer);
        // Direct calls (extraction, peer review) are exchanges of their own, without tools.
        Assert.Contains(record.Exchanges, e => e.Label == "quant:technology:extract" && e.Tools.Count == 0 && e.FinalAnswer.StartsWith('{'));
        Assert.DoesNotContain(record.Exchanges, e => e.Label == "quant:technology:react" && e.Transcript.Count == 0);
    }

    [Fact]
    public async Task The_same_inputs_give_the_same_record()
    {
        var a = JsonConventions.Serialize((await RunTeamAsync()).Record);
        var b = JsonConventions.Serialize((await RunTeamAsync()).Record);
        Assert.Equal(a, b);
    }

    [Fact]
    public void A_large_tool_result_is_cut_with_a_note_of_how_much()
    {
        var (text, cut) = DecisionRecorder.Bound(new string('r', DecisionRecorder.MaxResultChars + 1234));
        Assert.Equal(1234, cut);
        Assert.EndsWith(" […1234 characters cut]", text);
        Assert.Equal(DecisionRecorder.MaxResultChars + " […1234 characters cut]".Length, text.Length);
        Assert.Equal(("small", 0), DecisionRecorder.Bound("small"));
    }

    [Fact]
    public void The_artifact_shows_the_record_once_on_top_with_secrets_redacted()
    {
        var o = Tests.Publishing.PublishingFixtures.Outcome();
        var record = new DecisionRecord
        {
            Exchanges =
            [
                new DecisionExchange
                {
                    Label = "cio", UserPrompt = "evaluate", FinalAnswer = "{}",
                    Transcript = [new TranscriptTurn { Kind = TranscriptTurn.ToolResult, Tool = "t", Result = "key sk-ant-api03-abcdefghijklmnop" }],
                },
            ],
        };
        var artifacts = DecisionArtifactBuilder.Build(o with { Cio = o.Cio with { Record = record } }, PublicationInputs.Empty);
        var cio = artifacts.Single(a => a.Key.EndsWith("/cio/artifact.json", StringComparison.Ordinal));
        string text = Encoding.UTF8.GetString(cio.Content);
        var json = JsonNode.Parse(text)!.AsObject();

        Assert.Equal(2, json["schema_version"]!.GetValue<int>());
        Assert.Equal("evaluate", json["decision_record"]!["exchanges"]![0]!["user_prompt"]!.GetValue<string>());
        Assert.Null(json["output"]!["record"]);
        Assert.DoesNotContain("sk-ant-api03-abcdefghijklmnop", text);
        Assert.Null(JsonNode.Parse(Encoding.UTF8.GetString(artifacts.Single(a => a.Key.EndsWith("/macro/artifact.json", StringComparison.Ordinal)).Content))!["decision_record"]);
    }
}
