using System.Text.Json;
using System.Text.Json.Serialization;

namespace AlphaResearch.Domain;

/// <summary>
/// The full decision record of one agent (the original's #267): every model exchange with its rendered prompts, the
/// tool definitions offered, the tool-loop transcript and the final answer. Persisted with the agent's output (so a
/// resumed agent keeps it) and published in its decision artifact; secrets are redacted when written.
/// </summary>
public sealed record DecisionRecord
{
    public IReadOnlyList<DecisionExchange> Exchanges { get; init; } = [];
}

/// <summary>One call (or one tool loop) of an agent: what was asked, with which tools, what happened, what it answered.</summary>
public sealed record DecisionExchange
{
    /// <summary>The call's label (macro_economist, quant, qual_extraction, cio, …).</summary>
    public required string Label { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SystemPrompt { get; init; }
    public required string UserPrompt { get; init; }
    public IReadOnlyList<ToolDefinition> Tools { get; init; } = [];
    /// <summary>The tool loop in order: each model turn's text, each tool call's arguments and its result.</summary>
    public IReadOnlyList<TranscriptTurn> Transcript { get; init; } = [];
    public string FinalAnswer { get; init; } = "";
}

public sealed record ToolDefinition(string Name, string Description, JsonElement? InputSchema);

/// <summary>A transcript turn: kind "model" (text), "tool_call" (tool + arguments) or "tool_result" (tool + result).</summary>
public sealed record TranscriptTurn
{
    public const string Model = "model";
    public const string ToolCall = "tool_call";
    public const string ToolResult = "tool_result";

    public required string Kind { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Text { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Tool { get; init; }
    /// <summary>The call's arguments as JSON text.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Arguments { get; init; }
    /// <summary>The tool's result as JSON text, cut at the record's limit.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Result { get; init; }
    /// <summary>How many characters of the result were cut (0 when none).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int TruncatedChars { get; init; }
}
