using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AlphaResearch.Llm;

/// <summary>
/// The one ActivitySource and Meter of the product, both named <see cref="Name"/>: run → phase → agent → tool spans,
/// the GenAI spans of M.E.AI's OpenTelemetry layer (same source name) and the gateway's metrics.
/// Without a listener (no TracerProvider / MeterProvider) StartActivity returns null and instruments record nothing.
/// </summary>
public static class AlphaResearchTelemetry
{
    public const string Name = "AlphaResearch";

    public static ActivitySource Source { get; } = new(Name);

    public static Meter Meter { get; } = new(Name);

    /// <summary>Starts a span only when someone listens; the tag is set on the span, never computed otherwise.</summary>
    public static Activity? Start(string name, string tagKey, string? tagValue, ActivityContext parent = default)
    {
        if (!Source.HasListeners()) return null;
        var activity = Source.StartActivity(name, ActivityKind.Internal, parent);
        activity?.SetTag(tagKey, tagValue);
        return activity;
    }
}
