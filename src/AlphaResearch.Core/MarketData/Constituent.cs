using System.Text.Json.Serialization;
using AlphaResearch.Domain;

namespace AlphaResearch.MarketData;

[JsonConverter(typeof(JsonStringEnumConverter<IndexMembership>))]
public enum IndexMembership
{
    [JsonStringEnumMemberName("SP500")] Sp500,
    [JsonStringEnumMemberName("SP400")] Sp400,
}

/// <summary>An index member. <see cref="Ticker"/> is Yahoo style (BRK-B); <see cref="Sector"/> is the canonical GICS name.</summary>
public sealed record Constituent(string Ticker, string Name, string Sector, string SubIndustry, IndexMembership Index)
{
    public TeamId Team => Sectors.TeamOf(Sector);
}
