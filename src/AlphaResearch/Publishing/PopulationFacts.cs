using AlphaResearch.Domain;
using AlphaResearch.Archive;

namespace AlphaResearch.Publishing;

/// <summary>Facts about a run's population change shared by the payload, the brief and the database writer.</summary>
internal static class PopulationFacts
{
    /// <summary>Tickers that entered the population this run (entry events, or entries dated the run date).</summary>
    public static HashSet<string> Entrants(ResearchOutcome outcome)
    {
        var set = new HashSet<string>(outcome.Rotation.Events.Where(e => e.Type == RotationEventType.Entry).Select(e => e.Ticker),
            StringComparer.OrdinalIgnoreCase);
        string date = WireNames.Date(outcome.Context.RunDate);
        foreach (var p in outcome.Rotation.Population.Where(p => p.EntryDate == date)) set.Add(p.Ticker);
        return set;
    }

    public static HashSet<string> Exited(ResearchOutcome outcome) =>
        new(outcome.Rotation.Events.Where(e => e.Type == RotationEventType.Exit).Select(e => e.Ticker), StringComparer.OrdinalIgnoreCase);

    /// <summary>CIO-advanced tickers, force-filled included.</summary>
    public static HashSet<string> Advanced(CioOutput cio)
    {
        var set = new HashSet<string>(cio.AdvancedTickers, StringComparer.OrdinalIgnoreCase);
        foreach (var d in cio.Decisions.Where(d => d.Advances)) set.Add(d.Ticker);
        return set;
    }

    /// <summary>One thesis per ticker; when a ticker has several (held update and new recommendation), the last one wins, as in the reference's dict build.</summary>
    public static IReadOnlyList<InvestmentThesis> LatestThesisPerTicker(IReadOnlyList<InvestmentThesis> theses)
    {
        var byTicker = new Dictionary<string, InvestmentThesis>(StringComparer.OrdinalIgnoreCase);
        foreach (var t in theses) byTicker[t.Ticker] = t;
        return byTicker.Values.ToArray();
    }
}
