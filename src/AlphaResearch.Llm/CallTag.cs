using Microsoft.Extensions.AI;

namespace AlphaResearch.Llm;

/// <summary>
/// Who is calling and why (agent id "sector_team:technology", label "quant:technology:react"). Carried
/// on <see cref="ChatOptions.AdditionalProperties"/> so every middleware layer, usage record, log line
/// and error can name the call.
/// </summary>
public sealed record CallTag(string AgentId, string Label, string? Prompt = null)
{
    public const string AgentIdKey = "alpha_research.agent_id";
    public const string LabelKey = "alpha_research.label";
    /// <summary>The prompt(s) the call was rendered from: "id@version#sha256-prefix", comma-separated.</summary>
    public const string PromptKey = "alpha_research.prompt";

    public override string ToString() => $"{AgentId}/{Label}";
}

public static class CallTagExtensions
{
    public static ChatOptions WithTag(this ChatOptions options, string agentId, string label, string? prompt = null)
    {
        options.AdditionalProperties ??= [];
        options.AdditionalProperties[CallTag.AgentIdKey] = agentId;
        options.AdditionalProperties[CallTag.LabelKey] = label;
        if (prompt is not null) options.AdditionalProperties[CallTag.PromptKey] = prompt;
        return options;
    }

    public static CallTag GetTag(this ChatOptions? options)
    {
        var props = options?.AdditionalProperties;
        string agent = props?.TryGetValue(CallTag.AgentIdKey, out var a) == true ? a?.ToString() ?? "unknown" : "unknown";
        string label = props?.TryGetValue(CallTag.LabelKey, out var l) == true ? l?.ToString() ?? "unlabelled" : "unlabelled";
        string? prompt = props?.TryGetValue(CallTag.PromptKey, out var p) == true ? p?.ToString() : null;
        return new CallTag(agent, label, prompt);
    }
}
