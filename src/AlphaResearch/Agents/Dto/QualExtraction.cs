using System.ComponentModel.DataAnnotations;

namespace AlphaResearch.Agents.Dto;

/// <summary>LLM-facing: one qual assessment (reference QualAssessment).</summary>
public sealed record QualAssessmentDto
{
    public string? Ticker { get; init; }
    /// <summary>Null when the analyst's answer gives no score (the extraction must not invent one).</summary>
    [Range(0, 100), Llm.Schemas.SchemaNullable]
    public double? QualScore { get; init; }
    public string? BullCase { get; init; }
    public string? BearCase { get; init; }
    public List<string>? Catalysts { get; init; }
    public List<string>? Risks { get; init; }
    /// <summary>Null when the answer states no conviction.</summary>
    [Range(0, 100), Llm.Schemas.SchemaNullable]
    public int? Conviction { get; init; }
}

/// <summary>LLM-facing: the qual extraction (reference QualAnalystOutput).</summary>
public sealed record QualExtraction
{
    public List<QualAssessmentDto>? Assessments { get; init; }
    /// <summary>Null when the qual proposes no extra name (truly optional: the one union-typed property of the call).</summary>
    [Llm.Schemas.SchemaNullable]
    public QualAssessmentDto? AdditionalCandidate { get; init; }

    /// <summary>The request schema: assessments name only the quant's picks; the addition only another universe name.</summary>
    public static System.Text.Json.JsonElement Schema(IReadOnlyCollection<string> picks, IReadOnlyCollection<string> others)
    {
        var s = Llm.Schemas.StrictSchema.For<QualExtraction>().Enum("assessments[].ticker", picks);
        // With no other universe name to propose, the addition cannot be anything but null.
        return (others.Count > 0 ? s.Enum("additional_candidate.ticker", others) : s.Without("additional_candidate")).Build();
    }

    public static IReadOnlyList<string> Validate(QualExtraction x)
    {
        var errors = new List<string>();
        if (x.Assessments is null) errors.Add("assessments is required (use [] when the answer assesses nothing)");
        var all = (x.Assessments ?? []).Select((a, i) => (a, $"assessments[{i}]")).ToList();
        if (x.AdditionalCandidate is not null) all.Add((x.AdditionalCandidate, "additional_candidate"));
        foreach (var (a, at) in all)
        {
            if (string.IsNullOrWhiteSpace(a.Ticker)) errors.Add($"{at}.ticker is required");
            if (a.QualScore is < 0 or > 100) errors.Add($"{at}.qual_score must be in [0, 100] or null");
            if (a.Conviction is < 0 or > 100) errors.Add($"{at}.conviction must be an integer in [0, 100] or null");
        }
        return errors;
    }
}
