using AlphaResearch.Domain;
using AlphaResearch.Llm;

namespace AlphaResearch.Agents;

/// <summary>
/// Recognises model output from the stub or simulator (every string carries "[DRY-RUN"). Such output can
/// never be promoted (the quarantine refuses it), so a few content rules that a generic stub cannot meet
/// (the CIO deciding every candidate, the regime vocabulary) are relaxed for it; the code paths stay the same.
/// </summary>
public static class DryRunContent
{
    public static bool IsMarked<T>(T dto) => JsonConventions.Serialize(dto).Contains(LlmProviders.DryRunMarker, StringComparison.Ordinal);
}
