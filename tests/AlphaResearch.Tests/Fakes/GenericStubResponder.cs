using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace AlphaResearch.Tests.Fakes;

/// <summary>
/// Mimics the dry-run stub provider for agent tests: schema-valid JSON built from the response format
/// (enums → first value, ranges → midpoint, "ticker" strings → ticker-looking tokens of the last user
/// message, other strings "[DRY-RUN stub] ..."), two tool calls when tools are offered and none ran yet.
/// </summary>
public static partial class GenericStubResponder
{
    [GeneratedRegex(@"\b[A-Z][A-Z0-9]{1,4}\b")]
    private static partial Regex TickerLike();

    public static ChatResponse Respond(RecordedRequest r)
    {
        var lastUser = r.Messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? "";
        var tokens = TickerLike().Matches(lastUser).Select(m => m.Value).Where(v => v is not ("DRY" or "RUN")).Distinct().ToList();
        if (tokens.Count == 0) tokens.Add("STUB");
        int next = 0;
        string Token() => tokens[next++ % tokens.Count];

        var tools = r.Options?.Tools?.OfType<AIFunction>().ToArray() ?? [];
        if (tools.Length > 0)
        {
            if (!r.Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Any())
            {
                var calls = tools.Take(2).Select((t, i) => (AIContent)new FunctionCallContent($"stub_{i}", t.Name,
                    JsonSerializer.Deserialize<Dictionary<string, object?>>(Generate(t.JsonSchema, "", Token)!.ToJsonString())));
                return new ChatResponse(new ChatMessage(ChatRole.Assistant, calls.ToList()));
            }
            return ScriptedChatClient.Text($"[DRY-RUN stub] final answer: {string.Join(", ", tokens.Take(6))}");
        }
        if (r.Options?.ResponseFormat is ChatResponseFormatJson { Schema: { } schema })
        {
            return ScriptedChatClient.Text(Generate(schema, "", Token)!.ToJsonString());
        }
        return ScriptedChatClient.Text("[DRY-RUN stub] ok");
    }

    private static JsonNode? Generate(JsonElement schema, string name, Func<string> token)
    {
        if (schema.ValueKind != JsonValueKind.Object) return null;
        if (schema.TryGetProperty("enum", out var en))
        {
            var first = en.EnumerateArray().FirstOrDefault(v => v.ValueKind != JsonValueKind.Null);
            return JsonNode.Parse(first.GetRawText());
        }
        string type = "object";
        if (schema.TryGetProperty("type", out var t))
        {
            type = t.ValueKind == JsonValueKind.Array
                ? t.EnumerateArray().Select(x => x.GetString()!).First(x => x != "null")
                : t.GetString()!;
        }
        switch (type)
        {
            case "object":
                var obj = new JsonObject();
                if (schema.TryGetProperty("properties", out var props))
                {
                    foreach (var p in props.EnumerateObject()) obj[p.Name] = Generate(p.Value, p.Name, token);
                }
                return obj;
            case "array":
                var arr = new JsonArray();
                if (schema.TryGetProperty("items", out var items))
                {
                    for (int i = 0; i < 2; i++) arr.Add(Generate(items, name, token));
                }
                return arr;
            case "string":
                return name.Contains("ticker", StringComparison.Ordinal) ? token() : $"[DRY-RUN stub] {name}";
            case "integer":
            case "number":
                double min = schema.TryGetProperty("minimum", out var mn) ? mn.GetDouble() : 0;
                double max = schema.TryGetProperty("maximum", out var mx) ? mx.GetDouble() : 100;
                double mid = (min + max) / 2;
                return type == "integer" ? JsonValue.Create((int)Math.Round(mid)) : JsonValue.Create(Math.Round(mid, 2));
            case "boolean":
                return JsonValue.Create(true);
            default:
                return null;
        }
    }
}
