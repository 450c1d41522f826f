using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace AlphaResearch.Llm;

/// <summary>
/// The call journal's key: SHA-256 (hex) of the canonical JSON of the whole request — model, system instructions,
/// messages, tool definitions, output schema and every other option — with object keys sorted so equal requests hash
/// equal. The gateway's own tags (<c>alpha_research.*</c>: agent, label, prompt ref) describe who asks, not what is
/// asked, and are left out; the salt (the provider id) keeps one provider's answers from replaying for another.
/// </summary>
internal static class CallRequestKey
{
    public const int Version = 1;
    private const string OwnTagPrefix = "alpha_research.";

    public static string Compute(IEnumerable<ChatMessage> messages, ChatOptions? options, string defaultModel, string salt) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalJson(messages, options, defaultModel, salt))));

    public static string CanonicalJson(IEnumerable<ChatMessage> messages, ChatOptions? options, string defaultModel, string salt)
    {
        var json = AIJsonUtilities.DefaultOptions;
        var request = new JsonObject
        {
            ["journal_version"] = Version,
            ["salt"] = salt,
            ["model"] = options?.ModelId ?? defaultModel,
            ["messages"] = JsonSerializer.SerializeToNode(messages.ToList(), json),
        };
        if (options is not null)
        {
            var clone = options.Clone();
            if (clone.AdditionalProperties is { } props)
            {
                foreach (var key in props.Keys.Where(k => k.StartsWith(OwnTagPrefix, StringComparison.Ordinal)).ToList()) props.Remove(key);
                if (props.Count == 0) clone.AdditionalProperties = null;
            }
            // ChatOptions serialises everything but its tools (JsonIgnore'd): add their definitions explicitly.
            request["options"] = JsonSerializer.SerializeToNode(clone, json);
            request["tools"] = new JsonArray((options.Tools ?? []).Select(Tool).ToArray<JsonNode?>());
        }
        return Canonical(request)!.ToJsonString();
    }

    private static JsonNode Tool(AITool tool)
    {
        var node = new JsonObject { ["name"] = tool.Name, ["description"] = tool.Description, ["type"] = tool.GetType().Name };
        if (tool is AIFunctionDeclaration f) node["schema"] = JsonNode.Parse(f.JsonSchema.GetRawText());
        if (tool.AdditionalProperties.Count > 0) node["additional_properties"] = JsonSerializer.SerializeToNode(tool.AdditionalProperties, AIJsonUtilities.DefaultOptions);
        return node;
    }

    /// <summary>A deep copy with every object's properties in ordinal order.</summary>
    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Canonical).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };
}
