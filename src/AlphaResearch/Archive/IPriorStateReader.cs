using AlphaResearch.Scoring;

namespace AlphaResearch.Archive;

/// <summary>Reads the state carried from the last published run before a run date.</summary>
public interface IPriorStateReader
{
    Task<PriorState> LoadAsync(DateOnly runDate, CancellationToken ct);
}
