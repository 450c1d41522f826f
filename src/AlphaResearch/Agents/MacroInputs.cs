using System.Globalization;
using System.Text;
using AlphaResearch.Agents.Tools;
using AlphaResearch.Domain;
using AlphaResearch.MarketData;
using AlphaResearch.Scoring;

namespace AlphaResearch.Agents;

/// <summary>
/// Renders the macro economist's and critic's input block from the as-of snapshot and score board: rates, inflation
/// and labour, risk appetite, size/style, commodities, duration, credit, the S&amp;P drawdown with its de-risk flag (#205),
/// sector ETFs. Every figure comes from rows dated on or before the run date; a missing series prints "n/a".
/// </summary>
public static class MacroInputs
{
    /// <summary>Trailing sessions of the 52-week high.</summary>
    public const int YearSessions = 252;

    public static string Render(ResearchContext ctx, double deRiskDrawdownPct = 10)
    {
        var sb = new StringBuilder();
        var s = ctx.Snapshot;
        var d = ctx.RunDate;
        var ten = Latest(s, MacroIds.Treasury10y, d);
        var two = Latest(s, MacroIds.Treasury2y, d);
        sb.AppendLine("Rates and policy:");
        sb.AppendLine($"- 10-year Treasury yield: {Pct(ten)}");
        sb.AppendLine($"- 2-year Treasury yield: {Pct(two)}");
        sb.AppendLine($"- Curve 10y-2y: {(ten is null || two is null ? "n/a" : F(ten.Value.Value - two.Value.Value, "0.00") + " pp")}");
        sb.AppendLine($"- Fed funds rate: {Pct(Latest(s, MacroIds.FedFunds, d))}");
        sb.AppendLine("Inflation and labour:");
        sb.AppendLine($"- CPI YoY: {YoY(s, MacroIds.Cpi, d)}");
        sb.AppendLine($"- Core CPI YoY: {YoY(s, MacroIds.CoreCpi, d)}");
        sb.AppendLine($"- Unemployment rate: {Pct(Latest(s, MacroIds.Unemployment, d))}");
        var claims = Latest(s, MacroIds.JoblessClaims, d);
        sb.AppendLine($"- Initial jobless claims: {(claims is null ? "n/a" : F(claims.Value.Value, "#,0") + $" (week of {claims.Value.Date:yyyy-MM-dd})")}");
        var oil = Latest(s, MacroIds.OilWti, d);
        sb.AppendLine($"- WTI oil: {(oil is null ? "n/a" : "$" + F(oil.Value.Value, "0.00"))}");
        sb.AppendLine("Risk appetite:");
        sb.AppendLine($"- VIX: {(s.Benchmarks.TryGetValue(MarketSnapshot.Vix, out var vix) ? F(vix.LastClose, "0.0") : "n/a")}");
        sb.AppendLine($"- SPY return 20d / 60d: {Returns(s, MarketSnapshot.Spy)}");
        var b = ctx.Scores.Breadth;
        sb.AppendLine($"- Breadth ({b.NStocks} stocks): {F(b.PctAboveMa50, "0.0")}% above 50-day MA, {F(b.PctAboveMa200, "0.0")}% above 200-day MA, advance/decline {F(b.AdvanceDeclineRatio, "0.00")} ({b.Advancers} up / {b.Decliners} down)");
        sb.AppendLine("Size and style, return 20d / 60d (relative to SPY, pp):");
        foreach (var (etf, what) in new[] { ("QQQ", "Nasdaq-100, growth"), ("IWM", "Russell 2000, small caps"), ("MDY", "S&P 400, mid caps") })
            sb.AppendLine($"- {what} ({etf}): {Returns(s, etf)} ({Relative(s, etf, MarketSnapshot.Spy)})");
        sb.AppendLine("Commodities, return 20d / 60d:");
        sb.AppendLine($"- Gold (GLD): {Returns(s, "GLD")}");
        sb.AppendLine($"- Oil (USO): {Returns(s, "USO")}");
        sb.AppendLine("Duration, Treasury ETFs, return 20d / 60d:");
        foreach (var (etf, what) in new[] { ("TLT", "20+ year"), ("IEF", "7-10 year"), ("SHY", "1-3 year") })
            sb.AppendLine($"- {what} ({etf}): {Returns(s, etf)}");
        sb.AppendLine("Credit (spread proxy):");
        sb.AppendLine($"- High yield (HYG) {Relative(s, "HYG", "LQD")}, 20d / 60d (LQD = investment grade; positive = high yield outperforming, spreads tightening)");
        sb.AppendLine("Drawdown:");
        var dd = Drawdown(s);
        sb.AppendLine(dd is { } x
            ? $"- S&P 500 (SPY) {F(x.Pct, "0.0")}% from its 52-week closing high of {F(x.High, "0.00")} ({x.HighDate:yyyy-MM-dd}, {x.Sessions} sessions); " +
              $"de-risk flag: {(IsDeRisk(x.Pct, deRiskDrawdownPct) ? "ON" : "off")} (on at {F(-deRiskDrawdownPct, "0.#")}% or deeper)"
            : "- S&P 500 (SPY) drawdown from its 52-week high: n/a; de-risk flag: n/a");
        sb.AppendLine("Sector ETFs, return 20d / 60d:");
        foreach (var sector in Sectors.All)
        {
            var etf = Sectors.EtfOf(sector);
            sb.AppendLine($"- {sector} ({etf}): {Returns(s, etf)}");
        }
        return sb.ToString().TrimEnd();
    }

    /// <summary>SPY's last close versus its highest close of the trailing <see cref="YearSessions"/> sessions (fewer when the data is shorter).</summary>
    public static (double Pct, double High, DateOnly HighDate, int Sessions)? Drawdown(MarketSnapshot s)
    {
        if (!s.Benchmarks.TryGetValue(MarketSnapshot.Spy, out var spy) || spy.Count == 0) return null;
        var close = spy.Close;
        int from = Math.Max(0, spy.Count - YearSessions);
        int hi = from;
        for (int i = from; i < spy.Count; i++) if (close[i] > close[hi]) hi = i;
        if (close[hi] <= 0) return null;
        return (Math.Round((spy.LastClose / close[hi] - 1) * 100, 2), close[hi], spy.Dates[hi], spy.Count - from);
    }

    /// <summary>The de-risk flag: a drawdown at or beyond the threshold (both in percent; the drawdown is ≤ 0).</summary>
    public static bool IsDeRisk(double drawdownPct, double thresholdPct) => drawdownPct <= -thresholdPct;

    /// <summary>"+1.2 / -0.4 pp vs SPY": the difference of the two returns over 20 and 60 sessions; n/a when either is missing.</summary>
    private static string Relative(MarketSnapshot s, string symbol, string baseline)
    {
        if (!s.Benchmarks.TryGetValue(symbol, out var a) || !s.Benchmarks.TryGetValue(baseline, out var b)) return $"vs {baseline}: n/a";
        string R(int n) => MarketMath.ReturnPct(a, n) is double x && MarketMath.ReturnPct(b, n) is double y ? F(x - y, "+0.0;-0.0;0.0") : "n/a";
        return $"vs {baseline}: {R(20)} / {R(60)} pp";
    }

    private static (DateOnly Date, double Value)? Latest(MarketSnapshot s, string id, DateOnly d) =>
        s.Macro.TryGetValue(id, out var m) ? m.LatestOnOrBefore(d) : null;

    private static string Pct((DateOnly Date, double Value)? v) =>
        v is null ? "n/a" : $"{F(v.Value.Value, "0.00")}% (as of {v.Value.Date:yyyy-MM-dd})";

    /// <summary>Year-over-year change of an index level series (CPI), from the latest print and the print a year before it.</summary>
    private static string YoY(MarketSnapshot s, string id, DateOnly d)
    {
        if (!s.Macro.TryGetValue(id, out var m) || m.LatestOnOrBefore(d) is not { } now) return "n/a";
        if (m.LatestOnOrBefore(now.Date.AddYears(-1)) is not { } before || before.Value <= 0) return "n/a";
        return $"{F((now.Value / before.Value - 1) * 100, "0.0")}% ({now.Date:yyyy-MM})";
    }

    private static string Returns(MarketSnapshot s, string symbol)
    {
        if (!s.Benchmarks.TryGetValue(symbol, out var p)) return "n/a";
        string R(int n) => MarketMath.ReturnPct(p, n) is double r ? F(r, "+0.0;-0.0;0.0") + "%" : "n/a";
        return $"{R(20)} / {R(60)}";
    }

    private static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);
}
