using AlphaResearch.Domain;
using AlphaResearch.Llm;
using Microsoft.Extensions.AI;

namespace AlphaResearch.Tests.Fakes;

/// <summary>The gateway as agents see it, with one scripted client per tier (the same one unless given two).</summary>
public sealed class FakeLlmClients(IChatClient fast, IChatClient? strategic = null) : ILlmClients
{
    public LlmProvider Provider => LlmProvider.Stub;
    public IChatClient For(ModelTier tier) => tier == ModelTier.Fast ? fast : strategic ?? fast;
    public string ModelId(ModelTier tier) => tier == ModelTier.Fast ? "fake-fast" : "fake-strategic";
    public int MaxOutputTokens(ModelTier tier) => 4096;
}
