using System.Text.Json.Serialization;

namespace AlphaResearch.Domain;

/// <summary>The six sector teams. Serialized as their lower-case ids ("technology", ...).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TeamId>))]
public enum TeamId
{
    [JsonStringEnumMemberName("technology")] Technology,
    [JsonStringEnumMemberName("healthcare")] Healthcare,
    [JsonStringEnumMemberName("financials")] Financials,
    [JsonStringEnumMemberName("industrials")] Industrials,
    [JsonStringEnumMemberName("consumer")] Consumer,
    [JsonStringEnumMemberName("defensives")] Defensives,
}

public static class Teams
{
    /// <summary>All teams in the reference's fan-out order.</summary>
    public static IReadOnlyList<TeamId> All { get; } =
        [TeamId.Technology, TeamId.Healthcare, TeamId.Financials, TeamId.Industrials, TeamId.Consumer, TeamId.Defensives];

    public static string Id(this TeamId team) => team.ToString().ToLowerInvariant();

    public static string Title(this TeamId team) => team switch
    {
        TeamId.Technology => "Technology",
        TeamId.Healthcare => "Healthcare",
        TeamId.Financials => "Financials",
        TeamId.Industrials => "Industrials & Materials",
        TeamId.Consumer => "Consumer & Communication Services",
        TeamId.Defensives => "Defensives (Energy, Utilities, Real Estate)",
        _ => throw new ArgumentOutOfRangeException(nameof(team)),
    };

    public static bool TryParse(string? id, out TeamId team)
    {
        foreach (var t in All)
        {
            if (string.Equals(t.Id(), id?.Trim(), StringComparison.OrdinalIgnoreCase)) { team = t; return true; }
        }
        team = default;
        return false;
    }

    /// <summary>The GICS sectors a team covers (canonical names, see <see cref="Sectors"/>).</summary>
    public static IReadOnlyList<string> SectorsOf(this TeamId team) =>
        Sectors.All.Where(s => Sectors.TeamOf(s) == team).ToArray();
}
