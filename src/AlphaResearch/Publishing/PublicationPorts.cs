using System.Text.Json.Nodes;

using AlphaResearch.Archive;

namespace AlphaResearch.Publishing;

/// <summary>Outputs built in memory (pure) so the quarantine gate can scan exactly what will be written.</summary>
public sealed record PreparedPublication
{
    public required JsonObject SignalsPayload { get; init; }
    public required string BriefMarkdown { get; init; }
    public required string BriefHtml { get; init; }
}

/// <summary>
/// Publication: <see cref="Prepare"/> builds and validates the payload and brief; the engine then runs
/// the strict and quarantine gates; <see cref="CommitAsync"/> writes database, brief, artifacts, then
/// signals.json (commit point) and latest.json.
/// </summary>
public interface IPublisher
{
    /// <exception cref="InvalidOperationException">The payload fails the signals.json contract (message names why).</exception>
    PreparedPublication Prepare(ResearchOutcome outcome);
    Task<IReadOnlyList<string>> CommitAsync(ResearchOutcome outcome, PreparedPublication prepared, CancellationToken ct);

    /// <summary>
    /// True only when the run date's publication completed (signals.json written, the run recorded as
    /// published, latest.json not left behind). A publication interrupted past the commit point is not
    /// complete, so a plain re-run finishes it (its agents resume) instead of being SKIPPED.
    /// </summary>
    Task<bool> IsPublishedAsync(DateOnly runDate, CancellationToken ct);
}
