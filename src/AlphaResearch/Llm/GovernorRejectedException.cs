namespace AlphaResearch.Llm;

/// <summary>The governor can never admit this call: it alone needs more than a whole bucket.</summary>
public sealed class GovernorRejectedException(string message) : Exception(message);
