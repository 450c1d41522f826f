using System.ComponentModel.DataAnnotations;

namespace AlphaResearch.Agents.Dto;

/// <summary>LLM-facing: one qual assessment (reference QualAssessment).</summary>
public sealed record QualAssessmentDto
{
    public string? Ticker { get; init; }
    [Range(0, 100)]
    public double? QualScore { get; init; }
    public string? BullCase { get; init; }
    public string? BearCase { get; init; }
    public List<string>? Catalysts { get; init; }
    public List<string>? Risks { get; init; }
    [Range(0, 100)]
    public int? Conviction { get; init; }
}

/// <summary>LLM-facing: the qual extraction (reference QualAnalystOutput).</summary>
public sealed record QualExtraction
{
    public List<QualAssessmentDto>? Assessments { get; init; }
    public QualAssessmentDto? AdditionalCandidate { get; init; }

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
