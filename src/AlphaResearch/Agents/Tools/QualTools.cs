using System.ComponentModel;
using AlphaResearch.MarketData;
using Microsoft.Extensions.AI;
using AlphaResearch.Scoring;

namespace AlphaResearch.Agents.Tools;

/// <summary>
/// The qual analyst's tools over the as-of snapshot's evidence and the prior run's theses (reference §3.5,
/// restricted to sources this product has: EDGAR filings, XBRL fundamentals and insider transactions, ticker-tagged
/// news and market headlines, our own research state). Everything is cut to what was filed or published by the run date.
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
            "Company name, GICS sector, index; XBRL fundamentals as filed by the run date (TTM revenue and EPS with YoY growth, margins, leverage, share-count change); days since the last 10-Q/10-K/8-K; a 90-day insider summary."),
        AIFunctionFactory.Create(
            ([Description("Ticker, e.g. MSFT")] string ticker, [Description("Look-back window in days (1-365), e.g. 90")] int days) =>
                recorder.Invoke(Phase, "get_recent_filings", Norm(ticker), new { ticker, days }, () => WithCompany(ticker, c => Filings(c, days))),
            "get_recent_filings",
            "SEC filings in the N days up to the run date, newest first (max 10): form, dates, 8-K item numbers with their meaning (2.02 earnings, 1.01 material agreement, 5.02 officer change, ...), and the last 10-Q/10-K."),
        AIFunctionFactory.Create(
            ([Description("Ticker, e.g. MSFT")] string ticker, [Description("Look-back window in days (1-365), e.g. 90")] int days) =>
                recorder.Invoke(Phase, "get_insider_activity", Norm(ticker), new { ticker, days }, () => WithCompany(ticker, c => Insider(c, days))),
            "get_insider_activity",
            "Insider transactions from Forms 3/4/5 filed in the N days up to the run date: net buying or selling, open-market buyers and sellers, cluster buy (3+ insiders within 30 days), latest transactions (max 10)."),
        AIFunctionFactory.Create(
            ([Description("Ticker, e.g. MSFT")] string ticker) =>
                recorder.Invoke(Phase, "get_fundamentals_trend", Norm(ticker), new { ticker }, () => WithCompany(ticker, Trend)),
            "get_fundamentals_trend",
            "XBRL fundamentals as filed by the run date plus the last 8 quarters of revenue and EPS (a fourth quarter is derived from the 10-K)."),
        AIFunctionFactory.Create(
            ([Description("Ticker, e.g. MSFT")] string ticker, [Description("Look-back window in days (1-90), e.g. 14")] int days) =>
                recorder.Invoke(Phase, "get_news_headlines", Norm(ticker), new { ticker, days }, () => WithCompany(ticker, c => News(c, days))),
            "get_news_headlines",
            "News tagged with the ticker and market headlines that mention the company, in the N days up to the run date, newest first (max 10 of each)."),
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
        var xbrl = EdgarViews.Fundamentals(context, c.Ticker);
        return new
        {
            ticker = c.Ticker,
            evidence = EdgarViews.OneLine(context, c.Ticker, xbrl),
            name = c.Name,
            sector = c.Sector,
            sub_industry = c.SubIndustry,
            index = c.Index == IndexMembership.Sp500 ? "S&P 500" : "S&P 400",
            fundamentals = EdgarViews.FundamentalsSummary(xbrl),
            valuation = f is null ? null : new
            {
                pe = MarketMath.R2(f.PriceToEarnings),
                price_to_sales = MarketMath.R2(f.PriceToSales),
                price_to_book = MarketMath.R2(f.PriceToBook),
                dividend_yield = MarketMath.R2(f.DividendYield),
                market_cap = f.MarketCap,
            },
            filings = EdgarViews.Recency(context, c.Ticker),
            insider_90d = EdgarViews.InsiderSummaryView(context, c.Ticker, EdgarViews.InsiderDays),
            note = xbrl is null && f is null ? "no fundamentals in the snapshot for this ticker (XBRL company facts absent); unknown, not zero" : null,
        };
    }

    private object News(Constituent c, int days)
    {
        if (days is < 1 or > 90) throw new ToolInputException($"days must be between 1 and 90 (got {days})");
        var hits = CompanyMentions.Recent(context.Snapshot.Headlines, c, context.RunDate, days);
        var from = context.RunDate.AddDays(-days);
        var tagged = context.Snapshot.News
            .Where(n => n.Ticker == c.Ticker && DateOnly.FromDateTime(n.PublishedAt.UtcDateTime) is var d && d > from && d <= context.RunDate)
            .OrderByDescending(n => n.PublishedAt).ToArray();
        bool noText = context.Snapshot.Headlines.Count == 0 && context.Snapshot.News.Count == 0;
        return new
        {
            ticker = c.Ticker,
            days,
            tagged_count = tagged.Length,
            tagged = tagged.Take(10).Select(n => new { published_at = n.PublishedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'"), headline = n.Headline, source = n.Source, url = n.Url, summary = n.Summary }),
            matched_on = CompanyMentions.ShortName(c.Name),
            article_count = hits.Count,
            headlines = hits.Take(10).Select(h => new { date = DateOnly.FromDateTime(h.PublishedAt.UtcDateTime).ToString("yyyy-MM-dd"), title = h.Title, source = h.Source }),
            note = noText ? "the snapshot has no news or headlines at all; absence of news is unknown, not quiet"
                : context.Snapshot.News.Count == 0 ? "no ticker-tagged news in the snapshot (import some with 'snapshot import --news'); market headlines only" : null,
        };
    }

    private object Filings(Constituent c, int days)
    {
        if (days is < 1 or > 365) throw new ToolInputException($"days must be between 1 and 365 (got {days})");
        if (!context.Snapshot.Filings.TryGetValue(c.Ticker, out var all)) return new { ticker = c.Ticker, error = "no filings index for this ticker in the snapshot; unknown, not quiet" };
        var from = context.RunDate.AddDays(-days);
        // Insider forms (3/4/5, 144 sale notices) have their own tool; here they would crowd out the 8-Ks and periodic reports.
        var material = all.Where(f => f.FilingDate <= context.RunDate && !EdgarViews.IsInsiderForm(f.Form))
            .OrderByDescending(f => f.FilingDate).ToArray();
        var recent = material.Where(f => f.FilingDate > from).ToArray();
        object View(Filing f) => new
        {
            form = f.Form,
            filing_date = f.FilingDate.ToString("yyyy-MM-dd"),
            report_date = EdgarViews.Day(f.ReportDate),
            items = string.IsNullOrEmpty(f.Items) ? null : EdgarViews.Items(f.Items),
            description = f.Description,
        };
        return new
        {
            ticker = c.Ticker,
            days,
            filing_count = recent.Length,
            filings = recent.Take(10).Select(View),
            // A quiet window still says what the last filings were, so "nothing this week" is not read as "no history".
            latest_before_window = recent.Length == 0 ? material.Take(3).Select(View).ToArray() : null,
            recency = EdgarViews.Recency(context, c.Ticker),
        };
    }

    private object Insider(Constituent c, int days)
    {
        if (days is < 1 or > 365) throw new ToolInputException($"days must be between 1 and 365 (got {days})");
        var summary = EdgarViews.InsiderSummaryView(context, c.Ticker, days);
        if (summary is null) return new { ticker = c.Ticker, error = "no insider filings (Forms 3/4/5) for this ticker in the snapshot; unknown, not quiet" };
        var from = context.RunDate.AddDays(-days);
        var rows = context.Snapshot.Insider.TryGetValue(c.Ticker, out var all)
            ? all.Where(t => t.Filed > from && t.Filed <= context.RunDate).OrderByDescending(t => t.TransactionDate).Take(10).Select(t => new
            {
                transaction_date = t.TransactionDate.ToString("yyyy-MM-dd"),
                filed = t.Filed.ToString("yyyy-MM-dd"),
                owner = t.Owner,
                relationship = t.Relationship,
                code = t.Code,
                shares = t.Shares,
                price = t.Price,
                acquired_disposed = t.AcquiredDisposed,
            }).ToArray()
            : null;
        return new { ticker = c.Ticker, summary, transactions = rows };
    }

    private object Trend(Constituent c)
    {
        var f = EdgarViews.Fundamentals(context, c.Ticker);
        if (f is null) return new { ticker = c.Ticker, error = "no XBRL company facts for this ticker in the snapshot; unknown, not zero" };
        return new { ticker = c.Ticker, fundamentals = EdgarViews.FundamentalsSummary(f), quarters = EdgarViews.Trend(f) };
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
