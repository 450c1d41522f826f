using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using AlphaResearch.Agents;
using AlphaResearch.Archive;
using AlphaResearch.Domain;
using AlphaResearch.Llm;
using AlphaResearch.Publishing;
using Microsoft.Extensions.Logging;
using AlphaResearch.Scoring;

namespace AlphaResearch.Engine;

/// <summary>The run plan under the lock: the nine steps from context to commit, in order.</summary>
public sealed partial class RunEngine
{
    private async Task<RunResult> RunLockedAsync(RunState run, RunLock runLock, CancellationToken token)
    {
        var date = run.Options.RunDate;
        await SweepTempFilesAsync(run, token); // under the lock: only one run of the date sweeps at a time
        var archive = new AgentRunArchive(run.Store, run.DryRun, _logger);

        // Dry runs always run (they are free and meant to be repeated); only real publications are final.
        bool published;
        try
        {
            // A date counts as published only when its publication completed; signals.json alone (a kill past
            // the commit point) means "finish it": the agents resume and the commit is idempotent.
            published = !run.Options.Force && !run.DryRun && await run.Store.ExistsAsync(SignalsKey(date), token)
                && await _services.Publisher.IsPublishedAsync(date, token);
        }
        catch (Exception ex) when (!token.IsCancellationRequested)
        {
            return Finish(run, RunStatus.Error, "already_run",
                $"could not check {SignalsKey(date)} in {run.Store.Location}: {Describe(ex)} — check that the store is reachable, then re-run");
        }
        if (published)
            return Finish(run, RunStatus.Skipped, "already_run",
                $"already_run: {SignalsKey(date)} exists in {run.Store.Location} — use --force to run {Date(date)} again");

        // ---- context
        Enter(run, "context");
        ResearchContext context;
        try
        {
            var prior = await _services.PriorState.LoadAsync(date, token);
            context = await _services.ContextFactory.CreateAsync(date, prior, token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Finish(run, RunStatus.Error, "context", $"loading the research context failed: {Describe(ex)}");
        }
        if (UniverseGuard.Check(context.Snapshot, _config.MinUniverse) is { } tooSmall)
            return Finish(run, RunStatus.Error, "min_universe", tooSmall);

        // ---- macro
        Enter(run, "macro");
        var macro = await AgentStepAsync(run, MacroAgent, null,
            () => archive.LoadMacroAsync(date, token),
            c => _services.Macro.RunAsync(context, c),
            m => AgentRunArchive.ValidateMacro(m) is { } invalid ? (AgentOutcomeKind.Failed, invalid) : (AgentOutcomeKind.Ran, null),
            m => archive.SaveMacroAsync(date, m, Provenance(MacroAgent, _services.Macro.Prompts, context), CancellationToken.None),
            token);
        token.ThrowIfCancellationRequested();
        if (macro is null)
            return Finish(run, RunStatus.Error, "macro", AllAgentsStrictGate.AgentFailed(MacroAgent, run.Agents[MacroAgent].Reason ?? "unknown"));

        // ---- teams: all run to completion, each success persisted at once; then the gate decides
        Enter(run, "teams");
        using var slots = new SemaphoreSlim(Math.Clamp(_config.TeamConcurrency, 1, Teams.All.Count));
        var teamTasks = Teams.All.Select(team => TeamStepAsync(run, archive, team, context, macro, slots, token)).ToList();
        var teamOutputs = await Task.WhenAll(teamTasks);
        token.ThrowIfCancellationRequested();
        var teams = Teams.All.Zip(teamOutputs).ToDictionary(p => p.First, p => p.Second);

        Enter(run, "strict_gate");
        if (AllAgentsStrictGate.CheckTeams(teams) is { } refusal)
            return Finish(run, RunStatus.Error, "strict_gate", refusal);

        // ---- deterministic steps, recomputed from the agent outputs
        Enter(run, "aggregate");
        IReadOnlyList<InvestmentThesis> theses;
        ExitEvaluation exits;
        try
        {
            theses = _services.Aggregator.Aggregate(context, macro, teams);
            Enter(run, "exits");
            exits = _services.Rotation.EvaluateExits(context, theses);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Finish(run, RunStatus.Error, run.Phase, $"{run.Phase} failed: {Describe(ex)}");
        }

        // ---- CIO
        Enter(run, "cio");
        List<CioCandidate> candidates;
        try
        {
            candidates = BuildCandidates(teams, theses);
        }
        catch (InvalidOperationException ex)
        {
            return Finish(run, RunStatus.Error, "cio", ex.Message);
        }
        CioOutput? cio;
        if (candidates.Count == 0)
        {
            cio = new CioOutput();
            Record(run, new AgentResult(CioAgent, AgentOutcomeKind.Skipped, "no candidates to evaluate", UsageTotals.Zero));
            _observer.AgentChanged(CioAgent, AgentState.Done, "no candidates");
        }
        else
        {
            var request = new CioRequest(context, macro, candidates, exits.Remaining, exits.Exits, exits.OpenSlots);
            cio = await AgentStepAsync(run, CioAgent, null,
                () => ResumeCioAsync(archive, date, candidates, token),
                c => _services.Cio.RunAsync(request, c),
                o => o.Decisions.Count == 0 ? (AgentOutcomeKind.Failed, $"the CIO returned no decisions for {candidates.Count} candidate(s)") : (AgentOutcomeKind.Ran, null),
                o => archive.SaveCioAsync(date, o, Provenance(CioAgent, _services.Cio.Prompts, context), CancellationToken.None),
                token);
            token.ThrowIfCancellationRequested();
            if (cio is null)
                return Finish(run, RunStatus.Error, "cio", AllAgentsStrictGate.AgentFailed(CioAgent, run.Agents[CioAgent].Reason ?? "unknown"));
        }

        // ---- entries, prepare
        ResearchOutcome outcome;
        PreparedPublication prepared;
        try
        {
            Enter(run, "entries");
            var rotation = _services.Rotation.ApplyEntries(context, exits, cio, theses);
            RecordAlerts(run, cio, rotation);
            outcome = new ResearchOutcome
            {
                Context = context, Macro = macro, Teams = teams, Theses = theses, Cio = cio, Rotation = rotation,
                RunTime = run.StartedAt, CostUsd = _services.Usage.Total.CostUsd,
                ResumedCostUsd = archive.ResumedUsage.Values.Sum(u => u.CostUsd),
                PriorCalls = archive.ResumedCalls,
            };
            Enter(run, "prepare");
            prepared = _services.Publisher.Prepare(outcome);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Finish(run, RunStatus.Error, run.Phase, $"{run.Phase} failed: {Describe(ex)}");
        }

        // ---- quarantine gate: nothing outside dry_run/ is written unless it passes
        Enter(run, "quarantine");
        string? quarantine = null;
        try
        {
            QuarantineGate.Assert(prepared, outcome, _services.Usage.Records);
        }
        catch (StubQuarantineException ex)
        {
            quarantine = ex.Message;
        }

        // A real run stops here when the gate refuses. A dry run goes on: its publisher writes only into the
        // dry_run/ namespace (the run store is the dry-run view), so week-to-week state can be inspected and
        // carried between dry runs, while nothing reaches the real namespace.
        if (quarantine is not null && !run.DryRun) return Finish(run, RunStatus.Error, "quarantine", quarantine);

        Enter(run, "commit");
        string? lost;
        try
        {
            lost = await runLock.CheckOwnershipAsync(token);
        }
        catch (Exception ex) when (!token.IsCancellationRequested)
        {
            lost = $"could not re-read the run lock {RunLock.KeyFor(date)} before publishing: {Describe(ex)} — not publishing; re-run the same date (completed agents resume)";
        }
        if (lost is not null) return Finish(run, RunStatus.Error, "commit", lost);
        await RetryBookkeepingAsync(run);
        try
        {
            // Not cancellable: the commit is a short run of writes with signals.json as its commit point; a
            // Ctrl-C or deadline part-way would leave the date published yet reported ERROR (and then SKIPPED).
            var paths = await _services.Publisher.CommitAsync(outcome, prepared, CancellationToken.None);
            run.Paths.AddRange(paths);
        }
        catch (Exception ex)
        {
            return Finish(run, RunStatus.Error, "commit",
                $"publishing to {run.Store.Location} failed: {Describe(ex)} — nothing already written was lost, but the publication is incomplete; " +
                "free space or fix the permissions there, then re-run the same date (finished agents resume, the publication is completed)");
        }
        if (!run.DryRun) return Finish(run, RunStatus.Ok, "done", null);
        return Finish(run, RunStatus.Ok, "done",
            quarantine is null
                ? "dry run: published under dry_run/ only; nothing promoted to the real namespace"
                : $"dry run: published under dry_run/ only; quarantine would refuse promotion: {quarantine}",
            promotionRefused: quarantine);
    }

    /// <summary>The CIO's policy alerts and the ADVANCEs that found the book full: into the result and the log.</summary>
    private void RecordAlerts(RunState run, CioOutput cio, RotationResult rotation)
    {
        run.Alerts.Clear(); // recomputed from the (fresh or resumed) outputs
        foreach (var a in cio.Alerts) run.Alerts.Add(new RunAlert(a.Kind, a.Message));
        foreach (var e in rotation.BookFull)
            run.Alerts.Add(new RunAlert(PopulationRotation.BookFull, PopulationRotation.BookFullText(e), e.Ticker));
        foreach (var a in run.Alerts) EngineLog.ResearchAlert(_logger, a.Kind, a.Message);
    }

    /// <summary>
    /// Every team recommendation with its team and aggregated thesis, in team order (reference §2.6: candidates =
    /// every team recommendation + team_id; bounds and slots are the CIO agent's business).
    /// </summary>
    /// <exception cref="InvalidOperationException">The aggregator produced no thesis for a recommendation.</exception>
    private static List<CioCandidate> BuildCandidates(IReadOnlyDictionary<TeamId, SectorTeamOutput> teams, IReadOnlyList<InvestmentThesis> theses)
    {
        var candidates = new List<CioCandidate>();
        foreach (var team in Teams.All)
        {
            foreach (var rec in teams[team].Recommendations)
            {
                var thesis = theses.FirstOrDefault(t => !t.IsHeldUpdate && string.Equals(t.Ticker, rec.Ticker, StringComparison.OrdinalIgnoreCase))
                    ?? throw new InvalidOperationException($"the score aggregator produced no thesis for {team.Id()} recommendation {rec.Ticker}");
                candidates.Add(new CioCandidate(rec, team, thesis.Sector, thesis));
            }
        }
        return candidates;
    }
}
