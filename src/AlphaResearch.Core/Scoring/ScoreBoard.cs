using AlphaResearch.Domain;

namespace AlphaResearch.Scoring;

/// <summary>
/// Indicators and technical scores for every usable ticker (and benchmark) on one run date, plus
/// breadth. Built once per run by <c>ScoreBoardBuilder</c>; read by tools, agents and the brief.
/// </summary>
public sealed class ScoreBoard
{
    public required DateOnly Date { get; init; }
    public required MarketRegime Regime { get; init; }
    public required IReadOnlyDictionary<string, TickerScores> Tickers { get; init; }
    /// <summary>SPY and sector ETFs (indicators; scores computed the same way).</summary>
    public required IReadOnlyDictionary<string, TickerScores> Benchmarks { get; init; }
    public required MarketBreadth Breadth { get; init; }
    /// <summary>GICS sector of every scored constituent (for sector views such as <see cref="ScoreBoardRanking"/>).</summary>
    public IReadOnlyDictionary<string, string> TickerSectors { get; init; } = new Dictionary<string, string>();

    public TickerScores? Get(string ticker) => Tickers.GetValueOrDefault(ticker);
}
