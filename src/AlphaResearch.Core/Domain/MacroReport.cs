namespace AlphaResearch.Domain;

/// <summary>One sector's macro view: rating, score modifier in [0.70, 1.30], and why.</summary>
public sealed record SectorView(SectorRating Rating, double Modifier, string Rationale);

/// <summary>Output of the macro economist (after the critic's optional revision). Persisted as agent "macro".</summary>
public sealed record MacroReport
{
    public required MarketRegime MarketRegime { get; init; }
    /// <summary>Keyed by canonical GICS sector name; all 11 present.</summary>
    public required IReadOnlyDictionary<string, SectorView> Sectors { get; init; }
    public string KeyTheme { get; init; } = "";
    public string ReportMd { get; init; } = "";
    public IReadOnlyList<string> MaterialChanges { get; init; } = [];
    /// <summary>True when the critic sent the first draft back and this is the revision.</summary>
    public bool Revised { get; init; }
    public string? Critique { get; init; }
    /// <summary>The market inputs exactly as the economist saw them (rendered from the as-of snapshot; no look-ahead).</summary>
    public string Inputs { get; init; } = "";
    /// <summary>SPY's drawdown from its 52-week closing high, percent (≤ 0); null without SPY data.</summary>
    public double? SpDrawdownPct { get; init; }
    /// <summary>True when that drawdown is at or beyond the de-risk threshold (agents.macro_derisk_drawdown_pct).</summary>
    public bool DeRisk { get; init; }
    /// <summary>The full decision record (prompts, transcript, answers); null for outputs persisted before it existed.</summary>
    public DecisionRecord? Record { get; init; }

    public double ModifierOf(string sector) => Sectors.TryGetValue(sector, out var v) ? v.Modifier : 1.0;
    public SectorRating RatingOf(string sector) => Sectors.TryGetValue(sector, out var v) ? v.Rating : SectorRating.MarketWeight;

    public const double MinModifier = 0.70;
    public const double MaxModifier = 1.30;
}
