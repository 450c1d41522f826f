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

/// <summary>
/// The durable run plan (R3–R6): context → macro → six teams in parallel → strict gate → score
/// aggregation → exits → CIO → entries → prepare → quarantine gate → commit. Every LLM-bearing step is
/// resume-check → run → persist-on-success; every deterministic step is recomputed from the (fresh or
/// resumed) agent outputs, so a re-run after any failure or kill re-calls only the unfinished agents.
/// Unlike the Python original a failing team does not abort the others: all teams run to completion
/// (each success persisted at once), then the strict gate decides.
/// </summary>
public sealed class RunEngine
{
    public const string MacroAgent = AgentRunArchive.MacroAgentId;
    public const string CioAgent = AgentRunArchive.CioAgentId;
    public static string TeamAgent(TeamId team) => $"sector_team:{team.Id()}";

    public static string SignalsKey(DateOnly runDate) => $"signals/{Date(runDate)}/signals.json";

    private readonly IObjectStore _root;
    private readonly RunServices _services;
    private readonly EngineConfig _config;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IRunObserver _observer;
    private readonly string _owner;
    private readonly int _pid;

    public RunEngine(IObjectStore root, RunServices services, EngineConfig config, TimeProvider time, ILogger logger,
        IRunObserver? observer = null, string? owner = null, int? pid = null)
    {
        _root = root;
        _services = services;
        _config = config;
        _time = time;
        _logger = logger;
        _observer = observer ?? NullRunObserver.Instance;
        _owner = owner ?? $"{Environment.UserName}@{Environment.MachineName}";
        _pid = pid ?? Environment.ProcessId;
    }

    public static IReadOnlyList<string> AllAgentIds { get; } = [MacroAgent, .. Teams.All.Select(TeamAgent), CioAgent];

    public async Task<RunResult> RunAsync(RunOptions options, CancellationToken ct)
    {
        var run = new RunState(options, _services.Provider.IsDryRun, RunNamespace.StoreFor(_root, _services.Provider.Provider), _time);
        var deadline = options.Deadline ?? _config.RunDeadline;
        using var deadlineCts = deadline is { } d ? new CancellationTokenSource(d, _time) : new CancellationTokenSource();
        using var runCts = CancellationTokenSource.CreateLinkedTokenSource(ct, deadlineCts.Token);
        run.Cancel = runCts;

        foreach (var id in AllAgentIds) _observer.AgentChanged(id, AgentState.Waiting, null);
        void OnUsage(UsageRecord r) => _observer.UsageChanged(r.AgentId, _services.Usage.TotalFor(r.AgentId));
        _services.Usage.Recorded += OnUsage;
        try
        {
            RunLockAttempt attempt;
            try
            {
                attempt = await RunLock.AcquireAsync(run.Store, options.RunDate, _owner, _pid, _config.StaleLockAge,
                    _config.LockHeartbeat, _time, _logger, runCts.Token);
            }
            catch (Exception ex) when (!runCts.IsCancellationRequested)
            {
                return Finish(run, RunStatus.Error, "lock",
                    $"could not take the run lock {RunLock.KeyFor(options.RunDate)} in {run.Store.Location}: {Describe(ex)} — check that the store is reachable and writable, then re-run");
            }
            if (attempt.Lock is null)
            {
                var h = attempt.Holder;
                return Finish(run, RunStatus.Busy, "lock",
                    $"another run for {Date(options.RunDate)} is active in {run.Store.Location}: {h?.Owner ?? "unknown"} pid {h?.Pid ?? 0}, " +
                    $"last heartbeat {h?.HeartbeatAt.ToString("o", CultureInfo.InvariantCulture) ?? "unknown"} (taken over after {_config.StaleLockAge.TotalMinutes:0} min without heartbeat) — wait for it to finish");
            }
            await using (attempt.Lock)
            {
                try
                {
                    return await RunLockedAsync(run, attempt.Lock, runCts.Token);
                }
                catch (OperationCanceledException) when (runCts.IsCancellationRequested)
                {
                    string reason = run.BudgetError?.Message
                        ?? (deadlineCts.IsCancellationRequested ? $"run deadline of {Span(deadline!.Value)} exceeded" : "cancelled");
                    return Finish(run, RunStatus.Error, run.Phase,
                        $"{reason} during {run.Phase} — finished agents stay persisted; re-run the same date to resume");
                }
            }
        }
        catch (OperationCanceledException) when (runCts.IsCancellationRequested)
        {
            return Finish(run, RunStatus.Error, "lock", deadlineCts.IsCancellationRequested ? "run deadline exceeded before the run started" : "cancelled");
        }
        finally
        {
            _services.Usage.Recorded -= OnUsage;
        }
    }

    /// <summary>Temp files older than this were left by a killed writer (a live write takes milliseconds).</summary>
    public static readonly TimeSpan TempFileMaxAge = TimeSpan.FromHours(1);

    public static readonly EventId TempSweepEvent = new(4123, "TempFilesSwept");

    private async Task SweepTempFilesAsync(RunState run, CancellationToken token)
    {
        try
        {
            int removed = await run.Store.SweepStaleTempFilesAsync(_time.GetUtcNow() - TempFileMaxAge, token);
            if (removed > 0)
                _logger.LogInformation(TempSweepEvent, "removed {Count} temp file(s) older than {Hours} h left by a crashed run in {Store}", removed, TempFileMaxAge.TotalHours, run.Store.Location);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            run.Warnings.Add($"could not sweep old temp files in {run.Store.Location}: {Describe(ex)}");
        }
    }

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
            QuarantineGate.Assert(prepared, outcome);
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

    /// <summary>
    /// A persisted CIO output is resumed only if it decided exactly this run's candidates: when a team was re-run
    /// since (its archive object deleted or refused), the old decisions no longer match and the CIO runs again.
    /// </summary>
    private async Task<CioOutput?> ResumeCioAsync(AgentRunArchive archive, DateOnly date, IReadOnlyList<CioCandidate> candidates, CancellationToken token)
    {
        var resumed = await archive.LoadCioAsync(date, token);
        if (resumed is null) return null;
        var decided = resumed.Decisions.Select(d => d.Ticker).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var current = candidates.Select(c => c.Recommendation.Ticker).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (decided.SetEquals(current)) return resumed;
        archive.DiscardResumed(CioAgent);
        _logger.LogWarning(CioResumeMismatchEvent,
            "cio {RunDate}: persisted decisions cover {Decided} but this run's candidates are {Current}; the CIO runs again",
            Date(date), string.Join(",", decided.Order(StringComparer.Ordinal)), string.Join(",", current.Order(StringComparer.Ordinal)));
        return null;
    }

    public static readonly EventId CioResumeMismatchEvent = new(4121, "CioResumeCandidateMismatch");
    public static readonly EventId BookkeepingEvent = new(4122, "BookkeepingWarning");

    /// <summary>
    /// What could not be written after a paid call (an agent's archive envelope, ledger lines) is retried once before
    /// the commit; what still fails stays a warning — the run's outputs are in memory and get published regardless.
    /// </summary>
    private async Task RetryBookkeepingAsync(RunState run)
    {
        foreach (var (agentId, persist) in run.Unpersisted.ToArray())
        {
            if (await persist())
            {
                run.Unpersisted.TryRemove(agentId, out _);
                if (run.Agents.TryGetValue(agentId, out var r)) run.Agents[agentId] = r with { Persisted = true };
            }
            else
            {
                run.Warnings.Add($"{agentId}: its output could not be persisted in {run.Store.Location} (retried at commit) — it is published from memory " +
                    "but a re-run of this date would pay for it again; check the store's permissions and free space");
            }
        }
        int unwritten = _services.Usage.RetryUnwritten();
        if (unwritten > 0)
            run.Warnings.Add($"{unwritten} usage record(s) could not be written to the ledger file (retried at commit); they are recorded in research.db and the agents' envelopes");
    }

    private async Task<SectorTeamOutput> TeamStepAsync(RunState run, AgentRunArchive archive, TeamId team, ResearchContext context,
        MacroReport macro, SemaphoreSlim slots, CancellationToken token)
    {
        string agentId = TeamAgent(team);
        var output = await AgentStepAsync(run, agentId, slots,
            () => archive.LoadTeamAsync(context.RunDate, team, token),
            c => _services.Teams.RunAsync(team, context, macro, c),
            o => o.TeamId != team ? (AgentOutcomeKind.Failed, $"the agent returned output for team '{o.TeamId.Id()}'")
                : o.Error is not null ? (AgentOutcomeKind.Failed, o.Error)
                : o.Partial ? (AgentOutcomeKind.Partial, o.PartialReasons.Count > 0 ? string.Join("; ", o.PartialReasons) : "partial")
                : (AgentOutcomeKind.Ran, null),
            o => archive.SaveTeamAsync(context.RunDate, o, Provenance(agentId, _services.Teams.Prompts, context), CancellationToken.None),
            token, keepOutputOnPartial: true);
        if (output is not null && output.TeamId == team) return output;
        // The gate sees a failed team with the step's reason (thrown, cancelled or cross-wired).
        return new SectorTeamOutput { TeamId = team, Error = run.Agents[agentId].Reason ?? "failed" };
    }

    /// <summary>resume-check → run → judge → persist-on-success. Returns the output to use, or null when the agent failed.</summary>
    private async Task<T?> AgentStepAsync<T>(RunState run, string agentId, SemaphoreSlim? slot,
        Func<Task<T?>> tryResume, Func<CancellationToken, Task<T>> runAgent,
        Func<T, (AgentOutcomeKind Kind, string? Reason)> judge, Func<T, Task<bool>> persist,
        CancellationToken token, bool keepOutputOnPartial = false) where T : class
    {
        bool holding = false;
        try
        {
            // Inside the try: a run stopped (budget, deadline, Ctrl-C) before this agent even looked for its
            // persisted output still records why this agent did not finish.
            var resumed = await tryResume();
            if (resumed is not null)
            {
                Record(run, new AgentResult(agentId, AgentOutcomeKind.Resumed, null, UsageTotals.Zero, Persisted: true));
                _observer.AgentChanged(agentId, AgentState.Resumed, null);
                return resumed;
            }
            if (slot is not null)
            {
                await slot.WaitAsync(token);
                holding = true;
            }
            _observer.AgentChanged(agentId, AgentState.Running, null);
            T output = await runAgent(token);
            var (kind, reason) = judge(output);
            bool persisted = kind == AgentOutcomeKind.Ran && await persist(output);
            // Paid for but not persisted (the store refused the write): keep the output for this run and retry at commit.
            if (kind == AgentOutcomeKind.Ran && !persisted) run.Unpersisted[agentId] = () => persist(output);
            Record(run, new AgentResult(agentId, kind, reason, _services.Usage.TotalFor(agentId), persisted));
            _observer.AgentChanged(agentId, kind switch
            {
                AgentOutcomeKind.Ran => AgentState.Done,
                AgentOutcomeKind.Partial => AgentState.Partial,
                _ => AgentState.Failed,
            }, Redact(reason));
            return kind == AgentOutcomeKind.Ran || (kind == AgentOutcomeKind.Partial && keepOutputOnPartial) ? output : null;
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            Fail(run, agentId, run.BudgetError is not null ? "stopped: run budget exceeded" : "cancelled before it finished");
            return null;
        }
        catch (RunBudgetExceededException ex)
        {
            run.BudgetError ??= ex;
            Fail(run, agentId, ex.Message);
            await run.Cancel!.CancelAsync(); // stop every other agent: the run cannot succeed any more
            return null;
        }
        catch (Exception ex)
        {
            // An agent that throws has failed; the strict gate reports it. Other agents carry on.
            Fail(run, agentId, Describe(ex));
            return null;
        }
        finally
        {
            if (holding) slot!.Release();
        }
    }

    private void Fail(RunState run, string agentId, string reason)
    {
        Record(run, new AgentResult(agentId, AgentOutcomeKind.Failed, reason, _services.Usage.TotalFor(agentId)));
        _observer.AgentChanged(agentId, AgentState.Failed, Redact(reason));
    }

    private static void Record(RunState run, AgentResult result) => run.Agents[result.AgentId] = result with { Reason = Redact(result.Reason) };

    /// <summary>Agent errors carry SDK and proxy messages; a credential in one must never reach the result, logs or display.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    private static string? Redact(string? text) => text is null ? null : Redactor.Redact(text);

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

    private AgentProvenance Provenance(string agentId, IReadOnlyList<PromptRef> prompts, ResearchContext context) => new()
    {
        Provider = _services.Provider.Provider.Id(),
        Models = _services.Provider.Models,
        Prompts = prompts,
        SnapshotFingerprint = context.Snapshot.Fingerprint,
        CreatedAt = _time.GetUtcNow(),
        Usage = _services.Usage.TotalFor(agentId),
        Calls = [.. _services.Usage.Records.Where(r => DecisionArtifactBuilder.Belongs(r.AgentId, agentId))],
    };

    private void Enter(RunState run, string phase)
    {
        run.Phase = phase;
        _observer.PhaseChanged(phase);
    }

    private RunResult Finish(RunState run, RunStatus status, string phase, string? reason, string? promotionRefused = null)
    {
        reason = Redact(reason);
        promotionRefused = Redact(promotionRefused);
        var agents = AllAgentIds
            .Select(id => run.Agents.TryGetValue(id, out var r) ? r : new AgentResult(id, AgentOutcomeKind.NotRun, null, UsageTotals.Zero))
            .ToList();
        var result = new RunResult
        {
            Status = status,
            RunDate = Date(run.Options.RunDate),
            Phase = phase,
            Reason = reason,
            DryRun = run.DryRun,
            PromotionRefused = promotionRefused,
            Store = run.Store.Location,
            Agents = agents,
            Usage = _services.Usage.Total,
            PathsWritten = run.Paths.ToList(),
            DurationSeconds = Math.Round(_time.GetElapsedTime(run.StartTimestamp).TotalSeconds, 3),
            Warnings = [.. _services.Usage.Warnings.Concat(run.Warnings).Select(w => Redact(w)).Distinct(StringComparer.Ordinal)],
        };
        foreach (var w in result.Warnings) _logger.LogWarning(BookkeepingEvent, "{Warning}", w);
        _observer.PhaseChanged(phase);
        if (status == RunStatus.Error) _logger.LogError(RunEndedEvent, "run {RunDate} ended {Status} in {Phase}: {Reason}", result.RunDate, status, phase, reason);
        else _logger.LogInformation(RunEndedEvent, "run {RunDate} ended {Status} in {Phase}: {Reason}", result.RunDate, status, phase, reason ?? "");
        return result;
    }

    public static readonly EventId RunEndedEvent = new(4120, "RunEnded");

    private static string Describe(Exception ex) => $"{ex.GetType().Name}: {ex.Message}";
    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static string Span(TimeSpan t) => t.TotalHours >= 1 && t.Minutes == 0 ? $"{t.TotalHours:0}h" : $"{t.TotalMinutes:0.##}m";

    private sealed class RunState(RunOptions options, bool dryRun, IObjectStore store, TimeProvider time)
    {
        public RunOptions Options { get; } = options;
        public bool DryRun { get; } = dryRun;
        public IObjectStore Store { get; } = store;
        public long StartTimestamp { get; } = time.GetTimestamp();
        public DateTimeOffset StartedAt { get; } = time.GetUtcNow();
        public ConcurrentDictionary<string, AgentResult> Agents { get; } = new();
        public List<string> Paths { get; } = [];
        public string Phase { get; set; } = "lock";
        public RunBudgetExceededException? BudgetError { get; set; }
        public CancellationTokenSource? Cancel { get; set; }
        public ConcurrentDictionary<string, Func<Task<bool>>> Unpersisted { get; } = new(StringComparer.Ordinal);
        public ConcurrentBag<string> Warnings { get; } = [];
    }
}
