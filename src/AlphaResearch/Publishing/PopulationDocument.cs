using System.Text;
using System.Text.Json.Nodes;
using AlphaResearch.Archive;
using AlphaResearch.Domain;

namespace AlphaResearch.Publishing;

/// <summary>
/// population/{date}.json and population/latest.json (reference §5.2): the book after rotation with the regime and
/// sector views it was built under, this run's rotation events and the ADVANCEs that found the book full. Built from
/// the validated signals payload and the outcome only, so the bytes are the same for the same run.
/// </summary>
internal static class PopulationDocument
{
    public static string DatedKey(DateOnly date) => $"population/{WireNames.Date(date)}.json";
    public const string LatestKey = "population/latest.json";

    public static byte[] Build(ResearchOutcome outcome, JsonObject signalsPayload)
    {
        var doc = new JsonObject
        {
            ["date"] = WireNames.Date(outcome.Context.RunDate),
            ["market_regime"] = signalsPayload["market_regime"]?.DeepClone(),
            ["sector_ratings"] = signalsPayload["sector_ratings"]?.DeepClone(),
            ["sector_modifiers"] = signalsPayload["sector_modifiers"]?.DeepClone(),
            ["population"] = JsonSerializerNode(outcome.Rotation.Population),
            ["events"] = JsonSerializerNode(outcome.Rotation.Events),
            ["book_full"] = JsonSerializerNode(outcome.Rotation.BookFull),
        };
        return Encoding.UTF8.GetBytes(doc.ToJsonString(JsonConventions.Indented) + "\n");
    }

    private static JsonNode? JsonSerializerNode<T>(T value) => JsonNode.Parse(JsonConventions.Serialize(value));
}
