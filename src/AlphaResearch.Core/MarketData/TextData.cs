namespace AlphaResearch.MarketData;

/// <summary>A market news headline (the sample's headlines are market-wide, not tagged by ticker).</summary>
public sealed record Headline(DateTimeOffset PublishedAt, string Title, string Source);

/// <summary>One SEC filing from an EDGAR submissions index. <see cref="Items"/> holds 8-K item numbers ("2.02,9.01").</summary>
public sealed record Filing(string Form, DateOnly FilingDate, DateOnly? ReportDate, string Items, string Description);

/// <summary>Optional point-in-time fundamentals (snapshot-dated; not a time series).</summary>
public sealed record Fundamentals(
    string Ticker, double? Price, double? PriceToEarnings, double? DividendYield, double? EarningsPerShare,
    double? Week52Low, double? Week52High, double? MarketCap, double? Ebitda, double? PriceToSales, double? PriceToBook);

/// <summary>
/// A news item tagged with the ticker it is about (brought by the user through <c>snapshot import --news</c>).
/// <see cref="PublishedAt"/> carries its timezone; a run at D sees items whose UTC date is on or before D.
/// </summary>
public sealed record NewsItem(string Ticker, DateTimeOffset PublishedAt, string Headline, string Source, string Url, string? Summary);
