using System.Globalization;
using System.Text;
using AlphaResearch.Agents.Tools;
using AlphaResearch.Domain;
using AlphaResearch.MarketData;
using AlphaResearch.Scoring;

namespace AlphaResearch.Agents;

/// <summary>Renders the macro economist's and critic's input block from the as-of snapshot and score board.</summary>
public static class MacroInputs
{
    public static string Render(ResearchContext ctx)
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
        sb.AppendLine("Sector ETFs, return 20d / 60d:");
        foreach (var sector in Sectors.All)
        {
            var etf = Sectors.EtfOf(sector);
            sb.AppendLine($"- {sector} ({etf}): {Returns(s, etf)}");
        }
        return sb.ToString().TrimEnd();
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
