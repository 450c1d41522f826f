namespace AlphaResearch.MarketData;

/// <summary>File and folder names inside a snapshot folder (docs/SNAPSHOT.md).</summary>
internal static class SnapshotLayout
{
    public const string Constituents = "constituents.csv";
    public const string PricesDir = "prices";
    public const string BenchmarksDir = "benchmarks";
    public const string MacroDir = "macro";
    public const string Fundamentals = "fundamentals.csv";
    public const string Headlines = "text/headlines.csv";
    public const string FilingsDir = "text/filings";
    public const string News = "text/news.csv";
    public const string CompanyFactsDir = "edgar/companyfacts";
    public const string InsiderDir = "edgar/insider";

    public static readonly string[] ConstituentColumns = ["ticker", "name", "sector", "sub_industry", "index"];
    public static readonly string[] FundamentalColumns =
    [
        "ticker", "price", "price_to_earnings", "dividend_yield", "earnings_per_share", "week52_low", "week52_high",
        "market_cap", "ebitda", "price_to_sales", "price_to_book",
    ];
    public static readonly string[] HeadlineColumns = ["published_at", "title", "source"];
    public static readonly string[] NewsColumns = ["ticker", "published_at", "headline", "source", "url", "summary"];
}
