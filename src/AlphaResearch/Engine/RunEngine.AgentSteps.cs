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

/// <summary>One LLM-bearing step: resume-check → run (within its slot and the run deadline) → persist-on-success, and its provenance.</summary>
public sealed partial class RunEngine
{
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
        EngineLog.CioResumeMismatch(_logger, Date(date), string.Join(",", decided.Order(StringComparer.Ordinal)), string.Join(",", current.Order(StringComparer.Ordinal)));
        return null;
    }

    public static readonly EventId CioResumeMismatchEvent = new(4121, "CioResumeCandidateMismatch");

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
        using var span = RunTelemetry.StartAgent(agentId);
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
            if (SimulatedInRealNamespace(run, agentId) is { } simulated) (kind, reason) = (AgentOutcomeKind.Failed, simulated);
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
            Fail(run, agentId, SimulatedInRealNamespace(run, agentId) ?? Describe(ex));
            return null;
        }
        finally
        {
            if (holding) slot!.Release();
            RunTelemetry.EndAgent(span, run.Agents.GetValueOrDefault(agentId));
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
    /// R6 by provenance, not content: in the real namespace an agent whose calls the simulator answered (its responses
    /// carried the simulator header) fails, naming the agent and why, so nothing of it is persisted or published.
    /// </summary>
    private string? SimulatedInRealNamespace(RunState run, string agentId) => run.DryRun ? null
        : AgentRunArchive.SimulatedRefusal(agentId, CallsOf(agentId));

    /// <summary>This process's ledger records of the agent's calls (its sub-agents' included).</summary>
    private IEnumerable<UsageRecord> CallsOf(string agentId) =>
        _services.Usage.Records.Where(r => DecisionArtifactBuilder.Belongs(r.AgentId, agentId));

    private AgentProvenance Provenance(string agentId, IReadOnlyList<PromptRef> prompts, ResearchContext context)
    {
        UsageRecord[] calls = [.. CallsOf(agentId)];
        return new AgentProvenance
        {
            Provider = _services.Provider.Provider.Id(),
            Models = _services.Provider.Models,
            Prompts = prompts,
            SnapshotFingerprint = context.Snapshot.Fingerprint,
            CreatedAt = _time.GetUtcNow(),
            Usage = _services.Usage.TotalFor(agentId),
            Calls = calls,
            Simulated = calls.Any(r => r.Simulated),
        };
    }
}
