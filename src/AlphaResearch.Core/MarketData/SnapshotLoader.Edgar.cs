using System.Collections.Concurrent;
using System.Globalization;

namespace AlphaResearch.MarketData;

/// <summary>The EDGAR parts (XBRL company facts, insider transactions) and the ticker-tagged news of a snapshot.</summary>
public sealed partial class SnapshotLoader
{
    private static Dictionary<string, CompanyFacts> ReadCompanyFacts(string root, ConcurrentDictionary<string, byte[]> hashes)
    {
        var result = new Dictionary<string, CompanyFacts>(StringComparer.Ordinal);
        foreach (var (ticker, rel) in ListJson(root, SnapshotLayout.CompanyFactsDir))
        {
            result[ticker] = EdgarCompanyFactsReader.Read(Path.Combine(root, rel), ticker, ReadHashed(root, rel, hashes));
        }
        return result;
    }

    private static Dictionary<string, IReadOnlyList<InsiderTransaction>> ReadInsider(string root, ConcurrentDictionary<string, byte[]> hashes)
    {
        var result = new Dictionary<string, IReadOnlyList<InsiderTransaction>>(StringComparer.Ordinal);
        foreach (var (ticker, rel) in ListJson(root, SnapshotLayout.InsiderDir))
        {
            result[ticker] = EdgarInsiderReader.Read(Path.Combine(root, rel), ReadHashed(root, rel, hashes));
        }
        return result;
    }

    private static IEnumerable<(string Ticker, string Rel)> ListJson(string root, string dir)
    {
        var full = Path.Combine(root, dir);
        if (!Directory.Exists(full)) yield break;
        foreach (var file in Directory.EnumerateFiles(full, "*.json").Order(StringComparer.Ordinal))
        {
            yield return (MarketSnapshot.NormalizeTicker(Path.GetFileNameWithoutExtension(file)), $"{dir}/{Path.GetFileName(file)}");
        }
    }

    /// <summary>text/news.csv as written by the importer (NewsFileReader validated it): ticker,published_at,headline,source,url,summary.</summary>
    private static NewsItem[] ReadNews(string root, ConcurrentDictionary<string, byte[]> hashes)
    {
        var path = Path.Combine(root, SnapshotLayout.News);
        if (!File.Exists(path)) return [];
        var result = new List<NewsItem>();
        ReadSmallCsv(root, SnapshotLayout.News, SnapshotLayout.NewsColumns, hashes, (f, line) =>
        {
            if (!NewsFileReader.TryParseTimestamp(f[1], out var at))
            {
                throw new SnapshotFormatException(path, line, 2, $"cannot read published_at '{f[1]}'", "Use ISO 8601 with a timezone, e.g. 2025-01-08T14:30:00Z");
            }
            var ticker = MarketSnapshot.NormalizeTicker(f[0]);
            if (ticker.Length == 0) throw new SnapshotFormatException(path, line, 1, "empty ticker", "Every news row needs the ticker it is about");
            result.Add(new NewsItem(ticker, at, f[2], f[3], f[4], f[5].Length == 0 ? null : f[5]));
        });
        return [.. result.OrderBy(n => n.PublishedAt)];
    }
}
