using System.ComponentModel;
using AlphaResearch.MarketData;
using Microsoft.Extensions.AI;
using AlphaResearch.Scoring;

namespace AlphaResearch.Agents.Tools;

/// <summary>
/// The qual analyst's tools over the as-of snapshot's text data and the prior run's theses (reference §3.5,
/// restricted to sources this product has: market headlines, EDGAR filings, our own research state).
/// </summary>
public sealed class QualTools(ResearchContext context, ToolRecorder recorder)
{
    public const string Phase = "qual";

    public IList<AITool> Create() =>
    [
        AIFunctionFactory.Create(
            ([Description("Ticker, e.g. MSFT")] string ticker) =>
                recorder.Invoke(Phase, "get_company_profile", Norm(ticker), new { ticker }, () => WithCompany(ticker, Profile)),
            "get_company_profile",
            "Company name, GICS sector and sub-industry, index membership and point-in-time fundamentals where available."),
        AIFunctionFactory.Create(
            ([Description("Ticker, e.g. MSFT")] string ticker, [Description("Look-back window in days (1-90), e.g. 14")] int days) =>
                recorder.Invoke(Phase, "get_news_headlines", Norm(ticker), new { ticker, days }, () => WithCompany(ticker, c => News(c, days))),
            "get_news_headlines",
            "Market headlines that mention the company (by name or ticker) in the N days up to the run date, newest first (max 10)."),
        AIFunctionFactory.Create(
            ([Description("Ticker, e.g. MSFT")] string ticker, [Description("Look-back window in days (1-365), e.g. 90")] int days) =>
                recorder.Invoke(Phase, "get_recent_filings", Norm(ticker), new { ticker, days }, () => WithCompany(ticker, c => Filings(c, days))),
            "get_recent_filings",
            "SEC filings (form, filing date, 8-K item numbers, description) in the N days up to the run date, newest first (max 10)."),
        AIFunctionFactory.Create(
            ([Description("Ticker, e.g. MSFT")] string ticker) =>
                recorder.Invoke(Phase, "get_prior_thesis", Norm(ticker), new { ticker }, () => PriorThesis(ticker)),
            "get_prior_thesis",
            "Our previous thesis on the ticker (bull/bear case, catalysts, risks, conviction, scores, last update), or prior_thesis null."),
        AIFunctionFactory.Create(
            ([Description("Ticker, e.g. MSFT")] string ticker) =>
                recorder.Invoke(Phase, "get_price_action_summary", Norm(ticker), new { ticker }, () => WithCompany(ticker, PriceAction)),
            "get_price_action_summary",
            "Recent price action: last close, 5/20/60-day returns, distance from the 52-week high/low, ATR%, RSI and 20-day volume vs its 60-day average."),
    ];

    private static string Norm(string? ticker) => MarketSnapshot.NormalizeTicker(ticker ?? "");

    private object WithCompany(string? ticker, Func<Constituent, object> body)
    {
        if (string.IsNullOrWhiteSpace(ticker)) throw new ToolInputException("ticker is required");
        var c = context.Snapshot.Find(ticker);
        return c is null ? QuantTools.UnknownTicker(ticker) : body(c);
    }

    private object Profile(Constituent c)
    {
        context.Snapshot.Fundamentals.TryGetValue(c.Ticker, out var f);
        return new
        {
            ticker = c.Ticker,
            name = c.Name,
            sector = c.Sector,
            sub_industry = c.SubIndustry,
            index = c.Index == IndexMembership.Sp500 ? "S&P 500" : "S&P 400",
            fundamentals = f is null ? null : new
            {
                pe = MarketMath.R2(f.PriceToEarnings),
                price_to_sales = MarketMath.R2(f.PriceToSales),
                price_to_book = MarketMath.R2(f.PriceToBook),
                dividend_yield = MarketMath.R2(f.DividendYield),
                market_cap = f.MarketCap,
            },
            note = f is null ? "no fundamentals in the snapshot for this ticker" : null,
        };
    }

    private object News(Constituent c, int days)
    {
        if (days is < 1 or > 90) throw new ToolInputException($"days must be between 1 and 90 (got {days})");
        var hits = CompanyMentions.Recent(context.Snapshot.Headlines, c, context.RunDate, days);
        return new
        {
            ticker = c.Ticker,
            matched_on = CompanyMentions.ShortName(c.Name),
            days,
            article_count = hits.Count,
            headlines = hits.Take(10).Select(h => new { date = DateOnly.FromDateTime(h.PublishedAt.UtcDateTime).ToString("yyyy-MM-dd"), title = h.Title, source = h.Source }),
            note = context.Snapshot.Headlines.Count == 0 ? "the snapshot has no headlines at all; absence of news is unknown, not quiet" : null,
        };
    }

    private object Filings(Constituent c, int days)
    {
        if (days is < 1 or > 365) throw new ToolInputException($"days must be between 1 and 365 (got {days})");
        if (!context.Snapshot.Filings.TryGetValue(c.Ticker, out var all)) return new { ticker = c.Ticker, error = "no filings index for this ticker in the snapshot" };
        var from = context.RunDate.AddDays(-days);
        var recent = all.Where(f => f.FilingDate > from && f.FilingDate <= context.RunDate).OrderByDescending(f => f.FilingDate).ToArray();
        return new
        {
            ticker = c.Ticker,
            days,
            filing_count = recent.Length,
            filings = recent.Take(10).Select(f => new
            {
                form = f.Form,
                filing_date = f.FilingDate.ToString("yyyy-MM-dd"),
                items = string.IsNullOrEmpty(f.Items) ? null : f.Items,
                description = f.Description,
            }),
        };
    }

    private object PriorThesis(string? ticker)
    {
        if (string.IsNullOrWhiteSpace(ticker)) throw new ToolInputException("ticker is required");
        var t = Norm(ticker);
        if (!context.Prior.Theses.TryGetValue(t, out var th)) return new { ticker = t, prior_thesis = (object?)null };
        return new
        {
            ticker = t,
            prior_thesis = new
            {
                thesis_summary = th.ThesisSummary,
                bull_case = th.BullCase,
                bear_case = th.BearCase,
                catalysts = th.Catalysts,
                risks = th.Risks,
                conviction = th.Conviction,
                conviction_rationale = th.ConvictionRationale,
                final_score = th.FinalScore,
                rating = th.Rating,
                last_updated = th.LastUpdated,
            },
        };
    }

    private object PriceAction(Constituent c)
    {
        if (!context.Snapshot.Prices.TryGetValue(c.Ticker, out var s) || s.Count < 6) return new { ticker = c.Ticker, error = "no price history (needs 6+ sessions) in the snapshot" };
        var i = context.Scores.Get(c.Ticker)?.Indicators;
        double vol20 = MarketMath.AvgVolume(s, 20), vol60 = MarketMath.AvgVolume(s, 60);
        return new
        {
            ticker = c.Ticker,
            last_date = s.LastDate.ToString("yyyy-MM-dd"),
            last_close = MarketMath.R2(s.LastClose),
            return_5d = MarketMath.ReturnPct(s, 5),
            return_20d = MarketMath.ReturnPct(s, 20),
            return_60d = MarketMath.ReturnPct(s, 60),
            dist_from_52w_high = MarketMath.R2(i?.DistFrom52wHigh),
            dist_from_52w_low = MarketMath.R2(i?.DistFrom52wLow),
            atr_pct = MarketMath.R2(i?.AtrPct14),
            rsi_14 = MarketMath.R2(i?.Rsi14),
            volume_20d_vs_60d = vol60 > 0 ? Math.Round(vol20 / vol60, 2) : (double?)null,
        };
    }
}
