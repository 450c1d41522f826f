using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AlphaResearch.Llm.Simulator;

/// <summary>
/// A model that gives only what the JSON schema forces, seeded for reproducibility: objects carry only their
/// required keys; arrays get a random count within their bounds (lower bound minItems, else 0; upper bound
/// maxItems, else lower + 3); any enum value; null wherever the schema allows null (a null type or anyOf branch);
/// numbers inside documented bounds (schema keywords, else "between X and Y" / "at least X" / "at most Y" in the
/// description, else 0–100 for integers and 0–1 for numbers). Ticker-named strings get a random ticker from the
/// conversation (a real model still reads the prompt); other strings carry the simulator marker.
/// </summary>
internal sealed partial class UncooperativeContentGenerator(Random random, IReadOnlyList<string> tickers, string marker)
{
    private const int MaxDepth = 16;

    public JsonNode? Generate(JsonElement schema) => Generate(schema, schema, null, 0);

    private JsonNode? Generate(JsonElement root, JsonElement s, string? name, int depth)
    {
        if (depth > MaxDepth || s.ValueKind != JsonValueKind.Object) return null;
        if (s.TryGetProperty("$ref", out var r) && Resolve(root, r.GetString() ?? "") is { } target) return Generate(root, target, name, depth + 1);
        if (s.TryGetProperty("const", out var c)) return JsonNode.Parse(c.GetRawText());
        if (s.TryGetProperty("enum", out var en) && en.GetArrayLength() > 0)
            return JsonNode.Parse(en[random.Next(en.GetArrayLength())].GetRawText());
        if (s.TryGetProperty("anyOf", out var any) || s.TryGetProperty("oneOf", out any))
        {
            var alts = any.EnumerateArray().ToList();
            if (alts.Any(IsNull)) return null;
            return Generate(root, alts[random.Next(alts.Count)], name, depth + 1);
        }
        if (s.TryGetProperty("allOf", out var all) && all.GetArrayLength() > 0) return Generate(root, all[0], name, depth + 1);

        var types = Types(s);
        if (types.Contains("null")) return null;
        string type = types.Count > 0 ? types[random.Next(types.Count)] : "string";
        switch (type)
        {
            case "object":
                var obj = new JsonObject();
                var required = s.TryGetProperty("required", out var req) ? req.EnumerateArray().Select(x => x.GetString()).ToHashSet() : [];
                if (s.TryGetProperty("properties", out var props))
                    foreach (var p in props.EnumerateObject())
                        if (required.Contains(p.Name)) obj[p.Name] = Generate(root, p.Value, p.Name, depth + 1);
                return obj;
            case "array":
                int min = Int(s, "minItems") ?? 0;
                int max = Int(s, "maxItems") ?? min + 3;
                var arr = new JsonArray();
                int n = random.Next(min, Math.Max(min, max) + 1);
                var items = s.TryGetProperty("items", out var it) ? it : default;
                string? itemName = name is { Length: > 1 } && name.EndsWith('s') ? name[..^1] : name;
                for (int i = 0; i < n; i++) arr.Add(items.ValueKind == JsonValueKind.Object ? Generate(root, items, itemName, depth + 1) : Text(name));
                return arr;
            case "integer":
                var (lo, hi) = Bounds(s, 0, 100);
                return JsonValue.Create((long)Math.Round(lo + random.NextDouble() * (hi - lo)));
            case "number":
                var (l, h) = Bounds(s, 0, 1);
                return JsonValue.Create(Math.Round(l + random.NextDouble() * (h - l), 4));
            case "boolean":
                return JsonValue.Create(random.Next(2) == 1);
            default:
                return String(s, name);
        }
    }

    private JsonNode String(JsonElement s, string? name)
    {
        if (DryRunContentGenerator.IsTickerName(name) && tickers.Count > 0) return JsonValue.Create(tickers[random.Next(tickers.Count)]);
        var day = new DateTime(2026, 1, 1).AddDays(random.Next(365));
        return (s.TryGetProperty("format", out var f) ? f.GetString() : null) switch
        {
            "date" => JsonValue.Create(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            "date-time" => JsonValue.Create(day.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
            _ => Text(name),
        };
    }

    private JsonNode Text(string? name) => JsonValue.Create($"{marker}] uncooperative {name ?? "text"} #{random.Next(1000)}");

    private static (double Lo, double Hi) Bounds(JsonElement s, double defaultLo, double defaultHi)
    {
        double? lo = Num(s, "minimum") ?? Num(s, "exclusiveMinimum");
        double? hi = Num(s, "maximum") ?? Num(s, "exclusiveMaximum");
        string description = s.TryGetProperty("description", out var d) ? d.GetString() ?? "" : "";
        if (Between().Match(description) is { Success: true } b) { lo ??= Parse(b.Groups[1].Value); hi ??= Parse(b.Groups[2].Value); }
        if (AtLeast().Match(description) is { Success: true } al) lo ??= Parse(al.Groups[1].Value);
        if (AtMost().Match(description) is { Success: true } am) hi ??= Parse(am.Groups[1].Value);
        double low = lo ?? Math.Min(defaultLo, hi ?? defaultLo);
        double high = hi ?? Math.Max(defaultHi, low);
        return (low, Math.Max(low, high));
    }

    private static double Parse(string v) => double.Parse(v, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"between\s+(-?\d+(?:\.\d+)?)\s+and\s+(-?\d+(?:\.\d+)?)", RegexOptions.IgnoreCase)]
    private static partial Regex Between();
    [GeneratedRegex(@"(?:at least|minimum|>=)\s*(-?\d+(?:\.\d+)?)", RegexOptions.IgnoreCase)]
    private static partial Regex AtLeast();
    [GeneratedRegex(@"(?:at most|maximum|<=)\s*(-?\d+(?:\.\d+)?)", RegexOptions.IgnoreCase)]
    private static partial Regex AtMost();

    private static List<string> Types(JsonElement s)
    {
        if (!s.TryGetProperty("type", out var t))
            return s.TryGetProperty("properties", out _) ? ["object"] : s.TryGetProperty("items", out _) ? ["array"] : ["string"];
        return t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Select(x => x.GetString() ?? "string").ToList() : [t.GetString() ?? "string"];
    }

    private static bool IsNull(JsonElement s) => s.ValueKind == JsonValueKind.Object && Types(s) is ["null"];

    private static int? Int(JsonElement s, string name) => s.TryGetProperty(name, out var v) && v.TryGetInt32(out var i) ? i : null;
    private static double? Num(JsonElement s, string name) => s.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static JsonElement? Resolve(JsonElement root, string path)
    {
        if (path == "#") return root;
        if (!path.StartsWith("#/", StringComparison.Ordinal)) return null;
        var cur = root;
        foreach (var part in path[2..].Split('/'))
            if (cur.ValueKind != JsonValueKind.Object || !cur.TryGetProperty(part.Replace("~1", "/").Replace("~0", "~"), out cur)) return null;
        return cur;
    }
}
