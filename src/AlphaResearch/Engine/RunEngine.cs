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
public sealed partial class RunEngine
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
        using var span = RunTelemetry.StartRun(options.RunDate, run.DryRun, _services.Provider.Provider.Id());
        run.Span = span;

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
        public System.Diagnostics.Activity? Span { get; set; }
        public System.Diagnostics.Activity? PhaseSpan { get; set; }
        public ConcurrentDictionary<string, Func<Task<bool>>> Unpersisted { get; } = new(StringComparer.Ordinal);
        public ConcurrentBag<string> Warnings { get; } = [];
        public List<RunAlert> Alerts { get; } = [];
    }
}
