using System.Text;
using AlphaResearch.Archive;
using AlphaResearch.Domain;
using AlphaResearch.Engine;
using AlphaResearch.Llm;

namespace AlphaResearch.Tests.Engine;

/// <summary>The run plan end to end with fake agents on a filesystem store (reference §7.1, §7.2, §7.4 at engine level).</summary>
public sealed class RunEngineTests : IDisposable
{
    private readonly EngineHarness _h = new();
    public void Dispose() => _h.Dispose();

    private static readonly string[] AllArchiveKeys =
    [
        "archive/agent_runs/2026-05-16/cio.json",
        "archive/agent_runs/2026-05-16/macro.json",
        "archive/sector_team_runs/2026-05-16/consumer.json",
        "archive/sector_team_runs/2026-05-16/defensives.json",
        "archive/sector_team_runs/2026-05-16/financials.json",
        "archive/sector_team_runs/2026-05-16/healthcare.json",
        "archive/sector_team_runs/2026-05-16/industrials.json",
        "archive/sector_team_runs/2026-05-16/technology.json",
    ];

    [Fact]
    public async Task Fresh_run_runs_every_agent_persists_all_eight_and_publishes()
    {
        var r = await _h.RunAsync();

        Assert.Equal(RunStatus.Ok, r.Status);
        Assert.Equal("done", r.Phase);
        Assert.False(r.DryRun);
        Assert.All(r.Agents, a => Assert.Equal(AgentOutcomeKind.Ran, a.Outcome));
        Assert.All(r.Agents, a => Assert.True(a.Persisted));
        Assert.Equal(RunEngine.AllAgentIds, r.Agents.Select(a => a.AgentId));
        Assert.Equal([.. AllArchiveKeys, "published/2026-05-16.done", "signals/2026-05-16/signals.json"], await _h.DataKeysAsync());
        Assert.Equal([$"{_h.Store.Location}/signals/2026-05-16/signals.json"], r.PathsWritten);
        Assert.Equal(1, _h.Publisher!.Commits);
        Assert.Equal(8, _h.TotalAgentCalls);
        Assert.Null(await _h.LiveLockAsync()); // lock released
    }

    [Fact]
    public async Task Usage_and_cost_are_reported_per_agent()
    {
        var r = await _h.RunAsync();
        Assert.Equal(new UsageTotals(1, 5000, 800, 0, 0, 0, 0.05m), EngineHarness.Agent(r, "macro").Usage);
        Assert.Equal(new UsageTotals(1, 2000, 300, 0, 0, 0, 0.01m), EngineHarness.Agent(r, "sector_team:financials").Usage);
        Assert.Equal(0.05m + 6 * 0.01m + 0.09m, r.Usage.CostUsd);
        Assert.Equal(8, r.Usage.Calls);
    }

    [Fact]
    public async Task Preseeded_archive_resumes_every_agent_with_zero_agent_calls()
    {
        var archive = _h.Archive();
        var ct = CancellationToken.None;
        await archive.SaveMacroAsync(Sample.RunDate, Sample.Macro("persisted theme"), Sample.Provenance(), ct);
        foreach (var t in Teams.All) await archive.SaveTeamAsync(Sample.RunDate, Sample.Team(t), Sample.Provenance(), ct);
        // The persisted CIO decided exactly the candidates the teams recommend (else the CIO would run again).
        await archive.SaveCioAsync(Sample.RunDate, Sample.Cio(Teams.All.Select(Sample.TickerOf)), Sample.Provenance(), ct);
        _h.Macro.Behavior = _ => throw new InvalidOperationException("macro must not be called");
        foreach (var t in Teams.All) _h.Teams.Behaviors[t] = _ => throw new InvalidOperationException("team must not be called");
        _h.Cio.Behavior = (_, _) => throw new InvalidOperationException("cio must not be called");

        var r = await _h.RunAsync();

        Assert.Equal(RunStatus.Ok, r.Status);
        Assert.All(r.Agents, a => Assert.Equal(AgentOutcomeKind.Resumed, a.Outcome));
        Assert.Equal(0, _h.TotalAgentCalls);
        Assert.Equal(0, r.Usage.Calls);
        Assert.Equal("persisted theme", _h.Publisher!.Prepared!.Macro.KeyTheme);
        Assert.Equal(["NVDA", "ABT", "AFL"], _h.Publisher.Prepared.Cio.AdvancedTickers);
        Assert.Contains(("sector_team:technology", AgentState.Resumed), _h.Observer.Events);
    }

    [Fact]
    public async Task Second_run_on_the_same_date_resumes_so_each_agent_body_runs_once_in_total()
    {
        _h.Cio.Behavior = (_, _) => throw new HttpRequestException("connection reset");
        var first = await _h.RunAsync();
        Assert.Equal(RunStatus.Error, first.Status);
        Assert.Equal("cio", first.Phase);

        _h.Cio.Behavior = null;
        var second = await _h.RunAsync();

        Assert.Equal(RunStatus.Ok, second.Status);
        Assert.Equal(1, _h.Macro.Calls);
        Assert.All(Teams.All, t => Assert.Equal(1, _h.Teams.Calls[t]));
        Assert.Equal(2, _h.Cio.Calls); // the only agent that had not finished
        Assert.Equal(AgentOutcomeKind.Ran, EngineHarness.Agent(second, "cio").Outcome);
        Assert.All(second.Agents.Where(a => a.AgentId != "cio"), a => Assert.Equal(AgentOutcomeKind.Resumed, a.Outcome));
    }

    [Fact]
    public async Task Incident_shape_errors_names_all_three_persists_the_others_and_a_rerun_calls_only_the_three()
    {
        const string err = "RateLimitError 429 — org rate limit of 450,000 input tokens/min, claude-haiku-4-5";
        TeamId[] failing = [TeamId.Defensives, TeamId.Financials, TeamId.Technology];
        foreach (var t in failing) _h.Teams.Behaviors[t] = _ => Task.FromResult(Sample.Failed(t, err));

        var r = await _h.RunAsync();

        Assert.Equal(RunStatus.Error, r.Status);
        Assert.Equal("strict_gate", r.Phase);
        Assert.StartsWith("ALL-AGENTS-STRICT: 3 of 6 sector team(s) did not complete — failed: technology (" + err + "), financials (" + err + "), defensives (" + err + ")", r.Reason);
        Assert.Equal(0, _h.Publisher!.Commits);
        Assert.Equal(0, _h.Cio.Calls);
        Assert.Equal(AgentOutcomeKind.NotRun, EngineHarness.Agent(r, "cio").Outcome);
        Assert.Equal(err, EngineHarness.Agent(r, "sector_team:financials").Reason);
        Assert.Equal(
        [
            "archive/agent_runs/2026-05-16/macro.json",
            "archive/sector_team_runs/2026-05-16/consumer.json",
            "archive/sector_team_runs/2026-05-16/healthcare.json",
            "archive/sector_team_runs/2026-05-16/industrials.json",
        ], await _h.DataKeysAsync());

        _h.Teams.Behaviors.Clear();
        var again = await _h.RunAsync();
        Assert.Equal(RunStatus.Ok, again.Status);
        Assert.Equal(1, _h.Macro.Calls);
        foreach (var t in Teams.All) Assert.Equal(failing.Contains(t) ? 2 : 1, _h.Teams.Calls[t]);
    }

    [Fact]
    public async Task A_throwing_team_does_not_stop_the_others_which_are_all_persisted()
    {
        _h.Teams.Behaviors[TeamId.Healthcare] = _ => throw new InvalidOperationException("held ticker ABT has no prior thesis");
        var r = await _h.RunAsync();

        Assert.Equal(RunStatus.Error, r.Status);
        Assert.Contains("failed: healthcare (InvalidOperationException: held ticker ABT has no prior thesis)", r.Reason);
        Assert.All(Teams.All, t => Assert.Equal(1, _h.Teams.Calls[t]));
        Assert.Equal(5, (await _h.KeysAsync("archive/sector_team_runs/")).Count);
        Assert.Null(await _h.Store.GetAsync(AgentRunArchive.TeamKey(Sample.RunDate, TeamId.Healthcare), CancellationToken.None));
    }

    [Fact]
    public async Task Partial_team_errors_and_is_not_persisted()
    {
        _h.Teams.Behaviors[TeamId.Technology] = _ => Task.FromResult(Sample.PartialTeam(TeamId.Technology));
        var r = await _h.RunAsync();

        Assert.Equal(RunStatus.Error, r.Status);
        Assert.Contains("partial: technology (recursion limit)", r.Reason);
        Assert.Equal(AgentOutcomeKind.Partial, EngineHarness.Agent(r, "sector_team:technology").Outcome);
        Assert.False(await _h.Store.ExistsAsync(AgentRunArchive.TeamKey(Sample.RunDate, TeamId.Technology), CancellationToken.None));
    }

    [Fact]
    public async Task Macro_failure_stops_before_the_teams()
    {
        _h.Macro.Behavior = _ => throw new InvalidOperationException("critic output did not parse");
        var r = await _h.RunAsync();

        Assert.Equal(RunStatus.Error, r.Status);
        Assert.Equal("macro", r.Phase);
        Assert.Equal("ALL-AGENTS-STRICT: macro failed: InvalidOperationException: critic output did not parse — nothing promoted; re-run the same date to retry (completed agents resume)", r.Reason);
        Assert.Equal(0, _h.Teams.TotalCalls);
        Assert.All(r.Agents.Skip(1), a => Assert.Equal(AgentOutcomeKind.NotRun, a.Outcome));
        Assert.Empty(await _h.KeysAsync("archive/"));
    }

    [Fact]
    public async Task Invalid_macro_output_counts_as_failed_and_is_not_persisted()
    {
        _h.Macro.Behavior = _ => Task.FromResult(Sample.Macro() with { Sectors = new Dictionary<string, SectorView>() });
        var r = await _h.RunAsync();
        Assert.Equal(RunStatus.Error, r.Status);
        Assert.Contains("macro failed: macro report lacks sector(s)", r.Reason);
        Assert.Empty(await _h.KeysAsync("archive/"));
    }

    [Fact]
    public async Task Cio_with_empty_decisions_fails_the_run_and_keeps_the_teams()
    {
        _h.Cio.Behavior = (_, _) => Task.FromResult(new CioOutput());
        var r = await _h.RunAsync();

        Assert.Equal(RunStatus.Error, r.Status);
        Assert.Equal("ALL-AGENTS-STRICT: cio failed: the CIO returned no decisions for 6 candidate(s) — nothing promoted; re-run the same date to retry (completed agents resume)", r.Reason);
        Assert.Equal(6, (await _h.KeysAsync("archive/sector_team_runs/")).Count);
        Assert.False(await _h.Store.ExistsAsync(AgentRunArchive.AgentKey(Sample.RunDate, "cio"), CancellationToken.None));
        Assert.Equal(0, _h.Publisher!.Commits);
    }

    [Fact]
    public async Task Cio_is_skipped_when_no_team_recommends_anything()
    {
        foreach (var t in Teams.All) _h.Teams.Behaviors[t] = _ => Task.FromResult(new SectorTeamOutput { TeamId = t });
        var r = await _h.RunAsync();
        Assert.Equal(RunStatus.Ok, r.Status);
        Assert.Equal(AgentOutcomeKind.Skipped, EngineHarness.Agent(r, "cio").Outcome);
        Assert.Equal(0, _h.Cio.Calls);
    }

    [Fact]
    public async Task Cio_receives_every_recommendation_in_team_order_with_open_slots()
    {
        _h.Teams.Behaviors[TeamId.Defensives] = _ => Task.FromResult(Sample.Team(TeamId.Defensives) with
        {
            Recommendations = [new SectorRecommendation { Ticker = "XOM", QuantScore = 90 }],
        });
        await _h.RunAsync();
        var req = _h.Cio.LastRequest!;
        Assert.Equal(3, req.OpenSlots);
        Assert.Equal(["NVDA", "ABT", "AFL", "APD", "GOOG", "XOM"], req.Candidates.Select(c => c.Recommendation.Ticker));
        Assert.Equal(TeamId.Defensives, req.Candidates[5].TeamId);
        Assert.Equal(90, req.Candidates[5].Thesis.FinalScore);
    }

    [Fact]
    public async Task Recommendation_without_an_aggregated_thesis_is_an_error_before_the_cio()
    {
        _h.Aggregator.Drop = "AFL";
        var r = await _h.RunAsync();
        Assert.Equal(RunStatus.Error, r.Status);
        Assert.Equal("cio", r.Phase);
        Assert.Equal("the score aggregator produced no thesis for financials recommendation AFL", r.Reason);
        Assert.Equal(0, _h.Cio.Calls);
    }

    [Fact]
    public async Task Team_returning_another_teams_output_is_failed()
    {
        _h.Teams.Behaviors[TeamId.Consumer] = _ => Task.FromResult(Sample.Team(TeamId.Technology));
        var r = await _h.RunAsync();
        Assert.Equal(RunStatus.Error, r.Status);
        Assert.Contains("failed: consumer (the agent returned output for team 'technology')", r.Reason);
    }

    [Fact]
    public async Task Already_published_date_is_skipped_unless_forced()
    {
        await _h.Store.PutAsync("signals/2026-05-16/signals.json", "{}"u8.ToArray(), CancellationToken.None);
        await _h.Store.PutAsync("published/2026-05-16.done", new byte[] { 1 }, CancellationToken.None);

        var skipped = await _h.RunAsync();
        Assert.Equal(RunStatus.Skipped, skipped.Status);
        Assert.Equal("already_run", skipped.Phase);
        Assert.StartsWith("already_run: signals/2026-05-16/signals.json exists", skipped.Reason);
        Assert.Equal(0, _h.TotalAgentCalls);

        var forced = await _h.RunAsync(force: true);
        Assert.Equal(RunStatus.Ok, forced.Status);
        Assert.Equal(8, _h.TotalAgentCalls);
    }

    [Fact]
    public async Task Forced_rerun_of_a_fully_persisted_date_makes_zero_agent_calls()
    {
        Assert.Equal(RunStatus.Ok, (await _h.RunAsync()).Status);
        var again = await _h.RunAsync(force: true);
        Assert.Equal(RunStatus.Ok, again.Status);
        Assert.Equal(8, _h.TotalAgentCalls);
        Assert.All(again.Agents, a => Assert.Equal(AgentOutcomeKind.Resumed, a.Outcome));
        Assert.Equal(2, _h.Aggregator.Calls); // deterministic steps recomputed from persisted outputs
    }

    [Fact]
    public async Task Marker_in_a_real_run_is_refused_by_quarantine_and_nothing_is_published()
    {
        _h.Teams.Behaviors[TeamId.Consumer] = _ => Task.FromResult(Sample.Team(TeamId.Consumer, "[DRY-RUN] Strong fundamentals"));
        var r = await _h.RunAsync();

        Assert.Equal(RunStatus.Error, r.Status);
        Assert.Equal("quarantine", r.Phase);
        Assert.StartsWith("STUB-QUARANTINE: [DRY-RUN marker in signals_payload at $.buy_candidates[4].thesis_summary: \"[DRY-RUN] Strong fundamentals\"", r.Reason);
        Assert.Equal(0, _h.Publisher!.Commits);
        Assert.False(await _h.Store.ExistsAsync("signals/2026-05-16/signals.json", CancellationToken.None));
    }

    [Fact]
    public async Task Deterministic_step_failure_is_an_error_in_its_phase()
    {
        _h.Macro.Behavior = _ => Task.FromResult(Sample.Macro());
        _h.Cio.Behavior = (req, _) => Task.FromResult(Sample.Cio(["ZZZZ"])); // ApplyEntries cannot find the thesis
        var r = await _h.RunAsync();
        Assert.Equal(RunStatus.Error, r.Status);
        Assert.Equal("entries", r.Phase);
        Assert.StartsWith("entries failed: InvalidOperationException", r.Reason);
    }

    [Fact]
    public async Task Team_concurrency_is_bounded()
    {
        _h.Config = new EngineConfig { TeamConcurrency = 2 };
        foreach (var t in Teams.All)
            _h.Teams.Behaviors[t] = async ct => { await Task.Delay(30, ct); return Sample.Team(t); };
        var r = await _h.RunAsync();
        Assert.Equal(RunStatus.Ok, r.Status);
        Assert.InRange(_h.Teams.MaxConcurrent, 1, 2);
    }

    [Fact]
    public async Task Run_budget_exceeded_stops_the_other_agents_and_errors()
    {
        _h.Teams.Behaviors[TeamId.Technology] = _ => throw new RunBudgetExceededException(101.5m, 100m);
        foreach (var t in Teams.All.Where(t => t != TeamId.Technology))
            _h.Teams.Behaviors[t] = async ct => { await Task.Delay(Timeout.Infinite, ct); return Sample.Team(t); };

        var r = await _h.RunAsync();

        Assert.Equal(RunStatus.Error, r.Status);
        Assert.Equal("teams", r.Phase);
        Assert.StartsWith("run budget exceeded: spent $101.50 > ceiling $100.00", r.Reason);
        Assert.Equal("stopped: run budget exceeded", EngineHarness.Agent(r, "sector_team:consumer").Reason);
    }

    [Fact]
    public async Task A_publication_interrupted_past_the_commit_point_is_finished_by_a_plain_rerun()
    {
        _h.KillAfterCommitPoint = true;
        var interrupted = await _h.RunAsync();
        Assert.Equal(RunStatus.Error, interrupted.Status);
        Assert.Equal("commit", interrupted.Phase);
        Assert.True(await _h.Store.ExistsAsync("signals/2026-05-16/signals.json", CancellationToken.None));
        Assert.Equal(8, _h.TotalAgentCalls);
        decimal paidByFirstAttempt = _h.Ledger.Total.CostUsd;
        Assert.True(paidByFirstAttempt > 0);

        // signals.json exists but the publication never completed: not SKIPPED; every agent resumes, the commit finishes.
        _h.KillAfterCommitPoint = false;
        var finished = await _h.RunAsync();
        Assert.Equal(RunStatus.Ok, finished.Status);
        Assert.All(finished.Agents, a => Assert.Equal(AgentOutcomeKind.Resumed, a.Outcome));
        Assert.Equal(8, _h.TotalAgentCalls);
        Assert.Equal(1, _h.Publisher!.Commits);
        // The brief can still say what the date's research cost: the resumed agents' recorded usage.
        Assert.Equal(paidByFirstAttempt, _h.Publisher.Prepared!.ResumedCostUsd);

        var again = await _h.RunAsync();
        Assert.Equal(RunStatus.Skipped, again.Status);
    }

    [Fact]
    public async Task A_persisted_cio_is_resumed_only_when_it_decided_this_runs_candidates()
    {
        var first = await _h.RunAsync();
        Assert.Equal(RunStatus.Ok, first.Status);
        Assert.Equal(1, _h.Cio.Calls);

        // Same candidates (everything resumed): the CIO is not re-paid.
        var same = await _h.RunAsync(force: true);
        Assert.Equal(AgentOutcomeKind.Resumed, EngineHarness.Agent(same, RunEngine.CioAgent).Outcome);
        Assert.Equal(1, _h.Cio.Calls);

        // The technology team is re-run (its archive object removed) and now recommends another name:
        // the old CIO decisions no longer cover the candidates, so the CIO runs again.
        await _h.Store.DeleteAsync("archive/sector_team_runs/2026-05-16/technology.json", CancellationToken.None);
        _h.Teams.Behaviors[TeamId.Technology] = _ => Task.FromResult(Sample.Team(TeamId.Technology) with
        {
            Recommendations = [new SectorRecommendation { Ticker = "ORCL", QuantScore = 72, QualScore = 66, BullCase = "cloud backlog" }],
        });
        var changed = await _h.RunAsync(force: true);
        Assert.Equal(RunStatus.Ok, changed.Status);
        Assert.Equal(AgentOutcomeKind.Ran, EngineHarness.Agent(changed, RunEngine.CioAgent).Outcome);
        Assert.Equal(2, _h.Cio.Calls);
        Assert.Contains(_h.Cio.LastRequest!.Candidates, c => c.Recommendation.Ticker == "ORCL");
        Assert.Contains(_h.Logger.Collector.GetSnapshot(), l => l.Id == RunEngine.CioResumeMismatchEvent);
    }
}
