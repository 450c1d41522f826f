using AlphaResearch.Llm;
using AlphaResearch.Domain;

namespace AlphaResearch.Archive;

/// <summary>What produced a persisted agent output: provider, models, exact prompts, input snapshot, when, and at what usage.</summary>
public sealed record AgentProvenance
{
    /// <summary>Provider id ("anthropic", "openai", "stub", "sim"); see <see cref="LlmProviders.Id"/>.</summary>
    public required string Provider { get; init; }
    /// <summary>Model id per tier ("fast", "strategic").</summary>
    public IReadOnlyDictionary<string, string> Models { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<PromptRef> Prompts { get; init; } = [];
    public string SnapshotFingerprint { get; init; } = "";
    public required DateTimeOffset CreatedAt { get; init; }
    public UsageTotals Usage { get; init; } = UsageTotals.Zero;
    /// <summary>Every paid call behind this output (with call ids), so research.db can record them even if the ledger file is lost.</summary>
    public IReadOnlyList<UsageRecord> Calls { get; init; } = [];

    /// <summary>
    /// Some call behind this output was answered by the simulator (its response carried
    /// <see cref="SimulatedResponses.Header"/>), whatever <see cref="Provider"/> says: never real research.
    /// </summary>
    public bool Simulated { get; init; }

    /// <summary>True when this provenance or any of its calls says the output was simulated.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsSimulated => Simulated || Calls.Any(c => c.Simulated);
}
