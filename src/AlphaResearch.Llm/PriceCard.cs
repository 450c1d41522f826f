using System.Text.RegularExpressions;

namespace AlphaResearch.Llm;

/// <summary>Cost of a call from the configured price card (USD per million tokens).</summary>
internal sealed partial class PriceCard(IReadOnlyDictionary<string, ModelPrice> prices)
{
    /// <summary>Strips a -YYYYMMDD snapshot suffix so dated ids price like their model.</summary>
    public static string Normalize(string model) => DatedSuffix().Replace(model, "");

    public ModelPrice? For(string model) =>
        prices.TryGetValue(model, out var p) ? p : prices.TryGetValue(Normalize(model), out p) ? p : null;

    /// <summary>Null when the model has no price (logged by the caller; cost recorded as 0).</summary>
    public decimal? Cost(string model, long input, long output, long cacheRead, long cacheWrite)
    {
        if (For(model) is not { } p) return null;
        return (input * p.InputPerMillion + output * p.OutputPerMillion + cacheRead * p.CacheReadPerMillion + cacheWrite * p.CacheWritePerMillion) / 1_000_000m;
    }

    [GeneratedRegex(@"-\d{8}$")]
    private static partial Regex DatedSuffix();
}
