using AlphaResearch.Domain;

namespace AlphaResearch.MarketData;

/// <summary>One coverage line: how many listed tickers a group has and how many are usable.</summary>
public sealed record CoverageRow(string Group, int Tickers, int Usable, int Excluded);

/// <summary>Coverage of a loaded snapshot per sector team and per GICS sector (for `snapshot check`).</summary>
public sealed record SnapshotCoverage(IReadOnlyList<CoverageRow> ByTeam, IReadOnlyList<CoverageRow> BySector, CoverageRow Total)
{
    public static SnapshotCoverage Of(MarketSnapshot s)
    {
        var usable = s.Constituents.Select(c => c.Ticker).ToHashSet(StringComparer.Ordinal);
        var listed = s.ListedConstituents.Count > 0 ? s.ListedConstituents : s.Constituents;
        CoverageRow Row(string group, IEnumerable<Constituent> members)
        {
            var m = members.ToArray();
            int ok = m.Count(c => usable.Contains(c.Ticker));
            return new CoverageRow(group, m.Length, ok, m.Length - ok);
        }
        return new SnapshotCoverage(
            Teams.All.Select(t => Row(t.Id(), listed.Where(c => c.Team == t))).ToArray(),
            Sectors.All.Select(sec => Row(sec, listed.Where(c => c.Sector == sec))).ToArray(),
            Row("Total", listed));
    }
}
