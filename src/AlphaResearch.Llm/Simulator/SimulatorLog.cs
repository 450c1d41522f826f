using Microsoft.Extensions.Logging;

namespace AlphaResearch.Llm.Simulator;

/// <summary>The simulator's log messages, each declared once (source-generated).</summary>
internal static partial class SimulatorLog
{
    [LoggerMessage(EventId = 4250, EventName = "SimulatorListening", Level = LogLevel.Information,
        Message = "LLM simulator listening on {Url}")]
    public static partial void Listening(ILogger logger, string url);

    [LoggerMessage(EventId = 4251, EventName = "SimulatorRejected", Level = LogLevel.Information,
        Message = "400 #{Seq}: {Reason}")]
    public static partial void Rejected(ILogger logger, int seq, string reason);

    [LoggerMessage(EventId = 4252, EventName = "SimulatorRateLimited", Level = LogLevel.Information,
        Message = "429 #{Seq}: {Limit} exceeded by a request of {Input} input / {MaxTokens} max tokens; retry-after {RetryAfter:0.###} s")]
    public static partial void RateLimited(ILogger logger, int seq, string? limit, long input, int maxTokens, double retryAfter);
}
