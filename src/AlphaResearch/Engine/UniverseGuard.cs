using System.Globalization;
using AlphaResearch.MarketData;

namespace AlphaResearch.Engine;

/// <summary>
/// The minimum-universe guard (the original refuses a run below a minimum): a run whose usable universe — the
/// constituents left in the as-of view after validation, history and staleness checks — is below
/// <see cref="EngineConfig.MinUniverse"/> stops before any LLM call, naming the counts and why names were excluded.
/// </summary>
public static class UniverseGuard
{
    /// <summary>The refusal message, or null when the universe is large enough.</summary>
    public static string? Check(MarketSnapshot view, MinUniverse min)
    {
        int usable = view.Constituents.Count;
        int listed = Math.Max(view.ListedConstituents.Count, usable);
        int required = min.RequiredFor(listed);
        if (usable >= required) return null;
        string need = min.Percent is not null ? $"{required} ({min} of {listed} listed)" : $"{required}";
        return $"universe too small: {usable} of {listed} listed constituent(s) are usable, engine.min_universe requires {need}; " +
               $"excluded: {ExcludedSummary(view)} — fix the snapshot (alpha-research snapshot check) or lower engine.min_universe";
    }

    /// <summary>Excluded constituents grouped by reason ("stale 12 (AAA, BBB, …)"), largest group first.</summary>
    public static string ExcludedSummary(MarketSnapshot view)
    {
        var listed = view.ListedConstituents.Select(c => c.Ticker).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var usable = view.Constituents.Select(c => c.Ticker).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var groups = view.Quality.Excluded
            .Where(e => (listed.Count == 0 || listed.Contains(e.Symbol)) && !usable.Contains(e.Symbol))
            .DistinctBy(e => e.Symbol, StringComparer.OrdinalIgnoreCase)
            .GroupBy(e => Category(e.Reason))
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {g.Count().ToString(CultureInfo.InvariantCulture)} ({Examples(g.Select(e => e.Symbol))})")
            .ToArray();
        return groups.Length == 0 ? "no exclusion recorded" : string.Join("; ", groups);
    }

    /// <summary>The reason up to its first colon ("stale: last bar …" → "stale").</summary>
    private static string Category(string reason)
    {
        int colon = reason.IndexOf(':');
        return (colon > 0 ? reason[..colon] : reason).Trim();
    }

    private static string Examples(IEnumerable<string> symbols)
    {
        var all = symbols.Order(StringComparer.Ordinal).ToArray();
        return all.Length <= 5 ? string.Join(", ", all) : $"{string.Join(", ", all.Take(5))}, … {all.Length - 5} more";
    }
}
