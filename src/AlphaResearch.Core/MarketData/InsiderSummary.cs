namespace AlphaResearch.MarketData;

/// <summary>
/// Insider activity over a look-back window up to a date: open-market purchases (code P) and sales (code S) by
/// distinct insiders, net shares and value, and whether there was a cluster buy — at least
/// <see cref="ClusterMinInsiders"/> different insiders buying on the open market within <see cref="ClusterWindowDays"/> days.
/// Awards, exercises and tax withholding are counted separately: they are compensation, not a view on the stock.
/// </summary>
public sealed record InsiderSummary(
    int Days, int Transactions, int Buyers, int Sellers, double SharesBought, double SharesSold,
    double ValueBought, double ValueSold, int OtherTransactions, bool ClusterBuy, DateOnly? LastFiled)
{
    public const int ClusterMinInsiders = 3;
    public const int ClusterWindowDays = 30;

    public string Direction => ValueBought > ValueSold ? "net_buying" : ValueSold > ValueBought ? "net_selling" : "none";

    /// <summary>Transactions filed in (date − days, date] (so nothing filed after the run date is counted).</summary>
    public static InsiderSummary Of(IReadOnlyList<InsiderTransaction> all, DateOnly date, int days)
    {
        var from = date.AddDays(-days);
        var rows = all.Where(t => t.Filed > from && t.Filed <= date).ToArray();
        var buys = rows.Where(t => t.IsOpenMarketPurchase).ToArray();
        var sells = rows.Where(t => t.IsOpenMarketSale).ToArray();
        return new InsiderSummary(days, rows.Length,
            buys.Select(t => t.Owner).Distinct(StringComparer.OrdinalIgnoreCase).Count(),
            sells.Select(t => t.Owner).Distinct(StringComparer.OrdinalIgnoreCase).Count(),
            buys.Sum(t => t.Shares), sells.Sum(t => t.Shares),
            Math.Round(buys.Sum(t => t.Shares * (t.Price ?? 0))), Math.Round(sells.Sum(t => t.Shares * (t.Price ?? 0))),
            rows.Length - buys.Length - sells.Length, HasCluster(buys), rows.Length == 0 ? null : rows.Max(t => t.Filed));
    }

    private static bool HasCluster(InsiderTransaction[] buys)
    {
        var ordered = buys.OrderBy(t => t.TransactionDate).ToArray();
        for (int i = 0; i < ordered.Length; i++)
        {
            var end = ordered[i].TransactionDate.AddDays(ClusterWindowDays);
            var owners = ordered.Skip(i).TakeWhile(t => t.TransactionDate <= end).Select(t => t.Owner).Distinct(StringComparer.OrdinalIgnoreCase).Count();
            if (owners >= ClusterMinInsiders) return true;
        }
        return false;
    }
}
