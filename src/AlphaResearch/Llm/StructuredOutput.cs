using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using AlphaResearch.Domain;
using Microsoft.Extensions.AI;

namespace AlphaResearch.Llm;

/// <summary>The model did not produce a valid <c>T</c> after all re-asks. Names the call and the last errors.</summary>
public sealed class StructuredOutputException(string label, int attempts, IReadOnlyList<string> errors)
    : Exception($"structured output '{label}' invalid after {attempts} attempt(s): {string.Join("; ", errors)}")
{
    public string Label { get; } = label;
    public int Attempts { get; } = attempts;
    public IReadOnlyList<string> Errors { get; } = errors;
}

/// <summary>
/// Gets a typed, validated object from a chat client: asks with a JSON-schema response format, pulls the
/// JSON out of the text (fences and prose tolerated), deserialises with the snake_case conventions, runs
/// the validator, and on any error re-asks with the errors appended (HEAD #224 behaviour).
/// </summary>
public static class StructuredOutput
{
    public static async Task<T> GetAsync<T>(
        IChatClient client,
        IEnumerable<ChatMessage> messages,
        ChatOptions options,
        Func<T, IReadOnlyList<string>> validate,
        int repairs,
        CancellationToken ct)
        where T : class
    {
        var label = options.GetTag().Label;
        var conversation = messages.ToList();
        var opts = options.Clone();
        opts.ResponseFormat = ChatResponseFormat.ForJsonSchema(SchemaOf<T>(), typeof(T).Name);
        opts.Tools = null;

        IReadOnlyList<string> errors = [];
        int attempt = 0;
        for (; attempt <= Math.Max(0, repairs); attempt++)
        {
            var response = await client.GetResponseAsync(conversation, opts, ct).ConfigureAwait(false);
            var text = response.Text;
            var (value, parseErrors) = TryParse<T>(text);
            errors = value is null ? parseErrors : validate(value);
            if (errors.Count == 0) return value!;

            conversation.Add(new ChatMessage(ChatRole.Assistant, string.IsNullOrEmpty(text) ? "(empty)" : text));
            conversation.Add(new ChatMessage(ChatRole.User,
                "Your previous answer was not valid. Fix these problems and answer again with ONLY the corrected JSON object:\n- "
                + string.Join("\n- ", errors)));
        }
        throw new StructuredOutputException(label, attempt, errors);
    }

    private static readonly Dictionary<Type, JsonElement> Schemas = [];

    /// <summary>
    /// The snake_case conventions without named float literals: a schema that allows "NaN" as a number
    /// invites a model (or a stub) to send strings where scores belong.
    /// </summary>
    public static JsonSerializerOptions LlmJson { get; } = CreateLlmJson();

    private static JsonSerializerOptions CreateLlmJson()
    {
        var o = new JsonSerializerOptions(JsonConventions.Options) { NumberHandling = JsonNumberHandling.Strict };
        o.MakeReadOnly(populateMissingResolver: true);
        return o;
    }

    /// <summary>JSON schema of <typeparamref name="T"/> with our snake_case names.</summary>
    public static JsonElement SchemaOf<T>()
    {
        lock (Schemas)
        {
            if (!Schemas.TryGetValue(typeof(T), out var s))
            {
                s = InlineRefs(AIJsonUtilities.CreateJsonSchema(typeof(T), serializerOptions: LlmJson));
                Schemas[typeof(T)] = s;
            }
            return s;
        }
    }

    /// <summary>
    /// Replaces every local {"$ref": "#/..."} with a copy of its target. The exporter emits refs for repeated
    /// types; not every provider or stub resolves them, and our DTOs are not recursive.
    /// </summary>
    internal static JsonElement InlineRefs(JsonElement schema)
    {
        var root = JsonNode.Parse(schema.GetRawText())!;
        var inlined = Inline(root, root, depth: 0);
        return JsonDocument.Parse(inlined!.ToJsonString()).RootElement.Clone();

        static JsonNode? Inline(JsonNode? node, JsonNode root, int depth)
        {
            if (depth > 32) throw new InvalidOperationException("JSON schema refs nest too deep (recursive type?)");
            switch (node)
            {
                case JsonObject obj when obj.TryGetPropertyValue("$ref", out var r) && r?.GetValue<string>() is { } pointer && pointer.StartsWith('#'):
                    JsonNode? target = root;
                    foreach (var part in pointer[1..].Split('/', StringSplitOptions.RemoveEmptyEntries))
                    {
                        var key = part.Replace("~1", "/").Replace("~0", "~");
                        target = target switch
                        {
                            JsonObject o => o[key],
                            JsonArray a => a[int.Parse(key, System.Globalization.CultureInfo.InvariantCulture)],
                            _ => null,
                        };
                    }
                    var copy = Inline(target?.DeepClone(), root, depth + 1) as JsonObject ?? new JsonObject();
                    foreach (var (k, v) in obj)
                    {
                        // The exporter puts placeholder siblings ("items": {}) next to a ref: the target's own keywords win.
                        if (k != "$ref" && !copy.ContainsKey(k)) copy[k] = Inline(v?.DeepClone(), root, depth + 1);
                    }
                    return copy;
                case JsonObject obj:
                    var result = new JsonObject();
                    foreach (var (k, v) in obj) result[k] = Inline(v?.DeepClone(), root, depth + 1);
                    return result;
                case JsonArray arr:
                    return new JsonArray(arr.Select(v => Inline(v?.DeepClone(), root, depth + 1)).ToArray());
                default:
                    return node?.DeepClone();
            }
        }
    }

    /// <summary>Parses the first JSON object in <paramref name="text"/>; returns the errors when it cannot.</summary>
    public static (T? Value, IReadOnlyList<string> Errors) TryParse<T>(string? text) where T : class
    {
        var json = ExtractJson(text);
        if (json is null) return (null, ["the answer contains no JSON object"]);
        try
        {
            var value = JsonSerializer.Deserialize<T>(json, LlmJson);
            return value is null ? (null, ["the JSON object is null"]) : (value, []);
        }
        catch (JsonException e)
        {
            return (null, [$"invalid JSON for {typeof(T).Name}: {e.Message}"]);
        }
    }

    /// <summary>
    /// The JSON object in a model answer: the body of a ```json fence if present, else the span from the first
    /// '{' to its matching '}' (string-aware), so leading or trailing prose is ignored.
    /// </summary>
    public static string? ExtractJson(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        int fence = text.IndexOf("```", StringComparison.Ordinal);
        if (fence >= 0)
        {
            int bodyStart = text.IndexOf('\n', fence);
            int close = bodyStart < 0 ? -1 : text.IndexOf("```", bodyStart, StringComparison.Ordinal);
            if (close > bodyStart)
            {
                var inner = ExtractJson(text[bodyStart..close]);
                if (inner is not null) return inner;
            }
        }
        int start = text.IndexOf('{');
        while (start >= 0)
        {
            int depth = 0;
            bool inString = false, escape = false;
            for (int i = start; i < text.Length; i++)
            {
                char c = text[i];
                if (inString)
                {
                    if (escape) escape = false;
                    else if (c == '\\') escape = true;
                    else if (c == '"') inString = false;
                    continue;
                }
                if (c == '"') inString = true;
                else if (c == '{') depth++;
                else if (c == '}' && --depth == 0)
                {
                    return text[start..(i + 1)];
                }
            }
            start = text.IndexOf('{', start + 1);
            if (depth > 0) break; // unbalanced to the end: no later start can close either
        }
        return null;
    }
}
