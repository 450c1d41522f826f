using System.Diagnostics;
using System.Globalization;
using AlphaResearch.Llm;

namespace AlphaResearch.Engine;

/// <summary>
/// The engine's spans on the "AlphaResearch" source: one "run", one "phase {name}" per phase (children of the run,
/// one after another), one "agent {id}" per LLM-bearing step (child of its phase). All null when nobody listens.
/// </summary>
internal static class RunTelemetry
{
    public const string RunDateTag = "alpha_research.run_date";
    public const string PhaseTag = "alpha_research.phase";
    public const string AgentTag = "alpha_research.agent_id";
    public const string StatusTag = "alpha_research.status";
    public const string OutcomeTag = "alpha_research.outcome";

    public static Activity? StartRun(DateOnly date, bool dryRun, string provider)
    {
        var span = AlphaResearchTelemetry.Start("run", RunDateTag, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        span?.SetTag("alpha_research.dry_run", dryRun);
        span?.SetTag("alpha_research.provider", provider);
        return span;
    }

    /// <summary>Ends the current phase span (if any) and starts the next one under the run span.</summary>
    public static Activity? NextPhase(Activity? run, Activity? current, string phase)
    {
        current?.Dispose();
        return run is null ? null : AlphaResearchTelemetry.Start($"phase {phase}", PhaseTag, phase, run.Context);
    }

    public static void EndRun(Activity? run, Activity? phaseSpan, RunStatus status, string phase, string? reason)
    {
        phaseSpan?.Dispose();
        if (run is null) return;
        run.SetTag(StatusTag, status.ToString());
        run.SetTag(PhaseTag, phase);
        if (status == RunStatus.Error) run.SetStatus(ActivityStatusCode.Error, reason);
    }

    public static Activity? StartAgent(string agentId) => AlphaResearchTelemetry.Start($"agent {agentId}", AgentTag, agentId);

    public static void EndAgent(Activity? span, AgentResult? result)
    {
        if (span is null) return;
        span.SetTag(OutcomeTag, result?.Outcome.ToString() ?? "unknown");
        if (result is { Outcome: AgentOutcomeKind.Failed }) span.SetStatus(ActivityStatusCode.Error, result.Reason);
    }
}
