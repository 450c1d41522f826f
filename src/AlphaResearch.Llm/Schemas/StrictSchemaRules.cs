using System.Text.Json;
using System.Text.Json.Nodes;

namespace AlphaResearch.Llm.Schemas;

/// <summary>What a schema walk found: sizes towards the request limits, and every rule it breaks.</summary>
public sealed record SchemaReport(int Properties, int Optional, int UnionTyped, int Enums, int LargestEnum, IReadOnlyList<string> Violations)
{
    public override string ToString() =>
        $"{Properties} properties, {Optional} optional, {UnionTyped} union-typed, {Enums} enum(s) (largest {LargestEnum})"
        + (Violations.Count == 0 ? "" : $", {Violations.Count} violation(s)");
}

/// <summary>
/// The structured-output subset every request schema must stay in (Claude "Structured outputs → JSON Schema
/// limitations" and "explicit limits", which apply to output schemas and strict tools alike; OpenAI strict mode adds
/// "every property required"). Checked by <see cref="StrictSchema.Build"/> before a schema is sent and by the tests
/// over every schema an agent can send. Rules and sources are listed in docs/AGENTS.md.
/// </summary>
public static class StrictSchemaRules
{
    /// <summary>Claude: total optional properties across all strict schemas of one request.</summary>
    public const int MaxOptionalPerRequest = 24;
    /// <summary>Claude: total properties using anyOf or a type array, across all strict schemas of one request.</summary>
    public const int MaxUnionTypedPerRequest = 16;
    /// <summary>Claude: tools with strict: true per request.</summary>
    public const int MaxStrictTools = 20;

    private static readonly HashSet<string> Unsupported = new(StringComparer.Ordinal)
    {
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength", "maxLength", "maxItems",
        "minProperties", "maxProperties", "uniqueItems", "oneOf", "not", "if", "then", "else", "patternProperties",
        "dependentSchemas", "dependentRequired", "propertyNames", "contains", "prefixItems", "unevaluatedProperties",
    };

    private static readonly HashSet<string> Formats = new(StringComparer.Ordinal)
    {
        "date-time", "time", "date", "duration", "email", "hostname", "uri", "ipv4", "ipv6", "uuid",
    };

    public static SchemaReport Check(JsonElement schema) => Check(JsonNode.Parse(schema.GetRawText()));

    public static SchemaReport Check(JsonNode? schema)
    {
        var w = new Walker();
        w.Walk(schema, "$", isProperty: false);
        return new SchemaReport(w.Properties, w.Optional, w.Union, w.Enums, w.LargestEnum, w.Violations);
    }

    /// <summary>One request: the output schema plus every strict tool schema; the limits are request-wide.</summary>
    public static IReadOnlyList<string> CheckRequest(IReadOnlyList<JsonElement> strictSchemas, int strictTools = 0)
    {
        var reports = strictSchemas.Select(Check).ToArray();
        var errors = reports.SelectMany(r => r.Violations).ToList();
        int optional = reports.Sum(r => r.Optional), union = reports.Sum(r => r.UnionTyped);
        if (optional > MaxOptionalPerRequest) errors.Add($"{optional} optional properties in one request (limit {MaxOptionalPerRequest})");
        if (union > MaxUnionTypedPerRequest) errors.Add($"{union} union-typed properties in one request (limit {MaxUnionTypedPerRequest})");
        if (strictTools > MaxStrictTools) errors.Add($"{strictTools} strict tools in one request (limit {MaxStrictTools})");
        return errors;
    }

    private sealed class Walker
    {
        public int Properties, Optional, Union, Enums, LargestEnum;
        public List<string> Violations { get; } = [];

        public void Walk(JsonNode? node, string at, bool isProperty)
        {
            if (node is not JsonObject o)
            {
                if (node is JsonValue v && v.TryGetValue<bool>(out _)) Violations.Add($"{at}: boolean schema (use an explicit type)");
                return;
            }
            foreach (var (k, _) in o)
                if (Unsupported.Contains(k)) Violations.Add($"{at}: unsupported keyword '{k}'");
            if (o["$ref"] is { } r) Violations.Add($"{at}: $ref '{r}' (inline it: no external refs, no recursion)");
            if (o["minItems"] is JsonValue mi && mi.TryGetValue<double>(out var min) && min > 1) Violations.Add($"{at}: minItems {min} (only 0 or 1)");
            if (o["format"] is JsonValue f && !Formats.Contains(f.GetValue<string>())) Violations.Add($"{at}: unsupported format '{f}'");
            if (o["additionalProperties"] is JsonObject) Violations.Add($"{at}: map-shaped object (additionalProperties is a schema; use explicit properties or an array of records)");

            bool union = o["type"] is JsonArray { Count: > 1 } || o["anyOf"] is JsonArray;
            if (isProperty && union) Union++;
            if (o["enum"] is JsonArray en)
            {
                Enums++;
                LargestEnum = Math.Max(LargestEnum, en.Count);
                if (en.Any(e => e is JsonObject or JsonArray)) Violations.Add($"{at}: enum with complex values");
                if (en.Count == 0) Violations.Add($"{at}: empty enum");
            }

            bool isObject = o["properties"] is not null || TypeIs(o, "object");
            if (isObject)
            {
                if (o["additionalProperties"] is not JsonValue ap || !ap.TryGetValue<bool>(out var b) || b)
                    Violations.Add($"{at}: object without additionalProperties: false");
                var props = o["properties"] as JsonObject ?? [];
                var required = (o["required"] as JsonArray)?.Select(x => x?.GetValue<string>()).ToHashSet(StringComparer.Ordinal) ?? [];
                foreach (var (name, child) in props)
                {
                    Properties++;
                    if (!required.Contains(name))
                    {
                        Optional++;
                        Violations.Add($"{at}.{name}: not in required (OpenAI strict mode requires every property)");
                    }
                    Walk(child, $"{at}.{name}", isProperty: true);
                }
                foreach (var name in required)
                    if (name is not null && !props.ContainsKey(name)) Violations.Add($"{at}: required '{name}' is not a property");
            }
            Walk(o["items"], $"{at}[]", isProperty: false);
            foreach (var key in new[] { "anyOf", "allOf" })
                if (o[key] is JsonArray alts)
                    for (int i = 0; i < alts.Count; i++) Walk(alts[i], $"{at}.{key}[{i}]", isProperty: false);
            foreach (var key in new[] { "$defs", "definitions" })
                if (o[key] is JsonObject defs)
                    foreach (var (name, d) in defs) Walk(d, $"{at}.{key}.{name}", isProperty: false);
        }

        private static bool TypeIs(JsonObject o, string type) => o["type"] switch
        {
            JsonValue v => v.GetValue<string>() == type,
            JsonArray a => a.Any(t => t?.GetValue<string>() == type),
            _ => false,
        };
    }
}
