using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AlphaResearch.Domain;

namespace AlphaResearch.MarketData;

/// <summary>
/// Builds a snapshot folder (docs/SNAPSHOT.md) from a raw data root shaped like the shared data folder:
/// re-emits prices in the standard columns (values unchanged: shortest round-trip formatting),
/// cuts everything to the window, maps sectors to GICS names and records provenance per source.
/// It does not validate bars; <see cref="SnapshotLoader"/> does that on load.
/// </summary>
public sealed partial class SnapshotImporter(TimeProvider time)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public ImportResult Import(SnapshotImportOptions o, IProgress<ImportProgress>? progress = null)
    {
        var from = Path.GetFullPath(o.From);
        if (!Directory.Exists(from)) throw new DirectoryNotFoundException($"raw data folder not found: {from}");
        var provenance = RawManifest.Load(from);
        var notes = new List<string>();
        var sources = new List<SnapshotSource>();
        // Re-importing replaces the snapshot's folders wholesale, so never write into a folder that holds anything else.
        if (Directory.Exists(o.Out) && Directory.EnumerateFileSystemEntries(o.Out).Any() && !File.Exists(Path.Combine(o.Out, SnapshotManifest.FileName)))
        {
            throw new ArgumentException($"--out {Path.GetFullPath(o.Out)} is not empty and holds no snapshot.json; choose an empty or new folder");
        }
        Directory.CreateDirectory(o.Out);

        // 1. Constituents: the price files that are on their index's list.
        var sets = o.PriceSet switch
        {
            PriceSet.Sp500Mit => new[] { ("prices/sp500_mit", IndexMembership.Sp500) },
            PriceSet.Sp500 => [("prices/sp500", IndexMembership.Sp500)],
            PriceSet.Sp400 => [("prices/sp400", IndexMembership.Sp400)],
            _ => [("prices/sp500", IndexMembership.Sp500), ("prices/sp400", IndexMembership.Sp400)],
        };
        var lists = new Dictionary<IndexMembership, (string Rel, Dictionary<string, Constituent> Rows)>
        {
            [IndexMembership.Sp500] = ("constituents/sp500_constituents.csv", ReadRawConstituents(from, "constituents/sp500_constituents.csv", IndexMembership.Sp500)),
        };
        if (sets.Any(s => s.Item2 == IndexMembership.Sp400))
        {
            lists[IndexMembership.Sp400] = ("constituents/sp400_constituents.csv", ReadRawConstituents(from, "constituents/sp400_constituents.csv", IndexMembership.Sp400));
        }

        var chosen = new List<(Constituent C, string RawRel)>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (dir, index) in sets)
        {
            var full = Path.Combine(from, dir);
            if (!Directory.Exists(full)) throw new DirectoryNotFoundException($"price folder not found: {full}");
            var list = lists[index].Rows;
            var files = Directory.EnumerateFiles(full, "*.csv").Order(StringComparer.Ordinal).ToArray();
            var off = new List<string>();
            foreach (var f in files)
            {
                var t = MarketSnapshot.NormalizeTicker(Path.GetFileNameWithoutExtension(f));
                if (!list.TryGetValue(t, out var c)) { off.Add(t); continue; }
                if (taken.Add(t)) chosen.Add((c, $"{dir}/{Path.GetFileName(f)}"));
            }
            if (off.Count > 0) notes.Add($"{dir}: {off.Count} price files not on {lists[index].Rel}, not imported: {string.Join(' ', off)}");
            var missing = list.Keys.Where(k => !files.Any(f => MarketSnapshot.NormalizeTicker(Path.GetFileNameWithoutExtension(f)) == k)).Order(StringComparer.Ordinal).ToArray();
            if (o.PriceSet != PriceSet.Sp500Mit && missing.Length > 0)
            {
                notes.Add($"{lists[index].Rel}: {missing.Length} listed names have no file in {dir}: {string.Join(' ', missing)}");
            }
        }
        foreach (var (index, (rel, _)) in lists)
        {
            sources.Add(Source(provenance, SnapshotLayout.Constituents, rel, 1, $"{index} rows; sector = GICS Sector, sub_industry = GICS Sub-Industry"));
        }

        // 2. Read prices to find the window, then write them cut to it.
        var raws = new RawPrices[chosen.Count];
        int read = 0;
        ParallelRun.For(chosen.Count, null, i =>
        {
            var path = Path.Combine(from, chosen[i].RawRel);
            raws[i] = PriceCsvReader.Read(path, File.ReadAllBytes(path));
            progress?.Report(new("read prices", Interlocked.Increment(ref read), chosen.Count));
        });
        var start = o.Start ?? raws.Where(r => r.Count > 0).Min(r => r.Dates[0]);
        var end = o.End ?? raws.Where(r => r.Count > 0).Max(r => r.Dates[^1]);
        if (end < start) throw new ArgumentException($"--end {end:yyyy-MM-dd} is before --start {start:yyyy-MM-dd}");
        var lookbackStart = start.AddYears(-o.LookbackYears);

        var written = new List<Constituent>();
        WriteDir(o.Out, SnapshotLayout.PricesDir);
        for (int i = 0; i < chosen.Count; i++)
        {
            var (c, rawRel) = chosen[i];
            if (WritePrices(Path.Combine(o.Out, SnapshotLayout.PricesDir, c.Ticker + ".csv"), raws[i], start, end, hasVolume: true) == 0)
            {
                notes.Add($"{rawRel}: no bars in {start:yyyy-MM-dd}..{end:yyyy-MM-dd}, not imported");
                continue;
            }
            written.Add(c);
            progress?.Report(new("write prices", i + 1, chosen.Count));
        }
        raws = [];
        foreach (var g in chosen.GroupBy(x => x.RawRel[..x.RawRel.LastIndexOf('/')]))
        {
            sources.Add(Source(provenance, $"{SnapshotLayout.PricesDir}/*.csv", g.First().RawRel, g.Count(),
                $"from {g.Key}; rows {start:yyyy-MM-dd}..{end:yyyy-MM-dd}; columns re-emitted as Date,Open,High,Low,Close,Volume, values unchanged"));
        }
        WriteConstituents(Path.Combine(o.Out, SnapshotLayout.Constituents), written);

        // 3. Benchmarks: SPY, the sector ETFs and extras from prices/etf; VIX from prices/index.
        WriteDir(o.Out, SnapshotLayout.BenchmarksDir);
        var symbols = new[] { MarketSnapshot.Spy }.Concat(Sectors.AllEtfs).Concat(o.ExtraBenchmarks).Distinct().ToArray();
        int benchmarks = 0;
        foreach (var sym in symbols.Append(MarketSnapshot.Vix))
        {
            var rel = sym == MarketSnapshot.Vix ? "prices/index/VIX.csv" : $"prices/etf/{sym}.csv";
            var path = Path.Combine(from, rel);
            if (!File.Exists(path))
            {
                if (sym == MarketSnapshot.Spy) throw new FileNotFoundException($"required benchmark file not found: {path}", path);
                notes.Add($"{rel}: not found, benchmark {sym} not imported");
                continue;
            }
            var raw = PriceCsvReader.Read(path, File.ReadAllBytes(path));
            if (WritePrices(Path.Combine(o.Out, SnapshotLayout.BenchmarksDir, sym + ".csv"), raw, start, end, hasVolume: sym != MarketSnapshot.Vix) > 0)
            {
                benchmarks++;
                sources.Add(Source(provenance, $"{SnapshotLayout.BenchmarksDir}/{sym}.csv", rel, 1, $"rows {start:yyyy-MM-dd}..{end:yyyy-MM-dd}"));
            }
            progress?.Report(new("benchmarks", benchmarks, symbols.Length + 1));
        }

        // 4. Macro series.
        WriteDir(o.Out, SnapshotLayout.MacroDir);
        int macro = 0;
        foreach (var id in MacroIds.Required)
        {
            var rel = $"macro/{id}.csv";
            var path = Path.Combine(from, rel);
            if (!File.Exists(path)) { notes.Add($"{rel}: not found, macro series {id} not imported"); continue; }
            var (dates, values, _) = MacroCsvReader.Read(path, id, File.ReadAllBytes(path));
            var sb = new StringBuilder("date,value\n");
            for (int i = 0; i < dates.Length; i++)
            {
                if (dates[i] >= lookbackStart && dates[i] <= end) sb.Append(dates[i].ToString("yyyy-MM-dd", Inv)).Append(',').Append(values[i].ToString(Inv)).Append('\n');
            }
            File.WriteAllText(Path.Combine(o.Out, SnapshotLayout.MacroDir, id + ".csv"), sb.ToString());
            sources.Add(Source(provenance, $"{SnapshotLayout.MacroDir}/{id}.csv", rel, 1, $"rows {lookbackStart:yyyy-MM-dd}..{end:yyyy-MM-dd}"));
            macro++;
            progress?.Report(new("macro", macro, MacroIds.Required.Count));
        }

        // 5. Optional: fundamentals, headlines, filings.
        var tickers = written.Select(c => c.Ticker).ToHashSet(StringComparer.Ordinal);
        WriteDir(o.Out, "text");
        File.Delete(Path.Combine(o.Out, SnapshotLayout.Fundamentals));
        bool hasFundamentals = ImportFundamentals(from, o.Out, tickers, provenance, sources);
        int headlines = ImportHeadlines(from, o.Out, lookbackStart, end, provenance, sources);
        int filings = ImportFilings(from, o.Out, tickers, lookbackStart, end, provenance, sources);
        var (factFiles, insiderFiles) = ImportEdgar(from, o.Out, tickers, lookbackStart, end, provenance, sources);
        if (factFiles + insiderFiles > 0) notes.Add($"EDGAR: company facts for {factFiles} ticker(s), insider transactions for {insiderFiles} ticker(s)");
        progress?.Report(new("text", 1, 1));

        var manifest = new SnapshotManifest
        {
            Name = o.Name ?? $"{o.PriceSet switch { PriceSet.Sp500Mit => "sp500-mit", PriceSet.Sp500 => "sp500", PriceSet.Sp400 => "sp400", _ => "sp500+sp400" }} {start:yyyy-MM-dd}..{end:yyyy-MM-dd}",
            CreatedAt = time.GetUtcNow(),
            AsOf = end,
            WindowStart = start,
            WindowEnd = end,
            FundamentalsAsOf = hasFundamentals ? o.FundamentalsAsOf ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime) : null,
            Sources = sources,
            Notes = notes,
        };
        File.WriteAllText(Path.Combine(o.Out, SnapshotManifest.FileName), JsonConventions.Serialize(manifest, indented: true) + "\n");
        return new ImportResult(Path.GetFullPath(o.Out), written.Count, benchmarks, macro, headlines, filings, start, end, notes);
    }

    private static void WriteDir(string root, string dir)
    {
        // A re-import replaces a folder wholesale so no stale symbol survives.
        var full = Path.Combine(root, dir);
        if (Directory.Exists(full)) Directory.Delete(full, recursive: true);
        Directory.CreateDirectory(full);
    }

    private static SnapshotSource Source(RawManifest provenance, string path, string rawRel, int files, string? note)
    {
        var row = provenance.Find(rawRel);
        return new SnapshotSource
        {
            Path = path,
            Files = files,
            ImportedFrom = files == 1 ? rawRel : rawRel[..rawRel.LastIndexOf('/')] + "/",
            SourceRepo = row?.Repo,
            SourcePath = files == 1 ? row?.Path : row?.Path is { } p ? p[..(p.LastIndexOf('/') + 1)] + "<T>.csv" : null,
            SourceCommit = row?.Commit,
            Licence = row?.Licence ?? "unknown (no manifest.csv row for this file)",
            Note = note,
        };
    }

    private static int WritePrices(string path, RawPrices raw, DateOnly start, DateOnly end, bool hasVolume)
    {
        var sb = new StringBuilder(raw.Count * 96);
        sb.Append(hasVolume ? "Date,Open,High,Low,Close,Volume\n" : "Date,Open,High,Low,Close\n");
        int n = 0;
        for (int i = 0; i < raw.Count; i++)
        {
            if (raw.Dates[i] < start || raw.Dates[i] > end) continue;
            sb.Append(raw.Dates[i].ToString("yyyy-MM-dd", Inv))
                .Append(',').Append(Num(raw.Open[i])).Append(',').Append(Num(raw.High[i]))
                .Append(',').Append(Num(raw.Low[i])).Append(',').Append(Num(raw.Close[i]));
            if (hasVolume) sb.Append(',').Append(Num(raw.Volume[i]));
            sb.Append('\n');
            n++;
        }
        if (n > 0) File.WriteAllText(path, sb.ToString());
        return n;
    }

    /// <summary>Shortest round-trip text (value unchanged); whole numbers (volumes) without ".0"; NaN as empty.</summary>
    private static string Num(double v) => double.IsNaN(v) ? "" : v.ToString("R", Inv);

    private static Dictionary<string, Constituent> ReadRawConstituents(string from, string rel, IndexMembership index)
    {
        var path = Path.Combine(from, rel);
        if (!File.Exists(path)) throw new FileNotFoundException($"constituents list not found: {path}", path);
        var rows = QuotedCsv.Read(path, File.ReadAllText(path)).ToArray();
        if (rows.Length == 0) throw new SnapshotFormatException(path, 1, null, "file is empty", "Expected Symbol,Security,GICS Sector,GICS Sub-Industry,...");
        var header = rows[0].Fields.Select(h => h.Trim()).ToArray();
        int Col(string name) => Array.FindIndex(header, h => h.Equals(name, StringComparison.OrdinalIgnoreCase)) is var i and >= 0 ? i
            : throw new SnapshotFormatException(path, 1, null, $"missing column '{name}'", "Expected Symbol,Security,GICS Sector,GICS Sub-Industry,...");
        int sym = Col("Symbol"), name = Col("Security"), sec = Col("GICS Sector"), sub = Col("GICS Sub-Industry");
        var result = new Dictionary<string, Constituent>(StringComparer.Ordinal);
        foreach (var (f, line) in rows.Skip(1))
        {
            if (f.Length != header.Length) throw new SnapshotFormatException(path, line, null, $"expected {header.Length} fields, found {f.Length}", "Quote fields that contain commas");
            if (!Sectors.TryNormalize(f[sec], out var sector))
            {
                throw new SnapshotFormatException(path, line, sec + 1, $"unknown sector '{f[sec]}'", $"Use one of the 11 GICS sector names: {string.Join(", ", Sectors.All)}");
            }
            var t = MarketSnapshot.NormalizeTicker(f[sym]);
            result.TryAdd(t, new Constituent(t, f[name].Trim(), sector, f[sub].Trim(), index));
        }
        return result;
    }

    private static void WriteConstituents(string path, IEnumerable<Constituent> rows)
    {
        var sb = new StringBuilder(string.Join(',', SnapshotLayout.ConstituentColumns)).Append('\n');
        foreach (var c in rows.OrderBy(c => c.Ticker, StringComparer.Ordinal))
        {
            sb.Append(c.Ticker).Append(',').Append(Quote(c.Name)).Append(',').Append(Quote(c.Sector)).Append(',')
              .Append(Quote(c.SubIndustry)).Append(',').Append(c.Index == IndexMembership.Sp500 ? "SP500" : "SP400").Append('\n');
        }
        File.WriteAllText(path, sb.ToString());
    }

    private static string Quote(string s) => s.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;

    private static bool ImportFundamentals(string from, string outDir, HashSet<string> tickers, RawManifest provenance, List<SnapshotSource> sources)
    {
        const string rel = "constituents/sp500_financials.csv";
        var path = Path.Combine(from, rel);
        if (!File.Exists(path)) return false;
        var rows = QuotedCsv.Read(path, File.ReadAllText(path)).ToArray();
        var header = rows[0].Fields.Select(h => h.Trim()).ToArray();
        string[] rawCols = ["Symbol", "Price", "Price/Earnings", "Dividend Yield", "Earnings/Share", "52 Week Low", "52 Week High", "Market Cap", "EBITDA", "Price/Sales", "Price/Book"];
        var idx = rawCols.Select(c => Array.FindIndex(header, h => h.Equals(c, StringComparison.OrdinalIgnoreCase))).ToArray();
        if (idx.Any(i => i < 0)) throw new SnapshotFormatException(path, 1, null, $"missing column '{rawCols[Array.IndexOf(idx, -1)]}'", "Expected the S&P 500 financials layout");
        var sb = new StringBuilder(string.Join(',', SnapshotLayout.FundamentalColumns)).Append('\n');
        int n = 0;
        foreach (var (f, _) in rows.Skip(1).OrderBy(r => MarketSnapshot.NormalizeTicker(r.Fields[idx[0]]), StringComparer.Ordinal))
        {
            var t = MarketSnapshot.NormalizeTicker(f[idx[0]]);
            if (!tickers.Contains(t)) continue;
            sb.Append(t);
            foreach (int i in idx.Skip(1)) sb.Append(',').Append(f[i].Trim());
            sb.Append('\n');
            n++;
        }
        File.WriteAllText(Path.Combine(outDir, SnapshotLayout.Fundamentals), sb.ToString());
        sources.Add(Source(provenance, SnapshotLayout.Fundamentals, rel, 1, $"{n} rows for the snapshot's tickers; values unchanged (Market Cap, EBITDA in USD)"));
        return true;
    }

    [GeneratedRegex(@"['""]name['""]\s*:\s*['""](?<n>[^'""]*)['""]")]
    private static partial Regex SourceName();

    private static int ImportHeadlines(string from, string outDir, DateOnly start, DateOnly end, RawManifest provenance, List<SnapshotSource> sources)
    {
        const string rel = "text/market_headlines.csv";
        var path = Path.Combine(from, rel);
        if (!File.Exists(path)) return 0;
        var rows = QuotedCsv.Read(path, File.ReadAllText(path)).ToArray();
        var header = rows[0].Fields.Select(h => h.Trim()).ToArray();
        int at = Array.IndexOf(header, "publishedAt"), title = Array.IndexOf(header, "title"), src = Array.IndexOf(header, "source");
        if (at < 0 || title < 0 || src < 0) throw new SnapshotFormatException(path, 1, null, "expected columns publishedAt,title,source", "Use the NewsAPI export layout");
        var kept = new List<(DateTimeOffset At, string Title, string Source)>();
        foreach (var (f, line) in rows.Skip(1))
        {
            if (!DateTimeOffset.TryParse(f[at], Inv, DateTimeStyles.AssumeUniversal, out var when))
            {
                throw new SnapshotFormatException(path, line, at + 1, $"cannot read timestamp '{f[at]}'", "Use ISO 8601");
            }
            var day = DateOnly.FromDateTime(when.UtcDateTime);
            if (day < start || day > end) continue;
            var m = SourceName().Match(f[src]);
            kept.Add((when.ToUniversalTime(), f[title].Trim(), m.Success ? m.Groups["n"].Value : f[src].Trim()));
        }
        var sb = new StringBuilder(string.Join(',', SnapshotLayout.HeadlineColumns)).Append('\n');
        foreach (var h in kept.OrderBy(h => h.At))
        {
            sb.Append(h.At.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", Inv)).Append(',').Append(Quote(h.Title)).Append(',').Append(Quote(h.Source)).Append('\n');
        }
        File.WriteAllText(Path.Combine(outDir, SnapshotLayout.Headlines), sb.ToString());
        sources.Add(Source(provenance, SnapshotLayout.Headlines, rel, 1, $"{kept.Count} headlines dated {start:yyyy-MM-dd}..{end:yyyy-MM-dd} (UTC); source = the publisher name from the dict string"));
        return kept.Count;
    }

    private static int ImportFilings(string from, string outDir, HashSet<string> tickers, DateOnly start, DateOnly end, RawManifest provenance, List<SnapshotSource> sources)
    {
        var dir = Path.Combine(from, "text/edgar_submissions");
        if (!Directory.Exists(dir)) return 0;
        var outFilings = Path.Combine(outDir, SnapshotLayout.FilingsDir);
        Directory.CreateDirectory(outFilings);
        int n = 0;
        string? firstRel = null;
        foreach (var file in Directory.EnumerateFiles(dir, "*.json").Order(StringComparer.Ordinal))
        {
            var t = MarketSnapshot.NormalizeTicker(Path.GetFileNameWithoutExtension(file));
            if (!tickers.Contains(t)) continue;
            using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
            var recent = doc.RootElement.GetProperty("filings").GetProperty("recent");
            string[] Col(string name) => recent.TryGetProperty(name, out var a) ? a.EnumerateArray().Select(e => e.GetString() ?? "").ToArray() : [];
            var form = Col("form"); var filed = Col("filingDate"); var report = Col("reportDate"); var items = Col("items"); var desc = Col("primaryDocDescription");
            var rows = new List<object>();
            for (int i = 0; i < form.Length; i++)
            {
                if (!DateOnly.TryParseExact(filed[i], "yyyy-MM-dd", Inv, DateTimeStyles.None, out var fd) || fd < start || fd > end) continue;
                DateOnly? rd = i < report.Length && DateOnly.TryParseExact(report[i], "yyyy-MM-dd", Inv, DateTimeStyles.None, out var r) ? r : null;
                rows.Add(new { form = form[i], filing_date = fd, report_date = rd, items = i < items.Length ? items[i] : "", description = i < desc.Length ? desc[i] : "" });
            }
            rows.Reverse(); // EDGAR lists newest first; the snapshot stores ascending dates
            var json = new StringBuilder("[\n");
            for (int i = 0; i < rows.Count; i++) json.Append(JsonSerializer.Serialize(rows[i], JsonConventions.Options)).Append(i + 1 < rows.Count ? ",\n" : "\n");
            File.WriteAllText(Path.Combine(outFilings, t + ".json"), json.Append("]\n").ToString());
            firstRel ??= $"text/edgar_submissions/{Path.GetFileName(file)}";
            n++;
        }
        if (firstRel is not null)
        {
            var row = provenance.Find(firstRel);
            sources.Add(new SnapshotSource
            {
                Path = $"{SnapshotLayout.FilingsDir}/*.json", Files = n, ImportedFrom = "text/edgar_submissions/",
                SourceRepo = row?.Repo, SourcePath = row?.Path is { } p ? p[..(p.LastIndexOf('/') + 1)] + "CIK##########.json" : null,
                SourceCommit = row?.Commit, Licence = row?.Licence ?? "unknown (no manifest.csv row for this file)",
                Note = $"filings.recent compacted to form, filing_date, report_date, items, description; filed {start:yyyy-MM-dd}..{end:yyyy-MM-dd}",
            });
        }
        return n;
    }
}
