using System.ComponentModel.DataAnnotations;

namespace AlphaResearch.Agents.Dto;

/// <summary>LLM-facing: one CIO decision.</summary>
public sealed record CioRawDecision
{
    public string? Ticker { get; init; }
    /// <summary>ADVANCE | REJECT | NO_ADVANCE_DEADLOCK.</summary>
    [AllowedValues("ADVANCE", "REJECT", "NO_ADVANCE_DEADLOCK")]
    public string? Decision { get; init; }
    [Range(0, 1000)]
    public int? Rank { get; init; }
    [Range(0, 100)]
    public int? Conviction { get; init; }
    public string? Rationale { get; init; }
    public List<string>? RuleTags { get; init; }
    public HeldThesisUpdate? EntryThesis { get; init; }

    public string NormalizedDecision => (Decision ?? "").Trim().ToUpperInvariant();
}

/// <summary>LLM-facing: the CIO batch output.</summary>
public sealed record CioRawOutput
{
    public List<CioRawDecision>? Decisions { get; init; }

    public static readonly string[] DecisionValues = ["ADVANCE", "REJECT", "NO_ADVANCE_DEADLOCK"];

    /// <summary>Shape and ranges, plus: every candidate decided, every ADVANCE carries an entry thesis.</summary>
    public static IReadOnlyList<string> Validate(CioRawOutput x, IReadOnlyCollection<string> candidates)
    {
        var errors = new List<string>();
        if (x.Decisions is null or { Count: 0 }) return ["decisions must contain one decision per candidate"];
        // Stub/simulator output cannot follow the candidate list; reconciliation fills the gaps (the run is never promoted).
        bool dryRun = DryRunContent.IsMarked(x);
        for (int i = 0; i < x.Decisions.Count; i++)
        {
            var d = x.Decisions[i];
            var at = $"decisions[{i}] ({d.Ticker})";
            if (string.IsNullOrWhiteSpace(d.Ticker)) errors.Add($"decisions[{i}].ticker is required");
            if (!DecisionValues.Contains(d.NormalizedDecision)) errors.Add($"{at}.decision must be one of {string.Join(", ", DecisionValues)}");
            if (d.Conviction is < 0 or > 100) errors.Add($"{at}.conviction must be in [0, 100] or null");
            if (d.Rank is < 0) errors.Add($"{at}.rank must be ≥ 0 or null");
            if (!dryRun && d.NormalizedDecision == "ADVANCE" && (d.EntryThesis is null || HeldThesisUpdate.Validate(d.EntryThesis).Count > 0))
            {
                errors.Add($"{at}: an ADVANCE needs an entry_thesis with thesis_summary, bull_case and bear_case");
            }
        }
        if (dryRun) return errors;
        var decided = x.Decisions.Where(d => d.Ticker is not null)
            .Select(d => MarketData.MarketSnapshot.NormalizeTicker(d.Ticker!)).ToHashSet();
        var missing = candidates.Where(c => !decided.Contains(c)).ToArray();
        if (missing.Length > 0) errors.Add($"no decision for candidate(s) {string.Join(", ", missing)}: decide every candidate exactly once");
        return errors;
    }
}
