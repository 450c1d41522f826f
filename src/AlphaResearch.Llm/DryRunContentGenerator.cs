using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AlphaResearch.Llm;

/// <summary>
/// Deterministic, schema-driven fake content shared by the stub provider and the simulator: JSON that validates
/// against the given JSON schema (objects with all properties, arrays of 1–3 items, numbers inside their bounds —
/// minimum/maximum or the "Must be between…" note a strict schema carries instead —, enums, $ref/$defs,
/// anyOf/oneOf), every free-text string carrying the dry-run marker, and ticker-named properties filled with the
/// values of their enum in turn or, without one, the ticker-looking tokens of the conversation in order (so agents'
/// "only tickers I was given" filters keep them).
/// </summary>
internal sealed partial class DryRunContentGenerator
{
    /// <summary>All-caps words that are not tickers in our prompts.</summary>
    private static readonly HashSet<string> NotTickers = new(StringComparer.Ordinal)
    {
        "A", "I", "AI", "AND", "OR", "NOT", "THE", "OF", "TO", "IN", "ON", "IS", "IT", "BE", "AS", "AT", "BY", "IF", "NO", "YES",
        "JSON", "USD", "BUY", "SELL", "HOLD", "ENTER", "EXIT", "REDUCE", "CIO", "GDP", "CPI", "ETF", "ETFS", "API", "OK", "US", "USA",
        "NA", "DRY", "RUN", "STUB", "SIM", "EPS", "PE", "YOY", "QOQ", "RSI", "MACD", "ATR", "SMA", "EMA", "VIX", "SPY", "FED", "FOMC",
        "NEW", "ALL", "ANY", "MUST", "ONLY", "NONE", "NULL", "TRUE", "FALSE", "ID", "IDS", "UTC", "ISO", "URL", "TODO", "NOTE", "IMPORTANT",
        "ADVANCE", "REJECT", "FORCED", "DEADLOCK", "BULL", "BEAR", "NEUTRAL", "HIGH", "LOW", "MEDIUM", "RISK", "ON", "OFF", "TTM", "YTD",
    };

    private const string FallbackTicker = "ZZDRY";

    private readonly string _marker;
    private readonly IReadOnlyList<string> _tickers;
    private int _tickerCursor;

    public DryRunContentGenerator(string marker, IReadOnlyList<string> tickers)
    {
        _marker = marker;
        _tickers = tickers;
    }

    public string Marker => _marker;
    public IReadOnlyList<string> Tickers => _tickers;

    /// <summary>Ticker-looking tokens (ALL-CAPS 1–5 letters, optional -X class suffix) in order of first appearance.</summary>
    public static IReadOnlyList<string> ExtractTickers(string text)
    {
        var seen = new List<string>();
        foreach (Match m in TickerPattern().Matches(text))
        {
            var t = m.Value;
            if (NotTickers.Contains(t) || seen.Contains(t)) continue;
            seen.Add(t);
        }
        return seen;
    }

    /// <summary>
    /// Tickers from the user/tool text; the system text only when those have none (instructions are full of
    /// capitalised words that merely look like tickers).
    /// </summary>
    public static IReadOnlyList<string> ExtractTickers(string conversation, string system)
    {
        var found = ExtractTickers(conversation);
        return found.Count > 0 ? found : ExtractTickers(system);
    }

    public string FreeText(string what) => $"{_marker}] {what}";

    public JsonNode? Generate(JsonElement schema) => Generate(schema, schema, propertyName: null, depth: 0);

    private JsonNode? Generate(JsonElement root, JsonElement schema, string? propertyName, int depth)
    {
        if (schema.ValueKind == JsonValueKind.True || schema.ValueKind != JsonValueKind.Object) return FreeText(propertyName ?? "value");
        if (depth > 12) return null;
        if (schema.TryGetProperty("$ref", out var r) && r.GetString() is { } refPath && Resolve(root, refPath) is { } target)
            return Generate(root, target, propertyName, depth + 1);
        if (schema.TryGetProperty("const", out var c)) return JsonNode.Parse(c.GetRawText());
        if (schema.TryGetProperty("enum", out var en) && en.ValueKind == JsonValueKind.Array && en.GetArrayLength() > 0)
        {
            // A ticker enum (the tickers this call may name): walk through them, so a list names distinct tickers.
            if (IsTickerName(propertyName)) return NextEnumValue(en);
            foreach (var v in en.EnumerateArray())
                if (v.ValueKind != JsonValueKind.Null) return JsonNode.Parse(v.GetRawText());
            return null;
        }
        foreach (var key in new[] { "anyOf", "oneOf", "allOf" })
            if (schema.TryGetProperty(key, out var alts) && alts.ValueKind == JsonValueKind.Array)
            {
                foreach (var alt in alts.EnumerateArray())
                    if (!IsNullSchema(alt)) return Generate(root, alt, propertyName, depth + 1);
            }

        string type = TypeOf(schema);
        switch (type)
        {
            case "object":
                var obj = new JsonObject();
                if (schema.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object)
                    foreach (var p in props.EnumerateObject())
                        obj[p.Name] = Generate(root, p.Value, p.Name, depth + 1);
                return obj;
            case "array":
                return GenerateArray(root, schema, propertyName, depth);
            case "integer":
                return JsonValue.Create((long)Math.Round(NumberIn(schema, integer: true, propertyName)));
            case "number":
                return JsonValue.Create(Math.Round(NumberIn(schema, integer: false, propertyName), 4));
            case "boolean":
                return JsonValue.Create(true);
            case "null":
                return null;
            default:
                return GenerateString(schema, propertyName);
        }
    }

    private JsonNode GenerateArray(JsonElement root, JsonElement schema, string? propertyName, int depth)
    {
        var arr = new JsonArray();
        int min = schema.TryGetProperty("minItems", out var mi) && mi.TryGetInt32(out var miv) ? miv : 0;
        int max = schema.TryGetProperty("maxItems", out var ma) && ma.TryGetInt32(out var mav) ? mav : 3;
        bool tickerItems = IsTickerName(propertyName);
        var items = schema.TryGetProperty("items", out var it) ? it : default;
        // One item per remaining ticker (1–3) when the items are tickers or objects carrying one.
        int want = tickerItems || CarriesTicker(root, items) ? Math.Max(1, _tickers.Count - _tickerCursor) : 2;
        int count = Math.Clamp(want, Math.Max(1, min), Math.Max(Math.Max(1, min), Math.Min(3, max)));
        if (max == 0) count = 0;
        for (int i = 0; i < count; i++)
        {
            // Items of a "tickers" array are tickers themselves.
            arr.Add(items.ValueKind == JsonValueKind.Object
                ? Generate(root, items, tickerItems ? "ticker" : Singular(propertyName), depth + 1)
                : FreeText(propertyName ?? "item"));
        }
        return arr;
    }

    private JsonNode GenerateString(JsonElement schema, string? propertyName)
    {
        if (IsTickerName(propertyName)) return JsonValue.Create(NextTicker());
        if (schema.TryGetProperty("format", out var f))
        {
            switch (f.GetString())
            {
                case "date": return JsonValue.Create("2026-01-02");
                case "date-time": return JsonValue.Create("2026-01-02T00:00:00Z");
            }
        }
        string text = FreeText(propertyName ?? "text");
        if (schema.TryGetProperty("minLength", out var ml) && ml.TryGetInt32(out var min) && text.Length < min)
            text = text.PadRight(min, '.');
        return JsonValue.Create(text);
    }

    private static bool CarriesTicker(JsonElement root, JsonElement items)
    {
        if (items.ValueKind != JsonValueKind.Object) return false;
        if (items.TryGetProperty("$ref", out var r) && r.GetString() is { } path && Resolve(root, path) is { } target) items = target;
        return items.ValueKind == JsonValueKind.Object && items.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object
            && props.EnumerateObject().Any(p => IsTickerName(p.Name));
    }

    private readonly Dictionary<string, int> _enumCursors = new(StringComparer.Ordinal);

    private JsonNode? NextEnumValue(JsonElement en)
    {
        var values = en.EnumerateArray().Where(v => v.ValueKind != JsonValueKind.Null).ToArray();
        if (values.Length == 0) return null;
        var key = en.GetRawText();
        int i = _enumCursors.GetValueOrDefault(key);
        _enumCursors[key] = i + 1;
        return JsonNode.Parse(values[i % values.Length].GetRawText());
    }

    private string NextTicker()
    {
        if (_tickers.Count == 0) return FallbackTicker;
        var t = _tickers[_tickerCursor % _tickers.Count];
        _tickerCursor++;
        return t;
    }

    /// <summary>
    /// A bounded number that varies deterministically from value to value (same conversation → same numbers), so
    /// dry runs exercise the score-dependent paths (BUY/HOLD/SELL ratings, ENTER signals, ranking) instead of a
    /// flat midpoint. Bounded values land in the upper 35–95 % of their range.
    /// </summary>
    private double NumberIn(JsonElement schema, bool integer, string? propertyName)
    {
        double step = integer ? 1 : 0.01;
        var (noteLow, noteHigh) = RangeFromDescription(schema);
        double? low = Num(schema, "minimum") ?? (Num(schema, "exclusiveMinimum") + step) ?? noteLow;
        double? high = Num(schema, "maximum") ?? (Num(schema, "exclusiveMaximum") - step) ?? noteHigh;
        double v = (low, high) switch
        {
            ({ } l, { } h) => l + (h - l) * (0.35 + 0.60 * NextFraction(propertyName)),
            ({ } l, null) => l,
            (null, { } h) => Math.Min(h, 0),
            _ => integer ? 1 : 0.5,
        };
        if (!integer) return Math.Clamp(v, low ?? v, high ?? v);
        v = Math.Floor(v);
        if (low is { } lo && v < lo) v = Math.Ceiling(lo);
        if (high is { } hi && v > hi) v = Math.Floor(hi);
        return v;
    }

    /// <summary>
    /// A range the strict schema builder moved into the description ("Must be between 0 and 100."): strict schemas
    /// carry no minimum/maximum, and a model reads the bound from the text, so the generator does too.
    /// </summary>
    private static (double? Low, double? High) RangeFromDescription(JsonElement schema)
    {
        if (!schema.TryGetProperty("description", out var d) || d.ValueKind != JsonValueKind.String) return (null, null);
        var text = d.GetString()!;
        static double P(Group g) => double.Parse(g.Value, CultureInfo.InvariantCulture);
        if (BetweenPattern().Match(text) is { Success: true } b) return (P(b.Groups[1]), P(b.Groups[2]));
        if (AtLeastPattern().Match(text) is { Success: true } l) return (P(l.Groups[1]), null);
        if (AtMostPattern().Match(text) is { Success: true } h) return (null, P(h.Groups[1]));
        return (null, null);
    }

    [GeneratedRegex(@"Must be between (-?\d+(?:\.\d+)?) and (-?\d+(?:\.\d+)?)\.")]
    private static partial Regex BetweenPattern();

    [GeneratedRegex(@"Must be at least (-?\d+(?:\.\d+)?)\.")]
    private static partial Regex AtLeastPattern();

    [GeneratedRegex(@"Must be at most (-?\d+(?:\.\d+)?)\.")]
    private static partial Regex AtMostPattern();

    private int _numberSeq;

    /// <summary>A stable pseudo-random fraction in [0, 1) from the property name, the ticker position and a counter (FNV-1a).</summary>
    private double NextFraction(string? propertyName)
    {
        uint h = 2166136261;
        foreach (char c in $"{propertyName}|{_tickerCursor}|{_numberSeq++}|{(_tickers.Count > 0 ? _tickers[Math.Max(0, _tickerCursor - 1) % _tickers.Count] : "")}")
        {
            h ^= c;
            h *= 16777619;
        }
        return (h % 10_000) / 10_000.0;
    }

    private static double? Num(JsonElement schema, string name) =>
        schema.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static string TypeOf(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var t)) return schema.TryGetProperty("properties", out _) ? "object" : schema.TryGetProperty("items", out _) ? "array" : "string";
        if (t.ValueKind == JsonValueKind.String) return t.GetString()!;
        if (t.ValueKind == JsonValueKind.Array)
            foreach (var x in t.EnumerateArray())
                if (x.GetString() is { } s && s != "null") return s;
        return "null";
    }

    private static bool IsNullSchema(JsonElement s) =>
        s.ValueKind == JsonValueKind.Object && s.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null";

    private static JsonElement? Resolve(JsonElement root, string refPath)
    {
        if (!refPath.StartsWith("#/", StringComparison.Ordinal)) return refPath == "#" ? root : null;
        var cur = root;
        foreach (var part in refPath[2..].Split('/'))
        {
            var key = part.Replace("~1", "/").Replace("~0", "~");
            if (cur.ValueKind != JsonValueKind.Object || !cur.TryGetProperty(key, out cur)) return null;
        }
        return cur;
    }

    internal static bool IsTickerName(string? name)
    {
        if (name is null) return false;
        var n = name.ToLowerInvariant();
        return n is "ticker" or "tickers" or "symbol" or "symbols" || n.EndsWith("_ticker", StringComparison.Ordinal) || n.EndsWith("_tickers", StringComparison.Ordinal)
            || n.EndsWith("ticker", StringComparison.Ordinal) || n.EndsWith("tickers", StringComparison.Ordinal);
    }

    private static string? Singular(string? name) => name is { Length: > 1 } && name.EndsWith('s') ? name[..^1] : name;

    public static string DeterministicId(string prefix, string seed, int index)
    {
        uint h = 2166136261;
        foreach (char ch in seed) h = (h ^ ch) * 16777619;
        return prefix + (h + (uint)index).ToString("x8", CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9$])[A-Z]{1,5}(?:-[A-Z])?(?![A-Za-z0-9])")]
    private static partial Regex TickerPattern();
}
