namespace AlphaResearch.Scoring;

/// <summary>
/// Indicators for one symbol on one date (reference §4.3). Percentages are in percent (2.5 = 2.5 %).
/// Null means "not enough history for this one".
/// </summary>
public sealed record TechnicalIndicators
{
    public required DateOnly Date { get; init; }
    public required double Price { get; init; }
    public double Rsi14 { get; init; } = 50;
    public double MacdLine { get; init; }
    public double MacdSignal { get; init; }
    /// <summary>+1 bullish cross on the last bar, −1 bearish, 0 none.</summary>
    public int MacdCross { get; init; }
    public bool MacdAboveZero { get; init; }
    public double? Ma50 { get; init; }
    public double? Ma200 { get; init; }
    public double? PriceVsMa50 { get; init; }
    public double? PriceVsMa200 { get; init; }
    public double? Momentum5d { get; init; }
    public double? Momentum20d { get; init; }
    public double? Momentum60d { get; init; }
    public double? Momentum120d { get; init; }
    public double? AtrPct14 { get; init; }
    public double? AtrPct20 { get; init; }
    public double AvgVolume20d { get; init; }
    /// <summary>Annualised standard deviation of daily log returns over 20 sessions, percent.</summary>
    public double? RealizedVol20d { get; init; }
    /// <summary>(price / 52-week high − 1)·100 (≤ 0).</summary>
    public double? DistFrom52wHigh { get; init; }
    /// <summary>(price / 52-week low − 1)·100 (≥ 0).</summary>
    public double? DistFrom52wLow { get; init; }
}

/// <summary>The five technical sub-scores (each 0–100) and their weighted composite (reference §4.4).</summary>
public sealed record TechnicalScore(double Rsi, double Macd, double Ma50, double Ma200, double Momentum, double Composite);

/// <summary>Indicators and technical score of one ticker.</summary>
public sealed record TickerScores(string Ticker, TechnicalIndicators Indicators, TechnicalScore Score);

/// <summary>Market breadth over the scored universe (reference §4.2 step 4).</summary>
public sealed record MarketBreadth(double PctAboveMa50, double PctAboveMa200, double AdvanceDeclineRatio, int Advancers, int Decliners, int NStocks);
