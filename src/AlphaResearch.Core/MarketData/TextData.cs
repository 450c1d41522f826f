namespace AlphaResearch.MarketData;

/// <summary>A market news headline (the sample's headlines are market-wide, not tagged by ticker).</summary>
public sealed record Headline(DateTimeOffset PublishedAt, string Title, string Source);

/// <summary>One SEC filing from an EDGAR submissions index. <see cref="Items"/> holds 8-K item numbers ("2.02,9.01").</summary>
public sealed record Filing(string Form, DateOnly FilingDate, DateOnly? ReportDate, string Items, string Description);

/// <summary>Optional point-in-time fundamentals (snapshot-dated; not a time series).</summary>
public sealed record Fundamentals(
    string Ticker, double? Price, double? PriceToEarnings, double? DividendYield, double? EarningsPerShare,
    double? Week52Low, double? Week52High, double? MarketCap, double? Ebitda, double? PriceToSales, double? PriceToBook);
