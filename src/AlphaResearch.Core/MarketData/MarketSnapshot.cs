using AlphaResearch.Domain;

namespace AlphaResearch.MarketData;

/// <summary>
/// Everything a run reads about the market: constituents, validated daily bars, benchmarks (SPY,
/// the 11 sector ETFs, VIX), macro series, and optional fundamentals and text. Built by
/// <c>SnapshotLoader</c>; <see cref="AsOf"/> gives the no-look-ahead view a run for date D uses.
/// </summary>
public sealed class MarketSnapshot
{
    public const string Spy = "SPY";
    public const string Vix = "VIX";

    /// <summary>Folder the snapshot was loaded from (for messages).</summary>
    public required string Source { get; init; }
    /// <summary>Content hash of the snapshot's files; recorded in provenance so a resumed output names its inputs.</summary>
    public required string Fingerprint { get; init; }
    /// <summary>Index members whose prices passed validation (excluded ones are in <see cref="Quality"/>).</summary>
    public required IReadOnlyList<Constituent> Constituents { get; init; }
    /// <summary>Daily bars per constituent ticker.</summary>
    public required IReadOnlyDictionary<string, PriceSeries> Prices { get; init; }
    /// <summary>SPY, sector ETFs (XLK ...), VIX (volume 0) and any other ETFs in the snapshot.</summary>
    public required IReadOnlyDictionary<string, PriceSeries> Benchmarks { get; init; }
    public required IReadOnlyDictionary<string, MacroSeries> Macro { get; init; }
    public IReadOnlyDictionary<string, Fundamentals> Fundamentals { get; init; } = new Dictionary<string, Fundamentals>();
    public IReadOnlyList<Headline> Headlines { get; init; } = [];
    public IReadOnlyDictionary<string, IReadOnlyList<Filing>> Filings { get; init; } = new Dictionary<string, IReadOnlyList<Filing>>();
    /// <summary>XBRL company facts per ticker (edgar/companyfacts); each fact carries the date its filing was filed.</summary>
    public IReadOnlyDictionary<string, CompanyFacts> CompanyFacts { get; init; } = new Dictionary<string, CompanyFacts>();
    /// <summary>Insider transactions (Forms 3/4/5) per ticker, ascending by filed date (edgar/insider).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<InsiderTransaction>> Insider { get; init; } = new Dictionary<string, IReadOnlyList<InsiderTransaction>>();
    /// <summary>Ticker-tagged news (text/news.csv), ascending by publication time.</summary>
    public IReadOnlyList<NewsItem> News { get; init; } = [];
    public DataQualityReport Quality { get; init; } = DataQualityReport.Empty;
    /// <summary>Every constituents.csv row, including the ones excluded by validation (for coverage reports).</summary>
    public IReadOnlyList<Constituent> ListedConstituents { get; init; } = [];
    /// <summary>snapshot.json (name, provenance, licences); null for snapshots built in memory.</summary>
    public SnapshotManifest? Manifest { get; init; }
    /// <summary>The date this view is cut at (the last session in the data when not cut).</summary>
    public required DateOnly AsOfDate { get; init; }
    /// <summary>
    /// History a constituent needs in a view (the loader's <see cref="SnapshotLoadOptions.MinBars"/>); 0 = no check.
    /// Loading checks whole files, so a view cut at an earlier date must check again.
    /// </summary>
    public int MinBars { get; init; }

    private Dictionary<string, Constituent>? _byTicker;

    public Constituent? Find(string ticker)
    {
        _byTicker ??= Constituents.ToDictionary(c => c.Ticker, StringComparer.OrdinalIgnoreCase);
        return _byTicker.GetValueOrDefault(NormalizeTicker(ticker));
    }

    public IEnumerable<Constituent> TeamUniverse(TeamId team) => Constituents.Where(c => c.Team == team);

    /// <summary>Yahoo style: upper case, '.' → '-' (BRK.B → BRK-B).</summary>
    public static string NormalizeTicker(string ticker) => ticker.Trim().ToUpperInvariant().Replace('.', '-');

    /// <summary>Default limit for <see cref="AsOf"/>: a ticker whose last bar is older than this is stale.</summary>
    public const int DefaultMaxStaleDays = 7;

    /// <summary>
    /// The view a run for <paramref name="date"/> sees: every series cut to rows dated on or before it (macro
    /// prints: published on or before it, see <see cref="MacroIds.ReleasedOn"/>), filings, XBRL facts and insider
    /// transactions filed on or before it, headlines and news published on or before it (UTC date). Constituents with fewer than <see cref="MinBars"/> bars on or before the
    /// date drop out of the view, and so do constituents whose last bar is more than <paramref name="maxStaleDays"/>
    /// calendar days before it (a delisted name, or a price set that ends early) — each with a reason in <see cref="Quality"/>,
    /// so a run never scores a name on stale prices without saying so.
    /// </summary>
    public MarketSnapshot AsOf(DateOnly date, int maxStaleDays = DefaultMaxStaleDays)
    {
        // Fundamentals are a point-in-time observation: visible only on or after the date they were taken.
        bool fundamentalsVisible = Manifest?.FundamentalsAsOf is { } f ? date >= f : Manifest is null;
        var oldest = date.AddDays(-maxStaleDays);
        bool anyStale = Prices.Values.Any(p => p.LastDate < oldest && p.FirstDate <= date);
        if (date >= AsOfDate && !anyStale && (fundamentalsVisible || Fundamentals.Count == 0) && !HasDataAfter(date)) return this;

        var excluded = new List<DataQualityIssue>(Quality.Excluded);
        var prices = new Dictionary<string, PriceSeries>(Prices.Count);
        foreach (var (ticker, series) in Prices)
        {
            var cut = series.Until(date);
            if (cut.Count == 0 && MinBars == 0) continue;
            if (cut.Count < MinBars)
            {
                excluded.Add(new DataQualityIssue(ticker, $"prices/{ticker}.csv",
                    $"too little history: {cut.Count} bars on or before {date:yyyy-MM-dd}, need at least {MinBars}"));
                continue;
            }
            if (cut.LastDate < oldest)
            {
                excluded.Add(new DataQualityIssue(ticker, $"prices/{ticker}.csv",
                    $"stale: last bar {cut.LastDate:yyyy-MM-dd} is {date.DayNumber - cut.LastDate.DayNumber} days before {date:yyyy-MM-dd} (limit {maxStaleDays})"));
                continue;
            }
            prices[ticker] = cut;
        }
        return new MarketSnapshot
        {
            Source = Source,
            Fingerprint = Fingerprint,
            Constituents = Constituents.Where(c => prices.ContainsKey(c.Ticker)).ToArray(),
            Prices = prices,
            Benchmarks = Benchmarks.Select(kv => (kv.Key, S: kv.Value.Until(date))).Where(x => x.S.Count > 0)
                .ToDictionary(x => x.Key, x => x.S),
            Macro = Macro.ToDictionary(kv => kv.Key, kv => kv.Value.KnownOn(date)),
            Fundamentals = fundamentalsVisible ? Fundamentals : new Dictionary<string, Fundamentals>(),
            Headlines = Headlines.Where(h => DateOnly.FromDateTime(h.PublishedAt.UtcDateTime) <= date).ToArray(),
            Filings = Filings.ToDictionary(kv => kv.Key,
                kv => (IReadOnlyList<Filing>)kv.Value.Where(f => f.FilingDate <= date).ToArray()),
            CompanyFacts = CompanyFacts.ToDictionary(kv => kv.Key, kv => kv.Value.KnownOn(date)),
            Insider = Insider.ToDictionary(kv => kv.Key,
                kv => (IReadOnlyList<InsiderTransaction>)kv.Value.Where(t => t.Filed <= date).ToArray()),
            News = News.Where(n => DateOnly.FromDateTime(n.PublishedAt.UtcDateTime) <= date).ToArray(),
            Quality = new DataQualityReport(excluded),
            ListedConstituents = ListedConstituents,
            Manifest = Manifest,
            AsOfDate = date < AsOfDate ? date : AsOfDate,
            MinBars = MinBars,
        };
    }

    /// <summary>
    /// Whether any row is dated after <paramref name="date"/>. AsOfDate follows SPY only, and the other sources
    /// (constituent prices, macro, headlines, filings) may run later, so the uncut snapshot is safe only when none does.
    /// </summary>
    private bool HasDataAfter(DateOnly date) =>
        Prices.Values.Any(p => p.LastDate > date)
        || Benchmarks.Values.Any(b => b.LastDate > date)
        || Macro.Values.Any(m => m.LastReleaseDate > date)
        || Headlines.Any(h => DateOnly.FromDateTime(h.PublishedAt.UtcDateTime) > date)
        || Filings.Values.Any(fs => fs.Any(f => f.FilingDate > date))
        || CompanyFacts.Values.Any(c => c.LastFiled > date)
        || Insider.Values.Any(ts => ts.Any(t => t.Filed > date))
        || News.Any(n => DateOnly.FromDateTime(n.PublishedAt.UtcDateTime) > date);
}
