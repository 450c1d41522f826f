using System.Text.Json;
using AlphaResearch.Domain;

namespace AlphaResearch.MarketData;

/// <summary>
/// Reads and writes a snapshot's <c>edgar/insider/&lt;TICKER&gt;.json</c>: the transactions of the company's
/// Forms 3/4/5, compacted from each filing's ownershipDocument XML (see <see cref="Form4Parser"/>), ascending by filed date.
/// </summary>
public static class EdgarInsiderReader
{
    private sealed record Row(
        DateOnly? Filed, string? Form, string? Accession, string? Owner, string? Relationship,
        DateOnly? TransactionDate, string? Code, double? Shares, double? Price, string? AcquiredDisposed, double? SharesAfter);

    private const string Fix = "Write an array of {filed, form, accession, owner, relationship, transaction_date, code, shares, price, acquired_disposed, shares_after}";

    public static IReadOnlyList<InsiderTransaction> Read(string path, ReadOnlySpan<byte> bytes)
    {
        Row[]? rows;
        try { rows = JsonSerializer.Deserialize<Row[]>(bytes, JsonConventions.Options); }
        catch (JsonException e)
        {
            throw new SnapshotFormatException(path, (int?)e.LineNumber + 1, (int?)e.BytePositionInLine + 1, $"invalid insider JSON ({e.Message})", Fix);
        }
        var result = new List<InsiderTransaction>();
        int i = 0;
        foreach (var r in rows ?? [])
        {
            i++;
            string Need(string? v, string key) => string.IsNullOrWhiteSpace(v) ? throw new SnapshotFormatException(path, null, null, $"entry {i}: \"{key}\" is missing", Fix) : v;
            if (r.Filed is not { } filed) throw new SnapshotFormatException(path, null, null, $"entry {i}: \"filed\" is missing", Fix);
            if (r.TransactionDate is not { } td) throw new SnapshotFormatException(path, null, null, $"entry {i}: \"transaction_date\" is missing", Fix);
            if (r.Shares is not { } shares || shares < 0 || !double.IsFinite(shares)) throw new SnapshotFormatException(path, null, null, $"entry {i}: \"shares\" is missing or negative", Fix);
            var ad = Need(r.AcquiredDisposed, "acquired_disposed").Trim().ToUpperInvariant();
            if (ad is not ("A" or "D")) throw new SnapshotFormatException(path, null, null, $"entry {i}: acquired_disposed must be A or D (got '{r.AcquiredDisposed}')", Fix);
            result.Add(new InsiderTransaction(filed, Need(r.Form, "form"), r.Accession ?? "", Need(r.Owner, "owner"), r.Relationship ?? "",
                td, Need(r.Code, "code").Trim().ToUpperInvariant(), shares, r.Price, ad, r.SharesAfter));
        }
        return [.. result.OrderBy(t => t.Filed).ThenBy(t => t.TransactionDate)];
    }

    public static string Write(IEnumerable<InsiderTransaction> rows)
    {
        var list = rows.OrderBy(t => t.Filed).ThenBy(t => t.TransactionDate).ToArray();
        var sb = new System.Text.StringBuilder("[\n");
        for (int i = 0; i < list.Length; i++)
        {
            var t = list[i];
            var row = new Row(t.Filed, t.Form, t.Accession, t.Owner, t.Relationship, t.TransactionDate, t.Code, t.Shares, t.Price, t.AcquiredDisposed, t.SharesAfter);
            sb.Append(JsonSerializer.Serialize(row, JsonConventions.Options)).Append(i + 1 < list.Length ? ",\n" : "\n");
        }
        return sb.Append("]\n").ToString();
    }
}
