using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AlphaResearch.MarketData;

/// <summary>A row of a news file that could not be used, with its 1-based line number.</summary>
public sealed record NewsRowProblem(int Line, string Problem);

/// <summary>What <see cref="NewsFileReader.Read"/> found: usable items (and the line of each), bad rows and duplicates.</summary>
public sealed record NewsFile(IReadOnlyList<NewsItem> Items, IReadOnlyList<int> ItemLines, IReadOnlyList<NewsRowProblem> BadRows, IReadOnlyList<NewsRowProblem> Duplicates);

/// <summary>
/// Reads a user's ticker-tagged news file: CSV with a header (ticker, published_at, headline, source, url and an
/// optional summary, any order) or JSON Lines with the same keys. published_at must carry a timezone
/// (<c>2025-01-08T14:30:00Z</c>, <c>2025-01-08T09:30:00-05:00</c>). A row with the same ticker, time and headline —
/// or the same ticker and url — as an earlier row is a duplicate.
/// </summary>
public static partial class NewsFileReader
{
    public static readonly string[] Required = ["ticker", "published_at", "headline", "source", "url"];

    public static NewsFile Read(string path, ReadOnlySpan<byte> bytes)
    {
        var text = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF');
        bool jsonl = path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase)
            || text.TrimStart().StartsWith('{');
        var rows = jsonl ? JsonRows(text) : CsvRows(path, text);
        var items = new List<NewsItem>();
        var itemLines = new List<int>();
        var bad = new List<NewsRowProblem>();
        var dupes = new List<NewsRowProblem>();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (line, fields, error) in rows)
        {
            if (error is not null) { bad.Add(new(line, error)); continue; }
            var problem = Required.FirstOrDefault(k => string.IsNullOrWhiteSpace(fields!.GetValueOrDefault(k)));
            if (problem is not null) { bad.Add(new(line, $"missing {problem}")); continue; }
            if (!TryParseTimestamp(fields!["published_at"], out var at)) { bad.Add(new(line, $"published_at '{fields["published_at"]}' is not ISO 8601 with a timezone (e.g. 2025-01-08T14:30:00Z)")); continue; }
            var url = fields["url"].Trim();
            if (!Uri.TryCreate(url, UriKind.Absolute, out var u) || (u.Scheme != "http" && u.Scheme != "https")) { bad.Add(new(line, $"url '{url}' is not an absolute http(s) URL")); continue; }
            var item = new NewsItem(MarketSnapshot.NormalizeTicker(fields["ticker"]), at, fields["headline"].Trim(), fields["source"].Trim(), url,
                fields.GetValueOrDefault("summary") is { Length: > 0 } s ? s.Trim() : null);
            string k1 = $"{item.Ticker}\n{item.PublishedAt.UtcTicks}\n{item.Headline}", k2 = $"{item.Ticker}\n{url}";
            if (seen.TryGetValue(k1, out int first) || seen.TryGetValue(k2, out first)) { dupes.Add(new(line, $"duplicate of line {first}")); continue; }
            seen[k1] = line; seen[k2] = line;
            items.Add(item);
            itemLines.Add(line);
        }
        return new NewsFile(items, itemLines, bad, dupes);
    }

    /// <summary>ISO 8601 with an explicit timezone (Z or ±hh:mm); a bare local time is ambiguous and refused.</summary>
    public static bool TryParseTimestamp(string s, out DateTimeOffset at)
    {
        at = default;
        s = s.Trim();
        return ExplicitZone().IsMatch(s) && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out at);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex ExplicitZone();

    private static IEnumerable<(int Line, Dictionary<string, string>? Fields, string? Error)> CsvRows(string path, string text)
    {
        string[]? header = null;
        foreach (var (fields, line) in QuotedCsv.Read(path, text))
        {
            if (header is null)
            {
                header = fields.Select(f => f.Trim().ToLowerInvariant()).ToArray();
                var missing = Required.Where(r => !header.Contains(r)).ToArray();
                if (missing.Length > 0)
                {
                    throw new SnapshotFormatException(path, line, null, $"header lacks {string.Join(", ", missing)}",
                        $"The header must name {string.Join(",", Required)} (and optionally summary), in any order");
                }
                continue;
            }
            if (fields.Length != header.Length) { yield return (line, null, $"expected {header.Length} fields, found {fields.Length} (quote fields that contain commas)"); continue; }
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int i = 0; i < header.Length; i++) row[header[i]] = fields[i];
            yield return (line, row, null);
        }
        if (header is null) throw new SnapshotFormatException(path, 1, null, "file is empty", $"Write a header: {string.Join(",", Required)},summary");
    }

    private static IEnumerable<(int Line, Dictionary<string, string>? Fields, string? Error)> JsonRows(string text)
    {
        int line = 0;
        foreach (var raw in text.Split('\n'))
        {
            line++;
            if (raw.Trim().Length == 0) continue;
            Dictionary<string, string>? row = null;
            string? error = null;
            try
            {
                using var doc = JsonDocument.Parse(raw);
                if (doc.RootElement.ValueKind != JsonValueKind.Object) error = "not a JSON object";
                else
                {
                    row = new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (var p in doc.RootElement.EnumerateObject())
                    {
                        if (p.Value.ValueKind == JsonValueKind.String) row[p.Name.ToLowerInvariant()] = p.Value.GetString()!;
                        else if (p.Value.ValueKind != JsonValueKind.Null) { error = $"\"{p.Name}\" must be a string"; break; }
                    }
                }
            }
            catch (JsonException e) { error = $"invalid JSON ({e.Message.Split(" LineNumber")[0]})"; }
            yield return (line, error is null ? row : null, error);
        }
    }

    /// <summary>The snapshot's text/news.csv for <paramref name="items"/>, ascending by time.</summary>
    public static string WriteCsv(IEnumerable<NewsItem> items)
    {
        static string Q(string s) => s.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
        var sb = new StringBuilder(string.Join(',', SnapshotLayout.NewsColumns)).Append('\n');
        foreach (var n in items.OrderBy(n => n.PublishedAt).ThenBy(n => n.Ticker, StringComparer.Ordinal))
        {
            sb.Append(n.Ticker).Append(',').Append(n.PublishedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))
              .Append(',').Append(Q(n.Headline)).Append(',').Append(Q(n.Source)).Append(',').Append(Q(n.Url)).Append(',').Append(Q(n.Summary ?? "")).Append('\n');
        }
        return sb.ToString();
    }
}
