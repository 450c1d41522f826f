using System.Text.Json;

namespace AlphaResearch.Llm.Simulator;

/// <summary>
/// The structured-outputs subset of JSON Schema as the official docs state it ("Structured outputs → JSON Schema
/// limitations" and "Schema complexity limits"), checked independently of the client's own schema code: every
/// object sets additionalProperties: false; no numeric constraints, no minLength/maxLength, minItems only 0 or 1,
/// no other array constraints; enums of scalars only; only internal $ref, no recursion, no allOf with $ref; string
/// formats from the supported list; and per request (output schema + strict tools together) at most 24 optional
/// properties, 16 union-typed properties (anyOf or a type array) and 20 strict tools.
/// </summary>
public static class StrictSchemaChecker
{
    public const int MaxStrictTools = 20;
    public const int MaxOptionalParameters = 24;
    public const int MaxUnionParameters = 16;

    private static readonly HashSet<string> Unsupported = new(StringComparer.Ordinal)
    {
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
        "minLength", "maxLength", "maxItems", "uniqueItems", "contains", "minContains", "maxContains",
        "minProperties", "maxProperties", "patternProperties", "propertyNames", "unevaluatedProperties", "dependentSchemas",
        "oneOf", "not", "if", "then", "else",
    };

    private static readonly HashSet<string> Formats = new(StringComparer.Ordinal)
    {
        "date-time", "time", "date", "duration", "email", "hostname", "uri", "ipv4", "ipv6", "uuid",
    };

    /// <summary>The schemas one request constrains output with: (where, schema), e.g. ("output_config.format.schema", …).</summary>
    public static string? Check(IReadOnlyList<(string Where, JsonElement Schema)> schemas, int strictTools)
    {
        if (strictTools > MaxStrictTools)
            return $"Too many strict tools ({strictTools}). The maximum number of tools with strict: true is {MaxStrictTools}.";
        int optional = 0, unions = 0;
        foreach (var (where, schema) in schemas)
        {
            var walk = new Walk(schema, where);
            if (walk.Visit(schema, where, []) is { } error) return error;
            optional += walk.Optional;
            unions += walk.Unions;
        }
        if (unions > MaxUnionParameters)
            return $"Schemas contains too many parameters with union types ({unions} parameters with type arrays or anyOf) which exceeds the limit: {MaxUnionParameters}.";
        if (optional > MaxOptionalParameters)
            return $"Schemas contains too many optional parameters ({optional} parameters not listed in required) which exceeds the limit: {MaxOptionalParameters}.";
        return null;
    }

    private sealed class Walk(JsonElement root, string rootWhere)
    {
        public int Optional;
        public int Unions;

        public string? Visit(JsonElement s, string at, HashSet<string> refChain)
        {
            if (s.ValueKind is JsonValueKind.True or JsonValueKind.False) return null;
            if (s.ValueKind != JsonValueKind.Object) return $"{at}: a schema must be an object";

            foreach (var p in s.EnumerateObject())
                if (Unsupported.Contains(p.Name))
                    return $"{at}: '{p.Name}' is not supported in structured outputs";

            if (s.TryGetProperty("$ref", out var r))
            {
                string path = r.GetString() ?? "";
                if (!path.StartsWith('#')) return $"{at}: external $ref '{path}' is not supported";
                if (refChain.Contains(path)) return $"{at}: Too many recursive definitions in schema ($ref '{path}' refers to itself)";
                if (Resolve(path) is not { } target) return $"{at}: $ref '{path}' does not resolve";
                if (Visit(target, $"{rootWhere}{path[1..].Replace('/', '.')}", [.. refChain, path]) is { } e) return e;
            }

            if (s.TryGetProperty("minItems", out var mi) && !(mi.TryGetInt32(out var miv) && miv is 0 or 1))
                return $"{at}: minItems {mi.GetRawText()} is not supported (only 0 and 1)";
            if (s.TryGetProperty("format", out var f) && !Formats.Contains(f.GetString() ?? ""))
                return $"{at}: string format '{f.GetString()}' is not supported";
            if (s.TryGetProperty("enum", out var en))
                foreach (var v in en.EnumerateArray())
                    if (v.ValueKind is JsonValueKind.Object or JsonValueKind.Array) return $"{at}: enum values must be strings, numbers, booleans or null";

            bool union = s.TryGetProperty("anyOf", out _) || (s.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.Array && t.GetArrayLength() > 1);
            if (union) Unions++;

            bool isObject = (s.TryGetProperty("type", out var ty) && (ty.ValueKind == JsonValueKind.String ? ty.GetString() == "object" : ty.EnumerateArray().Any(x => x.GetString() == "object")))
                || s.TryGetProperty("properties", out _) || s.TryGetProperty("additionalProperties", out _);
            if (isObject)
            {
                if (!s.TryGetProperty("additionalProperties", out var ap) || ap.ValueKind != JsonValueKind.False)
                    return $"{at}: For 'object' type, 'additionalProperties' must be explicitly set to false";
                var required = s.TryGetProperty("required", out var req) ? req.EnumerateArray().Select(x => x.GetString()).ToHashSet() : [];
                if (s.TryGetProperty("properties", out var props))
                    foreach (var p in props.EnumerateObject())
                    {
                        if (!required.Contains(p.Name)) Optional++;
                        if (Visit(p.Value, $"{at}.properties.{p.Name}", refChain) is { } e) return e;
                    }
            }

            if (s.TryGetProperty("items", out var items) && Visit(items, $"{at}.items", refChain) is { } ie) return ie;
            if (s.TryGetProperty("prefixItems", out _)) return $"{at}: 'prefixItems' is not supported in structured outputs";
            foreach (var key in new[] { "anyOf", "allOf" })
                if (s.TryGetProperty(key, out var alts))
                {
                    int i = 0;
                    foreach (var alt in alts.EnumerateArray())
                    {
                        if (key == "allOf" && alt.ValueKind == JsonValueKind.Object && alt.TryGetProperty("$ref", out _))
                            return $"{at}.allOf.{i}: allOf with $ref is not supported";
                        if (Visit(alt, $"{at}.{key}.{i++}", refChain) is { } e) return e;
                    }
                }
            // Definitions are checked where they are used ($ref above), not on their own: an unused one costs nothing.
            return null;
        }

        private JsonElement? Resolve(string path)
        {
            if (path == "#") return root;
            if (!path.StartsWith("#/", StringComparison.Ordinal)) return null;
            var cur = root;
            foreach (var part in path[2..].Split('/'))
            {
                var key = part.Replace("~1", "/").Replace("~0", "~");
                if (cur.ValueKind != JsonValueKind.Object || !cur.TryGetProperty(key, out cur)) return null;
            }
            return cur;
        }
    }
}
