using Microsoft.Extensions.Logging;

namespace AlphaResearch.Archive;

/// <summary>
/// The agent-run archive's log messages, each declared once (source-generated). Event ids match the public
/// <c>AgentRunArchive.*Event</c> fields tests and hosts filter on.
/// </summary>
internal static partial class ArchiveLog
{
    [LoggerMessage(EventId = 4100, EventName = "AgentRunResumed", Level = LogLevel.Information,
        Message = "RESUME {AgentId} for {RunDate}: loaded persisted output from {Key} (zero LLM calls)")]
    public static partial void Resumed(ILogger logger, string agentId, string runDate, string key);

    [LoggerMessage(EventId = 4101, EventName = "AgentRunResumeRefused", Level = LogLevel.Warning,
        Message = "RESUME REFUSED {AgentId} for {RunDate} ({Case}): {Detail} — the agent will re-run (object {Key})")]
    public static partial void Refused(ILogger logger, string agentId, string runDate, ArchiveVerdict @case, string detail, string key);

    [LoggerMessage(EventId = 4102, EventName = "AgentRunSaveFailed", Level = LogLevel.Warning,
        Message = "could not persist {AgentId} for {RunDate} at {Key}: {Error} — this agent won't be resumable")]
    public static partial void SaveFailed(ILogger logger, string agentId, string runDate, string key, string error);

    [LoggerMessage(EventId = 4103, EventName = "AgentRunSaveSkipped", Level = LogLevel.Warning,
        Message = "not persisting {AgentId} for {RunDate}: {Reason}")]
    public static partial void SaveSkipped(ILogger logger, string agentId, string runDate, string reason);

    [LoggerMessage(EventId = 4104, EventName = "CallJournalRefused", Level = LogLevel.Warning,
        Message = "call journal {Key}: {Reason}")]
    public static partial void CallJournalRefused(ILogger logger, string key, string reason);
}
