using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AlphaResearch.Domain;

namespace AlphaResearch.MarketData;

/// <summary>
/// Loads and validates a snapshot folder (docs/SNAPSHOT.md). Malformed files throw
/// <see cref="SnapshotFormatException"/> naming file, line and column; symbols whose data is unusable
/// are excluded with a reason in <see cref="MarketSnapshot.Quality"/>; nothing is dropped silently.
/// </summary>
public sealed partial class SnapshotLoader(SnapshotLoadOptions? options = null)
{
    private readonly SnapshotLoadOptions _options = options ?? new();

    public MarketSnapshot Load(string folder)
    {
        var root = Path.GetFullPath(folder);
        if (!Directory.Exists(root))
        {
            throw new SnapshotFormatException(root, null, null, "snapshot folder not found",
                "Pass the folder that holds snapshot.json (build one with 'alpha-research snapshot import')");
        }
        var hashes = new ConcurrentDictionary<string, byte[]>(StringComparer.Ordinal);
        var issues = new ConcurrentBag<DataQualityIssue>();

        var manifest = ReadManifest(root, hashes);
        var listed = ReadConstituents(root, hashes);

        // Price files: one per constituent; files without a constituent row are reported, not loaded.
        var priceFiles = ListCsv(root, SnapshotLayout.PricesDir);
        var constituentTickers = listed.Select(c => c.Ticker).ToHashSet(StringComparer.Ordinal);
        foreach (var (ticker, rel) in priceFiles.Where(p => !constituentTickers.Contains(p.Key)).Select(p => (p.Key, p.Value)))
        {
            issues.Add(new DataQualityIssue(ticker, rel, "price file has no row in constituents.csv; not loaded"));
        }
        foreach (var c in listed.Where(c => !priceFiles.ContainsKey(c.Ticker)))
        {
            issues.Add(new DataQualityIssue(c.Ticker, $"{SnapshotLayout.PricesDir}/{c.Ticker}.csv", "no price file"));
        }

        var benchmarkFiles = ListCsv(root, SnapshotLayout.BenchmarksDir);
        if (!benchmarkFiles.ContainsKey(MarketSnapshot.Spy))
        {
            throw new SnapshotFormatException(Path.Combine(root, SnapshotLayout.BenchmarksDir, "SPY.csv"), null, null,
                "required benchmark file is missing", "Every snapshot needs SPY daily bars (Date,Open,High,Low,Close,Volume)");
        }

        var jobs = listed.Where(c => priceFiles.ContainsKey(c.Ticker)).Select(c => (Symbol: c.Ticker, Rel: priceFiles[c.Ticker], Volume: true))
            .Concat(benchmarkFiles.Select(b => (Symbol: b.Key, Rel: b.Value, Volume: b.Key != MarketSnapshot.Vix)))
            .ToArray();
        var series = new PriceSeries?[jobs.Length];
        ParallelRun.For(jobs.Length, _options.MaxDegreeOfParallelism, i =>
        {
            var (symbol, rel, volume) = jobs[i];
            var bytes = ReadHashed(root, rel, hashes);
            var raw = PriceCsvReader.Read(Path.Combine(root, rel), bytes);
            var (s, reason) = PriceValidator.Validate(symbol, raw, _options.MinBars, volume);
            series[i] = s;
            if (reason is not null) issues.Add(new DataQualityIssue(symbol, rel, reason));
        });

        var prices = new Dictionary<string, PriceSeries>(StringComparer.Ordinal);
        var benchmarks = new Dictionary<string, PriceSeries>(StringComparer.Ordinal);
        for (int i = 0; i < jobs.Length; i++)
        {
            if (series[i] is not { } s) continue;
            (jobs[i].Rel.StartsWith(SnapshotLayout.PricesDir + "/", StringComparison.Ordinal) ? prices : benchmarks)[jobs[i].Symbol] = s;
        }
        if (!benchmarks.TryGetValue(MarketSnapshot.Spy, out var spy))
        {
            var why = issues.First(i => i.Symbol == MarketSnapshot.Spy && i.File.StartsWith(SnapshotLayout.BenchmarksDir, StringComparison.Ordinal));
            throw new SnapshotFormatException(Path.Combine(root, why.File), null, null, $"SPY is unusable ({why.Reason})",
                "SPY sets the snapshot's last session; fix the file");
        }

        var macro = ReadMacro(root, hashes, issues);
        var fundamentals = ReadFundamentals(root, hashes);
        var headlines = ReadHeadlines(root, hashes);
        var filings = ReadFilings(root, hashes);
        var companyFacts = ReadCompanyFacts(root, hashes);
        var insider = ReadInsider(root, hashes);
        var news = ReadNews(root, hashes);

        var constituents = listed.Where(c => prices.ContainsKey(c.Ticker)).ToArray();
        return new MarketSnapshot
        {
            Source = root,
            Fingerprint = Fingerprint(hashes),
            Manifest = manifest,
            ListedConstituents = listed,
            Constituents = constituents,
            Prices = prices,
            Benchmarks = benchmarks,
            Macro = macro,
            Fundamentals = fundamentals,
            Headlines = headlines,
            Filings = filings,
            CompanyFacts = companyFacts,
            Insider = insider,
            News = news,
            Quality = new DataQualityReport(issues.OrderBy(i => i.File, StringComparer.Ordinal).ThenBy(i => i.Symbol, StringComparer.Ordinal).ToArray()),
            AsOfDate = spy.LastDate,
            MinBars = _options.MinBars,
        };
    }

    /// <summary>SHA-256 over (relative path, content hash) of every file read, in path order; 16 hex chars.</summary>
    private static string Fingerprint(ConcurrentDictionary<string, byte[]> hashes)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (rel, hash) in hashes.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            sha.AppendData(Encoding.UTF8.GetBytes(rel + "\0"));
            sha.AppendData(hash);
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
    }

    private static byte[] ReadHashed(string root, string rel, ConcurrentDictionary<string, byte[]> hashes)
    {
        var bytes = File.ReadAllBytes(Path.Combine(root, rel));
        hashes[rel] = SHA256.HashData(bytes);
        return bytes;
    }

    /// <summary>Symbol (normalised, Yahoo style) → relative path of every *.csv in a folder.</summary>
    private static Dictionary<string, string> ListCsv(string root, string dir)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var full = Path.Combine(root, dir);
        if (!Directory.Exists(full)) return result;
        foreach (var path in Directory.EnumerateFiles(full, "*.csv").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            var symbol = MarketSnapshot.NormalizeTicker(name);
            var rel = $"{dir}/{Path.GetFileName(path)}";
            if (!result.TryAdd(symbol, rel))
            {
                throw new SnapshotFormatException(Path.Combine(root, rel), null, null,
                    $"two files for {symbol} ({result[symbol]} and {rel})", "Keep one file per symbol (BRK.B and BRK-B are the same symbol)");
            }
        }
        return result;
    }

    private static SnapshotManifest ReadManifest(string root, ConcurrentDictionary<string, byte[]> hashes)
    {
        var path = Path.Combine(root, SnapshotManifest.FileName);
        if (!File.Exists(path))
        {
            throw new SnapshotFormatException(path, null, null, "required file is missing",
                "A snapshot folder needs snapshot.json (name, created_at, sources); build one with 'alpha-research snapshot import'");
        }
        var bytes = ReadHashed(root, SnapshotManifest.FileName, hashes);
        try
        {
            return JsonSerializer.Deserialize<SnapshotManifest>(bytes, JsonConventions.Options)
                ?? throw new SnapshotFormatException(path, 1, null, "snapshot.json is null", "Write a JSON object");
        }
        catch (JsonException e)
        {
            throw new SnapshotFormatException(path, (int?)e.LineNumber + 1, (int?)e.BytePositionInLine + 1, $"invalid JSON ({e.Message})",
                "Fix snapshot.json (snake_case keys: name, created_at, sources, ...)");
        }
    }

    /// <summary>Parses a small quoted CSV with an exact header; calls <paramref name="row"/> with (fields, line).</summary>
    private static void ReadSmallCsv(string root, string rel, string[] header, ConcurrentDictionary<string, byte[]> hashes, Action<string[], int> row)
    {
        var path = Path.Combine(root, rel);
        var text = Encoding.UTF8.GetString(ReadHashed(root, rel, hashes));
        bool first = true;
        foreach (var (fields, line) in QuotedCsv.Read(path, text))
        {
            if (first)
            {
                first = false;
                for (int i = 0; i < header.Length; i++)
                {
                    var got = i < fields.Length ? fields[i].Trim() : "";
                    if (!got.Equals(header[i], StringComparison.OrdinalIgnoreCase))
                    {
                        throw new SnapshotFormatException(path, line, i + 1, $"expected column '{header[i]}', found '{got}'",
                            $"The header must be {string.Join(',', header)}");
                    }
                }
                if (fields.Length != header.Length)
                {
                    throw new SnapshotFormatException(path, line, header.Length + 1, $"unexpected extra column '{fields[header.Length]}'",
                        $"The header must be {string.Join(',', header)}");
                }
                continue;
            }
            if (fields.Length != header.Length)
            {
                throw new SnapshotFormatException(path, line, null, $"expected {header.Length} fields, found {fields.Length}",
                    "Quote fields that contain commas; one value per header column");
            }
            row(fields, line);
        }
        if (first) throw new SnapshotFormatException(path, 1, null, "file is empty", $"Write the header {string.Join(',', header)}");
    }

    private static Constituent[] ReadConstituents(string root, ConcurrentDictionary<string, byte[]> hashes)
    {
        var path = Path.Combine(root, SnapshotLayout.Constituents);
        if (!File.Exists(path))
        {
            throw new SnapshotFormatException(path, null, null, "required file is missing",
                "A snapshot needs constituents.csv with ticker,name,sector,sub_industry,index");
        }
        var result = new List<Constituent>(1024);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        ReadSmallCsv(root, SnapshotLayout.Constituents, SnapshotLayout.ConstituentColumns, hashes, (f, line) =>
        {
            var ticker = MarketSnapshot.NormalizeTicker(f[0]);
            if (ticker.Length == 0) throw new SnapshotFormatException(path, line, 1, "empty ticker", "Every row needs a ticker");
            if (!Sectors.TryNormalize(f[2], out var sector))
            {
                throw new SnapshotFormatException(path, line, 3, $"unknown sector '{f[2]}'",
                    $"Use one of the 11 GICS sector names: {string.Join(", ", Sectors.All)}");
            }
            var index = f[4].Trim().ToUpperInvariant() switch
            {
                "SP500" => IndexMembership.Sp500,
                "SP400" => IndexMembership.Sp400,
                _ => throw new SnapshotFormatException(path, line, 5, $"unknown index '{f[4]}'", "Use SP500 or SP400"),
            };
            if (seen.TryGetValue(ticker, out int first))
            {
                throw new SnapshotFormatException(path, line, 1, $"ticker {ticker} already listed on line {first}", "List each ticker once");
            }
            seen[ticker] = line;
            result.Add(new Constituent(ticker, f[1].Trim(), sector, f[3].Trim(), index));
        });
        return [.. result];
    }

    private static Dictionary<string, MacroSeries> ReadMacro(string root, ConcurrentDictionary<string, byte[]> hashes, ConcurrentBag<DataQualityIssue> issues)
    {
        var files = ListCsv(root, SnapshotLayout.MacroDir);
        var result = new Dictionary<string, MacroSeries>(StringComparer.Ordinal);
        foreach (var (id, rel) in files)
        {
            var (dates, values, lines) = MacroCsvReader.Read(Path.Combine(root, rel), id, ReadHashed(root, rel, hashes));
            if (MacroCsvReader.Validate(dates, values, lines) is { } reason) issues.Add(new DataQualityIssue(id, rel, reason));
            else result[id] = new MacroSeries(id, dates, values);
        }
        foreach (var id in MacroIds.Required.Where(id => !files.ContainsKey(id)))
        {
            issues.Add(new DataQualityIssue(id, $"{SnapshotLayout.MacroDir}/{id}.csv", "macro series missing"));
        }
        return result;
    }

    private static Dictionary<string, Fundamentals> ReadFundamentals(string root, ConcurrentDictionary<string, byte[]> hashes)
    {
        var result = new Dictionary<string, Fundamentals>(StringComparer.Ordinal);
        var path = Path.Combine(root, SnapshotLayout.Fundamentals);
        if (!File.Exists(path)) return result;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        ReadSmallCsv(root, SnapshotLayout.Fundamentals, SnapshotLayout.FundamentalColumns, hashes, (f, line) =>
        {
            double? N(int col)
            {
                var s = f[col].Trim();
                if (s.Length == 0) return null;
                if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) return v;
                throw new SnapshotFormatException(path, line, col + 1, $"cannot read number '{s}' in column {SnapshotLayout.FundamentalColumns[col]}",
                    "Use plain decimal numbers, or leave the field empty");
            }
            var ticker = MarketSnapshot.NormalizeTicker(f[0]);
            // A second row would silently replace the first: say which one to keep instead.
            if (seen.TryGetValue(ticker, out int first))
                throw new SnapshotFormatException(path, line, 1, $"ticker {ticker} already listed on line {first}", "List each ticker once");
            seen[ticker] = line;
            result[ticker] = new Fundamentals(ticker, N(1), N(2), N(3), N(4), N(5), N(6), N(7), N(8), N(9), N(10));
        });
        return result;
    }

    private static Headline[] ReadHeadlines(string root, ConcurrentDictionary<string, byte[]> hashes)
    {
        var path = Path.Combine(root, SnapshotLayout.Headlines);
        if (!File.Exists(path)) return [];
        var result = new List<Headline>();
        ReadSmallCsv(root, SnapshotLayout.Headlines, SnapshotLayout.HeadlineColumns, hashes, (f, line) =>
        {
            if (!DateTimeOffset.TryParse(f[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                throw new SnapshotFormatException(path, line, 1, $"cannot read timestamp '{f[0]}'", "Use ISO 8601, e.g. 2025-01-08T14:30:00Z");
            }
            result.Add(new Headline(at, f[1], f[2]));
        });
        return [.. result.OrderBy(h => h.PublishedAt)];
    }

    private sealed record FilingJson(string Form, DateOnly FilingDate, DateOnly? ReportDate, string? Items, string? Description);

    private static Dictionary<string, IReadOnlyList<Filing>> ReadFilings(string root, ConcurrentDictionary<string, byte[]> hashes)
    {
        var result = new Dictionary<string, IReadOnlyList<Filing>>(StringComparer.Ordinal);
        var dir = Path.Combine(root, SnapshotLayout.FilingsDir);
        if (!Directory.Exists(dir)) return result;
        foreach (var file in Directory.EnumerateFiles(dir, "*.json").Order(StringComparer.Ordinal))
        {
            var rel = $"{SnapshotLayout.FilingsDir}/{Path.GetFileName(file)}";
            FilingJson[]? rows;
            try
            {
                rows = JsonSerializer.Deserialize<FilingJson[]>(ReadHashed(root, rel, hashes), JsonConventions.Options);
            }
            catch (JsonException e)
            {
                throw new SnapshotFormatException(file, (int?)e.LineNumber + 1, (int?)e.BytePositionInLine + 1, $"invalid filings JSON ({e.Message})",
                    "Write an array of {form, filing_date, report_date, items, description}");
            }
            result[MarketSnapshot.NormalizeTicker(Path.GetFileNameWithoutExtension(file))] = (rows ?? [])
                .Select(r => new Filing(r.Form, r.FilingDate, r.ReportDate, r.Items ?? "", r.Description ?? ""))
                .OrderBy(r => r.FilingDate).ToArray();
        }
        return result;
    }
}
