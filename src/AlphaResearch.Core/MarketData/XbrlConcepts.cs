namespace AlphaResearch.MarketData;

/// <summary>
/// The us-gaap / dei concepts the derived fundamentals use, in order of preference where several tag the same
/// line (companies moved from SalesRevenueNet to RevenueFromContractWithCustomer… in 2018).
/// </summary>
public static class XbrlConcepts
{
    public static readonly string[] Revenue = ["RevenueFromContractWithCustomerExcludingAssessedTax", "Revenues", "SalesRevenueNet", "RevenueFromContractWithCustomerIncludingAssessedTax"];
    public static readonly string[] EpsDiluted = ["EarningsPerShareDiluted", "EarningsPerShareBasic"];
    public static readonly string[] GrossProfit = ["GrossProfit"];
    public static readonly string[] OperatingIncome = ["OperatingIncomeLoss"];
    public static readonly string[] NetIncome = ["NetIncomeLoss"];
    public static readonly string[] Liabilities = ["Liabilities"];
    public static readonly string[] Equity = ["StockholdersEquity", "StockholdersEquityIncludingPortionAttributableToNoncontrollingInterest"];
    public static readonly string[] LongTermDebt = ["LongTermDebtNoncurrent", "LongTermDebt"];
    public static readonly string[] SharesOutstanding = ["EntityCommonStockSharesOutstanding", "CommonStockSharesOutstanding"];

    public static readonly HashSet<string> Used = new(
        Revenue.Concat(EpsDiluted).Concat(GrossProfit).Concat(OperatingIncome).Concat(NetIncome)
            .Concat(Liabilities).Concat(Equity).Concat(LongTermDebt).Concat(SharesOutstanding),
        StringComparer.Ordinal);
}
