using System.Globalization;
using System.Text.Json;

namespace AlphaResearch.MarketData;

/// <summary>
/// Downloads, per ticker, EDGAR's submissions index, XBRL company facts and the Forms 3/4/5 of the insider window
/// into a raw data root that <c>snapshot import --from</c> reads: <c>text/edgar_submissions/&lt;T&gt;.json</c> (as served),
/// <c>edgar/companyfacts/&lt;T&gt;.json</c> (pruned to the concepts used) and <c>edgar/insider/&lt;T&gt;.json</c>
/// (transactions compacted from each filing's XML). Every response goes through <see cref="EdgarClient"/>
/// (declared User-Agent, ≤ 10 requests/s, 429/503 backoff, cache), so an interrupted fetch resumes where it stopped.
/// </summary>
public sealed class EdgarFetcher(TimeProvider time, HttpMessageHandler? handler = null)
{
    public const string CacheDir = ".edgar-cache";

    public async Task<EdgarFetchResult> FetchAsync(EdgarFetchOptions o, IProgress<EdgarFetchProgress>? progress, CancellationToken ct)
    {
        if (EdgarFetchOptions.CheckUserAgent(o.UserAgent) is { } bad) throw new ArgumentException($"--user-agent: {bad}");
        var www = o.BaseUrl ?? EdgarFetchOptions.SecWww;
        var data = o.BaseUrl ?? EdgarFetchOptions.SecData;
        var outDir = Path.GetFullPath(o.Out);
        using var client = new EdgarClient(o.UserAgent, Path.Combine(outDir, CacheDir), time, new EdgarRateLimiter(time, o.RequestsPerSecond), handler);

        var mapUrl = new Uri(www, "files/company_tickers.json");
        var map = ReadTickerMap(mapUrl, await client.GetAsync(mapUrl, o.Refresh, ct).ConfigureAwait(false)
            ?? throw new EdgarFetchException($"{mapUrl}: HTTP 404; the ticker → CIK map is missing (check --base-url)"));
        var skipped = new List<string>();
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var since = today.AddDays(-o.InsiderDays);
        for (int i = 0; i < o.Tickers.Count; i++)
        {
            var ticker = MarketSnapshot.NormalizeTicker(o.Tickers[i]);
            if (!map.TryGetValue(ticker, out long cik))
            {
                skipped.Add(ticker);
                progress?.Report(new(ticker, i + 1, o.Tickers.Count, "not in SEC's company_tickers.json, skipped"));
                continue;
            }
            int requests = client.Requests, hits = client.CacheHits;
            var subUrl = new Uri(data, $"submissions/CIK{cik:D10}.json");
            var submissions = await client.GetAsync(subUrl, o.Refresh, ct).ConfigureAwait(false)
                ?? throw new EdgarFetchException($"{subUrl}: HTTP 404 for {ticker} (CIK {cik})");
            var factsUrl = new Uri(data, $"api/xbrl/companyfacts/CIK{cik:D10}.json");
            var facts = await client.GetAsync(factsUrl, o.Refresh, ct).ConfigureAwait(false);

            var insider = new List<InsiderTransaction>();
            var ownership = OwnershipFilings(subUrl.ToString(), submissions, since, today);
            foreach (var f in ownership)
            {
                var docUrl = new Uri(www, $"Archives/edgar/data/{cik}/{f.Accession.Replace("-", "")}/{f.Document}");
                var xml = await client.GetAsync(docUrl, refresh: false, ct).ConfigureAwait(false);
                if (xml is null) continue;
                try { insider.AddRange(Form4Parser.Parse(System.Text.Encoding.UTF8.GetString(xml), f.Filed, f.Form, f.Accession)); }
                catch (Exception e) when (e is System.Xml.XmlException or FormatException)
                {
                    throw new EdgarFetchException($"{docUrl}: not an ownership XML document ({e.Message}); delete {Path.Combine(outDir, CacheDir)} entry for it and run again");
                }
            }

            // Outputs are written only when the ticker is complete, each atomically: a killed run leaves whole files.
            await EdgarClient.WriteAtomic(Path.Combine(outDir, "text", "edgar_submissions", ticker + ".json"), submissions, ct).ConfigureAwait(false);
            if (facts is not null)
            {
                await EdgarClient.WriteAtomic(Path.Combine(outDir, SnapshotLayout.CompanyFactsDir, ticker + ".json"),
                    EdgarCompanyFactsPruner.Prune(factsUrl.ToString(), facts), ct).ConfigureAwait(false);
            }
            await EdgarClient.WriteAtomic(Path.Combine(outDir, SnapshotLayout.InsiderDir, ticker + ".json"),
                System.Text.Encoding.UTF8.GetBytes(EdgarInsiderReader.Write(insider)), ct).ConfigureAwait(false);
            progress?.Report(new(ticker, i + 1, o.Tickers.Count,
                $"submissions, {(facts is null ? "no company facts (404)" : "company facts")}, {ownership.Count} insider filing(s), {insider.Count} transaction(s) " +
                $"({client.Requests - requests} request(s), {client.CacheHits - hits} from cache)"));
        }
        return new EdgarFetchResult(outDir, o.Tickers.Count - skipped.Count, client.Requests, client.CacheHits, client.Retries, skipped);
    }

    private static Dictionary<string, long> ReadTickerMap(Uri url, byte[] json)
    {
        // {"0": {"cik_str": 320193, "ticker": "AAPL", "title": "Apple Inc."}, ...}
        var map = new Dictionary<string, long>(StringComparer.Ordinal);
        try
        {
            using var doc = JsonDocument.Parse(json);
            foreach (var row in doc.RootElement.EnumerateObject())
            {
                var t = MarketSnapshot.NormalizeTicker(row.Value.GetProperty("ticker").GetString() ?? "");
                map.TryAdd(t, row.Value.GetProperty("cik_str").GetInt64());
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new EdgarFetchException($"{url}: not the company_tickers.json shape ({e.Message}); check --base-url");
        }
        return map;
    }

    private sealed record Ownership(string Form, DateOnly Filed, string Accession, string Document);

    /// <summary>Forms 3/4/5 (and amendments) filed in <paramref name="since"/>..<paramref name="today"/>, from filings.recent.</summary>
    private static List<Ownership> OwnershipFilings(string url, byte[] submissions, DateOnly since, DateOnly today)
    {
        try
        {
            using var doc = JsonDocument.Parse(submissions);
            var recent = doc.RootElement.GetProperty("filings").GetProperty("recent");
            string[] Col(string name) => [.. recent.GetProperty(name).EnumerateArray().Select(e => e.GetString() ?? "")];
            var form = Col("form"); var filed = Col("filingDate"); var accn = Col("accessionNumber"); var primary = Col("primaryDocument");
            var result = new List<Ownership>();
            for (int i = 0; i < form.Length; i++)
            {
                if (form[i].TrimEnd('/', 'A') is not ("3" or "4" or "5")) continue;
                if (!DateOnly.TryParseExact(filed[i], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) || d < since || d > today) continue;
                // primaryDocument is the XSL rendering ("xslF345X05/doc.xml"); the raw XML sits beside it without the folder.
                var document = primary[i][(primary[i].LastIndexOf('/') + 1)..];
                if (document.Length > 0) result.Add(new Ownership(form[i], d, accn[i], document));
            }
            return [.. result.OrderBy(r => r.Filed).ThenBy(r => r.Accession, StringComparer.Ordinal)];
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new EdgarFetchException($"{url}: not the submissions shape (filings.recent with form, filingDate, accessionNumber, primaryDocument) ({e.Message})");
        }
    }
}
