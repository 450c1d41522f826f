using AlphaResearch.Llm;
using AlphaResearch.Scoring;
using AlphaResearch.Publishing;
using AlphaResearch.Archive;
using AlphaResearch.Agents;

namespace AlphaResearch.Engine;

/// <summary>Builds the immutable research context for a run date (snapshot cut as of the date, score board, prior state).</summary>
public interface IResearchContextFactory
{
    Task<ResearchContext> CreateAsync(DateOnly runDate, PriorState prior, CancellationToken ct);
}

/// <summary>Which LLM provider and models a run uses (recorded as provenance; decides the dry-run namespace).</summary>
public sealed record RunProviderInfo(LlmProvider Provider, IReadOnlyDictionary<string, string> Models)
{
    public bool IsDryRun => Provider.IsDryRun();
}

/// <summary>
/// Every collaborator the engine drives. The publisher and prior-state reader must be built over the
/// run's namespace store (<see cref="RunNamespace.StoreFor"/>): the dry-run view for stub/sim providers.
/// </summary>
public sealed record RunServices
{
    public required RunProviderInfo Provider { get; init; }
    public required IResearchContextFactory ContextFactory { get; init; }
    public required IPriorStateReader PriorState { get; init; }
    public required IMacroAgent Macro { get; init; }
    public required ISectorTeamAgent Teams { get; init; }
    public required ICioAgent Cio { get; init; }
    public required IScoreAggregator Aggregator { get; init; }
    public required IPopulationRotation Rotation { get; init; }
    public required IPublisher Publisher { get; init; }
    public required IUsageLedger Usage { get; init; }
}

/// <summary>Where a run lives: the store root for real providers, the dry_run/ view for stub and simulator (R6).</summary>
public static class RunNamespace
{
    public static Archive.IObjectStore StoreFor(Archive.IObjectStore root, LlmProvider provider) =>
        provider.IsDryRun() ? Archive.DryRunObjectStore.Wrap(root) : root;
}

/// <summary>One run: which date, whether to redo a published date, and an optional wall-clock deadline.</summary>
public sealed record RunOptions(DateOnly RunDate, bool Force = false, TimeSpan? Deadline = null);
