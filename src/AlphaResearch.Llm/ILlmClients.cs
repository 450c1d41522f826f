using Microsoft.Extensions.AI;

namespace AlphaResearch.Llm;

/// <summary>
/// The gateway as agents see it: one fully composed <see cref="IChatClient"/> per model tier
/// (provider + retry + governor + usage), and what produced it (for provenance).
/// </summary>
public interface ILlmClients
{
    LlmProvider Provider { get; }
    IChatClient For(ModelTier tier);
    string ModelId(ModelTier tier);
    int MaxOutputTokens(ModelTier tier);
}
