using System.Globalization;
using System.Text.Json.Nodes;

namespace AlphaResearch.MarketData;

/// <summary>
/// Shrinks an EDGAR company facts document (often several MB) to the concepts the snapshot derives from
/// (<see cref="XbrlConcepts.Used"/>), optionally keeping only facts filed in a date range — same shape, same values.
/// </summary>
public static class EdgarCompanyFactsPruner
{
    public static byte[] Prune(string path, byte[] json, DateOnly? filedFrom = null, DateOnly? filedTo = null)
    {
        JsonNode? root;
        try { root = JsonNode.Parse(json); }
        catch (System.Text.Json.JsonException e) { throw new SnapshotFormatException(path, null, null, $"invalid company facts JSON ({e.Message})", "Fetch it again with 'snapshot fetch --edgar --refresh'"); }
        if (root?["facts"] is not JsonObject facts) throw new SnapshotFormatException(path, null, null, "no \"facts\" object", "Expected EDGAR's company facts shape");
        foreach (var (_, taxonomy) in facts.ToArray())
        {
            if (taxonomy is not JsonObject concepts) continue;
            foreach (var name in concepts.Select(c => c.Key).Where(k => !XbrlConcepts.Used.Contains(k)).ToArray()) concepts.Remove(name);
            if (filedFrom is null && filedTo is null) continue;
            foreach (var (_, concept) in concepts)
            {
                if (concept?["units"] is not JsonObject units) continue;
                foreach (var (_, list) in units)
                {
                    if (list is not JsonArray arr) continue;
                    for (int i = arr.Count - 1; i >= 0; i--)
                    {
                        var filed = arr[i]?["filed"]?.GetValue<string>();
                        if (!DateOnly.TryParseExact(filed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                            || d < (filedFrom ?? DateOnly.MinValue) || d > (filedTo ?? DateOnly.MaxValue)) arr.RemoveAt(i);
                    }
                }
            }
        }
        return System.Text.Encoding.UTF8.GetBytes(root.ToJsonString() + "\n");
    }
}
