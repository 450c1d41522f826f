using System.ComponentModel.DataAnnotations;

namespace AlphaResearch.Agents.Dto;

/// <summary>LLM-facing: narrative-only thesis update for a held name (no score fields; scores stay deterministic).</summary>
public sealed record HeldThesisUpdate
{
    public string? BullCase { get; init; }
    public string? BearCase { get; init; }
    public List<string>? Catalysts { get; init; }
    public List<string>? Risks { get; init; }
    [Range(0, 100)]
    public int? Conviction { get; init; }
    public string? ConvictionRationale { get; init; }
    public string? ThesisSummary { get; init; }
    public string? TriggersResponse { get; init; }

    public static IReadOnlyList<string> Validate(HeldThesisUpdate x)
    {
        var errors = new List<string>();
        if (x.Conviction is < 0 or > 100) errors.Add("conviction must be an integer in [0, 100] or null");
        if (x.Catalysts is { Count: > 5 }) errors.Add("catalysts: at most 5 items");
        if (x.Risks is { Count: > 5 }) errors.Add("risks: at most 5 items");
        if (string.IsNullOrWhiteSpace(x.ThesisSummary) && string.IsNullOrWhiteSpace(x.BullCase) && string.IsNullOrWhiteSpace(x.BearCase))
        {
            errors.Add("at least one of thesis_summary, bull_case, bear_case must be non-empty");
        }
        return errors;
    }
}
