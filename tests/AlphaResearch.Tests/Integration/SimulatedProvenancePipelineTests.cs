using AlphaResearch.Cli.Infrastructure;
using AlphaResearch.Engine;
using AlphaResearch.Llm;
using AlphaResearch.Llm.Simulator;

namespace AlphaResearch.Tests.Integration;

/// <summary>
/// R6 by provenance through the production provider: `run` with an Anthropic key and ANTHROPIC_BASE_URL pointing at
/// the simulator in uncooperative mode, whose answers can be empty lists only (no "[DRY-RUN" marker anywhere). The
/// simulator's response header marks every call simulated, so the first agent fails naming why, the run ends non-zero
/// and nothing lands under the real archive/ (last session a string-less healthcare team was persisted there).
/// </summary>
public sealed class SimulatedProvenancePipelineTests : IAsyncLifetime
{
    private readonly PipelineHarness _h = new();
    private AnthropicSimulator _sim = null!;
    private string _url = "";

    public async ValueTask InitializeAsync()
    {
        _sim = new AnthropicSimulator(new SimulatorOptions
        {
            Strict = true, Content = SimContentMode.Uncooperative, Seed = 7, LatencyMs = 5, MsPerOutputToken = 0,
        });
        _url = await _sim.StartAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _sim.DisposeAsync();
        _h.Dispose();
    }

    private async Task AssertNothingOutsideLocks()
    {
        var keys = await _h.KeysAsync();
        Assert.DoesNotContain(keys, k => k.StartsWith("archive/", StringComparison.Ordinal));
        Assert.DoesNotContain(keys, k => k.StartsWith("signals/", StringComparison.Ordinal) || k.StartsWith("briefs/", StringComparison.Ordinal));
        Assert.DoesNotContain(keys, k => k.StartsWith("dry_run/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Uncooperative_simulator_behind_the_production_provider_persists_nothing_and_names_the_reason()
    {
        var env = new Dictionary<string, string> { ["ANTHROPIC_API_KEY"] = "sk-ant-test-not-a-real-key" };
        var (r, composition) = await _h.RunAsync(LlmProvider.Anthropic, baseUrl: _url, env: env);

        Assert.Equal(RunStatus.Error, r.Status);
        Assert.False(r.DryRun);
        Assert.Equal("macro", r.Phase);
        Assert.Contains("macro failed: ", r.Reason);
        Assert.Contains($"LLM call(s) of macro were answered by the alpha-research simulator (response header {SimulatedResponses.Header})", r.Reason);
        Assert.NotEmpty(composition.Services.Usage.Records);
        Assert.All(composition.Services.Usage.Records, u => Assert.True(u.Simulated));
        await AssertNothingOutsideLocks();
    }

    [Fact]
    public async Task The_cli_run_against_the_simulator_with_a_real_key_exits_1_naming_the_agent_and_the_simulator()
    {
        using var run = CliProcess.Start(
            new Dictionary<string, string> { ["ANTHROPIC_API_KEY"] = "sk-ant-test-not-a-real-key", ["ANTHROPIC_BASE_URL"] = _url },
            "run", "--llm", "anthropic", "--store", _h.Root, "--json");
        var (code, stdout, stderr) = await run.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(code == ExitCodes.Failed, $"exit {code}; stdout: {stdout}; stderr: {stderr}");
        Assert.Contains("macro failed: ", stdout);
        Assert.Contains("LLM call(s) of macro were answered by the alpha-research simulator", stdout);
        Assert.DoesNotContain("sk-ant-test-not-a-real-key", stdout + stderr);
        await AssertNothingOutsideLocks();
    }
}
