using System.Diagnostics;
using System.Text.Json;
using AlphaResearch.Llm.Simulator;
using AlphaResearch.Scale.Dispatch;
using AlphaResearch.Tests.Integration;

namespace AlphaResearch.Tests.Scale;

/// <summary>
/// Issue 15, dispatch end to end with real processes and the real PostgreSQL: `run --queued` puts the date's run on the
/// queue; worker A takes it and is SIGKILLed mid-way through the sector teams; after the lease timeout worker B takes
/// the same job, resumes the finished agents, replays A's journaled calls and finishes. The enqueuer exits 0 with an
/// OK run, and no call the simulator answered before the kill is paid again (counted by request body at the proxy).
/// </summary>
public sealed class QueuedWorkersKillTests : IAsyncLifetime
{
    private const int PaidBeforeKill = 30; // of ~71 calls: the macro economist is done, the teams are half-way
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ar-queued-" + Guid.NewGuid().ToString("N"));
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
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private string JournalFolder => Path.Combine(_root, "dry_run", "journal", "calls", "2025-01-10");

    private int JournalEntries() => Directory.Exists(JournalFolder) ? Directory.GetFiles(JournalFolder, "*.json", SearchOption.AllDirectories).Length : 0;

    [Fact]
    public async Task Worker_sigkilled_mid_run_its_job_finishes_on_the_other_worker_paying_no_call_twice()
    {
        var ct = TestContext.Current.CancellationToken;
        var env = new Dictionary<string, string>
        {
            [QueueOptions.Env] = PostgresTestServer.ConnectionStringOrSkip(),
            [QueueOptions.SchemaEnv] = PostgresTestServer.NewSchema(),
            ["ANTHROPIC_API_KEY"] = "sk-ant-test-not-a-real-key",
            ["ANTHROPIC_BASE_URL"] = _proxy.Url,
        };
        string[] worker = ["worker", "--llm", "sim", "--store", _root, "--lease-timeout", "3s"];
        using var workerA = CliProcess.Start(env, worker);
        using var enqueuer = CliProcess.Start(env, "run", "--queued", "--llm", "sim", "--date", "2025-01-10", "--json");

        var waited = Stopwatch.StartNew();
        while (_proxy.PaidBodies().Count < PaidBeforeKill && !workerA.HasExited && !enqueuer.HasExited && waited.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(10, ct);
        Assert.False(enqueuer.HasExited, "the queued run ended before worker A could be killed");
        Assert.True(_proxy.PaidBodies().Count >= PaidBeforeKill, "worker A never reached the sector teams");
        // Nothing in flight at the kill: every call the simulator answered is a finished call the journal must hold.
        _proxy.Hold();
        while ((_proxy.InFlight > 0 || JournalEntries() < _proxy.PaidBodies().Count) && waited.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(10, ct);
        workerA.Kill();
        await workerA.WaitAsync(TimeSpan.FromSeconds(20));
        var paidBeforeKill = _proxy.PaidBodies().ToHashSet();
        Assert.Equal(paidBeforeKill.Count, JournalEntries());
        int exchangesBefore = _proxy.Exchanges.Count;
        _proxy.Release();

        using var workerB = CliProcess.Start(env, worker);
        var (code, stdout, stderr) = await enqueuer.WaitAsync(TimeSpan.FromSeconds(90));

        Assert.True(code == 0, $"run --queued exited {code}; stderr: {stderr}");
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal("OK", json.RootElement.GetProperty("status").GetString());
        Assert.Contains($"on worker {Environment.MachineName.ToLowerInvariant()}:{workerB.Pid}", stderr); // the job moved to B
        var agents = json.RootElement.GetProperty("agents").EnumerateArray().ToList();
        Assert.Contains(agents, a => a.GetProperty("outcome").GetString() == "resumed"); // A's finished agents, from the archive
        var paidAfter = _proxy.Exchanges.Skip(exchangesBefore).Where(e => e.Path == "/v1/messages" && e.Status == 200).Select(e => e.BodySha256).ToList();
        Assert.NotEmpty(paidAfter); // B did pay for the calls A never made
        Assert.Equal(0, paidAfter.Count(paidBeforeKill.Contains));
    }
}
