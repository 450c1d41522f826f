namespace AlphaResearch.Llm;

/// <summary>
/// How a response says it came from the alpha-research simulator rather than a real model: the simulator sets
/// <see cref="Header"/> on every response (messages, streaming, count_tokens, errors). The gateway records it per
/// call (<see cref="UsageRecord.Simulated"/>), so what decides that an output is simulated is the wire, not whether
/// its content happens to carry the "[DRY-RUN" marker (an answer with no strings carries none).
/// </summary>
public static class SimulatedResponses
{
    public const string Header = "x-alpha-research-simulator";
    public const string Value = "1";

    /// <summary>True when flattened response headers (lower-case names) carry the simulator's signature.</summary>
    public static bool IsSimulated(IReadOnlyDictionary<string, string>? headers) =>
        headers is not null && headers.TryGetValue(Header, out var v) && !string.IsNullOrEmpty(v);
}
