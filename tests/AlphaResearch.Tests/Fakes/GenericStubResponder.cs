using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace AlphaResearch.Tests.Fakes;

/// <summary>
/// Mimics the dry-run stub provider for agent tests: schema-valid JSON built from the response format
/// (enums → first value, ticker enums → their values in turn, ranges — minimum/maximum or the strict schema's
/// "Must be between a and b." note — → midpoint, other "ticker" strings → ticker-looking tokens of the last user
/// message, other strings "[DRY-RUN stub] ..."), two tool calls when tools are offered and none ran yet.
/// </summary>
public static partial class GenericStubResponder
{
    [GeneratedRegex(@"\b[A-Z][A-Z0-9]{1,4}\b")]
    private static partial Regex TickerLike();

    [GeneratedRegex(@"Must be between (-?[0-9.]+) and (-?[0-9.]+)\.")]
    private static partial Regex RangeNote();

    // Per-response cursors through ticker enums (a response's lists name distinct tickers).
    private static readonly AsyncLocal<Dictionary<string, int>> EnumCursor = new();

    public static ChatResponse Respond(RecordedRequest r)
    {
        EnumCursor.Value ??= [];
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
            EnumCursor.Value = [];
            return ScriptedChatClient.Text(Generate(schema, "", Token)!.ToJsonString());
        }
        return ScriptedChatClient.Text("[DRY-RUN stub] ok");
    }

    private static JsonNode? Generate(JsonElement schema, string name, Func<string> token)
    {
        if (schema.ValueKind != JsonValueKind.Object) return null;
        if (schema.TryGetProperty("enum", out var en))
        {
            if (name.Contains("ticker", StringComparison.Ordinal))
            {
                var values = en.EnumerateArray().Where(v => v.ValueKind != JsonValueKind.Null).ToArray();
                var key = en.GetRawText();
                var cursors = EnumCursor.Value ??= [];
                int i = cursors.GetValueOrDefault(key);
                cursors[key] = i + 1;
                return JsonNode.Parse(values[i % values.Length].GetRawText());
            }
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
                var note = schema.TryGetProperty("description", out var d) ? RangeNote().Match(d.GetString() ?? "") : null;
                double min = schema.TryGetProperty("minimum", out var mn) ? mn.GetDouble()
                    : note is { Success: true } ? double.Parse(note.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
                double max = schema.TryGetProperty("maximum", out var mx) ? mx.GetDouble()
                    : note is { Success: true } ? double.Parse(note.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) : 100;
                double mid = (min + max) / 2;
                return type == "integer" ? JsonValue.Create((int)Math.Round(mid)) : JsonValue.Create(Math.Round(mid, 2));
            case "boolean":
                return JsonValue.Create(true);
            default:
                return null;
        }
    }
}
