using Microsoft.Extensions.Logging;

namespace AlphaResearch.Engine;

/// <summary>
/// The run engine's log messages, each declared once (source-generated: no boxing or template parsing per call).
/// Event ids match the public <c>RunEngine.*Event</c> fields tests and hosts filter on.
/// </summary>
internal static partial class EngineLog
{
    [LoggerMessage(EventId = 4120, EventName = "RunEnded", Message = "run {RunDate} ended {Status} in {Phase}: {Reason}")]
    public static partial void RunEnded(ILogger logger, LogLevel level, string runDate, RunStatus status, string phase, string? reason);

    [LoggerMessage(EventId = 4121, EventName = "CioResumeCandidateMismatch", Level = LogLevel.Warning,
        Message = "cio {RunDate}: persisted decisions cover {Decided} but this run's candidates are {Current}; the CIO runs again")]
    public static partial void CioResumeMismatch(ILogger logger, string runDate, string decided, string current);

    [LoggerMessage(EventId = 4122, EventName = "BookkeepingWarning", Level = LogLevel.Warning, Message = "{Warning}")]
    public static partial void BookkeepingWarning(ILogger logger, string warning);

    [LoggerMessage(EventId = 4123, EventName = "TempFilesSwept", Level = LogLevel.Information,
        Message = "removed {Count} temp file(s) older than {Hours} h left by a crashed run in {Store}")]
    public static partial void TempFilesSwept(ILogger logger, int count, double hours, string store);

    [LoggerMessage(EventId = 4124, EventName = "ResearchAlert", Level = LogLevel.Warning, Message = "alert {Kind}: {Message}")]
    public static partial void ResearchAlert(ILogger logger, string kind, string message);
}
