using System.Text;
using AlphaResearch.Domain;

namespace AlphaResearch.MarketData;

/// <summary>A news file with rows that cannot be used: every bad row, by line, and nothing was written.</summary>
public sealed class NewsFileException(string path, IReadOnlyList<NewsRowProblem> rows)
    : Exception($"{path}: {rows.Count} bad row(s): " + string.Join("; ", rows.Take(20).Select(r => $"line {r.Line}: {r.Problem}")) + (rows.Count > 20 ? $"; … {rows.Count - 20} more" : ""))
{
    public string File { get; } = path;
    public IReadOnlyList<NewsRowProblem> Rows { get; } = rows;
}

/// <summary>What a news import added and what it skipped (each skip with its line).</summary>
public sealed record NewsImportResult(
    string Snapshot, int Added, int Total, DateOnly CutOff,
    IReadOnlyList<NewsRowProblem> Duplicates, IReadOnlyList<NewsRowProblem> AfterCutOff, IReadOnlyList<NewsRowProblem> UnknownTickers);

/// <summary>
/// Adds a user's ticker-tagged news file to a snapshot's text/news.csv (merged with what is there, duplicates
/// dropped). No look-ahead: items published after the snapshot's cut-off (its last session) are not imported, and a
/// run at D sees only items published on or before D (<see cref="MarketSnapshot.AsOf"/>). Any bad row fails the whole
/// import with every bad line listed.
/// </summary>
public static class NewsImporter
{
    public static NewsImportResult Import(string snapshotDir, string newsFile)
    {
        var root = Path.GetFullPath(snapshotDir);
        var manifestPath = Path.Combine(root, SnapshotManifest.FileName);
        if (!System.IO.File.Exists(manifestPath))
            throw new SnapshotFormatException(manifestPath, null, null, "required file is missing", "Pass --out a snapshot folder (build one with 'alpha-research snapshot import --from ...')");
        if (!System.IO.File.Exists(newsFile)) throw new FileNotFoundException($"news file not found: {Path.GetFullPath(newsFile)}", newsFile);

        var manifest = JsonConventions.Deserialize<SnapshotManifest>(System.IO.File.ReadAllText(manifestPath))
            ?? throw new SnapshotFormatException(manifestPath, 1, null, "snapshot.json is null", "Write a JSON object");
        var cutOff = manifest.WindowEnd ?? manifest.AsOf
            ?? throw new SnapshotFormatException(manifestPath, null, null, "no window_end or as_of", "Set window_end (the last session) in snapshot.json");
        var tickers = ReadTickers(Path.Combine(root, SnapshotLayout.Constituents));

        var file = NewsFileReader.Read(newsFile, System.IO.File.ReadAllBytes(newsFile));
        if (file.BadRows.Count > 0) throw new NewsFileException(Path.GetFullPath(newsFile), file.BadRows);

        var newsPath = Path.Combine(root, SnapshotLayout.News);
        var existing = System.IO.File.Exists(newsPath) ? NewsFileReader.Read(newsPath, System.IO.File.ReadAllBytes(newsPath)).Items : [];
        var keys = existing.Select(Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var merged = new List<NewsItem>(existing);
        var after = new List<NewsRowProblem>();
        var unknown = new List<NewsRowProblem>();
        var dupes = new List<NewsRowProblem>(file.Duplicates);
        for (int i = 0; i < file.Items.Count; i++)
        {
            var (item, line) = (file.Items[i], file.ItemLines[i]);
            var day = DateOnly.FromDateTime(item.PublishedAt.UtcDateTime);
            if (day > cutOff) after.Add(new(line, $"published {day:yyyy-MM-dd} (UTC), after the cut-off {cutOff:yyyy-MM-dd}"));
            else if (!tickers.Contains(item.Ticker)) unknown.Add(new(line, $"ticker {item.Ticker} is not in constituents.csv"));
            else if (!keys.Add(Key(item))) dupes.Add(new(line, "already in the snapshot"));
            else merged.Add(item);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(newsPath)!);
        System.IO.File.WriteAllText(newsPath, NewsFileReader.WriteCsv(merged));

        var source = new SnapshotSource
        {
            Path = SnapshotLayout.News,
            ImportedFrom = Path.GetFileName(newsFile),
            Licence = "supplied by the user (check the publisher's terms)",
            Note = $"{merged.Count} ticker-tagged items published on or before {cutOff:yyyy-MM-dd}; imported with 'snapshot import --news'",
        };
        var updated = manifest with { Sources = [.. manifest.Sources.Where(s => s.Path != SnapshotLayout.News), source] };
        System.IO.File.WriteAllText(manifestPath, JsonConventions.Serialize(updated, indented: true) + "\n");
        return new NewsImportResult(root, merged.Count - existing.Count, merged.Count, cutOff, dupes.OrderBy(d => d.Line).ToArray(), after, unknown);
    }

    private static string Key(NewsItem n) => $"{n.Ticker}\n{n.PublishedAt.UtcTicks}\n{n.Headline}";

    private static HashSet<string> ReadTickers(string path)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (!System.IO.File.Exists(path)) return set;
        bool first = true;
        foreach (var (fields, _) in QuotedCsv.Read(path, System.IO.File.ReadAllText(path, Encoding.UTF8)))
        {
            if (first) { first = false; continue; }
            if (fields.Length > 0) set.Add(MarketSnapshot.NormalizeTicker(fields[0]));
        }
        return set;
    }
}
