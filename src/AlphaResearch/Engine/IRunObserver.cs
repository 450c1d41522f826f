using System.Text.Json.Serialization;
using AlphaResearch.Llm;

namespace AlphaResearch.Engine;

[JsonConverter(typeof(JsonStringEnumConverter<AgentState>))]
public enum AgentState
{
    [JsonStringEnumMemberName("waiting")] Waiting,
    [JsonStringEnumMemberName("running")] Running,
    [JsonStringEnumMemberName("resumed")] Resumed,
    [JsonStringEnumMemberName("done")] Done,
    [JsonStringEnumMemberName("failed")] Failed,
    [JsonStringEnumMemberName("partial")] Partial,
}

/// <summary>Live progress of a run (for the CLI's table or log lines). Called from worker threads: implementations must be thread-safe.</summary>
public interface IRunObserver
{
    void PhaseChanged(string phase) { }
    void AgentChanged(string agentId, AgentState state, string? detail) { }
    void UsageChanged(string agentId, UsageTotals totals) { }
}

/// <summary>An observer that ignores everything.</summary>
public sealed class NullRunObserver : IRunObserver
{
    public static NullRunObserver Instance { get; } = new();
}
