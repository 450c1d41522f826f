using System.Diagnostics.Metrics;

namespace AlphaResearch.Llm;

/// <summary>
/// The gateway's instruments on the "AlphaResearch" meter. Tokens and cost come from the usage record (one per
/// call, all attempts), so the metric sums match the ledger; 429 waits come with it; governor queue time is
/// recorded per acquisition, zero waits included, so its count is the number of governed attempts.
/// </summary>
public static class LlmMetrics
{
    public const string Tokens = "alpha_research.llm.tokens";
    public const string Cost = "alpha_research.llm.cost";
    public const string Calls = "alpha_research.llm.calls";
    public const string RateLimitWaits = "alpha_research.llm.rate_limit.waits";
    public const string RateLimitWaitTime = "alpha_research.llm.rate_limit.wait_time";
    public const string GovernorQueueTime = "alpha_research.llm.governor.queue_time";

    public static IReadOnlyList<string> All { get; } = [Tokens, Cost, Calls, RateLimitWaits, RateLimitWaitTime, GovernorQueueTime];

    private static readonly Counter<long> TokensCounter = AlphaResearchTelemetry.Meter.CreateCounter<long>(Tokens, "{token}",
        "Tokens by kind (input, output, cache_read, cache_write) as reported by the provider");
    private static readonly Counter<double> CostCounter = AlphaResearchTelemetry.Meter.CreateCounter<double>(Cost, "USD",
        "Cost of model calls at the configured price card");
    private static readonly Counter<long> CallsCounter = AlphaResearchTelemetry.Meter.CreateCounter<long>(Calls, "{call}",
        "Model calls (one per usage record, retries included in the same call)");
    private static readonly Counter<long> WaitsCounter = AlphaResearchTelemetry.Meter.CreateCounter<long>(RateLimitWaits, "{wait}",
        "Waits after a 429/529 before retrying");
    private static readonly Counter<double> WaitTimeCounter = AlphaResearchTelemetry.Meter.CreateCounter<double>(RateLimitWaitTime, "s",
        "Seconds spent waiting after 429/529 responses");
    private static readonly Histogram<double> QueueHistogram = AlphaResearchTelemetry.Meter.CreateHistogram<double>(GovernorQueueTime, "s",
        "Time a call waited in the token governor for input/output token budget");

    public static void RecordUsage(UsageRecord r)
    {
        if (!CallsCounter.Enabled && !TokensCounter.Enabled && !CostCounter.Enabled && !WaitsCounter.Enabled && !WaitTimeCounter.Enabled) return;
        var model = new KeyValuePair<string, object?>("gen_ai.request.model", r.Model);
        var agent = new KeyValuePair<string, object?>("alpha_research.agent_id", r.AgentId);
        var error = new KeyValuePair<string, object?>("error.type", r.Error ?? "");
        CallsCounter.Add(1, model, agent, error);
        AddTokens(r.InputTokens, "input", model, agent);
        AddTokens(r.OutputTokens, "output", model, agent);
        AddTokens(r.CacheReadTokens, "cache_read", model, agent);
        AddTokens(r.CacheWriteTokens, "cache_write", model, agent);
        CostCounter.Add((double)r.CostUsd, model, agent);
        if (r.RateLimitWaits > 0)
        {
            WaitsCounter.Add(r.RateLimitWaits, model, agent);
            WaitTimeCounter.Add(r.RateLimitWaitSeconds, model, agent);
        }
    }

    public static void RecordGovernorQueue(TimeSpan waited, string model)
    {
        if (QueueHistogram.Enabled) QueueHistogram.Record(waited.TotalSeconds, new KeyValuePair<string, object?>("gen_ai.request.model", model));
    }

    private static void AddTokens(long count, string kind, KeyValuePair<string, object?> model, KeyValuePair<string, object?> agent)
    {
        if (count > 0) TokensCounter.Add(count, new KeyValuePair<string, object?>("alpha_research.token.kind", kind), model, agent);
    }
}
