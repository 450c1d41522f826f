using System.ComponentModel.DataAnnotations;

namespace AlphaResearch.Agents.Dto;

/// <summary>LLM-facing: one sector's rating in a macro draft. Rating is a string so an invalid value can be derived, not fail parsing.</summary>
public sealed record SectorRatingDto
{
    [AllowedValues("overweight", "market_weight", "underweight")]
    public string? Rating { get; init; }
    [Range(0.70, 1.30)]
    public double? Modifier { get; init; }
    public string? Rationale { get; init; }
}

/// <summary>
/// LLM-facing: the macro economist's draft. <see cref="SectorRatings"/> is a map in C#, but the request schema has one
/// required property per GICS sector (<see cref="Schema"/>), so a constrained model rates every sector.
/// </summary>
public sealed record MacroDraft
{
    [AllowedValues("bull", "neutral", "bear")]
    public string? MarketRegime { get; init; }
    public Dictionary<string, SectorRatingDto>? SectorRatings { get; init; }
    public string? KeyTheme { get; init; }
    public string? ReportMd { get; init; }
    public List<string>? MaterialChanges { get; init; }

    /// <summary>The request schema: sector_ratings keyed by every sector of <paramref name="sectors"/>.</summary>
    public static System.Text.Json.JsonElement Schema(IEnumerable<string> sectors) =>
        Llm.Schemas.StrictSchema.For<MacroDraft>().Keyed("sector_ratings", sectors).Build();

    public static IReadOnlyList<string> Validate(MacroDraft x)
    {
        var errors = new List<string>();
        var rated = (x.SectorRatings ?? []).Keys.Select(k => Domain.Sectors.TryNormalize(k, out var s) ? s : k).ToHashSet(StringComparer.Ordinal);
        var unrated = Domain.Sectors.All.Where(s => !rated.Contains(s)).ToArray();
        if (unrated.Length > 0) errors.Add($"sector_ratings must rate every sector; missing: {string.Join(", ", unrated)}");
        if (x.MarketRegime?.Trim().ToLowerInvariant() is not ("bull" or "neutral" or "bear") && !DryRunContent.IsMarked(x))
        {
            errors.Add($"market_regime must be one of bull, neutral, bear (got '{x.MarketRegime}')");
        }
        foreach (var (sector, r) in x.SectorRatings ?? [])
        {
            if (r.Modifier is < Domain.MacroReport.MinModifier or > Domain.MacroReport.MaxModifier)
            {
                errors.Add($"sector_ratings['{sector}'].modifier {r.Modifier} is outside [0.70, 1.30]");
            }
        }
        return errors;
    }
}

/// <summary>LLM-facing: the macro critic's verdict on a draft.</summary>
public sealed record CriticVerdict
{
    [AllowedValues("accept", "revise")]
    public string? Action { get; init; }
    public string? Critique { get; init; }
    /// <summary>Null when the critic suggests no regime change (the one nullable field of the macro calls).</summary>
    [AllowedValues("bull", "neutral", "bear", null), Llm.Schemas.SchemaNullable]
    public string? SuggestedRegime { get; init; }

    public bool Revise => string.Equals(Action?.Trim(), "revise", StringComparison.OrdinalIgnoreCase);

    public static IReadOnlyList<string> Validate(CriticVerdict x)
    {
        var errors = new List<string>();
        // Dry-run content that is not "revise" reads as accept: the stub cannot be asked to follow the vocabulary.
        if (DryRunContent.IsMarked(x)) return errors;
        if (x.Action?.Trim().ToLowerInvariant() is not ("accept" or "revise")) errors.Add($"action must be accept or revise (got '{x.Action}')");
        if (x.SuggestedRegime is not null && x.SuggestedRegime.Trim().ToLowerInvariant() is not ("bull" or "neutral" or "bear" or ""))
        {
            errors.Add($"suggested_regime must be bull, neutral, bear or null (got '{x.SuggestedRegime}')");
        }
        return errors;
    }
}
