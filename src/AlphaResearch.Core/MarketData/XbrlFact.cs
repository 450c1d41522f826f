namespace AlphaResearch.MarketData;

/// <summary>
/// One XBRL fact from EDGAR's company facts (api/xbrl/companyfacts): a concept's value for a period
/// (<see cref="Start"/>..<see cref="End"/>; Start null for an instant such as a balance-sheet line), and the date
/// the filing that reported it was <see cref="Filed"/> — what makes the fact point-in-time.
/// </summary>
public sealed record XbrlFact(
    string Taxonomy, string Concept, string Unit, DateOnly? Start, DateOnly End, double Value,
    string Form, string FiscalPeriod, DateOnly Filed, string Accession)
{
    /// <summary>Length of a duration fact in days (0 for an instant).</summary>
    public int Days => Start is { } s ? End.DayNumber - s.DayNumber + 1 : 0;
}

/// <summary>All the facts one company reported, in a snapshot. <see cref="KnownOn"/> is the point-in-time view.</summary>
public sealed record CompanyFacts(string Ticker, string EntityName, IReadOnlyList<XbrlFact> Facts)
{
    /// <summary>Facts whose filing was filed on or before <paramref name="date"/>: a run at D sees nothing filed later.</summary>
    public CompanyFacts KnownOn(DateOnly date) =>
        Facts.All(f => f.Filed <= date) ? this : this with { Facts = Facts.Where(f => f.Filed <= date).ToArray() };

    public DateOnly? LastFiled => Facts.Count == 0 ? null : Facts.Max(f => f.Filed);
}
