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

/// <summary>Crash hygiene around a run: stale temp files swept under the lock, unpersisted envelopes and ledger lines retried before the commit.</summary>
public sealed partial class RunEngine
{
    /// <summary>Temp files older than this were left by a killed writer (a live write takes milliseconds).</summary>
    public static readonly TimeSpan TempFileMaxAge = TimeSpan.FromHours(1);

    public static readonly EventId TempSweepEvent = new(4123, "TempFilesSwept");

    private async Task SweepTempFilesAsync(RunState run, CancellationToken token)
    {
        try
        {
            int removed = await run.Store.SweepStaleTempFilesAsync(_time.GetUtcNow() - TempFileMaxAge, token);
            if (removed > 0)
                EngineLog.TempFilesSwept(_logger, removed, TempFileMaxAge.TotalHours, run.Store.Location);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            run.Warnings.Add($"could not sweep old temp files in {run.Store.Location}: {Describe(ex)}");
        }
    }

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
}
