namespace AlphaResearch.Llm.Simulator;

/// <summary>How the simulated Anthropic org behaves (defaults: strict like the API, the incident's fast-model limits, no faults).</summary>
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
    /// <summary>Prompt prefixes shorter than this are not cached; null → the model's official minimum (<see cref="CacheMinimums"/>).</summary>
    public int? MinCacheableTokens { get; init; }
    /// <summary>
    /// Refuse, like the API, requests it would refuse: malformed requests (<see cref="SimRequestValidator"/>) and
    /// output / strict-tool schemas outside the structured-outputs subset (<see cref="StrictSchemaChecker"/>).
    /// False → the old lax simulator that accepts anything parseable.
    /// </summary>
    public bool Strict { get; init; } = true;
    /// <summary>Multiplier of the simulator's own token count (<see cref="SimTokenCounter"/>).</summary>
    public double TokenFactor { get; init; } = 1.25;
    public SimContentMode Content { get; init; } = SimContentMode.Cooperative;
    /// <summary>Seed of the uncooperative model's choices (same seed + same request → same answer).</summary>
    public int Seed { get; init; } = 1;
    /// <summary>Tool rounds after which the uncooperative model always ends its turn under tool_choice auto.</summary>
    public int UncooperativeMaxToolRounds { get; init; } = 2;
}
