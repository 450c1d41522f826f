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
    /// final = clamp(base + shift, 0, 100) rounded to one decimal from the unrounded base and shift (which are reported
    /// rounded to one decimal too). Both scores missing → failed.
    /// </summary>
    public static CompositeResult Compute(double? quant, double? qual, double sectorModifier, CompositeConfig? config = null)
    {
        config ??= new CompositeConfig();
        double shift = (sectorModifier - 1.0) / 0.30 * config.MaxMacroShift;
        if (quant is null && qual is null) return new CompositeResult(null, null, Round1(shift), ScoreFailed: true);

        double baseScore = (quant, qual) switch
        {
            (double q, double l) => (config.QuantWeight * q + config.QualWeight * l) / (config.QuantWeight + config.QualWeight),
            (double q, null) => q,
            (null, double l) => l,
            _ => throw new InvalidOperationException("unreachable"),
        };
        // Rounded once, from the unrounded parts: rounding base and shift first can move the final 0.1 across a rating threshold.
        double final = Round1(Math.Clamp(baseScore + shift, 0, 100));
        return new CompositeResult(final, Round1(baseScore), Round1(shift), ScoreFailed: false);
    }

    private static double Round1(double value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);

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
