using System.Text;
using AlphaResearch.Archive;
using AlphaResearch.Domain;
using AlphaResearch.Engine;
using AlphaResearch.Llm;

namespace AlphaResearch.Tests.Engine;

/// <summary>Dry-run isolation, the run lock, cancellation and the run deadline.</summary>
public sealed class RunEngineLifecycleTests : IDisposable
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly EngineHarness _h = new();
    public void Dispose() => _h.Dispose();

    private void StubOutputs()
    {
        _h.Macro.Behavior = _ => Task.FromResult(Sample.Macro("[DRY-RUN STUB] Macro neutral"));
        foreach (var t in Teams.All) _h.Teams.Behaviors[t] = _ => Task.FromResult(Sample.Team(t, "[DRY-RUN] Strong fundamentals"));
    }

    [Theory]
    [InlineData(LlmProvider.Stub)]
    [InlineData(LlmProvider.Sim)]
    public async Task Dry_run_leaves_nothing_outside_dry_run_and_reports_the_refused_promotion(LlmProvider provider)
    {
        StubOutputs();
        var r = await _h.RunAsync(provider);

        Assert.Equal(RunStatus.Ok, r.Status);
        Assert.True(r.DryRun);
        Assert.StartsWith("STUB-QUARANTINE: [DRY-RUN marker in signals_payload at $.buy_candidates[0].thesis_summary", r.PromotionRefused);
        Assert.Equal($"dry run: published under dry_run/ only; quarantine would refuse promotion: {r.PromotionRefused}", r.Reason);
        Assert.EndsWith("/dry_run", r.Store);
        var keys = await _h.KeysAsync();
        Assert.NotEmpty(keys);
        Assert.All(keys, k => Assert.StartsWith("dry_run/", k));
        Assert.Contains("dry_run/signals/2026-05-16/signals.json", keys);
        Assert.Contains("dry_run/archive/sector_team_runs/2026-05-16/technology.json", keys);
        Assert.DoesNotContain("signals/2026-05-16/signals.json", keys);
        Assert.Equal(1, _h.Publisher!.Commits);
        Assert.Single(r.PathsWritten);
    }

    [Fact]
    public async Task Dry_run_output_is_invisible_to_a_real_run_which_calls_every_agent()
    {
        StubOutputs();
        await _h.RunAsync(LlmProvider.Stub);
        Assert.Equal(8, _h.TotalAgentCalls);

        _h.Macro.Behavior = _ => Task.FromResult(Sample.Macro());
        _h.Teams.Behaviors.Clear();
        var real = await _h.RunAsync(LlmProvider.Anthropic);

        Assert.Equal(RunStatus.Ok, real.Status);
        Assert.All(real.Agents, a => Assert.Equal(AgentOutcomeKind.Ran, a.Outcome));
        Assert.Equal(16, _h.TotalAgentCalls);
        Assert.Equal(1, _h.Publisher!.Commits);
    }

    [Fact]
    public async Task A_second_dry_run_resumes_its_own_namespace()
    {
        StubOutputs();
        await _h.RunAsync(LlmProvider.Sim);
        var again = await _h.RunAsync(LlmProvider.Sim);
        Assert.Equal(RunStatus.Ok, again.Status);
        Assert.All(again.Agents, a => Assert.Equal(AgentOutcomeKind.Resumed, a.Outcome));
        Assert.Equal(8, _h.TotalAgentCalls);
    }

    [Fact]
    public async Task Clean_dry_run_commits_only_inside_dry_run_and_is_never_skipped()
    {
        var r = await _h.RunAsync(LlmProvider.Stub);
        Assert.Equal(RunStatus.Ok, r.Status);
        Assert.Null(r.PromotionRefused);
        Assert.Equal("dry run: published under dry_run/ only; nothing promoted to the real namespace", r.Reason);
        Assert.Equal(1, _h.Publisher!.Commits);
        Assert.All(await _h.KeysAsync(), k => Assert.StartsWith("dry_run/", k));

        // A dry run for an already "published" dry-run date runs again instead of being SKIPPED already_run.
        var again = await _h.RunAsync(LlmProvider.Stub);
        Assert.Equal(RunStatus.Ok, again.Status);
        Assert.Equal(1, _h.Publisher!.Commits);
        Assert.All(await _h.KeysAsync(), k => Assert.StartsWith("dry_run/", k));
    }

    private async Task WriteLock(DateTimeOffset heartbeat, string prefix = "", string host = "host", int pid = 999, int generation = 0)
    {
        var info = new RunLockInfo("other@host", pid, host, "token-x", heartbeat, heartbeat);
        await _h.Store.PutAsync(prefix + RunLock.GenerationKey(Sample.RunDate, generation), Encoding.UTF8.GetBytes(JsonConventions.Serialize(info)), Ct);
    }

    [Fact]
    public async Task A_live_lock_refuses_a_second_run()
    {
        await WriteLock(_h.Time.GetUtcNow().AddMinutes(-2));
        var r = await _h.RunAsync();

        Assert.Equal(RunStatus.Busy, r.Status);
        Assert.Equal("lock", r.Phase);
        Assert.StartsWith("another run for 2026-05-16 is active in ", r.Reason);
        Assert.Contains("other@host pid 999, last heartbeat 2026-05-16T11:58:00.0000000+00:00 (taken over after 15 min without heartbeat)", r.Reason);
        Assert.Equal(0, _h.TotalAgentCalls);
        Assert.True(await _h.Store.ExistsAsync("locks/2026-05-16.lock", Ct)); // not ours to delete
    }

    [Fact]
    public async Task A_stale_lock_is_taken_over()
    {
        await WriteLock(_h.Time.GetUtcNow().AddMinutes(-16));
        var r = await _h.RunAsync();

        Assert.Equal(RunStatus.Ok, r.Status);
        Assert.Contains(_h.Logger.Collector.GetSnapshot(), l => l.Id.Id == RunLock.TakeoverEvent.Id && l.Message.Contains("other@host pid 999"));
        Assert.Null(await _h.LiveLockAsync());
    }

    [Fact]
    public async Task A_fresh_lock_of_a_dead_process_on_this_host_is_taken_over_at_once()
    {
        await WriteLock(_h.Time.GetUtcNow(), host: Environment.MachineName, pid: int.MaxValue - 7);
        var r = await _h.RunAsync();
        Assert.Equal(RunStatus.Ok, r.Status);
        Assert.Contains(_h.Logger.Collector.GetSnapshot(), l => l.Id.Id == RunLock.TakeoverEvent.Id && l.Message.StartsWith("taking over dead holder's run lock"));
    }

    [Fact]
    public async Task A_fresh_lock_of_a_live_process_on_this_host_is_respected()
    {
        await WriteLock(_h.Time.GetUtcNow(), host: Environment.MachineName, pid: Environment.ProcessId);
        var r = await _h.RunAsync();
        Assert.Equal(RunStatus.Busy, r.Status);
        Assert.Equal("lock", r.Phase);
    }

    [Fact]
    public async Task A_run_whose_lock_was_taken_over_does_not_publish()
    {
        _h.Teams.Behaviors[TeamId.Consumer] = async _ =>
        {
            await WriteLock(_h.Time.GetUtcNow(), generation: 1); // another process took the date over mid-run
            return Sample.Team(TeamId.Consumer);
        };
        var r = await _h.RunAsync();

        Assert.Equal(RunStatus.Error, r.Status);
        Assert.Equal("commit", r.Phase);
        Assert.Equal("the run lock locks/2026-05-16.lock was taken over by other@host pid 999 during this run — not publishing", r.Reason);
        Assert.Equal(0, _h.Publisher!.Commits);
        Assert.Equal("token-x", (await _h.LiveLockAsync())!.Token); // theirs: left alone
    }

    [Fact]
    public async Task Heartbeat_never_overwrites_a_lock_taken_over_by_another_process()
    {
        var cfg = new EngineConfig();
        var attempt = await RunLock.AcquireAsync(_h.Store, Sample.RunDate, "me", Environment.ProcessId, cfg.StaleLockAge, cfg.LockHeartbeat, _h.Time, _h.Logger, Ct);
        await WriteLock(_h.Time.GetUtcNow(), generation: 1);
        await attempt.Lock!.BeatAsync();
        Assert.Equal("token-x", (await _h.LiveLockAsync())!.Token);
        await attempt.Lock.DisposeAsync();
        Assert.Equal("token-x", (await _h.LiveLockAsync())!.Token); // releasing ours never touches theirs
    }

    [Fact]
    public async Task Dry_run_lock_does_not_block_a_real_run()
    {
        await WriteLock(_h.Time.GetUtcNow(), DryRunObjectStore.Prefix);
        Assert.Equal(RunStatus.Ok, (await _h.RunAsync()).Status);
    }

    [Fact]
    public async Task Lock_heartbeat_advances_with_the_clock_and_release_marks_only_our_lock_released()
    {
        var cfg = new EngineConfig();
        var attempt = await RunLock.AcquireAsync(_h.Store, Sample.RunDate, "me", Environment.ProcessId, cfg.StaleLockAge, cfg.LockHeartbeat, _h.Time, _h.Logger, Ct);
        Assert.NotNull(attempt.Lock);
        var start = _h.Time.GetUtcNow();

        var contender = await RunLock.AcquireAsync(_h.Store, Sample.RunDate, "you", 2, cfg.StaleLockAge, cfg.LockHeartbeat, _h.Time, _h.Logger, Ct);
        Assert.Null(contender.Lock);
        Assert.Equal("me", contender.Holder!.Owner);

        await attempt.Lock.BeatAsync();
        _h.Time.Advance(TimeSpan.FromMinutes(10));
        await attempt.Lock.BeatAsync();
        var info = await RunLock.ReadAsync(_h.Store, RunLock.KeyFor(Sample.RunDate), Ct);
        Assert.Equal(start.AddMinutes(10), info!.HeartbeatAt);

        _h.Time.Advance(TimeSpan.FromMinutes(10)); // 10 min since the last beat: still live
        Assert.Null((await RunLock.AcquireAsync(_h.Store, Sample.RunDate, "you", 2, cfg.StaleLockAge, cfg.LockHeartbeat, _h.Time, _h.Logger, Ct)).Lock);

        await attempt.Lock.DisposeAsync();
        Assert.Null(await _h.LiveLockAsync());
        Assert.NotNull((await RunLock.ReadAsync(_h.Store, RunLock.KeyFor(Sample.RunDate), Ct))!.ReleasedAt); // kept as history, marked released
    }

    /// <summary>Technology hangs until cancelled; the other five finish first.</summary>
    private TaskCompletionSource HangTechnology()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _h.Teams.Behaviors[TeamId.Technology] = async ct =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return Sample.Team(TeamId.Technology);
        };
        return started;
    }

    private async Task WaitForOtherTeamsPersisted()
    {
        for (int i = 0; i < 500 && (await _h.KeysAsync("archive/sector_team_runs/")).Count < 5; i++) await Task.Delay(10, TestContext.Current.CancellationToken);
        Assert.Equal(5, (await _h.KeysAsync("archive/sector_team_runs/")).Count);
    }

    [Fact]
    public async Task Cancellation_stops_cleanly_and_keeps_finished_agents_persisted()
    {
        var started = HangTechnology();
        using var cts = new CancellationTokenSource();
        var run = _h.RunWithTokenAsync(cts.Token);
        await started.Task;
        await WaitForOtherTeamsPersisted();
        await cts.CancelAsync();
        var r = await run;

        Assert.Equal(RunStatus.Error, r.Status);
        Assert.Equal("teams", r.Phase);
        Assert.Equal("cancelled during teams — finished agents stay persisted; re-run the same date to resume", r.Reason);
        Assert.Equal("cancelled before it finished", EngineHarness.Agent(r, "sector_team:technology").Reason);
        Assert.Equal(AgentOutcomeKind.Ran, EngineHarness.Agent(r, "sector_team:consumer").Outcome);
        Assert.False(await _h.Store.ExistsAsync(AgentRunArchive.TeamKey(Sample.RunDate, TeamId.Technology), Ct));
        Assert.Null(await _h.LiveLockAsync());

        _h.Teams.Behaviors.Clear();
        var again = await _h.RunAsync();
        Assert.Equal(RunStatus.Ok, again.Status);
        Assert.Equal(2, _h.Teams.Calls[TeamId.Technology]);
        Assert.Equal(1, _h.Teams.Calls[TeamId.Consumer]);
    }

    [Fact]
    public async Task Deadline_on_the_injected_clock_stops_the_run_with_its_reason()
    {
        var started = HangTechnology();
        var run = _h.RunAsync(deadline: TimeSpan.FromMinutes(90));
        await started.Task;
        await WaitForOtherTeamsPersisted();
        _h.Time.Advance(TimeSpan.FromMinutes(91));
        var r = await run;

        Assert.Equal(RunStatus.Error, r.Status);
        Assert.Equal("run deadline of 90m exceeded during teams — finished agents stay persisted; re-run the same date to resume", r.Reason);
        Assert.Equal(5, (await _h.KeysAsync("archive/sector_team_runs/")).Count);
        Assert.True(await _h.Store.ExistsAsync(AgentRunArchive.AgentKey(Sample.RunDate, "macro"), Ct));
    }

    [Fact]
    public async Task Observer_sees_waiting_running_and_done_for_every_agent()
    {
        await _h.RunAsync();
        foreach (var id in RunEngine.AllAgentIds)
        {
            var states = _h.Observer.Events.Where(e => e.Agent == id).Select(e => e.State).ToList();
            Assert.Equal([AgentState.Waiting, AgentState.Running, AgentState.Done], states);
        }
        Assert.Equal("done", _h.Observer.Phases.Last());
    }
}
