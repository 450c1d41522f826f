using Microsoft.Extensions.Logging;

namespace AlphaResearch.Llm;

/// <summary>
/// The gateway's log messages, each declared once (source-generated: no boxing or template parsing per call).
/// Event ids 4200–4299 belong to the gateway; hosts and tests filter on them.
/// </summary>
internal static partial class LlmLog
{
    /// <summary>The shared wait line of the retry layer and the governor (<see cref="WaitLog"/> picks the level).</summary>
    [LoggerMessage(EventId = 4200, EventName = "LlmWait", Message = "{Agent}: {Status}, waiting {Wait} s, attempt {Attempt}, {Left} ({Label})")]
    public static partial void Wait(ILogger logger, LogLevel level, string agent, string status, string wait, int attempt, string left, string label);

    [LoggerMessage(EventId = 4201, EventName = "LlmRetryDeadlineExceeded", Level = LogLevel.Error,
        Message = "{Label} ({Agent}): {Error} after {Attempts} attempt(s); next wait {Wait:0.0} s would pass the {Deadline:0.#} min deadline")]
    public static partial void RetryDeadlineExceeded(ILogger logger, string label, string agent, string error, int attempts, double wait, double deadline);

    [LoggerMessage(EventId = 4202, EventName = "LlmCountTokens", Level = LogLevel.Debug,
        Message = "{Label}: count_tokens says {Exact} input tokens for {Model} (estimate {Raw}, calibrated {Calibrated}, factor now {Factor:0.00})")]
    public static partial void CountTokensCalibrated(ILogger logger, string label, long exact, string model, long raw, long calibrated, double factor);

    [LoggerMessage(EventId = 4203, EventName = "LlmCountTokensFailed", Level = LogLevel.Debug,
        Message = "count_tokens for {Model} failed ({Error}); keeping the estimate")]
    public static partial void CountTokensFailed(ILogger logger, string model, string error);

    [LoggerMessage(EventId = 4204, EventName = "LlmCallFailed", Level = LogLevel.Warning,
        Message = "{Label} ({Agent}) failed after {Attempts} attempt(s): {Error}")]
    public static partial void CallFailed(ILogger logger, string label, string agent, int attempts, string error);

    [LoggerMessage(EventId = 4205, EventName = "LlmUsageMissing", Level = LogLevel.Warning,
        Message = "{Label} ({Agent}): the response reported no token usage; recorded as {Error} with an estimate of {Input} in / {Output} out")]
    public static partial void UsageMissing(ILogger logger, string label, string agent, string error, long input, long output);

    [LoggerMessage(EventId = 4206, EventName = "LlmCallRecorded", Level = LogLevel.Information,
        Message = "{Label} ({Agent}) {Model}: in {Input} out {Output} cache r/w {CacheRead}/{CacheWrite}, {Attempts} attempt(s), ${Cost:0.0000} (run ${Total:0.00}){Reask}")]
    public static partial void CallRecorded(ILogger logger, string label, string agent, string model, long input, long output, long cacheRead, long cacheWrite,
        int attempts, decimal cost, decimal total, string reask);

    [LoggerMessage(EventId = 4207, EventName = "LlmNoPrice", Level = LogLevel.Warning,
        Message = "{Label}: no price for model {Model}; cost recorded as 0 (add it to llm.prices)")]
    public static partial void NoPrice(ILogger logger, string label, string model);

    [LoggerMessage(EventId = 4208, EventName = "LlmGatewayBuilt", Level = LogLevel.Information,
        Message = "LLM gateway: provider {Provider}, fast {Fast}, strategic {Strategic}, governor {Governor}{Shared}, retry deadline {Deadline:0.#} min, run budget {Budget}")]
    public static partial void GatewayBuilt(ILogger logger, string provider, string fast, string strategic, string governor, string shared, double deadline, string budget);

    [LoggerMessage(EventId = 4210, EventName = "CallJournalRecordFailed", Level = LogLevel.Warning,
        Message = "{Label} ({Agent}): could not record the call in the journal ({Error}); a re-run would pay it again")]
    public static partial void JournalRecordFailed(ILogger logger, string label, string agent, string error);

    [LoggerMessage(EventId = 4211, EventName = "CallJournalReadFailed", Level = LogLevel.Warning,
        Message = "{Label} ({Agent}): the call journal could not be read ({Error}); calling the model")]
    public static partial void JournalReadFailed(ILogger logger, string label, string agent, string error);

    [LoggerMessage(EventId = 4212, EventName = "CallJournalEntryUnreadable", Level = LogLevel.Warning,
        Message = "{Label} ({Agent}): journal entry {Key} is unreadable; calling the model")]
    public static partial void JournalEntryUnreadable(ILogger logger, string label, string agent, string key);

    [LoggerMessage(EventId = 4213, EventName = "CallJournalReplayed", Level = LogLevel.Debug,
        Message = "{Label} ({Agent}): replayed from the call journal ({Key}), no model call")]
    public static partial void JournalReplayed(ILogger logger, string label, string agent, string key);

    [LoggerMessage(EventId = 4214, EventName = "LlmCallReplayed", Level = LogLevel.Information,
        Message = "{Label} ({Agent}) {Model}: replayed from the call journal, $0")]
    public static partial void CallReplayed(ILogger logger, string label, string agent, string model);

    [LoggerMessage(EventId = 4215, EventName = "SharedBudgetStepFailed", Level = LogLevel.Warning,
        Message = "shared budget {Location}: {What} for {Model} failed ({Error}); its buckets refill on their own")]
    public static partial void SharedBudgetStepFailed(ILogger logger, string location, string what, string model, string error);

    [LoggerMessage(EventId = 4209, EventName = "LlmRetryDeadlineEnvInvalid", Level = LogLevel.Warning,
        Message = "{EnvVar}='{Value}' is not a number of seconds; using the default {Default} s")]
    public static partial void RetryDeadlineEnvInvalid(ILogger logger, string envVar, string value, double @default);
}
