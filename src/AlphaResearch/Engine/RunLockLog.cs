using Microsoft.Extensions.Logging;

namespace AlphaResearch.Engine;

/// <summary>
/// The run lock's log messages, each declared once (source-generated), one event id per message. The ids match the
/// public <c>RunLock.*Event</c> fields tests and hosts filter on.
/// </summary>
internal static partial class RunLockLog
{
    [LoggerMessage(EventId = 4110, EventName = "RunLockTakeover", Level = LogLevel.Warning,
        Message = "taking over {Why} run lock {Key} (holder {Owner} pid {Pid}, last heartbeat {Heartbeat:o})")]
    public static partial void Takeover(ILogger logger, string why, string key, string owner, int pid, DateTimeOffset heartbeat);

    [LoggerMessage(EventId = 4111, EventName = "RunLockHeartbeatFailed", Level = LogLevel.Warning,
        Message = "run lock heartbeat failed for {Key}: {Error}")]
    public static partial void HeartbeatFailed(ILogger logger, string key, string error);

    [LoggerMessage(EventId = 4112, EventName = "RunLockNotAtomic", Level = LogLevel.Warning,
        Message = "the store {Location} ignores conditional writes (If-None-Match): two runs started at the same moment " +
                  "may both take the run lock — use AWS S3 or a server that implements conditional writes, or start one run at a time")]
    public static partial void NotAtomic(ILogger logger, string location);

    [LoggerMessage(EventId = 4113, EventName = "RunLockLost", Level = LogLevel.Warning,
        Message = "run lock {Key} was taken over by {Owner} pid {Pid}; heartbeat stopped")]
    public static partial void Lost(ILogger logger, string key, string owner, int pid);

    [LoggerMessage(EventId = 4114, EventName = "RunLockReleaseFailed", Level = LogLevel.Warning,
        Message = "could not release run lock {Key}: {Error} (it goes stale on its own)")]
    public static partial void ReleaseFailed(ILogger logger, string key, string error);
}
