using AlphaResearch.Agents.Tools;
using AlphaResearch.Domain;
using AlphaResearch.MarketData;
using AlphaResearch.Scoring;

namespace AlphaResearch.Agents;

/// <summary>
/// Deterministic material triggers that decide which held names get an LLM thesis update (reference §2.3.1,
/// restricted to the data this product has).
/// </summary>
public static class MaterialTriggers
{
    public const string PriceMove = "price_move_gt_2atr";
    public const string RecentFiling = "recent_filing";
    public const string SectorRatingChange = "sector_rating_change";
    public const string NewsVolumeSpike = "news_volume_spike";
    public const string InsiderClusterBuy = "insider_cluster_buy";
    public const string RecentEarnings = "recent_earnings";

    private static readonly string[] MaterialForms = ["8-K", "10-Q", "10-K"];

    public static IReadOnlyList<string> Evaluate(ResearchContext ctx, MacroReport macro, string ticker, string? sector, AgentsConfig config)
    {
        var triggers = new List<string>();
        var snap = ctx.Snapshot;

        // |close[-1] − close[-5]| > k × ATR14, only with 20+ bars so the ATR is meaningful.
        if (snap.Prices.TryGetValue(ticker, out var s) && s.Count >= 20 && MarketMath.Atr(s) is double atr && atr > 0)
        {
            var c = s.Close;
            if (Math.Abs(c[s.Count - 1] - c[s.Count - 5]) > config.TriggerAtrMultiple * atr) triggers.Add(PriceMove);
        }

        // An earnings report (10-Q/10-K, amendments included) or any 8-K within the look-back window.
        if (snap.Filings.TryGetValue(ticker, out var filings))
        {
            var from = ctx.RunDate.AddDays(-config.TriggerFilingLookbackDays);
            var fresh = filings.Where(f => f.FilingDate >= from && f.FilingDate <= ctx.RunDate).ToArray();
            if (fresh.Any(f => IsMaterialForm(f.Form))) triggers.Add(RecentFiling);
            // Results are out: an 8-K with item 2.02, or the quarterly/annual report itself.
            if (fresh.Any(f => EdgarViews.IsPeriodic(f.Form) || (EdgarViews.BaseForm(f.Form) == "8-K" && EightKItems.Split(f.Items).Contains(EightKItems.Earnings))))
            {
                triggers.Add(RecentEarnings);
            }
        }

        // 3+ insiders bought on the open market within 30 days, and one of those buys was filed inside the look-back
        // window (so a cluster triggers once, when it forms or grows, not every week for a month).
        if (snap.Insider.TryGetValue(ticker, out var insider))
        {
            var from = ctx.RunDate.AddDays(-config.TriggerFilingLookbackDays);
            if (InsiderSummary.Of(insider, ctx.RunDate, InsiderSummary.ClusterWindowDays).ClusterBuy
                && insider.Any(t => t.IsOpenMarketPurchase && t.Filed >= from && t.Filed <= ctx.RunDate))
            {
                triggers.Add(InsiderClusterBuy);
            }
        }

        // The name's own sector changed rating since the previous run. No previous views (first run) → no change known.
        if (sector is not null && ctx.Prior.SectorViews.TryGetValue(sector, out var prior)
            && macro.Sectors.TryGetValue(sector, out var now) && prior.Rating != now.Rating)
        {
            triggers.Add(SectorRatingChange);
        }

        var newsFrom = ctx.RunDate.AddDays(-config.TriggerNewsWindowDays);
        if (snap.Find(ticker) is { } company
            && CompanyMentions.Recent(snap.Headlines, company, ctx.RunDate, config.TriggerNewsWindowDays).Count
               + snap.News.Count(n => n.Ticker == company.Ticker && DateOnly.FromDateTime(n.PublishedAt.UtcDateTime) is var d && d > newsFrom && d <= ctx.RunDate)
               >= config.TriggerNewsSpikeCount)
        {
            triggers.Add(NewsVolumeSpike);
        }
        return triggers;
    }

    private static bool IsMaterialForm(string form)
    {
        var f = form.Trim().ToUpperInvariant();
        if (f.EndsWith("/A", StringComparison.Ordinal)) f = f[..^2];
        return MaterialForms.Contains(f);
    }
}
