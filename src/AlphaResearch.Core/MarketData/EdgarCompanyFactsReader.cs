using System.Globalization;
using System.Text.Json;

namespace AlphaResearch.MarketData;

/// <summary>
/// Reads EDGAR's company facts JSON (https://data.sec.gov/api/xbrl/companyfacts/CIK##########.json):
/// <c>{"cik", "entityName", "facts": {"us-gaap": {"Revenues": {"label", "description", "units": {"USD":
/// [{"start", "end", "val", "accn", "fy", "fp", "form", "filed", "frame"}]}}}, "dei": {...}}}</c>.
/// Only the concepts in <see cref="XbrlConcepts.Used"/> are kept (the full file is megabytes). A malformed file is a
/// <see cref="SnapshotFormatException"/> naming the file and the concept.
/// </summary>
public static class EdgarCompanyFactsReader
{
    private const string Fix = "Write the EDGAR company facts shape: facts.<taxonomy>.<concept>.units.<unit>[] with end, val, accn, form, filed (YYYY-MM-DD)";

    public static CompanyFacts Read(string path, string ticker, ReadOnlySpan<byte> bytes)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(bytes.ToArray()); }
        catch (JsonException e)
        {
            throw new SnapshotFormatException(path, (int?)e.LineNumber + 1, (int?)e.BytePositionInLine + 1, $"invalid company facts JSON ({e.Message})", Fix);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("facts", out var facts) || facts.ValueKind != JsonValueKind.Object)
                throw new SnapshotFormatException(path, null, null, "no \"facts\" object", Fix);
            var name = root.TryGetProperty("entityName", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : ticker;
            var result = new List<XbrlFact>();
            foreach (var taxonomy in facts.EnumerateObject())
            {
                if (taxonomy.Value.ValueKind != JsonValueKind.Object) throw new SnapshotFormatException(path, null, null, $"facts.{taxonomy.Name} is not an object", Fix);
                foreach (var concept in taxonomy.Value.EnumerateObject())
                {
                    if (!XbrlConcepts.Used.Contains(concept.Name)) continue;
                    if (!concept.Value.TryGetProperty("units", out var units) || units.ValueKind != JsonValueKind.Object)
                        throw new SnapshotFormatException(path, null, null, $"{taxonomy.Name}:{concept.Name} has no \"units\" object", Fix);
                    foreach (var unit in units.EnumerateObject())
                    {
                        if (unit.Value.ValueKind != JsonValueKind.Array) throw new SnapshotFormatException(path, null, null, $"{taxonomy.Name}:{concept.Name}.units.{unit.Name} is not an array", Fix);
                        int i = 0;
                        foreach (var f in unit.Value.EnumerateArray())
                        {
                            result.Add(ReadFact(path, taxonomy.Name, concept.Name, unit.Name, i++, f));
                        }
                    }
                }
            }
            return new CompanyFacts(ticker, name, result);
        }
    }

    private static XbrlFact ReadFact(string path, string taxonomy, string concept, string unit, int index, JsonElement f)
    {
        string where = $"{taxonomy}:{concept}.units.{unit}[{index}]";
        string? Str(string key) => f.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        DateOnly Date(string key) => TryDate(Str(key)) ?? throw new SnapshotFormatException(path, null, null, $"{where}: missing or unreadable \"{key}\" date", Fix);
        if (!f.TryGetProperty("val", out var val) || val.ValueKind != JsonValueKind.Number)
            throw new SnapshotFormatException(path, null, null, $"{where}: \"val\" is missing or not a number", Fix);
        var start = Str("start") is { } s ? TryDate(s) ?? throw new SnapshotFormatException(path, null, null, $"{where}: unreadable \"start\" date '{s}'", Fix) : (DateOnly?)null;
        return new XbrlFact(taxonomy, concept, unit, start, Date("end"), val.GetDouble(), Str("form") ?? "", Str("fp") ?? "", Date("filed"), Str("accn") ?? "");
    }

    private static DateOnly? TryDate(string? s) =>
        DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}
