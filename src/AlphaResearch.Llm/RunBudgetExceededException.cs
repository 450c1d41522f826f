namespace AlphaResearch.Llm;

/// <summary>The run's cumulative LLM cost crossed the configured ceiling (R7). The run stops with ERROR.</summary>
public sealed class RunBudgetExceededException(decimal spentUsd, decimal ceilingUsd)
    : Exception($"run budget exceeded: spent ${spentUsd:0.00} > ceiling ${ceilingUsd:0.00} (raise llm.run_budget_usd or ALPHA_RESEARCH_RUN_BUDGET_USD; ≤ 0 disables)")
{
    public decimal SpentUsd { get; } = spentUsd;
    public decimal CeilingUsd { get; } = ceilingUsd;
}
