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
        Assert.Equal(8, _h.Logger.Collector.GetSnapshot().Count(l => l.Id.Id == AgentRunArchive.SaveFailedEvent.Id));
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
        Faulty((op, key) => op == "delete" && key.StartsWith("locks/", StringComparison.Ordinal)
            ? new UnauthorizedAccessException("Access to the path '/store/locks/2026-05-16.lock' is denied.") : null);
        var r = await _h.RunAsync();

        Assert.Equal(RunStatus.Ok, r.Status);
        Assert.Equal("done", r.Phase);
        var w = Assert.Single(_h.Logger.Collector.GetSnapshot(), l => l.Id.Id == RunLock.HeartbeatFailedEvent.Id);
        Assert.Equal("could not release run lock locks/2026-05-16.lock: Access to the path '/store/locks/2026-05-16.lock' is denied. (it goes stale on its own)", w.Message);
    }
}
