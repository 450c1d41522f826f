namespace AlphaResearch.Evaluation;

/// <summary>One universe row of a run date: a name and its deterministic technical score (research.db scanner_evaluations).</summary>
public sealed record ScannedName(DateOnly RunDate, string Ticker, string Sector, string? TeamId, double TechnicalScore);

/// <summary>
/// The no-LLM baseline: on each run date, the top <c>N</c> names per team by technical score alone, as if entered.
/// Judged with the same metrics as the published signals, so the agents' value added is the difference.
/// </summary>
public static class TechnicalBaseline
{
    public const string BaselineSignal = "ENTER";

    public static IReadOnlyList<TrackedSignal> Select(IEnumerable<ScannedName> universe, int perTeam)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perTeam, 1);
        return universe
            .Where(n => n.TeamId is not null)
            .GroupBy(n => (n.RunDate, n.TeamId))
            .OrderBy(g => g.Key.RunDate).ThenBy(g => g.Key.TeamId, StringComparer.Ordinal)
            .SelectMany(g => g.OrderByDescending(n => n.TechnicalScore).ThenBy(n => n.Ticker, StringComparer.Ordinal).Take(perTeam))
            .Select(n => new TrackedSignal(n.RunDate, n.Ticker, BaselineSignal, n.TechnicalScore, n.TechnicalScore, "BUY", n.TeamId, n.Sector, null))
            .ToList();
    }
}
