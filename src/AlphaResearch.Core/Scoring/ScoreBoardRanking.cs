using AlphaResearch.Domain;

namespace AlphaResearch.Scoring;

/// <summary>One row of a ranked score board view.</summary>
public sealed record RankedScore(int Rank, string Ticker, string Sector, TickerScores Scores);

/// <summary>Score board views for people and tools: constituents ranked by technical score.</summary>
public static class ScoreBoardRanking
{
    /// <summary>
    /// Constituents by technical composite, best first (ties by ticker), optionally limited to one GICS sector
    /// (any alias <see cref="Sectors.TryNormalize"/> knows) and to the top <paramref name="top"/> rows.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown sector or a non-positive <paramref name="top"/>.</exception>
    public static IReadOnlyList<RankedScore> RankByTechnicalScore(this ScoreBoard board, string? sector = null, int? top = null)
    {
        string? wanted = null;
        if (sector is not null && !Sectors.TryNormalize(sector, out wanted))
            throw new ArgumentException($"unknown sector '{sector}' — use one of: {string.Join(", ", Sectors.All)}", nameof(sector));
        if (top is <= 0) throw new ArgumentException($"top must be positive (got {top})", nameof(top));

        var rows = new List<(string Sector, TickerScores Scores)>(board.Tickers.Count);
        foreach (var (ticker, scores) in board.Tickers)
        {
            string s = board.TickerSectors.GetValueOrDefault(ticker, "Unknown");
            if (wanted is null || s == wanted) rows.Add((s, scores));
        }
        rows.Sort((a, b) =>
        {
            int c = b.Scores.Score.Composite.CompareTo(a.Scores.Score.Composite);
            return c != 0 ? c : string.CompareOrdinal(a.Scores.Ticker, b.Scores.Ticker);
        });
        int count = top is { } t ? Math.Min(t, rows.Count) : rows.Count;
        var result = new RankedScore[count];
        for (int i = 0; i < count; i++) result[i] = new RankedScore(i + 1, rows[i].Scores.Ticker, rows[i].Sector, rows[i].Scores);
        return result;
    }
}
