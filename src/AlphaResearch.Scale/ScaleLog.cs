using Microsoft.Extensions.Logging;

namespace AlphaResearch.Scale;

/// <summary>The scale-out layer's log messages, each declared once (source-generated).</summary>
internal static partial class ScaleLog
{
    [LoggerMessage(EventId = 4300, EventName = "OrgBudgetRedisDown", Level = LogLevel.Warning,
        Message = "org budget: Redis at {Endpoint} is unreachable ({Error}); {What}")]
    public static partial void RedisDown(ILogger logger, string endpoint, string error, string what);

    [LoggerMessage(EventId = 4301, EventName = "OrgBudgetRedisRecovered", Level = LogLevel.Warning,
        Message = "org budget: Redis at {Endpoint} is reachable again; calls are admitted by the shared budget")]
    public static partial void RedisRecovered(ILogger logger, string endpoint);
}
