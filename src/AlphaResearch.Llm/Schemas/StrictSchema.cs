using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace AlphaResearch.Llm.Schemas;

/// <summary>
/// The one place request schemas are built (structured output and any strict tool). Starts from the JSON schema of
/// a DTO (snake_case, see <see cref="StructuredOutput.LlmJson"/>), then makes it fit the subset Claude's structured
/// outputs and OpenAI strict mode both accept (rules in <see cref="StrictSchemaRules"/>, docs/AGENTS.md):
/// local refs inlined; every object closed (<c>additionalProperties: false</c>) with every property required;
/// null allowed only on <see cref="SchemaNullableAttribute"/> properties; numeric ranges moved into the description
/// (our validators enforce them after parsing); length/size keywords dropped. Per-call shaping (an enum of the
/// tickers this call may name, a map turned into one required property per key) is applied before the check, and
/// <see cref="Build"/> refuses a schema that still breaks a rule, so a non-conforming schema never reaches the wire.
/// </summary>
public sealed class StrictSchema
{
    internal const string NullableMarker = "x-alpha-nullable";

    private static readonly string[] DroppedKeywords =
        ["multipleOf", "minLength", "maxLength", "maxItems", "minProperties", "maxProperties", "uniqueItems", "$schema", "$id"];

    private readonly JsonObject _root;

    private StrictSchema(JsonObject root) => _root = root;

    /// <summary>The normalised schema of <typeparamref name="T"/>, ready for per-call shaping.</summary>
    public static StrictSchema For<T>(JsonSerializerOptions? serializer = null)
    {
        var options = new AIJsonSchemaCreateOptions
        {
            TransformSchemaNode = (ctx, node) =>
            {
                if (node is JsonObject o && ctx.PropertyInfo?.AttributeProvider?.IsDefined(typeof(SchemaNullableAttribute), inherit: true) == true)
                    o[NullableMarker] = true;
                return node;
            },
        };
        var raw = AIJsonUtilities.CreateJsonSchema(typeof(T), serializerOptions: serializer ?? StructuredOutput.LlmJson, inferenceOptions: options);
        var root = JsonNode.Parse(InlineRefs(raw).GetRawText())!.AsObject();
        root.Remove("$defs");
        root.Remove("definitions");
        Normalize(root);
        return new StrictSchema(root);
    }

    /// <summary>
/// Restricts the string property at <paramref name="path"/> to exactly these values. Paths name properties joined by
/// '.', with "[]" for an array's items and "{}" for a map's value schema: "ranked_picks[].ticker", "decisions{}.rule_tags[]".
/// </summary>
    public StrictSchema Enum(string path, IEnumerable<string> values)
    {
        var node = Resolve(path);
        var list = values.Distinct(StringComparer.Ordinal).ToArray();
        if (list.Length == 0) throw new ArgumentException($"enum for '{path}' needs at least one value", nameof(values));
        bool nullable = node["type"] is JsonArray;
        node["type"] = nullable ? new JsonArray("string", "null") : "string";
        var arr = new JsonArray(list.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
        if (nullable) arr.Add(null);
        node["enum"] = arr;
        return this;
    }

    /// <summary>
    /// Turns the map-shaped object at <paramref name="path"/> (a dictionary property) into an object with one required
    /// property per key, each of the map's value schema; <paramref name="perKey"/> may adjust a key's copy.
    /// </summary>
    public StrictSchema Keyed(string path, IEnumerable<string> keys, Action<string, JsonObject>? perKey = null)
    {
        var node = Resolve(path);
        if (node["additionalProperties"] is not JsonObject value)
            throw new InvalidOperationException($"'{path}' is not a map-shaped object (no additionalProperties schema)");
        var props = new JsonObject();
        foreach (var key in keys.Distinct(StringComparer.Ordinal))
        {
            var copy = value.DeepClone().AsObject();
            perKey?.Invoke(key, copy);
            props[key] = copy;
        }
        if (props.Count == 0) throw new ArgumentException($"keyed object '{path}' needs at least one key", nameof(keys));
        node["type"] = "object";
        node["properties"] = props;
        node["additionalProperties"] = false;
        Normalize(node);
        return this;
    }

    /// <summary>The array at <paramref name="path"/> must have at least one item (the only array-size keyword the subset allows).</summary>
    public StrictSchema NonEmpty(string path)
    {
        var node = Resolve(path);
        if (node["items"] is null) throw new InvalidOperationException($"'{path}' is not an array");
        node["minItems"] = 1;
        return this;
    }

    /// <summary>Removes the property at <paramref name="path"/> (e.g. "decisions{}.ticker").</summary>
    public StrictSchema Without(string path)
    {
        int dot = path.LastIndexOf('.');
        var parent = dot < 0 ? _root : Resolve(path[..dot]);
        var name = dot < 0 ? path : path[(dot + 1)..];
        if (parent["properties"] is not JsonObject props || !props.Remove(name))
            throw new InvalidOperationException($"schema has no property '{path}'");
        Normalize(parent);
        return this;
    }

    /// <summary>The finished schema; throws when it breaks a rule of <see cref="StrictSchemaRules"/>.</summary>
    public JsonElement Build()
    {
        Normalize(_root);
        var root = _root.DeepClone();
        StripMarkers(root);
        var report = StrictSchemaRules.Check(root);
        if (report.Violations.Count > 0)
            throw new InvalidOperationException("request schema outside the structured-output subset: " + string.Join("; ", report.Violations));
        return JsonDocument.Parse(root.ToJsonString()).RootElement.Clone();
    }

    private static void StripMarkers(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                o.Remove(NullableMarker);
                foreach (var (_, v) in o) StripMarkers(v);
                break;
            case JsonArray a:
                foreach (var v in a) StripMarkers(v);
                break;
        }
    }

    /// <summary>The description note a moved numeric range leaves (the dry-run generator reads it back).</summary>
    public static string RangeNote(double? low, double? high) => (low, high) switch
    {
        ({ } l, { } h) => $"Must be between {N(l)} and {N(h)}.",
        ({ } l, null) => $"Must be at least {N(l)}.",
        (null, { } h) => $"Must be at most {N(h)}.",
        _ => "",
    };

    private static string N(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);

    private JsonObject Resolve(string path)
    {
        JsonNode? cur = _root;
        foreach (var raw in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            // "name[]" is the items of an array, "name{}" the value schema of a map (before Keyed turns it into properties).
            bool items = raw.EndsWith("[]", StringComparison.Ordinal), mapValue = raw.EndsWith("{}", StringComparison.Ordinal);
            var name = items || mapValue ? raw[..^2] : raw;
            cur = cur?["properties"]?[name];
            if (items) cur = cur?["items"];
            if (mapValue) cur = cur?["additionalProperties"];
        }
        return cur as JsonObject ?? throw new InvalidOperationException($"schema has no node at '{path}'");
    }

    /// <summary>Idempotent: closes objects, requires every property, strips null where not marked, moves or drops unsupported keywords.</summary>
    private static void Normalize(JsonNode? node)
    {
        if (node is not JsonObject o) return;
        // The marker stays until Build (Normalize runs again after each shaping step).
        bool keepNull = o.TryGetPropertyValue(NullableMarker, out var marker) && marker?.GetValue<bool>() == true;

        if (o["type"] is JsonArray types)
        {
            var kept = types.Select(t => t!.GetValue<string>()).Where(t => keepNull || t != "null").Distinct().ToList();
            if (keepNull && !kept.Contains("null")) kept.Add("null");
            o["type"] = kept.Count == 1 ? kept[0] : new JsonArray(kept.Select(t => (JsonNode?)t).ToArray());
        }
        if (o["enum"] is JsonArray en)
        {
            if (!keepNull) { for (int i = en.Count - 1; i >= 0; i--) if (en[i] is null) en.RemoveAt(i); }
            else if (!en.Any(v => v is null)) en.Add(null);
        }
        if (o["anyOf"] is JsonArray any && !keepNull)
        {
            for (int i = any.Count - 1; i >= 0; i--) if (any[i]?["type"]?.GetValue<string>() == "null") any.RemoveAt(i);
            if (any.Count == 1 && any[0] is JsonObject only)
            {
                o.Remove("anyOf");
                foreach (var (k, v) in only.ToArray()) if (!o.ContainsKey(k)) o[k] = v?.DeepClone();
            }
        }

        double? low = Num(o, "minimum") ?? Num(o, "exclusiveMinimum");
        double? high = Num(o, "maximum") ?? Num(o, "exclusiveMaximum");
        if (low is not null || high is not null)
        {
            var note = RangeNote(low, high);
            var desc = o["description"]?.GetValue<string>();
            if (desc is null || !desc.Contains(note, StringComparison.Ordinal)) o["description"] = string.IsNullOrEmpty(desc) ? note : $"{desc} {note}";
            foreach (var k in new[] { "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" }) o.Remove(k);
        }
        foreach (var k in DroppedKeywords) o.Remove(k);
        if (Num(o, "minItems") is > 1) o["minItems"] = 1;

        if (o["properties"] is JsonObject props)
        {
            foreach (var (_, child) in props) Normalize(child);
            o["required"] = new JsonArray(props.Select(p => (JsonNode?)p.Key).ToArray());
            o["additionalProperties"] = false;
        }
        else if (IsObjectType(o) && o["additionalProperties"] is not JsonObject)
        {
            o["properties"] = new JsonObject();
            o["required"] = new JsonArray();
            o["additionalProperties"] = false;
        }
        if (o["additionalProperties"] is JsonObject mapValue) Normalize(mapValue);
        Normalize(o["items"]);
        foreach (var key in new[] { "anyOf", "allOf" })
            if (o[key] is JsonArray alts) foreach (var alt in alts) Normalize(alt);
    }

    private static bool IsObjectType(JsonObject o) => o["type"] switch
    {
        JsonValue v => v.GetValue<string>() == "object",
        JsonArray a => a.Any(t => t?.GetValue<string>() == "object"),
        _ => false,
    };

    private static double? Num(JsonObject o, string key) =>
        o[key] is JsonValue v && v.TryGetValue<double>(out var d) ? d : null;

    /// <summary>
    /// Replaces every local {"$ref": "#/..."} with a copy of its target. The exporter emits refs for repeated types;
    /// our DTOs are not recursive, and an inlined schema needs no $defs (recursion would throw here).
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
                            JsonArray a => a[int.Parse(key, CultureInfo.InvariantCulture)],
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
}
