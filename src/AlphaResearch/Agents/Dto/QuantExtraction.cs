using System.ComponentModel.DataAnnotations;

namespace AlphaResearch.Agents.Dto;

/// <summary>LLM-facing: one ranked pick extracted from the quant analyst's final answer.</summary>
public sealed record QuantPickDto
{
    public string? Ticker { get; init; }
    [Range(0, 100)]
    public double? QuantScore { get; init; }
    public string? Rationale { get; init; }
}

/// <summary>LLM-facing: the quant extraction (reference QuantAnalystOutput).</summary>
public sealed record QuantExtraction
{
    public List<QuantPickDto>? RankedPicks { get; init; }

    /// <summary>The request schema: picks name only tickers of the team universe.</summary>
    public static System.Text.Json.JsonElement Schema(IEnumerable<string> universe) =>
        Llm.Schemas.StrictSchema.For<QuantExtraction>().Enum("ranked_picks[].ticker", universe).Build();

    public static IReadOnlyList<string> Validate(QuantExtraction x)
    {
        var errors = new List<string>();
        if (x.RankedPicks is null) { errors.Add("ranked_picks is required (use [] when the answer names no picks)"); return errors; }
        for (int i = 0; i < x.RankedPicks.Count; i++)
        {
            var p = x.RankedPicks[i];
            if (string.IsNullOrWhiteSpace(p.Ticker)) errors.Add($"ranked_picks[{i}].ticker is required");
            if (p.QuantScore is not (>= 0 and <= 100)) errors.Add($"ranked_picks[{i}].quant_score must be a number in [0, 100]");
        }
        return errors;
    }
}
