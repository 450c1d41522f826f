using AlphaResearch.Engine;
using AlphaResearch.Llm;
using AlphaResearch.Llm.Simulator;

namespace AlphaResearch.Tests.Integration;

/// <summary>
/// The full pipeline through the real Anthropic SDK against the local simulator, with the simulator's
/// org rate limits on: as a dry run (provider sim) and through the production path (provider anthropic
/// pointed at the simulator's URL), where only the quarantine gate stops promotion.
/// </summary>
public sealed class SimulatorPipelineTests : IAsyncLifetime
{
    private readonly PipelineHarness _h = new();
    private AnthropicSimulator _sim = null!;
    private string _url = "";

    // Tight enough that six parallel teams would burst it without the governor; the gateway's governor
    // is configured with the same budget, as a real org's limits would be.
    private const int Itpm = 400_000;

    public async ValueTask InitializeAsync()
    {
        _sim = new AnthropicSimulator(new SimulatorOptions { InputTokensPerMinute = Itpm, OutputTokensPerMinute = 200_000, RequestsPerMinute = 4_000, LatencyMs = 20, MsPerOutputToken = 0 });
        _url = await _sim.StartAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _sim.DisposeAsync();
        _h.Dispose();
    }

    private PipelineHarness Harness => _h;

    [Fact]
    public async Task Sim_dry_run_runs_all_agents_with_zero_429s_and_the_ledger_matches_the_simulator_log()
    {
        var (r, composition) = await Harness.RunAsync(LlmProvider.Sim, baseUrl: _url);

        Assert.Equal(RunStatus.Ok, r.Status);
        Assert.True(r.DryRun);
        Assert.All(r.Agents, a => Assert.Equal(AgentOutcomeKind.Ran, a.Outcome));
        Assert.StartsWith("STUB-QUARANTINE: [DRY-RUN marker", r.PromotionRefused);

        var log = _sim.RequestLog.Where(e => e.Path == "/v1/messages").ToList();
        Assert.Equal(0, _sim.RateLimitedCount);
        var ledger = composition.Services.Usage;
        Assert.Equal(log.Count(e => e.Status == 200), ledger.Total.Calls);
        Assert.Equal(log.Sum(e => e.InputTokens + e.CacheReadTokens + e.CacheWriteTokens), ledger.Total.InputTokens + ledger.Total.CacheReadTokens + ledger.Total.CacheWriteTokens);
        Assert.Equal(log.Sum(e => e.OutputTokens), ledger.Total.OutputTokens);
        Assert.Equal(log.Sum(e => e.CacheReadTokens), ledger.Total.CacheReadTokens);
        // Every call says it was simulated (the simulator's header, recorded per call): allowed in the dry-run namespace.
        Assert.All(ledger.Records, u => Assert.True(u.Simulated));
        TestContext.Current.TestOutputHelper!.WriteLine($"sim run: {ledger.Total.Calls} calls, input {ledger.Total.InputTokens}, output {ledger.Total.OutputTokens}, cache read {ledger.Total.CacheReadTokens}, cache write {ledger.Total.CacheWriteTokens}, {r.DurationSeconds:0.0}s");
        foreach (var a in r.Agents) TestContext.Current.TestOutputHelper!.WriteLine($"  {a.AgentId}: {a.Usage.Calls} calls, in {a.Usage.InputTokens}, out {a.Usage.OutputTokens}, cache read {a.Usage.CacheReadTokens}");
    }

    [Fact]
    public async Task Anthropic_provider_pointed_at_the_simulator_is_stopped_at_its_first_agent_by_the_simulator_header()
    {
        var env = new Dictionary<string, string> { ["ANTHROPIC_API_KEY"] = "sk-ant-test-not-a-real-key" };
        var (r, composition) = await Harness.RunAsync(LlmProvider.Anthropic, baseUrl: _url, env: env);

        Assert.Equal(RunStatus.Error, r.Status);
        Assert.False(r.DryRun);
        // Provenance, not content: the macro agent's calls carried the simulator header, so it fails and the run stops.
        Assert.Equal("macro", r.Phase);
        Assert.Contains("macro failed: ", r.Reason);
        Assert.Contains("answered by the alpha-research simulator", r.Reason);
        Assert.Equal(AgentOutcomeKind.Failed, Assert.Single(r.Agents, a => a.AgentId == "macro").Outcome);
        Assert.All(composition.Services.Usage.Records, u => Assert.True(u.Simulated));

        var keys = await Harness.KeysAsync();
        Assert.DoesNotContain(keys, k => k.StartsWith("signals/", StringComparison.Ordinal) || k.StartsWith("briefs/", StringComparison.Ordinal));
        Assert.DoesNotContain(keys, k => k.StartsWith("dry_run/", StringComparison.Ordinal));
        // Nothing the simulator answered is made resumable in the real namespace (a later run against the real API
        // must not resume it).
        Assert.DoesNotContain(keys, k => k.StartsWith("archive/", StringComparison.Ordinal));
        Assert.All(r.Agents, a => Assert.False(a.Persisted));

        int before = _sim.RequestLog.Count;
        var (again, _) = await Harness.RunAsync(LlmProvider.Anthropic, baseUrl: _url, env: env);
        Assert.True(_sim.RequestLog.Count > before);
        Assert.Equal("macro", again.Phase);
    }
}
