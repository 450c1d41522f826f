using AlphaResearch.Domain;

namespace AlphaResearch.Scoring;

/// <summary>Indicator history requirement, technical sub-score parameters and weights, composite blend and rating thresholds.</summary>
public sealed record ScoringConfig
{
    /// <summary>Bars a series needs before any indicator is computed (reference §4.3: 30).</summary>
    public int MinHistoryBars { get; init; } = Indicators.DefaultMinHistoryBars;
    public TechnicalScoreConfig Technical { get; init; } = new();
    public CompositeConfig Composite { get; init; } = new();
}

/// <summary>Parameters of the technical score (reference §4.4, sample scoring.yaml values).</summary>
public sealed record TechnicalScoreConfig
{
    public RsiScoreParams RsiBull { get; init; } = new() { Overbought = 70, Oversold = 35, MaxOversoldScore = 100 };
    public RsiScoreParams RsiBear { get; init; } = new() { Overbought = 70, Oversold = 40, MaxOversoldScore = 75 };
    public RsiScoreParams RsiNeutral { get; init; } = new() { Overbought = 70, Oversold = 30, MaxOversoldScore = 100 };
    public MacdScoreParams Macd { get; init; } = new();
    public TechnicalWeights Weights { get; init; } = new();

    /// <summary>
    /// Optional per-team weights keyed by team id ("technology", ...). Each must name all five sub-scores
    /// (rsi, macd, ma50, ma200, momentum) and sum to 1 ± 1e-3; an invalid override falls back to <see cref="Weights"/>.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> TeamWeights { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, double>>();

    public RsiScoreParams RsiFor(MarketRegime regime) => regime switch
    {
        MarketRegime.Bull => RsiBull,
        MarketRegime.Bear => RsiBear,
        _ => RsiNeutral,
    };

    /// <summary>The team's override when it is valid, else the global weights.</summary>
    public TechnicalWeights WeightsFor(TeamId? team)
    {
        if (team is not { } t || !TeamWeights.TryGetValue(t.Id(), out var w)) return Weights;
        return TechnicalWeights.TryFrom(w) ?? Weights;
    }
}

/// <summary>RSI ≥ overbought → 0; ≤ oversold → max; linear in between.</summary>
public sealed record RsiScoreParams
{
    public double Overbought { get; init; } = 70;
    public double Oversold { get; init; } = 30;
    public double MaxOversoldScore { get; init; } = 100;
}

/// <summary>MACD sub-score by cross direction and whether the MACD line is above zero.</summary>
public sealed record MacdScoreParams
{
    public double BullishCrossAboveZero { get; init; } = 100;
    public double BullishCrossBelowZero { get; init; } = 70;
    public double BearishCrossAboveZero { get; init; } = 30;
    public double BearishCrossBelowZero { get; init; } = 0;
    public double NoCrossAboveZero { get; init; } = 60;
    public double NoCrossBelowZero { get; init; } = 40;
}

/// <summary>Weights of the five technical sub-scores (sample: 0.20 each).</summary>
public sealed record TechnicalWeights
{
    public double Rsi { get; init; } = 0.20;
    public double Macd { get; init; } = 0.20;
    public double Ma50 { get; init; } = 0.20;
    public double Ma200 { get; init; } = 0.20;
    public double Momentum { get; init; } = 0.20;

    public static IReadOnlyList<string> Keys { get; } = ["rsi", "macd", "ma50", "ma200", "momentum"];
    public const double SumTolerance = 1e-3;

    /// <summary>Weights from a key→weight map, or null unless all five keys are present and they sum to 1 ± 1e-3.</summary>
    public static TechnicalWeights? TryFrom(IReadOnlyDictionary<string, double> map)
    {
        double sum = 0;
        foreach (var k in Keys)
        {
            if (!map.TryGetValue(k, out var v) || !double.IsFinite(v)) return null;
            sum += v;
        }
        if (Math.Abs(sum - 1.0) > SumTolerance) return null;
        return new TechnicalWeights { Rsi = map["rsi"], Macd = map["macd"], Ma50 = map["ma50"], Ma200 = map["ma200"], Momentum = map["momentum"] };
    }
}
