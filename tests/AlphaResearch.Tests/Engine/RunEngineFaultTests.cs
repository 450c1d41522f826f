using AlphaResearch.Archive;
using AlphaResearch.Domain;
using AlphaResearch.Engine;
using Microsoft.Extensions.Logging;

namespace AlphaResearch.Tests.Engine;

/// <summary>Store faults, a Ctrl-C during the commit and secrets in agent errors: the run still ends with an honest result.</summary>
public sealed class RunEngineFaultTests : IDisposable
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly EngineHarness _h = new();
    public void Dispose() => _h.Dispose();

    private void Faulty(Func<string, string, Exception?> fault) => _h.WrapStore = inner => new FaultyStore(inner) { Fault = fault };

    private static TaskCanceledException HttpTimeout() =>
        new("The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.", new TimeoutException());

    [Fact]
    public async Task An_archive_save_that_times_out_costs_only_resumability_never_the_run()
    {
        Faulty((op, key) => op == "put" && key.StartsWith("archive/", StringComparison.Ordinal) ? HttpTimeout() : null);
        var r = await _h.RunAsync();

        Assert.Equal(RunStatus.Ok, r.Status);
        Assert.All(r.Agents, a => Assert.Equal(AgentOutcomeKind.Ran, a.Outcome));
        Assert.All(r.Agents, a => Assert.False(a.Persisted));
        // Each save failed once after its call and once more when retried at commit; the run reports each agent.
        Assert.Equal(16, _h.Logger.Collector.GetSnapshot().Count(l => l.Id.Id == AgentRunArchive.SaveFailedEvent.Id));
        Assert.Equal(8, r.Warnings.Count);
        Assert.All(r.Warnings, w => Assert.Contains("could not be persisted", w));
    }

    [Fact]
    public async Task An_archive_save_that_fails_once_is_retried_at_commit_and_the_agent_ends_persisted()
    {
        var failed = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>();
        Faulty((op, key) => op == "put" && key.StartsWith("archive/", StringComparison.Ordinal) && failed.TryAdd(key, true) ? new IOException("No space left on device") : null);
        var r = await _h.RunAsync();

        Assert.Equal(RunStatus.Ok, r.Status);
        Assert.All(r.Agents, a => Assert.True(a.Persisted, a.AgentId));
        Assert.Empty(r.Warnings);
        Assert.Equal(8, (await _h.KeysAsync("archive/")).Count);
        var again = await _h.RunAsync(force: true); // and they resume: nothing is paid twice
        Assert.All(again.Agents, a => Assert.Equal(AgentOutcomeKind.Resumed, a.Outcome));
    }

    [Fact]
    public async Task An_archive_read_that_times_out_re_runs_the_agent()
    {
        await _h.RunAsync();
        Faulty((op, key) => op == "get" && key == AgentRunArchive.AgentKey(Sample.RunDate, "macro") ? HttpTimeout() : null);
        var r = await _h.RunAsync(force: true);

        Assert.Equal(RunStatus.Ok, r.Status);
        Assert.Equal(AgentOutcomeKind.Ran, EngineHarness.Agent(r, "macro").Outcome);
        Assert.Equal(AgentOutcomeKind.Resumed, EngineHarness.Agent(r, "sector_team:technology").Outcome);
        Assert.Equal(2, _h.Macro.Calls);
    }

    [Fact]
    public async Task A_lock_release_failure_does_not_replace_the_published_result()
    {
        Faulty((op, key) => op == "put" && key.StartsWith("locks/", StringComparison.Ordinal)
            ? new UnauthorizedAccessException("Access to the path '/store/locks/2026-05-16.lock' is denied.") : null);
        var r = await _h.RunAsync();

        Assert.Equal(RunStatus.Ok, r.Status);
        Assert.Equal("done", r.Phase);
        var w = Assert.Single(_h.Logger.Collector.GetSnapshot(), l => l.Id.Id == RunLock.ReleaseFailedEvent.Id);
        Assert.Equal("could not release run lock locks/2026-05-16.lock: Access to the path '/store/locks/2026-05-16.lock' is denied. (it goes stale on its own)", w.Message);
    }

    [Fact]
    public async Task A_store_that_refuses_the_lock_ends_ERROR_in_phase_lock_naming_key_and_store()
    {
        Faulty((op, key) => op == "put_if_absent" ? new UnauthorizedAccessException("Access Denied") : null);
        var r = await _h.RunAsync();

        Assert.Equal(RunStatus.Error, r.Status);
        Assert.Equal("lock", r.Phase);
        Assert.Equal($"could not take the run lock locks/2026-05-16.lock in {_h.Store.Location}: UnauthorizedAccessException: Access Denied — check that the store is reachable and writable, then re-run", r.Reason);
        Assert.Equal(0, _h.TotalAgentCalls);
    }

    [Fact]
    public async Task A_store_that_fails_the_already_run_check_ends_ERROR_naming_the_key()
    {
        Faulty((op, key) => op == "exists" && key == RunEngine.SignalsKey(Sample.RunDate) ? new IOException("Input/output error") : null);
        var r = await _h.RunAsync();

        Assert.Equal(RunStatus.Error, r.Status);
        Assert.Equal("already_run", r.Phase);
        Assert.Equal($"could not check signals/2026-05-16/signals.json in {_h.Store.Location}: IOException: Input/output error — check that the store is reachable, then re-run", r.Reason);
        Assert.Equal(0, _h.TotalAgentCalls);
        Assert.Null(await _h.LiveLockAsync());
    }

    [Fact]
    public async Task A_lock_that_cannot_be_re_read_before_publishing_stops_the_commit()
    {
        int lists = 0; // lists 1-3: acquisition, its re-check, pruning; 4th: the ownership check before publishing
        Faulty((op, key) => op == "list" && key == "locks/2026-05-16.lock" && Interlocked.Increment(ref lists) == 4 ? new IOException("Connection reset") : null);
        var r = await _h.RunAsync();

        Assert.Equal(RunStatus.Error, r.Status);
        Assert.Equal("commit", r.Phase);
        Assert.Equal("could not re-read the run lock locks/2026-05-16.lock before publishing: IOException: Connection reset — not publishing; re-run the same date (completed agents resume)", r.Reason);
        Assert.Equal(0, _h.Publisher!.Commits);
        Assert.Null(await _h.LiveLockAsync());
    }

    [Fact]
    public async Task Ctrl_C_after_the_commit_point_does_not_tear_the_publication()
    {
        using var cts = new CancellationTokenSource();
        var engine = _h.Engine();
        _h.Publisher!.AfterCommitPoint = () => cts.CancelAsync();
        var r = await engine.RunAsync(new RunOptions(Sample.RunDate), cts.Token);

        Assert.Equal(RunStatus.Ok, r.Status);
        Assert.Equal("done", r.Phase);
        Assert.True(await _h.Store.ExistsAsync("signals/latest.json", Ct));
        Assert.Equal(2, r.PathsWritten.Count);
    }

    [Fact]
    public async Task An_api_key_in_an_agent_error_never_reaches_the_result_or_the_logs()
    {
        const string key = "sk-ant-api03-AbCdEfGhIjKlMnOpQrStUv";
        _h.Teams.Behaviors[TeamId.Technology] = _ => throw new HttpRequestException($"proxy rejected request (x-api-key: {key})");
        _h.Teams.Behaviors[TeamId.Financials] = _ => Task.FromResult(Sample.Failed(TeamId.Financials, $"[team:financials] AuthenticationError: bad key {key}"));
        var r = await _h.RunAsync();

        Assert.Equal(RunStatus.Error, r.Status);
        string json = JsonConventions.Serialize(r);
        Assert.DoesNotContain("AbCdEfGhIjKl", json);
        Assert.Contains("[REDACTED]", EngineHarness.Agent(r, "sector_team:technology").Reason);
        Assert.Contains("financials ([team:financials] AuthenticationError: bad key [REDACTED])", r.Reason);
        Assert.All(_h.Logger.Collector.GetSnapshot(), l => Assert.DoesNotContain("AbCdEfGhIjKl", l.Message));
    }
}
