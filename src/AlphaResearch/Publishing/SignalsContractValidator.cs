using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using AlphaResearch.Domain;
using AlphaResearch.MarketData;
using Json.Schema;

namespace AlphaResearch.Publishing;

/// <summary>
/// Checks a signals payload against the shipped JSON Schema (schemas/signals.schema.json) and the semantic
/// rules a schema cannot express: every sector is a GICS sector, every ENTER has a numeric score, every
/// non-EXIT ticker is in the run's snapshot universe, and every universe/buy_candidates item and population ticker
/// agrees with its entry in signals (buy candidates are ENTER). Any violation throws <see cref="SignalsContractException"/>.
/// </summary>
internal sealed class SignalsContractValidator
{
    public const string SchemaResource = "schemas/signals.schema.json";

    private readonly JsonSchema _schema;

    public SignalsContractValidator()
    {
        _schema = JsonSchema.FromText(LoadSchemaText(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    }

    public static string LoadSchemaText()
    {
        using var stream = typeof(SignalsContractValidator).Assembly.GetManifestResourceStream(SchemaResource)
            ?? throw new InvalidOperationException($"embedded resource '{SchemaResource}' is missing from {typeof(SignalsContractValidator).Assembly.GetName().Name} — rebuild the library");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public void Validate(JsonObject payload, MarketSnapshot snapshot)
    {
        var violations = new List<string>();
        violations.AddRange(SchemaViolations(payload));
        violations.AddRange(SemanticViolations(payload, snapshot));
        if (violations.Count > 0)
            throw new SignalsContractException(payload["date"]?.ToString() ?? "(no date)", violations.Distinct().ToArray());
    }

    public IReadOnlyList<string> SchemaViolations(JsonObject payload)
    {
        var element = JsonSerializer.SerializeToElement(payload);
        var result = _schema.Evaluate(element, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid) return [];
        var list = new List<string>();
        foreach (var d in result.Details ?? [])
        {
            if (d.Errors is null) continue;
            foreach (var (keyword, message) in d.Errors)
                list.Add($"schema: {Location(d.InstanceLocation.ToString())} {keyword}: {message}");
        }
        if (list.Count == 0) list.Add("schema: payload does not match signals.schema.json");
        return list;
    }

    private static string Location(string pointer) => pointer.Length == 0 ? "(root)" : pointer;

    private static IEnumerable<string> SemanticViolations(JsonObject payload, MarketSnapshot snapshot)
    {
        foreach (var key in new[] { "sector_modifiers", "sector_ratings" })
        {
            if (payload[key] is not JsonObject obj) continue;
            foreach (var (sector, _) in obj)
                if (!Sectors.IsCanonical(sector)) yield return $"{key}: unknown sector '{sector}' (not one of the 11 GICS sectors)";
        }

        if (payload["signals"] is not JsonObject signals) yield break;
        foreach (var (ticker, node) in signals)
        {
            if (node is not JsonObject s) continue;
            string signal = s["signal"]?.GetValueKind() == JsonValueKind.String ? s["signal"]!.GetValue<string>() : "";
            string? sector = s["sector"]?.GetValueKind() == JsonValueKind.String ? s["sector"]!.GetValue<string>() : null;
            if (!Sectors.IsCanonical(sector))
                yield return $"signals.{ticker}: unknown sector '{sector ?? "null"}' (not one of the 11 GICS sectors)";
            if (signal == "ENTER" && s["score"]?.GetValueKind() != JsonValueKind.Number)
                yield return $"signals.{ticker}: ENTER without a numeric score";
            // An EXIT may name a ticker that left the index (UNIVERSE_DROP); everything else must be tradable today.
            if (signal != "EXIT" && snapshot.Find(ticker) is null)
                yield return $"signals.{ticker}: ticker is not in the snapshot universe as of {WireNames.Date(snapshot.AsOfDate)}";
        }

        // universe[] and buy_candidates[] repeat each signal for readers of the arrays: they must say the same thing,
        // so the checks above (sector, score, universe membership) hold for them too.
        foreach (var key in new[] { "universe", "buy_candidates" })
        {
            if (payload[key] is not JsonArray items) continue;
            for (int i = 0; i < items.Count; i++)
            {
                if (items[i] is not JsonObject item) continue;
                string? ticker = Text(item["ticker"]);
                if (ticker is null || signals[ticker] is not JsonObject s)
                {
                    yield return $"{key}[{i}]: ticker '{ticker ?? "null"}' has no entry in signals";
                    continue;
                }
                foreach (var field in new[] { "signal", "score", "rating", "conviction", "sector" })
                {
                    if (!JsonNode.DeepEquals(item[field], s[field]))
                        yield return $"{key}[{i}] ({ticker}): {field} {Show(item[field])} differs from signals.{ticker} ({Show(s[field])})";
                }
                if (key == "buy_candidates" && Text(item["signal"]) != "ENTER")
                    yield return $"{key}[{i}] ({ticker}): signal is '{Text(item["signal"]) ?? "null"}', buy candidates must be ENTER";
            }
        }
        if (payload["population"] is JsonArray population)
        {
            foreach (var node in population)
            {
                string? ticker = Text(node);
                if (ticker is null || signals[ticker] is null) yield return $"population: ticker '{ticker ?? "null"}' has no entry in signals";
            }
        }
    }

    private static string? Text(JsonNode? node) => node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;

    private static string Show(JsonNode? node) => node is null ? "null" : Text(node) is { } t ? $"'{t}'" : node.ToJsonString();
}
