using System.Text.Json;

namespace AlphaResearch.Llm.Simulator;

/// <summary>
/// The Messages API's request checks that the official docs state, each refused with 400 invalid_request_error
/// naming the field: a JSON object body; model, max_tokens (a non-negative integer; 0 only pre-warms the cache)
/// and a non-empty messages array; roles "user"/"assistant" only (there is no "system" role; consecutive same-role
/// turns are combined, and the first turn may be either role); non-empty text blocks; every tool_use answered by a
/// tool_result in the next message, tool_results first in that message and naming a tool_use of the previous one;
/// no assistant prefill with JSON outputs; unique tool names; a tool_choice naming a known tool.
/// </summary>
internal static class SimRequestValidator
{
    /// <param name="countTokens">/v1/messages/count_tokens takes no max_tokens.</param>
    public static string? Validate(JsonElement root, bool countTokens = false)
    {
        if (root.ValueKind != JsonValueKind.Object) return "Request body must be a JSON object";
        if (!root.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.String || model.GetString() is not { Length: > 0 })
            return "model: Field required";
        if (!countTokens)
        {
            if (!root.TryGetProperty("max_tokens", out var mt)) return "max_tokens: Field required";
            if (!mt.TryGetInt32(out var maxTokens) || maxTokens < 0) return "max_tokens: Input should be a non-negative integer";
        }
        if (!root.TryGetProperty("messages", out var msgs)) return "messages: Field required";
        if (msgs.ValueKind != JsonValueKind.Array) return "messages: Input should be a valid list";
        if (msgs.GetArrayLength() == 0) return "messages: at least one message is required";

        var toolNames = new HashSet<string>(StringComparer.Ordinal);
        if (root.TryGetProperty("tools", out var tools))
        {
            if (tools.ValueKind != JsonValueKind.Array) return "tools: Input should be a valid list";
            int i = 0;
            foreach (var t in tools.EnumerateArray())
            {
                if (t.ValueKind != JsonValueKind.Object || !t.TryGetProperty("name", out var n) || n.GetString() is not { Length: > 0 } name)
                    return $"tools.{i}.name: Field required";
                bool custom = !t.TryGetProperty("type", out var tt) || tt.GetString() == "custom";
                if (custom && !t.TryGetProperty("input_schema", out _)) return $"tools.{i}.custom.input_schema: Field required";
                if (!toolNames.Add(name)) return $"tools: Tool names must be unique. Duplicate: {name}";
                i++;
            }
        }
        if (root.TryGetProperty("tool_choice", out var tc))
        {
            string type = tc.ValueKind == JsonValueKind.Object && tc.TryGetProperty("type", out var tct) ? tct.GetString() ?? "" : "";
            if (type is not ("auto" or "any" or "tool" or "none")) return $"tool_choice.type: Input should be 'auto', 'any', 'tool' or 'none'";
            if (type == "tool" && !(tc.TryGetProperty("name", out var tn) && toolNames.Contains(tn.GetString() ?? "")))
                return "tool_choice.name: tool_choice names a tool that is not in tools";
        }
        if (root.TryGetProperty("stop_sequences", out var ss)
            && (ss.ValueKind != JsonValueKind.Array || ss.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.String || x.GetString() is not { Length: > 0 })))
            return "stop_sequences: Input should be a list of non-empty strings";
        if (root.TryGetProperty("system", out var sys) && sys.ValueKind is not (JsonValueKind.String or JsonValueKind.Array))
            return "system: Input should be a string or a list of text blocks";

        return ValidateMessages(msgs, root.TryGetProperty("output_config", out var oc) && oc.TryGetProperty("format", out _));
    }

    private static string? ValidateMessages(JsonElement msgs, bool jsonOutput)
    {
        var pendingToolUses = new HashSet<string>(StringComparer.Ordinal);
        var previousToolUses = new HashSet<string>(StringComparer.Ordinal);
        int count = msgs.GetArrayLength(), i = 0;
        string lastRole = "";
        foreach (var m in msgs.EnumerateArray())
        {
            if (m.ValueKind != JsonValueKind.Object) return $"messages.{i}: Input should be an object";
            string role = m.TryGetProperty("role", out var r) ? r.GetString() ?? "" : "";
            if (role is not ("user" or "assistant")) return $"messages.{i}.role: Input should be 'user' or 'assistant'";
            if (!m.TryGetProperty("content", out var content)) return $"messages.{i}.content: Field required";
            var blocks = content.ValueKind switch
            {
                JsonValueKind.String => [],
                JsonValueKind.Array => content.EnumerateArray().ToList(),
                _ => null,
            };
            if (blocks is null) return $"messages.{i}.content: Input should be a string or a list of content blocks";
            if (content.ValueKind == JsonValueKind.String && content.GetString()!.Length == 0 && !(role == "assistant" && i == count - 1))
                return "messages: text content blocks must be non-empty";

            var thisToolUses = new HashSet<string>(StringComparer.Ordinal);
            bool sawOther = false;
            for (int b = 0; b < blocks.Count; b++)
            {
                var block = blocks[b];
                string type = block.ValueKind == JsonValueKind.Object && block.TryGetProperty("type", out var bt) ? bt.GetString() ?? "" : "";
                switch (type)
                {
                    case "text":
                        if (!block.TryGetProperty("text", out var tx) || tx.GetString() is not { Length: > 0 }) return "messages: text content blocks must be non-empty";
                        sawOther = true;
                        break;
                    case "tool_use":
                        if (role != "assistant") return $"messages.{i}.content.{b}: tool_use blocks are only allowed in assistant messages";
                        thisToolUses.Add(block.TryGetProperty("id", out var id) ? id.GetString() ?? "" : "");
                        sawOther = true;
                        break;
                    case "tool_result":
                        if (role != "user") return $"messages.{i}.content.{b}: tool_result blocks are only allowed in user messages";
                        string useId = block.TryGetProperty("tool_use_id", out var u) ? u.GetString() ?? "" : "";
                        if (!previousToolUses.Contains(useId))
                            return $"messages.{i}.content.{b}: unexpected `tool_use_id` found in `tool_result` blocks: {useId}. Each `tool_result` block must have a corresponding `tool_use` block in the previous message.";
                        if (sawOther) return $"messages.{i}.content.{b}: tool_result blocks must come first in the content array, before any text";
                        pendingToolUses.Remove(useId);
                        break;
                    case "":
                        return $"messages.{i}.content.{b}.type: Field required";
                    default:
                        sawOther = true;
                        break;
                }
            }
            if (pendingToolUses.Count > 0)
                return $"messages.{i}: `tool_use` ids were found without `tool_result` blocks immediately after: {string.Join(", ", pendingToolUses)}. Each `tool_use` block must have a corresponding `tool_result` block in the next message.";
            pendingToolUses = thisToolUses.Count > 0 ? [.. thisToolUses] : [];
            previousToolUses = thisToolUses;
            lastRole = role;
            i++;
        }
        if (jsonOutput && lastRole == "assistant") return "messages: assistant message prefill is not supported with output_config.format (JSON outputs)";
        return null;
    }
}
