namespace AlphaResearch.Llm;

/// <summary>What one admitted call reserved; handed back to <see cref="ModelBudget.Reconcile"/>.</summary>
internal sealed record GovernorLease(string Model, long EstimatedInputTokens, long ReservedOutputTokens, TimeSpan Waited);
