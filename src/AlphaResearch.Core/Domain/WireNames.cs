
namespace AlphaResearch.Domain;

/// <summary>The JSON wire names of domain enums (from their [JsonStringEnumMemberName] attributes), so outputs never drift from the contract.</summary>
internal static class WireNames
{
    public static string Of<T>(T value) where T : struct, Enum => JsonConventions.Serialize(value).Trim('"');

    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>ISO-8601 UTC to the second ("2025-01-10T07:30:00Z").</summary>
    public static string UtcTime(DateTimeOffset t) =>
        t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
