using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using AlphaResearch.Llm.Schemas;

namespace AlphaResearch.Agents.Dto;

/// <summary>LLM-facing: one CIO decision. In the keyed form the ticker is the property name instead.</summary>
public sealed record CioRawDecision
{
    public string? Ticker { get; init; }
    /// <summary>ADVANCE | REJECT | NO_ADVANCE_DEADLOCK.</summary>
    [AllowedValues("ADVANCE", "REJECT", "NO_ADVANCE_DEADLOCK")]
    public string? Decision { get; init; }
    /// <summary>1 = best among the ADVANCEs; 0 for any other decision.</summary>
    [Range(0, 1000)]
    public int? Rank { get; init; }
    [Range(0, 100)]
    public int? Conviction { get; init; }
    public string? Rationale { get; init; }
    public List<string>? RuleTags { get; init; }

    public string NormalizedDecision => (Decision ?? "").Trim().ToUpperInvariant();
}

/// <summary>LLM-facing: the entry thesis of one ADVANCE (narrative only; scores stay deterministic).</summary>
public sealed record CioEntryThesis
{
    public string? Ticker { get; init; }
    public string? ThesisSummary { get; init; }
    public string? BullCase { get; init; }
    public string? BearCase { get; init; }
    public List<string>? Catalysts { get; init; }
    public List<string>? Risks { get; init; }
    public string? ConvictionRationale { get; init; }

    public HeldThesisUpdate ToUpdate() => new()
    {
        ThesisSummary = ThesisSummary, BullCase = BullCase, BearCase = BearCase,
        Catalysts = Catalysts, Risks = Risks, ConvictionRationale = ConvictionRationale,
    };
}

/// <summary>
/// LLM-facing: the CIO answer in its list form (more candidates than a keyed schema should carry, and every
/// follow-up for what an earlier answer left out). Entry theses are a separate list so no decision needs a
/// nullable object (each would be one union-typed property).
/// </summary>
public sealed record CioRawOutput
{
    public List<CioRawDecision>? Decisions { get; init; }
    public List<CioEntryThesis>? EntryTheses { get; init; }

    public static readonly string[] DecisionValues = ["ADVANCE", "REJECT", "NO_ADVANCE_DEADLOCK"];

    /// <summary>List form: decisions only for <paramref name="decide"/>, entry theses only for <paramref name="theses"/>.</summary>
    public static JsonElement Schema(IReadOnlyCollection<string> decide, IReadOnlyCollection<string> theses) =>
        StrictSchema.For<CioRawOutput>()
            .Enum("decisions[].ticker", decide)
            .Enum("decisions[].rule_tags[]", Domain.CioRuleTags.All)
            .Enum("entry_theses[].ticker", theses.Count > 0 ? theses : decide)
            .Build();

    /// <summary>Shape and ranges of each decision and thesis. Completeness (every candidate, a thesis per ADVANCE) is the agent's follow-up loop.</summary>
    public static IReadOnlyList<string> Validate(CioRawOutput x)
    {
        var errors = new List<string>();
        if (x.Decisions is null) errors.Add("decisions is required");
        for (int i = 0; i < (x.Decisions?.Count ?? 0); i++)
        {
            var d = x.Decisions![i];
            var at = $"decisions[{i}] ({d.Ticker})";
            if (string.IsNullOrWhiteSpace(d.Ticker)) errors.Add($"decisions[{i}].ticker is required");
            errors.AddRange(ValidateDecision(d, at));
        }
        errors.AddRange(ValidateTheses(x.EntryTheses));
        return errors;
    }

    internal static IEnumerable<string> ValidateDecision(CioRawDecision d, string at)
    {
        if (!DecisionValues.Contains(d.NormalizedDecision)) yield return $"{at}.decision must be one of {string.Join(", ", DecisionValues)}";
        if (d.Conviction is < 0 or > 100) yield return $"{at}.conviction must be in [0, 100]";
        if (d.Rank is < 0) yield return $"{at}.rank must be ≥ 0";
    }

    internal static IEnumerable<string> ValidateTheses(List<CioEntryThesis>? theses)
    {
        for (int i = 0; i < (theses?.Count ?? 0); i++)
        {
            var t = theses![i];
            if (string.IsNullOrWhiteSpace(t.Ticker)) yield return $"entry_theses[{i}].ticker is required";
            foreach (var e in HeldThesisUpdate.Validate(t.ToUpdate())) yield return $"entry_theses[{i}] ({t.Ticker}): {e}";
        }
    }
}

/// <summary>LLM-facing: the CIO answer in its keyed form — one required decision per candidate ticker (complete by construction).</summary>
public sealed record CioKeyedOutput
{
    public Dictionary<string, CioRawDecision>? Decisions { get; init; }
    public List<CioEntryThesis>? EntryTheses { get; init; }

    /// <summary>Keyed form: a required property per candidate in <paramref name="candidates"/>.</summary>
    public static JsonElement Schema(IReadOnlyCollection<string> candidates) =>
        StrictSchema.For<CioKeyedOutput>()
            .Without("decisions{}.ticker")
            .Enum("decisions{}.rule_tags[]", Domain.CioRuleTags.All)
            .Keyed("decisions", candidates)
            .Enum("entry_theses[].ticker", candidates)
            .Build();

    public static IReadOnlyList<string> Validate(CioKeyedOutput x)
    {
        var errors = new List<string>();
        if (x.Decisions is null) errors.Add("decisions is required");
        foreach (var (ticker, d) in x.Decisions ?? []) errors.AddRange(CioRawOutput.ValidateDecision(d, $"decisions.{ticker}"));
        errors.AddRange(CioRawOutput.ValidateTheses(x.EntryTheses));
        return errors;
    }

    public CioRawOutput ToList() => new()
    {
        Decisions = (Decisions ?? []).Select(kv => kv.Value with { Ticker = kv.Key }).ToList(),
        EntryTheses = EntryTheses,
    };
}

/// <summary>LLM-facing: a follow-up that asks only for the entry theses an earlier answer left out.</summary>
public sealed record CioEntryTheses
{
    public List<CioEntryThesis>? EntryTheses { get; init; }

    public static JsonElement Schema(IReadOnlyCollection<string> tickers) =>
        StrictSchema.For<CioEntryTheses>().Enum("entry_theses[].ticker", tickers).Build();

    public static IReadOnlyList<string> Validate(CioEntryTheses x) =>
        x.EntryTheses is null ? ["entry_theses is required"] : CioRawOutput.ValidateTheses(x.EntryTheses).ToArray();
}
