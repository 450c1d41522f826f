namespace AlphaResearch.MarketData;

/// <summary>
/// One non-derivative transaction from an insider's Form 3/4/5 (ownershipDocument/nonDerivativeTable).
/// <see cref="Code"/> is the SEC transaction code: P open-market purchase, S open-market sale, A award, M option
/// exercise, F tax withholding, G gift, …; <see cref="AcquiredDisposed"/> is "A" or "D".
/// </summary>
public sealed record InsiderTransaction(
    DateOnly Filed, string Form, string Accession, string Owner, string Relationship,
    DateOnly TransactionDate, string Code, double Shares, double? Price, string AcquiredDisposed, double? SharesAfter)
{
    public bool IsOpenMarketPurchase => Code == "P";
    public bool IsOpenMarketSale => Code == "S";
}
