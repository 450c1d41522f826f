using System.Diagnostics.Metrics;
using AlphaResearch.Llm;

namespace AlphaResearch.Tests.Telemetry;

/// <summary>The gateway's instruments: names and units as documented, tokens split by kind, waits only when there were some.</summary>
public sealed class LlmMetricsTests
{
    [Fact]
    public void Every_documented_instrument_is_published_on_the_AlphaResearch_meter()
    {
        var published = new Dictionary<string, string?>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (i, l) =>
            {
                if (i.Meter.Name == AlphaResearchTelemetry.Name) lock (published) published[i.Name] = i.Unit;
            },
        };
        listener.Start();
        LlmMetrics.RecordGovernorQueue(TimeSpan.Zero, "touch"); // the type's static instruments exist once it is used

        Assert.Equal("{token}", published[LlmMetrics.Tokens]);
        Assert.Equal("USD", published[LlmMetrics.Cost]);
        Assert.Equal("{call}", published[LlmMetrics.Calls]);
        Assert.Equal("{wait}", published[LlmMetrics.RateLimitWaits]);
        Assert.Equal("s", published[LlmMetrics.RateLimitWaitTime]);
        Assert.Equal("s", published[LlmMetrics.GovernorQueueTime]);
    }

    [Fact]
    public void A_usage_record_adds_tokens_by_kind_cost_and_its_429_waits()
    {
        const string model = "metrics-test-model";
        var seen = new List<(string Instrument, double Value, string? Kind)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (i, l) => { if (i.Meter.Name == AlphaResearchTelemetry.Name) l.EnableMeasurementEvents(i); },
        };
        void On(Instrument i, double v, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? m = null, kind = null;
            foreach (var t in tags)
            {
                if (t.Key == "gen_ai.request.model") m = t.Value as string;
                if (t.Key == "alpha_research.token.kind") kind = t.Value as string;
            }
            if (m == model) lock (seen) seen.Add((i.Name, v, kind));
        }
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => On(i, v, tags));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => On(i, v, tags));
        listener.Start();

        LlmMetrics.RecordUsage(new UsageRecord
        {
            RunDate = "2025-01-10", AgentId = "macro", Label = "macro_economist", Model = model,
            InputTokens = 100, OutputTokens = 20, CacheReadTokens = 50, CacheWriteTokens = 0,
            RateLimitWaits = 2, RateLimitWaitSeconds = 61.5, CostUsd = 0.0125m,
        });
        LlmMetrics.RecordGovernorQueue(TimeSpan.FromSeconds(3), model);

        Assert.Equal([("input", 100d), ("output", 20d), ("cache_read", 50d)],
            seen.Where(s => s.Instrument == LlmMetrics.Tokens).Select(s => (s.Kind!, s.Value)).ToList());
        Assert.Equal(0.0125, Assert.Single(seen, s => s.Instrument == LlmMetrics.Cost).Value, 6);
        Assert.Equal(1, Assert.Single(seen, s => s.Instrument == LlmMetrics.Calls).Value);
        Assert.Equal(2, Assert.Single(seen, s => s.Instrument == LlmMetrics.RateLimitWaits).Value);
        Assert.Equal(61.5, Assert.Single(seen, s => s.Instrument == LlmMetrics.RateLimitWaitTime).Value);
        Assert.Equal(3, Assert.Single(seen, s => s.Instrument == LlmMetrics.GovernorQueueTime).Value);
    }
}
