namespace AlphaResearch.Llm;

/// <summary>
/// The governor can never admit this call: it alone needs more than a whole bucket — the configured one, or the
/// limit the server reported in its anthropic-ratelimit-*-limit headers. Not retried (R1 propagates it at once).
/// </summary>
public sealed class GovernorRejectedException(string message, Exception? inner = null) : Exception(message, inner);
