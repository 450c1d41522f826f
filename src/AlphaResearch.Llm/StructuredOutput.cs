using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;
using AlphaResearch.Llm.Schemas;

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
/// Gets a typed, validated object from a chat client: asks with a JSON-schema response format (built by
/// <see cref="StrictSchema"/>, so it is inside Claude's structured-output subset and OpenAI strict mode, and
/// flagged strict for the OpenAI adapter), pulls the JSON out of the text (fences and prose tolerated), deserialises
/// with the snake_case conventions, runs the validator, and on any error re-asks with the errors appended. Each
/// re-ask carries <see cref="ReaskKey"/> so the usage ledger counts re-asks per run.
/// </summary>
public static class StructuredOutput
{
    /// <summary>
    /// ChatOptions.AdditionalProperties key Microsoft.Extensions.AI.OpenAI reads to send <c>strict: true</c> on the
    /// response format (and tools). The Anthropic adapter does not forward it (checked on the wire, SDK 13.14).
    /// </summary>
    public const string OpenAiStrictKey = "strict";

    /// <summary>ChatOptions.AdditionalProperties key marking a call as a re-ask (value: the attempt number, 1-based).</summary>
    public const string ReaskKey = "alpha_research.reask";

    /// <summary>Asks with the default schema of <typeparamref name="T"/> (no per-call shaping).</summary>
    public static Task<T> GetAsync<T>(
        IChatClient client,
        IEnumerable<ChatMessage> messages,
        ChatOptions options,
        Func<T, IReadOnlyList<string>> validate,
        int repairs,
        CancellationToken ct)
        where T : class
        => GetAsync(client, messages, options, SchemaOf<T>(), validate, repairs, ct);

    /// <summary>Asks with a per-call <paramref name="schema"/> (from <see cref="StrictSchema.Build"/>).</summary>
    /// <param name="isReask">The whole call is a follow-up for what an earlier answer left out: every attempt counts as a re-ask.</param>
    public static async Task<T> GetAsync<T>(
        IChatClient client,
        IEnumerable<ChatMessage> messages,
        ChatOptions options,
        JsonElement schema,
        Func<T, IReadOnlyList<string>> validate,
        int repairs,
        CancellationToken ct,
        bool isReask = false)
        where T : class
    {
        var label = options.GetTag().Label;
        var conversation = messages.ToList();
        var opts = options.Clone();
        opts.ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, typeof(T).Name);
        opts.Tools = null;
        opts.AdditionalProperties = opts.AdditionalProperties is null ? [] : new AdditionalPropertiesDictionary(opts.AdditionalProperties);
        opts.AdditionalProperties[OpenAiStrictKey] = true;

        IReadOnlyList<string> errors = [];
        int attempt = 0;
        for (; attempt <= Math.Max(0, repairs); attempt++)
        {
            if (attempt > 0 || isReask) opts.AdditionalProperties[ReaskKey] = attempt + 1;
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

    /// <summary>Whether these options mark a re-ask (see <see cref="ReaskKey"/>).</summary>
    public static bool IsReask(ChatOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(ReaskKey, out var v) == true && v is not null;

    private static readonly Dictionary<Type, JsonElement> SchemaCache = [];

    /// <summary>
    /// The snake_case conventions without named float literals: a schema that allows "NaN" as a number
    /// invites a model (or a stub) to send strings where scores belong.
    /// </summary>
    public static JsonSerializerOptions LlmJson { get; } = CreateLlmJson();

    private static JsonSerializerOptions CreateLlmJson()
    {
        var o = new JsonSerializerOptions(AlphaResearch.Llm.LlmJson.Options) { NumberHandling = JsonNumberHandling.Strict };
        o.MakeReadOnly(populateMissingResolver: true);
        return o;
    }

    /// <summary>The strict request schema of <typeparamref name="T"/> without per-call shaping (cached).</summary>
    public static JsonElement SchemaOf<T>()
    {
        lock (SchemaCache)
        {
            if (!SchemaCache.TryGetValue(typeof(T), out var s))
            {
                s = StrictSchema.For<T>().Build();
                SchemaCache[typeof(T)] = s;
            }
            return s;
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
