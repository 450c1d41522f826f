using AlphaResearch.MarketData;
using AlphaResearch.Scoring;

namespace AlphaResearch.Agents.Tools;

/// <summary>
/// The compact snake_case JSON shapes of the EDGAR evidence (XBRL fundamentals, filings, insider activity) shared by
/// the qual and quant tools. Every view is computed from the run's as-of snapshot, so it holds nothing filed after the run date.
/// </summary>
internal static class EdgarViews
{
    public const int InsiderDays = 90;
    private static readonly string[] Periodic = ["10-Q", "10-K"];

    public static XbrlFundamentals? Fundamentals(ResearchContext ctx, string ticker) =>
        ctx.Snapshot.CompanyFacts.TryGetValue(ticker, out var facts) ? XbrlFundamentals.Derive(facts, ctx.RunDate) : null;

    /// <summary>TTM revenue/EPS with growth, margins, leverage, share change (no trend); null when the snapshot has no facts.</summary>
    public static object? FundamentalsSummary(XbrlFundamentals? f) => f is null ? null : new
    {
        latest_period_end = Day(f.LatestPeriodEnd),
        latest_filed = Day(f.LatestFiled),
        latest_form = f.LatestForm,
        revenue_ttm_musd = Millions(f.RevenueTtm),
        revenue_ttm_yoy_pct = f.RevenueTtmYoyPct,
        revenue_latest_quarter_musd = Millions(f.RevenueLatestQuarter),
        revenue_quarter_yoy_pct = f.RevenueQuarterYoyPct,
        eps_ttm = f.EpsTtm,
        eps_ttm_yoy_pct = f.EpsTtmYoyPct,
        gross_margin_pct = f.GrossMarginPct,
        operating_margin_pct = f.OperatingMarginPct,
        net_margin_pct = f.NetMarginPct,
        liabilities_to_equity = f.LiabilitiesToEquity,
        debt_to_equity = f.DebtToEquity,
        shares_outstanding_m = Millions(f.SharesOutstanding),
        shares_change_yoy_pct = f.SharesChangeYoyPct,
    };

    public static object Trend(XbrlFundamentals f) => f.Trend.Select(q => new
    {
        period_end = Day(q.PeriodEnd),
        revenue_musd = Millions(q.Revenue),
        eps = q.Eps is double e ? Math.Round(e, 2) : (double?)null,
        derived_q4 = q.Derived ? true : (bool?)null,
    }).ToArray();

    /// <summary>Days since the latest 10-Q and 10-K (amendments included) and the latest 8-K with its items; null when none.</summary>
    public static object? Recency(ResearchContext ctx, string ticker)
    {
        if (!ctx.Snapshot.Filings.TryGetValue(ticker, out var all)) return null;
        var known = all.Where(f => f.FilingDate <= ctx.RunDate).ToArray();
        object? Last(Func<Filing, bool> match) => known.LastOrDefault(match) is { } f
            ? new { form = f.Form, filing_date = Day(f.FilingDate), report_date = Day(f.ReportDate), days_ago = ctx.RunDate.DayNumber - f.FilingDate.DayNumber }
            : null;
        var eightK = known.LastOrDefault(f => BaseForm(f.Form) == "8-K");
        return new
        {
            last_10q = Last(f => BaseForm(f.Form) == "10-Q"),
            last_10k = Last(f => BaseForm(f.Form) == "10-K"),
            last_8k = eightK is null ? null : new { filing_date = Day(eightK.FilingDate), days_ago = ctx.RunDate.DayNumber - eightK.FilingDate.DayNumber, items = Items(eightK.Items) },
        };
    }

    public static object[] Items(string items) =>
        [.. EightKItems.Split(items).Select(i => new { item = i, meaning = EightKItems.Meaning(i) })];

    /// <summary>Forms 3/4/5 (ownership) and 144 (notice of a proposed sale by an affiliate).</summary>
    public static bool IsInsiderForm(string form) => BaseForm(form) is "3" or "4" or "5" or "144";

    public static bool IsPeriodic(string form) => Periodic.Contains(BaseForm(form));

    public static string BaseForm(string form)
    {
        var f = form.Trim().ToUpperInvariant();
        return f.EndsWith("/A", StringComparison.Ordinal) ? f[..^2] : f;
    }

    /// <summary>Net buying/selling and cluster buys over the window; falls back to a Form 4 count from the filing index.</summary>
    public static object? InsiderSummaryView(ResearchContext ctx, string ticker, int days)
    {
        var from = ctx.RunDate.AddDays(-days);
        int? notices144 = ctx.Snapshot.Filings.TryGetValue(ticker, out var index)
            ? index.Count(f => f.FilingDate > from && f.FilingDate <= ctx.RunDate && BaseForm(f.Form) == "144") : null;
        if (ctx.Snapshot.Insider.TryGetValue(ticker, out var rows))
        {
            var s = InsiderSummary.Of(rows, ctx.RunDate, days);
            return new
            {
                days,
                direction = s.Direction,
                transactions = s.Transactions,
                open_market_buyers = s.Buyers,
                open_market_sellers = s.Sellers,
                shares_bought = s.SharesBought,
                shares_sold = s.SharesSold,
                value_bought_usd = s.ValueBought,
                value_sold_usd = s.ValueSold,
                awards_exercises_other = s.OtherTransactions,
                cluster_buy = s.ClusterBuy,
                last_filed = Day(s.LastFiled),
                form_144_sale_notices = notices144,
            };
        }
        if (index is null) return null;
        int count = index.Count(f => f.FilingDate > from && f.FilingDate <= ctx.RunDate && BaseForm(f.Form) is "3" or "4" or "5");
        return new
        {
            days,
            form_3_4_5_filings = count,
            form_144_sale_notices = notices144,
            note = "the snapshot has the filing index but not the transactions (run 'snapshot fetch --edgar' for buy/sell detail)",
        };
    }

    /// <summary>The profile's first line: the EDGAR evidence at a glance (what the analyst, and a truncated log, read first).</summary>
    public static string OneLine(ResearchContext ctx, string ticker, XbrlFundamentals? f)
    {
        var parts = new List<string>();
        if (f?.RevenueTtm is double rev)
            parts.Add(FormattableString.Invariant($"TTM rev ${rev / 1e9:0.0}B {Signed(f.RevenueTtmYoyPct)} YoY, EPS {f.EpsTtm:0.00} {Signed(f.EpsTtmYoyPct)}, net margin {f.NetMarginPct:0.0}%"));
        else parts.Add(f is null ? "no XBRL facts" : "TTM unknown");
        if (ctx.Snapshot.Filings.TryGetValue(ticker, out var all) && all.Where(x => x.FilingDate <= ctx.RunDate).ToArray() is { Length: > 0 } known)
        {
            string Ago(Func<Filing, bool> m) => known.LastOrDefault(m) is { } x ? $"{ctx.RunDate.DayNumber - x.FilingDate.DayNumber}d" : "none";
            var k8 = known.LastOrDefault(x => BaseForm(x.Form) == "8-K");
            parts.Add($"10-Q {Ago(x => BaseForm(x.Form) == "10-Q")}, 10-K {Ago(x => BaseForm(x.Form) == "10-K")}, 8-K {Ago(x => BaseForm(x.Form) == "8-K")}{(k8 is { Items.Length: > 0 } ? $" ({k8.Items})" : "")}");
        }
        else parts.Add("no filing index");
        if (ctx.Snapshot.Insider.TryGetValue(ticker, out var rows))
        {
            var s = InsiderSummary.Of(rows, ctx.RunDate, InsiderDays);
            parts.Add($"insiders {InsiderDays}d: {s.Direction.Replace('_', ' ')}, {s.Buyers} buyers/{s.Sellers} sellers{(s.ClusterBuy ? ", CLUSTER BUY" : "")}");
        }
        else parts.Add("no insider transactions");
        return string.Join(" | ", parts);
    }

    private static string Signed(double? pct) => pct is double p ? FormattableString.Invariant($"{p:+0.0;-0.0;0.0}%") : "n/a";

    public static string? Day(DateOnly? d) => d?.ToString("yyyy-MM-dd");

    private static double? Millions(double? v) => v is double x ? Math.Round(x / 1e6, 1) : null;
}
