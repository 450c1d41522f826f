using AlphaResearch.Engine;
using AlphaResearch.Llm;
using AlphaResearch.Llm.Simulator;

namespace AlphaResearch.Tests.Integration;

/// <summary>
/// Issue 9's acceptance run: the whole pipeline through the real Anthropic SDK against the simulator in strict mode
/// (non-conforming schemas and malformed requests are 400s, as on the API) with a model that gives only what each schema
/// forces — required keys, any enum value, random list lengths, nulls wherever allowed. A run must still end OK: every
/// schema conforms, and every answer is complete by construction or completed by targeted follow-ups.
/// </summary>
public sealed class UncooperativeModelPipelineTests : IAsyncLifetime
{
    private readonly PipelineHarness _h = new();
    private AnthropicSimulator? _sim;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_sim is not null) await _sim.DisposeAsync();
        _h.Dispose();
    }

    // Several seeds: each draws other list lengths, enum values and tool rounds.
    [Theory]
    [InlineData(7)]
    [InlineData(1234)]
    [InlineData(99991)]
    public async Task Strict_uncooperative_simulator_run_ends_ok_with_no_refused_request(int seed)
    {
        _sim = new AnthropicSimulator(new SimulatorOptions
        {
            Strict = true,
            Content = SimContentMode.Uncooperative,
            Seed = seed,
            LatencyMs = 5,
            MsPerOutputToken = 0,
        });
        string url = await _sim.StartAsync(TestContext.Current.CancellationToken);
        var (r, composition) = await _h.RunAsync(LlmProvider.Sim, baseUrl: url);

        var refused = _sim.RequestLog.Where(e => e.Status == 400).ToList();
        Assert.True(refused.Count == 0, $"the strict simulator refused {refused.Count} request(s)");
        Assert.True(r.Status == RunStatus.Ok, $"{r.Status} at {r.Phase}: {r.Reason}");
        Assert.Equal(8, r.Agents.Count);
        Assert.All(r.Agents, a => Assert.Equal(AgentOutcomeKind.Ran, a.Outcome));

        // The ledger books exactly the calls the server answered, and every one carried usage.
        var messages = _sim.RequestLog.Where(e => e.Path == "/v1/messages" && e.Status == 200).ToList();
        var records = composition.Services.Usage.Records;
        Assert.Equal(messages.Count, records.Count(u => u.Error is null));
        Assert.DoesNotContain(records, u => u.Error == "usage_missing");
        TestContext.Current.TestOutputHelper!.WriteLine(
            $"uncooperative run (seed {seed}): {records.Count} calls, {records.Count(u => u.Reask)} re-asks, {r.DurationSeconds:0.0}s");
    }
}
