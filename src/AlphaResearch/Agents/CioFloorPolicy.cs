using System.Globalization;
using AlphaResearch.Domain;
using AlphaResearch.MarketData;

namespace AlphaResearch.Agents;

/// <summary>
/// The new-entrant floor as the original learned it (#260): the floor counts only genuinely new names (a held name
/// the CIO advances again is no entrant), force-fill admits only candidates whose conviction reaches
/// agents.cio_force_fill_min_conviction, and when fewer than the floor qualify the run records an alert instead of
/// forcing weak names into the book.
/// </summary>
internal static class CioFloorPolicy
{
    /// <summary>A candidate's conviction for the bar: the CIO's, else the team's; none → it does not qualify.</summary>
    public static int? ConvictionOf(CioDecision decision, CioCandidate candidate) => decision.Conviction ?? candidate.Recommendation.Conviction;

    /// <summary>
    /// Force-fills <paramref name="decisions"/> (by ticker) from the best qualifying new candidates until the new
    /// entrants reach <paramref name="floor"/>; returns the tickers filled, in order, and the alert when the floor is unmet.
    /// </summary>
    public static (IReadOnlyList<string> Filled, CioAlert? Alert) Fill(IReadOnlyList<CioCandidate> candidates,
        Dictionary<string, CioDecision> decisions, IReadOnlyList<string> advanced, IReadOnlySet<string> held, int floor, int cap, int minConviction)
    {
        int newAdvanced = advanced.Count(t => !held.Contains(t));
        if (newAdvanced >= floor) return ([], null);
        var pool = candidates
            .Select(c => (Ticker: MarketSnapshot.NormalizeTicker(c.Recommendation.Ticker), C: c))
            .Where(x => !advanced.Contains(x.Ticker) && !held.Contains(x.Ticker))
            .ToArray();
        var qualifying = pool.Where(x => ConvictionOf(decisions[x.Ticker], x.C) is int v && v >= minConviction)
            .OrderByDescending(x => CioAgent.Combined(x.C)).ThenBy(x => x.Ticker, StringComparer.Ordinal)
            .ToArray();
        int room = Math.Max(0, cap - advanced.Count);
        var filled = qualifying.Take(Math.Min(floor - newAdvanced, room)).ToArray();
        var result = new List<string>();
        foreach (var (t, c) in filled)
        {
            var combined = CioAgent.Combined(c);
            decisions[t] = decisions[t] with
            {
                Decision = CioDecisionKind.AdvanceForced,
                Conviction = ConvictionOf(decisions[t], c),
                Rationale = Append(decisions[t].Rationale,
                    $"Floor enforcement: advanced to reach the minimum of {floor} new entrant(s) by combined score {combined.ToString("0.0", CultureInfo.InvariantCulture)} (conviction ≥ {minConviction})."),
            };
            result.Add(t);
        }
        int reached = newAdvanced + result.Count;
        if (reached >= floor) return (result, null);
        int weak = pool.Length - qualifying.Length;
        var alert = new CioAlert
        {
            Kind = CioAlert.FloorUnmet,
            Floor = floor,
            NewEntrants = reached,
            Message = $"CIO floor unmet: {reached} new entrant(s) of a minimum of {floor} — {newAdvanced} advanced by the CIO, {result.Count} force-filled; " +
                      $"{weak} other new candidate(s) below conviction {minConviction} (agents.cio_force_fill_min_conviction) were not forced" +
                      (held.Count > 0 && advanced.Count > newAdvanced ? $"; {advanced.Count - newAdvanced} re-advanced held name(s) do not count" : ""),
        };
        return (result, alert);
    }

    private static string Append(string rationale, string note) => rationale.Length == 0 ? note : $"{rationale} {note}";
}
