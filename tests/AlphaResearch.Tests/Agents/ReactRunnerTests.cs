using System.Text.Json;
using AlphaResearch.Agents;
using AlphaResearch.Agents.Tools;
using AlphaResearch.Domain;
using AlphaResearch.Llm;
using AlphaResearch.Tests.Fakes;
using Microsoft.Extensions.AI;

namespace AlphaResearch.Tests.Agents;

public sealed class ReactRunnerTests
{
    [Fact]
    public async Task Arguments_the_tool_cannot_bind_are_an_error_result_for_the_model_not_an_exception_out_of_the_loop()
    {
        var ctx = AgentTestWorld.Context();
        var recorder = new ToolRecorder();
        var tools = new QuantTools(ctx, ctx.Snapshot.TeamUniverse(TeamId.Technology).ToArray(), recorder).Create();
        var fake = new ScriptedChatClient();
        // "tickers" must be an array; a string cannot be bound, so the tool body never runs. Four times in a row is
        // more than FunctionInvokingChatClient's default of 3 consecutive errors.
        for (int i = 0; i < 4; i++) fake.OnToolCall("quant:technology:react", "get_technical_indicators", new() { ["tickers"] = "AAPL,MSFT" });
        fake.OnText("quant:technology:react", "1. NVDA 80");

        var result = await ReactRunner.RunAsync(fake, "system", "user", tools, 8,
            new ChatOptions().WithTag("sector_team:technology", "quant:technology:react"), TestContext.Current.CancellationToken, recorder, "quant");

        Assert.Equal(("1. NVDA 80", false, 5), (result.FinalText, result.StepLimitExhausted, result.ModelCalls));
        var toolResult = fake.Requests[1].Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Single();
        var json = Assert.IsType<JsonElement>(toolResult.Result);
        Assert.StartsWith("invalid arguments for get_technical_indicators: ", json.GetProperty("error").GetString());
        Assert.Null(toolResult.Exception);
        // The tool body never ran, so the runner records these calls itself.
        Assert.Equal(4, recorder.Calls.Count);
        Assert.All(recorder.Calls, c => Assert.Equal(("quant", "get_technical_indicators", """{"tickers":"AAPL,MSFT"}""", true), (c.Phase, c.Tool, c.ArgumentsJson, c.IsError)));
        Assert.StartsWith("""{"error":"invalid arguments for get_technical_indicators: """, recorder.Calls[0].ResultSummary);
    }
}
