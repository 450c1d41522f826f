using AlphaResearch.Llm;
using AlphaResearch.Domain;

namespace AlphaResearch.Publishing;

/// <summary>
/// What the publisher records beside the outcome: the prompts each agent ran with (keyed by agent id:
/// "macro", "sector_team:technology", …, "cio") and the run's usage ledger.
/// </summary>
public sealed record PublicationInputs
{
    public static PublicationInputs Empty { get; } = new();

    public IReadOnlyDictionary<string, IReadOnlyList<PromptRef>> Prompts { get; init; } = new Dictionary<string, IReadOnlyList<PromptRef>>();
    public IUsageLedger? Usage { get; init; }
    /// <summary>
    /// A real (not dry-run) publication: calls the simulator answered (ledger lines of an earlier run whose provider was
    /// pointed at the simulator, <see cref="UsageRecord.Simulated"/>) are not recorded in research.db as paid calls.
    /// </summary>
    public bool RealNamespace { get; init; }
}
