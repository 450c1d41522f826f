using AlphaResearch.Engine;
using AlphaResearch.Publishing;
using AlphaResearch.Archive;

namespace AlphaResearch.Hosting;

/// <summary>
/// Real runs with e-mail configured: after the commit point, send the brief. The outcome is reported as
/// an extra line of the run's written list; a failed send never undoes the published run (R5 applies to
/// promotion, not delivery). Dry runs are never composed with this.
/// </summary>
internal sealed class EmailingPublisher(Publisher inner, IReadOnlyList<string> recipients) : IPublisher
{
    public PreparedPublication Prepare(ResearchOutcome outcome) => inner.Prepare(outcome);

    public Task<bool> IsPublishedAsync(DateOnly runDate, CancellationToken ct) => inner.IsPublishedAsync(runDate, ct);

    public async Task<IReadOnlyList<string>> CommitAsync(ResearchOutcome outcome, PreparedPublication prepared, CancellationToken ct)
    {
        var written = await inner.CommitAsync(outcome, prepared, ct);
        var email = await inner.SendBriefAsync(outcome, prepared, ct);
        string line = email switch
        {
            { Sent: true } => $"email: brief sent to {string.Join(", ", recipients)}",
            { Attempted: true } => $"email: FAILED ({email.Error}) — the run is published; send the brief by hand",
            _ => "email: not sent (not configured)",
        };
        return [.. written, line];
    }
}
