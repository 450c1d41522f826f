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

/// <summary>Phase changes and the run result: every agent accounted for, reasons and warnings redacted, one log line.</summary>
public sealed partial class RunEngine
{
    private void Enter(RunState run, string phase)
    {
        run.Phase = phase;
        run.PhaseSpan = RunTelemetry.NextPhase(run.Span, run.PhaseSpan, phase);
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
            Alerts = [.. run.Alerts],
        };
        RunTelemetry.EndRun(run.Span, run.PhaseSpan, status, phase, reason);
        run.PhaseSpan = null;
        foreach (var w in result.Warnings) EngineLog.BookkeepingWarning(_logger, w);
        _observer.PhaseChanged(phase);
        EngineLog.RunEnded(_logger, status == RunStatus.Error ? LogLevel.Error : LogLevel.Information, result.RunDate, status, phase,
            status == RunStatus.Error ? reason : reason ?? "");
        return result;
    }

    public static readonly EventId RunEndedEvent = new(4120, "RunEnded");
}
