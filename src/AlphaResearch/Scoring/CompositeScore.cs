using AlphaResearch.Domain;

namespace AlphaResearch.Scoring;

/// <summary>Result of blending quant, qual and the macro sector modifier (reference §4.5).</summary>
public sealed record CompositeResult(double? FinalScore, double? WeightedBase, double MacroShift, bool ScoreFailed);

/// <summary>Parameters of the composite score and the rating thresholds.</summary>
public sealed record CompositeConfig
{
    public double QuantWeight { get; init; } = 0.5;
    public double QualWeight { get; init; } = 0.5;
    /// <summary>Score shift at a modifier of 1.30 (and its negative at 0.70).</summary>
    public double MaxMacroShift { get; init; } = 10;
    public double BuyThreshold { get; init; } = 65;
    public double SellThreshold { get; init; } = 40;
}

public static class CompositeScore
{
    /// <summary>
    /// base = weighted quant/qual (the other one when one is missing); macro_shift = (modifier − 1)/0.30·max_shift;
    /// final = clamp(base + shift, 0, 100), all rounded to one decimal. Both scores missing → failed.
    /// </summary>
    public static CompositeResult Compute(double? quant, double? qual, double sectorModifier, CompositeConfig? config = null)
    {
        config ??= new CompositeConfig();
        double shift = Math.Round((sectorModifier - 1.0) / 0.30 * config.MaxMacroShift, 1, MidpointRounding.AwayFromZero);
        if (quant is null && qual is null) return new CompositeResult(null, null, shift, ScoreFailed: true);

        double baseScore = (quant, qual) switch
        {
            (double q, double l) => (config.QuantWeight * q + config.QualWeight * l) / (config.QuantWeight + config.QualWeight),
            (double q, null) => q,
            (null, double l) => l,
            _ => throw new InvalidOperationException("unreachable"),
        };
        baseScore = Math.Round(baseScore, 1, MidpointRounding.AwayFromZero);
        double final = Math.Round(Math.Clamp(baseScore + shift, 0, 100), 1, MidpointRounding.AwayFromZero);
        return new CompositeResult(final, baseScore, shift, ScoreFailed: false);
    }

    /// <summary>null → HOLD; ≥ buy threshold → BUY; ≤ sell threshold → SELL; else HOLD.</summary>
    public static Rating ToRating(double? score, CompositeConfig? config = null)
    {
        config ??= new CompositeConfig();
        if (score is null) return Rating.Hold;
        if (score >= config.BuyThreshold) return Rating.Buy;
        if (score <= config.SellThreshold) return Rating.Sell;
        return Rating.Hold;
    }

    /// <summary>≥70 rising, ≥40 stable, else declining; null → stable.</summary>
    public static Conviction NormalizeConviction(int? conviction) => conviction switch
    {
        null => Conviction.Stable,
        >= 70 => Conviction.Rising,
        >= 40 => Conviction.Stable,
        _ => Conviction.Declining,
    };

    /// <summary>Accepts "rising"/"stable"/"declining" (any case) or a number; anything else → stable.</summary>
    public static Conviction NormalizeConviction(string? conviction)
    {
        if (conviction is null) return Conviction.Stable;
        var c = conviction.Trim().ToLowerInvariant();
        if (c == "rising") return Conviction.Rising;
        if (c == "declining") return Conviction.Declining;
        if (c == "stable") return Conviction.Stable;
        return double.TryParse(c, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? NormalizeConviction((int)Math.Floor(n)) : Conviction.Stable;
    }
}
