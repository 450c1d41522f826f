using System.Text.Json.Nodes;
using AlphaResearch.Domain;

namespace AlphaResearch.Cli.Infrastructure;

/// <summary>
/// JSON on stdout (`--json`): the library's conventions (snake_case, no BOM, readable escapes), with every
/// <c>cost_usd</c> written with fixed decimals (0.0120, not 0.01199999 or 0.012).
/// </summary>
internal static class CliJson
{
    public static string Serialize(object value)
    {
        var node = JsonNode.Parse(JsonConventions.Serialize(value));
        FixCosts(node);
        return node?.ToJsonString(JsonConventions.Indented) ?? "null";
    }

    private static void FixCosts(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, child) in o.ToArray())
                {
                    if (IsCost(key) && child is JsonValue v && v.TryGetValue<decimal>(out var usd))
                        o[key] = JsonValue.Create(CostFormat.Round(usd) + 0.0000m); // + 0.0000m: scale 4 → "1.2000"
                    else FixCosts(child);
                }
                break;
            case JsonArray a:
                foreach (var child in a) FixCosts(child);
                break;
        }
    }

    private static bool IsCost(string key) => key == "cost_usd" || key.EndsWith("_cost_usd", StringComparison.Ordinal);
}
