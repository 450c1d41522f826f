using AlphaResearch.Domain;
using AlphaResearch.Scoring;

namespace AlphaResearch.Agents;

/// <summary>
/// The three LLM-bearing agent kinds the engine runs. The engine owns resume, persistence, deadlines
/// and the strict gate; an agent only turns inputs into an output (or throws).
/// A sector team reports recoverable trouble in <see cref="SectorTeamOutput.Error"/> /
/// <see cref="SectorTeamOutput.Partial"/>; anything it throws counts as failed.
/// </summary>
public interface IMacroAgent
{
    IReadOnlyList<PromptRef> Prompts { get; }
    Task<MacroReport> RunAsync(ResearchContext context, CancellationToken ct);
}

public interface ISectorTeamAgent
{
    IReadOnlyList<PromptRef> Prompts { get; }
    Task<SectorTeamOutput> RunAsync(TeamId team, ResearchContext context, MacroReport macro, CancellationToken ct);
}

public interface ICioAgent
{
    IReadOnlyList<PromptRef> Prompts { get; }
    Task<CioOutput> RunAsync(CioRequest request, CancellationToken ct);
}

/// <summary>Everything the CIO weighs: candidates (scored recommendations), the macro view and the book after exits.</summary>
public sealed record CioRequest(
    ResearchContext Context,
    MacroReport Macro,
    IReadOnlyList<CioCandidate> Candidates,
    IReadOnlyList<PopulationEntry> RemainingPopulation,
    IReadOnlyList<RotationEvent> Exits,
    int OpenSlots);
