using System.Text.Json.Serialization;

namespace AlphaResearch.Llm;

[JsonConverter(typeof(JsonStringEnumConverter<LlmProvider>))]
public enum LlmProvider
{
    [JsonStringEnumMemberName("anthropic")] Anthropic,
    [JsonStringEnumMemberName("openai")] OpenAI,
    /// <summary>Deterministic, offline; every text carries [DRY-RUN.</summary>
    [JsonStringEnumMemberName("stub")] Stub,
    /// <summary>The local Anthropic-compatible simulator; every text carries [DRY-RUN SIM].</summary>
    [JsonStringEnumMemberName("sim")] Sim,
}

public static class LlmProviders
{
    /// <summary>Output of these providers is never real research: runs with them are dry runs (R6).</summary>
    public static bool IsDryRun(this LlmProvider p) => p is LlmProvider.Stub or LlmProvider.Sim;

    public static string Id(this LlmProvider p) => p switch
    {
        LlmProvider.Anthropic => "anthropic",
        LlmProvider.OpenAI => "openai",
        LlmProvider.Stub => "stub",
        LlmProvider.Sim => "sim",
        _ => throw new ArgumentOutOfRangeException(nameof(p)),
    };

    /// <summary>The marker every stub or simulator string carries; the quarantine gate scans for it.</summary>
    public const string DryRunMarker = "[DRY-RUN";
}
