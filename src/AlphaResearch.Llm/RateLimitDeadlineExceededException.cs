namespace AlphaResearch.Llm;

/// <summary>
/// R1 gave up: the call kept getting 429/529 and the next wait would pass its deadline. The last rate-limit
/// error is the inner exception. Carries the call's label and attempt count.
/// </summary>
public sealed class RateLimitDeadlineExceededException(string agentId, string label, int attempts, TimeSpan deadline, Exception lastError)
    : Exception($"rate limit: call '{label}' (agent {agentId}) still rate-limited after {attempts} attempt(s); next wait would pass the {deadline.TotalMinutes:0.#} min retry deadline ({RateLimitClassifier.Describe(lastError)})", lastError)
{
    public string AgentId { get; } = agentId;
    public string Label { get; } = label;
    public int Attempts { get; } = attempts;
    public TimeSpan Deadline { get; } = deadline;
}
