using System.Diagnostics;
using AlphaResearch.Archive;
using AlphaResearch.Engine;
using AlphaResearch.Llm;
using AlphaResearch.Llm.Simulator;

namespace AlphaResearch.Tests.Integration;

/// <summary>
/// Issue 15, the call journal end to end: a real `alpha-research run` process is SIGKILLed while the sector teams are
/// mid-way through their calls; the re-run replays every finished call from the journal and pays none of them again,
/// counted by request body at the HTTP boundary of the simulator.
/// </summary>
public sealed class JournalKillTests : IAsyncLifetime
{
    private const int PaidBeforeKill = 30; // of ~71 calls: the macro economist is done, the teams are half-way
    private readonly PipelineHarness _h = new();
    private AnthropicSimulator _sim = null!;
    private PayingProxy _proxy = null!;

    public async ValueTask InitializeAsync()
    {
        _sim = new AnthropicSimulator(new SimulatorOptions { LatencyMs = 150, MsPerOutputToken = 0 });
        var url = await _sim.StartAsync(TestContext.Current.CancellationToken);
        _proxy = await PayingProxy.StartAsync(url);
    }

    public async ValueTask DisposeAsync()
    {
        await _proxy.DisposeAsync();
        await _sim.DisposeAsync();
        _h.Dispose();
    }

    private string JournalFolder => Path.Combine(_h.Root, "dry_run", "journal", "calls", "2025-01-10");

    private int JournalEntries() => Directory.Exists(JournalFolder) ? Directory.GetFiles(JournalFolder, "*.json", SearchOption.AllDirectories).Length : 0;

    [Fact]
    public async Task Sigkill_mid_agent_then_rerun_pays_no_finished_call_twice()
    {
        var ct = TestContext.Current.CancellationToken;
        using var cli = CliProcess.Start(new Dictionary<string, string>
        {
            ["ANTHROPIC_API_KEY"] = "sk-ant-test-not-a-real-key",
            ["ANTHROPIC_BASE_URL"] = _proxy.Url,
        }, "run", "--llm", "sim", "--store", _h.Root, "--json");

        var waited = Stopwatch.StartNew();
        while (_proxy.PaidBodies().Count < PaidBeforeKill && !cli.HasExited && waited.Elapsed < TimeSpan.FromSeconds(90)) await Task.Delay(10, ct);
        Assert.False(cli.HasExited, "the run finished before it could be killed");
        // Stop forwarding, let every forwarded call be answered and journaled, then kill: nothing is in flight, so
        // every call the simulator answered 200 is a finished call the journal must hold.
        _proxy.Hold();
        while ((_proxy.InFlight > 0 || JournalEntries() < _proxy.PaidBodies().Count) && waited.Elapsed < TimeSpan.FromSeconds(90)) await Task.Delay(10, ct);
        cli.Kill();
        await cli.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(_proxy.PaidBodies().Count, JournalEntries());
        var paidBeforeKill = _proxy.PaidBodies().ToHashSet();

        var journaledPerAgent = Directory.GetDirectories(JournalFolder)
            .ToDictionary(d => Path.GetFileName(d), d => Directory.GetFiles(d, "*.json").Length);

        _proxy.Release();
        int exchangesBefore = _proxy.Exchanges.Count;
        var env = new Dictionary<string, string> { ["ANTHROPIC_API_KEY"] = "sk-ant-test-not-a-real-key" };
        var (rerun, composition) = await _h.RunAsync(LlmProvider.Sim, baseUrl: _proxy.Url, env: env);

        Assert.Equal(RunStatus.Ok, rerun.Status);
        var paidAfter = _proxy.Exchanges.Skip(exchangesBefore).Where(e => e.Path == "/v1/messages" && e.Status == 200).Select(e => e.BodySha256).ToList();
        int repaid = paidAfter.Count(paidBeforeKill.Contains);
        Assert.Equal(0, repaid);

        // Every journaled call of an agent that had not finished was replayed (the finished ones resumed from the archive).
        var records = composition.Services.Usage.Records;
        var rerunAgents = rerun.Agents.Where(a => a.Outcome == AgentOutcomeKind.Ran).Select(a => a.AgentId.Replace(':', '_')).ToHashSet();
        int expectedReplays = journaledPerAgent.Where(kv => rerunAgents.Contains(kv.Key)).Sum(kv => kv.Value);
        Assert.True(expectedReplays > 0, "the kill landed between agents, not mid-agent");
        Assert.Equal(expectedReplays, records.Count(r => r.Replayed));
        Assert.All(records.Where(r => r.Replayed), r => Assert.Equal(0m, r.CostUsd));
        // The live calls of the re-run are exactly what the simulator answered.
        Assert.Equal(paidAfter.Count, records.Count(r => !r.Replayed));
        Assert.Equal(paidAfter.Count + journaledPerAgent.Values.Sum(), await new ObjectStoreCallJournal(DryRunObjectStore.Wrap(_h.Store), new DateOnly(2025, 1, 10), true,
            TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance).CountAsync(ct));
    }
}
