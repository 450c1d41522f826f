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

    public static IReadOnlyList<string> Validate(JointSelection x) =>
        x.SelectedTickers is null or { Count: 0 } ? ["selected_tickers must name at least one candidate ticker"] : [];
}

/// <summary>LLM-facing: the one-to-two-sentence rationale for one selected pick.</summary>
public sealed record PickRationale
{
    public string? Ticker { get; init; }
    public string? Rationale { get; init; }

    public static IReadOnlyList<string> Validate(PickRationale x) =>
        string.IsNullOrWhiteSpace(x.Rationale) ? ["rationale is required (one or two sentences)"] : [];
}
