namespace AlphaResearch.Agents;

/// <summary>Team sizes, iteration limits, CIO floor and cap, trigger thresholds.</summary>
public sealed record AgentsConfig
{
    /// <summary>Recommendations a team emits per run (joint selection runs when it has more candidates).</summary>
    public int PicksPerRun { get; init; } = 3;
    /// <summary>Ranked picks the quant is asked for.</summary>
    public int QuantTopN { get; init; } = 10;
    /// <summary>Quant picks the qual analyst reviews.</summary>
    public int QualTopN { get; init; } = 5;
    /// <summary>Most liquid tickers of a team listed in the quant prompt.</summary>
    public int MaxTickersInPrompt { get; init; } = 200;
    public int QuantMaxIterations { get; init; } = 8;
    public int QualMaxIterations { get; init; } = 8;
    public int CioMinEntrants { get; init; } = 2;
    public int CioMaxEntrants { get; init; } = 10;
    /// <summary>Force-fill toward the floor admits only candidates with conviction ≥ this (0–100); fewer qualifying → an alert.</summary>
    public int CioForceFillMinConviction { get; init; } = 60;
    /// <summary>The macro inputs' de-risk flag is on when SPY is at least this many percent below its 52-week high (#205).</summary>
    public double MacroDeRiskDrawdownPct { get; init; } = 10;
    /// <summary>LLM attempts for one held-thesis update before the run hard-fails.</summary>
    public int ThesisUpdateAttempts { get; init; } = 3;
    /// <summary>Re-asks after a structured-output validation error (so 1 + repairs calls at most).</summary>
    public int StructuredOutputRepairs { get; init; } = 2;

    /// <summary>Trigger: |close[-1] − close[-5]| above this multiple of the 14-day ATR.</summary>
    public double TriggerAtrMultiple { get; init; } = 2.0;
    /// <summary>Trigger: 8-K / 10-Q / 10-K filed within this many days before the run date.</summary>
    public int TriggerFilingLookbackDays { get; init; } = 5;
    /// <summary>Trigger: at least this many headlines mention the company in the news window.</summary>
    public int TriggerNewsSpikeCount { get; init; } = 3;
    public int TriggerNewsWindowDays { get; init; } = 7;

    /// <summary>Per-call output ceilings (reference §3.3).</summary>
    public int MaxTokensReact { get; init; } = 4096;
    public int MaxTokensShort { get; init; } = 800;
    public int MaxTokensCritic { get; init; } = 512;
    public int MaxTokensStrategic { get; init; } = 4096;

    /// <summary>Range problems, each naming its key (agents.&lt;key&gt;), the value and the allowed range; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        void AtLeast(string key, double value, double min)
        {
            if (value < min) errors.Add($"agents.{key} must be ≥ {min} (got {value})");
        }
        AtLeast("picks_per_run", PicksPerRun, 1);
        AtLeast("quant_top_n", QuantTopN, 1);
        AtLeast("qual_top_n", QualTopN, 1);
        AtLeast("max_tickers_in_prompt", MaxTickersInPrompt, 1);
        AtLeast("quant_max_iterations", QuantMaxIterations, 1);
        AtLeast("qual_max_iterations", QualMaxIterations, 1);
        AtLeast("cio_min_entrants", CioMinEntrants, 0);
        AtLeast("cio_max_entrants", CioMaxEntrants, 0);
        if (CioForceFillMinConviction is < 0 or > 100) errors.Add($"agents.cio_force_fill_min_conviction must be between 0 and 100 (got {CioForceFillMinConviction})");
        if (!(MacroDeRiskDrawdownPct is > 0 and <= 100)) errors.Add($"agents.macro_derisk_drawdown_pct must be > 0 and ≤ 100 (got {MacroDeRiskDrawdownPct})");
        AtLeast("thesis_update_attempts", ThesisUpdateAttempts, 1);
        AtLeast("structured_output_repairs", StructuredOutputRepairs, 0);
        AtLeast("trigger_atr_multiple", TriggerAtrMultiple, 0);
        AtLeast("trigger_filing_lookback_days", TriggerFilingLookbackDays, 0);
        AtLeast("trigger_news_spike_count", TriggerNewsSpikeCount, 1);
        AtLeast("trigger_news_window_days", TriggerNewsWindowDays, 1);
        foreach (var (key, v) in new[] { ("max_tokens_react", MaxTokensReact), ("max_tokens_short", MaxTokensShort), ("max_tokens_critic", MaxTokensCritic), ("max_tokens_strategic", MaxTokensStrategic) })
        {
            AtLeast(key, v, 64);
        }
        if (CioMinEntrants > CioMaxEntrants) errors.Add($"agents.cio_min_entrants ({CioMinEntrants}) must not exceed agents.cio_max_entrants ({CioMaxEntrants})");
        return errors;
    }
}
