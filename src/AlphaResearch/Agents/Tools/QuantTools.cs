using System.ComponentModel;
using AlphaResearch.Domain;
using AlphaResearch.MarketData;
using Microsoft.Extensions.AI;
using AlphaResearch.Scoring;

namespace AlphaResearch.Agents.Tools;

/// <summary>
/// The quant analyst's tools over the as-of snapshot and score board (reference §3.4, minus the paid data
/// sources we do not have). Every result is compact snake_case JSON; per-ticker problems are per-ticker
/// {"ticker", "error"} entries.
/// </summary>
public sealed class QuantTools(ResearchContext context, IReadOnlyList<Constituent> universe, ToolRecorder recorder)
{
    public const string Phase = "quant";
    public const int MaxTickersPerCall = 25;

    private readonly HashSet<string> _members = universe.Select(c => c.Ticker).ToHashSet(StringComparer.Ordinal);

    public IList<AITool> Create() =>
    [
        AIFunctionFactory.Create(
            ([Description("Minimum 20-day average daily volume in shares, e.g. 1000000")] double min_avg_volume) =>
                recorder.Invoke(Phase, "screen_by_liquidity", null, new { min_avg_volume }, () => ScreenByLiquidity(min_avg_volume)),
            "screen_by_liquidity",
            "Screens this team's universe by 20-day average volume. Returns the passing count and up to 50 tickers, most liquid first."),
        AIFunctionFactory.Create(
            ([Description("Up to 25 tickers")] string[] tickers) =>
                recorder.Invoke(Phase, "get_technical_indicators", Single(tickers), new { tickers }, () => PerTicker(tickers, Technicals)),
            "get_technical_indicators",
            "RSI(14), MACD cross, price vs 50/200-day averages (%), 20-day momentum (%), ATR% and the 0-100 technical score per ticker."),
        AIFunctionFactory.Create(
            ([Description("Up to 25 tickers")] string[] tickers) =>
                recorder.Invoke(Phase, "get_price_performance", Single(tickers), new { tickers }, () => PerTicker(tickers, Performance)),
            "get_price_performance",
            "Current price and percent returns over 5, 20, 60 and 120 sessions per ticker."),
        AIFunctionFactory.Create(
            ([Description("Up to 25 tickers")] string[] tickers) =>
                recorder.Invoke(Phase, "get_relative_strength", Single(tickers), new { tickers }, () => PerTicker(tickers, RelativeStrength)),
            "get_relative_strength",
            "Excess return in percentage points vs the ticker's sector ETF and vs SPY over 20 and 60 sessions."),
        AIFunctionFactory.Create(
            ([Description("Up to 25 tickers")] string[] tickers) =>
                recorder.Invoke(Phase, "get_fundamentals", Single(tickers), new { tickers }, () => PerTicker(tickers, FundamentalsOf)),
            "get_fundamentals",
            "Point-in-time fundamentals where the snapshot has them: valuation (P/E, P/S, P/B, dividend yield, EPS, market cap, EBITDA, 52-week range) and, from XBRL facts filed by the run date, TTM revenue and EPS with YoY growth, margins, leverage and share-count change."),
        AIFunctionFactory.Create(
            ([Description("How many names to return (1-50)")] int top_n) =>
                recorder.Invoke(Phase, "get_sector_peers_ranking", null, new { top_n }, () => PeersRanking(top_n)),
            "get_sector_peers_ranking",
            "This team's universe ranked by the deterministic technical score, best first."),
    ];

    // Runs outside the recorder's guard, so it must not throw on a null entry from the model.
    private static string? Single(string?[]? tickers) => tickers is [{ } only] ? MarketSnapshot.NormalizeTicker(only) : null;

    private object ScreenByLiquidity(double minAvgVolume)
    {
        var passing = universe
            .Select(c => (c.Ticker, Vol: AvgVolume(c.Ticker)))
            .Where(x => x.Vol is double v && v >= minAvgVolume)
            .OrderByDescending(x => x.Vol)
            .ToArray();
        return new
        {
            min_avg_volume = minAvgVolume,
            passing_count = passing.Length,
            tickers = passing.Take(50).Select(x => new { ticker = x.Ticker, avg_volume_20d = Math.Round(x.Vol!.Value) }),
        };
    }

    private double? AvgVolume(string ticker) =>
        context.Scores.Get(ticker)?.Indicators.AvgVolume20d
        ?? (context.Snapshot.Prices.TryGetValue(ticker, out var s) ? MarketMath.AvgVolume(s) : null);

    private object PerTicker(string[]? tickers, Func<Constituent, object> one)
    {
        if (tickers is null or { Length: 0 }) throw new ToolInputException("tickers is empty: pass 1 to 25 tickers from your universe");
        if (tickers.Length > MaxTickersPerCall) throw new ToolInputException($"too many tickers ({tickers.Length}): pass at most {MaxTickersPerCall} per call");
        return new
        {
            results = tickers.Select(t =>
            {
                if (string.IsNullOrWhiteSpace(t)) return new { ticker = (string?)null, error = "a ticker is empty" };
                var c = context.Snapshot.Find(t);
                // Another team's name would only be dropped from the picks later: say so now.
                return c is null ? UnknownTicker(t)
                    : !_members.Contains(c.Ticker) ? new { ticker = c.Ticker, error = "not in this team's universe; use only tickers you were given" }
                    : one(c);
            }).ToArray(),
        };
    }

    internal static object UnknownTicker(string t) =>
        new { ticker = MarketSnapshot.NormalizeTicker(t), error = "unknown ticker: not in this run's universe; use only tickers you were given" };

    private static object NoData(string ticker, string what) => new { ticker, error = $"no {what} available for this ticker in the snapshot" };

    private object Technicals(Constituent c)
    {
        var s = context.Scores.Get(c.Ticker);
        if (s is null) return NoData(c.Ticker, "technical indicators");
        var i = s.Indicators;
        return new
        {
            ticker = c.Ticker,
            price = MarketMath.R2(i.Price),
            rsi_14 = MarketMath.R2(i.Rsi14),
            macd_cross = i.MacdCross switch { 1 => "bullish", -1 => "bearish", _ => "none" },
            macd_above_zero = i.MacdAboveZero,
            price_vs_ma50 = MarketMath.R2(i.PriceVsMa50),
            price_vs_ma200 = MarketMath.R2(i.PriceVsMa200),
            momentum_20d = MarketMath.R2(i.Momentum20d),
            atr_pct = MarketMath.R2(i.AtrPct14),
            technical_score = MarketMath.R2(s.Score.Composite),
        };
    }

    private object Performance(Constituent c)
    {
        if (!context.Snapshot.Prices.TryGetValue(c.Ticker, out var s) || s.Count < 6) return NoData(c.Ticker, "price history (needs 6+ sessions)");
        return new
        {
            ticker = c.Ticker,
            current_price = MarketMath.R2(s.LastClose),
            return_5d = MarketMath.ReturnPct(s, 5),
            return_20d = MarketMath.ReturnPct(s, 20),
            return_60d = MarketMath.ReturnPct(s, 60),
            return_120d = MarketMath.ReturnPct(s, 120),
        };
    }

    private object RelativeStrength(Constituent c)
    {
        if (!context.Snapshot.Prices.TryGetValue(c.Ticker, out var s) || s.Count < 21) return NoData(c.Ticker, "price history (needs 21+ sessions)");
        var etf = Sectors.EtfOf(c.Sector);
        context.Snapshot.Benchmarks.TryGetValue(etf, out var etfSeries);
        context.Snapshot.Benchmarks.TryGetValue(MarketSnapshot.Spy, out var spy);
        double? Excess(PriceSeries? bench, int days)
        {
            var mine = MarketMath.ReturnPct(s, days);
            var theirs = bench is null ? null : MarketMath.ReturnPct(bench, days);
            return mine is null || theirs is null ? null : Math.Round(mine.Value - theirs.Value, 2);
        }
        return new
        {
            ticker = c.Ticker,
            sector_etf = etf,
            vs_sector_etf_20d = Excess(etfSeries, 20),
            vs_sector_etf_60d = Excess(etfSeries, 60),
            vs_spy_20d = Excess(spy, 20),
            vs_spy_60d = Excess(spy, 60),
            note = etfSeries is null || spy is null ? "benchmark series missing from the snapshot; null values are unknown, not zero" : null,
        };
    }

    private object FundamentalsOf(Constituent c)
    {
        context.Snapshot.Fundamentals.TryGetValue(c.Ticker, out var f);
        var xbrl = EdgarViews.Fundamentals(context, c.Ticker);
        if (f is null && xbrl is null) return NoData(c.Ticker, "fundamentals");
        return new
        {
            ticker = c.Ticker,
            pe = MarketMath.R2(f?.PriceToEarnings),
            price_to_sales = MarketMath.R2(f?.PriceToSales),
            price_to_book = MarketMath.R2(f?.PriceToBook),
            dividend_yield = MarketMath.R2(f?.DividendYield),
            eps = MarketMath.R2(f?.EarningsPerShare),
            market_cap = f?.MarketCap,
            ebitda = f?.Ebitda,
            week52_low = MarketMath.R2(f?.Week52Low),
            week52_high = MarketMath.R2(f?.Week52High),
            xbrl = EdgarViews.FundamentalsSummary(xbrl),
        };
    }

    private object PeersRanking(int topN)
    {
        if (topN is < 1 or > 50) throw new ToolInputException($"top_n must be between 1 and 50 (got {topN})");
        var ranked = universe
            .Select(c => (c, s: context.Scores.Get(c.Ticker)))
            .Where(x => x.s is not null)
            .OrderByDescending(x => x.s!.Score.Composite)
            .ToArray();
        return new
        {
            scored_count = ranked.Length,
            universe_count = universe.Count,
            peers = ranked.Take(topN).Select((x, i) => new
            {
                rank = i + 1,
                ticker = x.c.Ticker,
                sector = x.c.Sector,
                technical_score = MarketMath.R2(x.s!.Score.Composite),
                momentum_20d = MarketMath.R2(x.s.Indicators.Momentum20d),
                rsi_14 = MarketMath.R2(x.s.Indicators.Rsi14),
            }),
        };
    }
}
