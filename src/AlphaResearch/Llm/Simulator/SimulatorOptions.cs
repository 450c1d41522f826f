namespace AlphaResearch.Llm.Simulator;

/// <summary>How the simulated Anthropic org behaves (defaults: the incident's fast-model limits, no faults).</summary>
public sealed record SimulatorOptions
{
    /// <summary>0 → any free port.</summary>
    public int Port { get; init; }
    public int RequestsPerMinute { get; init; } = 4_000;
    public int InputTokensPerMinute { get; init; } = 450_000;
    public int OutputTokensPerMinute { get; init; } = 90_000;
    /// <summary>Base latency of every response, in simulated milliseconds.</summary>
    public double LatencyMs { get; init; } = 400;
    /// <summary>Extra simulated milliseconds per generated output token.</summary>
    public double MsPerOutputToken { get; init; } = 5;
    /// <summary>Simulated time runs this many times faster than real time (ignored when a clock is injected).</summary>
    public double TimeScale { get; init; } = 1;
    /// <summary>
    /// Express retry-after / reset headers in real seconds (for out-of-process clients of a time-scaled simulator).
    /// Leave false when the client shares the simulator's clock.
    /// </summary>
    public bool HeadersInRealTime { get; init; }
    public IReadOnlyList<FaultRule> Faults { get; init; } = [];
    /// <summary>Also append every request's log entry to this JSONL file.</summary>
    public string? RequestLogPath { get; init; }
    /// <summary>Prompt prefixes shorter than this are not cached (the real floor is 1 024–4 096 tokens by model).</summary>
    public int MinCacheableTokens { get; init; }
}
