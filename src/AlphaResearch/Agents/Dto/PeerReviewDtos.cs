namespace AlphaResearch.Agents.Dto;

/// <summary>LLM-facing: does the quant accept the qual's additional candidate?</summary>
public sealed record QuantAcceptanceVerdict
{
    public bool? Accept { get; init; }
    public string? Reason { get; init; }

    public static IReadOnlyList<string> Validate(QuantAcceptanceVerdict x) =>
        x.Accept is null ? ["accept is required (true or false)"] : [];
}

/// <summary>LLM-facing: the team's joint selection among more than picks_per_run candidates.</summary>
public sealed record JointSelection
{
    public List<string>? SelectedTickers { get; init; }
    public string? TeamRationale { get; init; }

    /// <summary>The request schema: at least one selected ticker, only from the merged candidates.</summary>
    public static System.Text.Json.JsonElement Schema(IEnumerable<string> candidates) =>
        Llm.Schemas.StrictSchema.For<JointSelection>().Enum("selected_tickers[]", candidates).NonEmpty("selected_tickers").Build();

    /// <summary>At least one and at most <paramref name="picks"/> distinct candidates (dry-run content is cut to the count instead).</summary>
    public static IReadOnlyList<string> Validate(JointSelection x, IReadOnlyCollection<string> candidates, int picks)
    {
        var named = (x.SelectedTickers ?? []).Select(MarketData.MarketSnapshot.NormalizeTicker).ToArray();
        var errors = new List<string>();
        if (named.Length == 0) errors.Add("selected_tickers must name at least one candidate ticker");
        var unknown = named.Where(t => !candidates.Contains(t)).Distinct().ToArray();
        if (unknown.Length > 0) errors.Add($"selected_tickers names non-candidate(s) {string.Join(", ", unknown)}; choose only from {string.Join(", ", candidates)}");
        int distinct = named.Distinct().Count();
        if (distinct > picks && !DryRunContent.IsMarked(x)) errors.Add($"selected_tickers names {distinct} candidates; select at most {picks}");
        return errors;
    }
}

/// <summary>LLM-facing: the one-to-two-sentence rationale for one selected pick.</summary>
public sealed record PickRationale
{
    public string? Ticker { get; init; }
    public string? Rationale { get; init; }

    /// <summary>The request schema: the ticker is exactly the pick being explained.</summary>
    public static System.Text.Json.JsonElement Schema(string ticker) =>
        Llm.Schemas.StrictSchema.For<PickRationale>().Enum("ticker", [ticker]).Build();

    public static IReadOnlyList<string> Validate(PickRationale x) =>
        string.IsNullOrWhiteSpace(x.Rationale) ? ["rationale is required (one or two sentences)"] : [];
}
