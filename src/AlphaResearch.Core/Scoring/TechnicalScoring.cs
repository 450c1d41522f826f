using AlphaResearch.Domain;

namespace AlphaResearch.Scoring;

/// <summary>The technical score: five 0–100 sub-scores and their weighted composite (reference §4.4).</summary>
/// <remarks>The reference's optional predictor enrichment (p_up/p_down) is not applied: no predictor feeds this product.</remarks>
public static class TechnicalScoring
{
    /// <param name="momentumPercentile">Percentile rank (0–100) of the ticker's 20-day momentum in the universe, when known.</param>
    public static TechnicalScore Compute(TechnicalIndicators indicators, MarketRegime regime, TechnicalScoreConfig config,
        TeamId? team = null, double? momentumPercentile = null)
    {
        double rsi = RsiScore(indicators.Rsi14, config.RsiFor(regime));
        double macd = MacdScore(indicators.MacdCross, indicators.MacdAboveZero, config.Macd);
        double ma50 = PriceVsMaScore(indicators.PriceVsMa50);
        double ma200 = PriceVsMaScore(indicators.PriceVsMa200);
        double momentum = MomentumScore(indicators.Momentum20d, momentumPercentile);
        var w = config.WeightsFor(team);
        double composite = w.Rsi * rsi + w.Macd * macd + w.Ma50 * ma50 + w.Ma200 * ma200 + w.Momentum * momentum;
        composite = Math.Round(Math.Clamp(composite, 0, 100), 2, MidpointRounding.AwayFromZero);
        return new TechnicalScore(rsi, macd, ma50, ma200, momentum, composite);
    }

    /// <summary>rsi ≥ overbought → 0; rsi ≤ oversold → max; else max·(overbought − rsi)/(overbought − oversold).</summary>
    public static double RsiScore(double rsi, RsiScoreParams p)
    {
        if (rsi >= p.Overbought) return 0;
        if (rsi <= p.Oversold) return p.MaxOversoldScore;
        return p.MaxOversoldScore * (p.Overbought - rsi) / (p.Overbought - p.Oversold);
    }

    public static double MacdScore(int cross, bool aboveZero, MacdScoreParams p) => cross switch
    {
        > 0 => aboveZero ? p.BullishCrossAboveZero : p.BullishCrossBelowZero,
        < 0 => aboveZero ? p.BearishCrossAboveZero : p.BearishCrossBelowZero,
        _ => aboveZero ? p.NoCrossAboveZero : p.NoCrossBelowZero,
    };

    /// <summary>
    /// Piecewise in the percent distance from the moving average: ≥ +5 → min(100, 80 + (pct − 5)·20/15);
    /// [0, 5) → 50 + 6·pct; (−5, 0) → 50 + 4·pct; ≤ −5 → max(0, 30 − (|pct| − 5)·1.5); unknown → 50.
    /// </summary>
    public static double PriceVsMaScore(double? pct) => pct switch
    {
        null => 50,
        >= 5 and var p => Math.Min(100, 80 + (p - 5) * (20.0 / 15.0)),
        >= 0 and var p => 50 + 6 * p,
        > -5 and var p => 50 + 4 * p,
        var p => Math.Max(0, 30 - (Math.Abs(p.Value) - 5) * 1.5),
    };

    /// <summary>The universe percentile when supplied, else clamp(50 + 3·momentum_20d, 0, 100); unknown → 50.</summary>
    public static double MomentumScore(double? momentum20d, double? percentile)
    {
        if (percentile is { } pr) return pr;
        if (momentum20d is not { } m) return 50;
        return Math.Clamp(50 + 3 * m, 0, 100);
    }
}
