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
    public DataQualityReport Quality { get; init; } = DataQualityReport.Empty;
    /// <summary>Every constituents.csv row, including the ones excluded by validation (for coverage reports).</summary>
    public IReadOnlyList<Constituent> ListedConstituents { get; init; } = [];
    /// <summary>snapshot.json (name, provenance, licences); null for snapshots built in memory.</summary>
    public SnapshotManifest? Manifest { get; init; }
    /// <summary>The date this view is cut at (the last session in the data when not cut).</summary>
    public required DateOnly AsOfDate { get; init; }

    private Dictionary<string, Constituent>? _byTicker;

    public Constituent? Find(string ticker)
    {
        _byTicker ??= Constituents.ToDictionary(c => c.Ticker, StringComparer.OrdinalIgnoreCase);
        return _byTicker.GetValueOrDefault(NormalizeTicker(ticker));
    }

    public IEnumerable<Constituent> TeamUniverse(TeamId team) => Constituents.Where(c => c.Team == team);

    /// <summary>Yahoo style: upper case, '.' → '-' (BRK.B → BRK-B).</summary>
    public static string NormalizeTicker(string ticker) => ticker.Trim().ToUpperInvariant().Replace('.', '-');

    /// <summary>
    /// The view a run for <paramref name="date"/> sees: every series cut to rows dated on or before it,
    /// filings and headlines likewise. Symbols with no bar on or before the date drop out of the view.
    /// </summary>
    public MarketSnapshot AsOf(DateOnly date)
    {
        // Fundamentals are a point-in-time observation: visible only on or after the date they were taken.
        bool fundamentalsVisible = Manifest?.FundamentalsAsOf is { } f ? date >= f : Manifest is null;
        if (date >= AsOfDate && (fundamentalsVisible || Fundamentals.Count == 0)) return this;
        var prices = Prices.Select(kv => (kv.Key, S: kv.Value.Until(date))).Where(x => x.S.Count > 0)
            .ToDictionary(x => x.Key, x => x.S);
        return new MarketSnapshot
        {
            Source = Source,
            Fingerprint = Fingerprint,
            Constituents = Constituents.Where(c => prices.ContainsKey(c.Ticker)).ToArray(),
            Prices = prices,
            Benchmarks = Benchmarks.Select(kv => (kv.Key, S: kv.Value.Until(date))).Where(x => x.S.Count > 0)
                .ToDictionary(x => x.Key, x => x.S),
            Macro = Macro.ToDictionary(kv => kv.Key, kv => kv.Value.Until(date)),
            Fundamentals = fundamentalsVisible ? Fundamentals : new Dictionary<string, Fundamentals>(),
            Headlines = Headlines.Where(h => DateOnly.FromDateTime(h.PublishedAt.UtcDateTime) <= date).ToArray(),
            Filings = Filings.ToDictionary(kv => kv.Key,
                kv => (IReadOnlyList<Filing>)kv.Value.Where(f => f.FilingDate <= date).ToArray()),
            Quality = Quality,
            ListedConstituents = ListedConstituents,
            Manifest = Manifest,
            AsOfDate = date < AsOfDate ? date : AsOfDate,
        };
    }
}
