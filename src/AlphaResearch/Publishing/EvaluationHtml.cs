using System.Globalization;
using System.Net;
using System.Text;
using AlphaResearch.Evaluation;

namespace AlphaResearch.Publishing;

/// <summary>`evaluate --html`: one self-contained page (inline CSS and SVG, no script, no external file).</summary>
public static class EvaluationHtml
{
    public static string Render(EvaluationReport report, string title)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title>\n<style>")
          .Append("body{font-family:system-ui,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222}")
          .Append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f4f4f4}")
          .Append("td:first-child,th:first-child{text-align:left}.note{color:#666;font-size:90%}svg{display:block;margin:.5em 0 1.5em}")
          .Append("</style></head><body>\n<h1>").Append(E(title)).Append("</h1>\n");
        sb.Append("<p class=\"note\">").Append(report.RunDates.Count).Append(" published run(s)");
        if (report.RunDates.Count > 0) sb.Append(", ").Append(D(report.RunDates[0])).Append(" … ").Append(D(report.RunDates[^1]));
        sb.Append(". α = return − SPY return over the window (fractions shown as %). Baseline: top ").Append(report.BaselinePerTeam)
          .Append(" per team by technical score on the same dates.</p>\n");

        sb.Append("<table><tr><th></th><th>horizon</th><th>n</th><th>hit rate</th><th>mean α</th><th>95% CI</th><th>median α</th><th>IC</th><th>IC t</th></tr>\n");
        foreach (var (name, list) in new[] { ("signals", report.Horizons), ("baseline", report.Baseline) })
        foreach (var m in list)
        {
            sb.Append("<tr><td>").Append(name).Append("</td><td>").Append(m.Days).Append("d</td><td>").Append(m.Count).Append("</td><td>")
              .Append(m.HitRate is null ? "–" : (m.HitRate.Value * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%").Append("</td><td>").Append(Pct(m.MeanAlpha)).Append("</td><td>")
              .Append(m.MeanAlphaLow is null ? "–" : $"{Pct(m.MeanAlphaLow)} … {Pct(m.MeanAlphaHigh)}").Append("</td><td>")
              .Append(Pct(m.MedianAlpha)).Append("</td><td>").Append(Num(m.Ic)).Append("</td><td>").Append(Num(m.IcT)).Append("</td></tr>\n");
        }
        sb.Append("</table>\n");

        for (int i = 0; i < report.Horizons.Count; i++)
        {
            var m = report.Horizons[i];
            var b = report.Baseline[i];
            sb.Append("<h2>").Append(m.Days).Append("-session horizon</h2>\n");
            sb.Append(SvgCharts.Lines("Cumulative alpha vs SPY: ENTER book and baseline", [
                new SvgCharts.Series("ENTER book", "#1f77b4", [.. m.EnterBook.Select(p => (D(p.RunDate), p.CumulativeAlpha))]),
                new SvgCharts.Series("technical baseline", "#ff7f0e", [.. b.EnterBook.Select(p => (D(p.RunDate), p.CumulativeAlpha))]),
            ], percent: true));
            sb.Append(SvgCharts.Bars("Mean alpha by score decile (1 = lowest score)", ScoreDeciles(report.Signals.Where(o => o.Window.Days == m.Days)), percent: true));
            sb.Append(SvgCharts.Lines("IC (Spearman score vs alpha) per run date", [
                new SvgCharts.Series("signals", "#2ca02c", [.. m.IcByDate.Select(d => (D(d.RunDate), d.Ic))]),
            ], percent: false));
        }
        sb.Append("<p class=\"note\">Read docs/EVALUATION.md before drawing conclusions: short windows, a survivorship-biased sample, and a stub model are not research.</p>\n");
        sb.Append("</body></html>\n");
        return sb.ToString();
    }

    /// <summary>Mean alpha per score decile across every finished window at one horizon (fewer bars when there are fewer names).</summary>
    internal static IReadOnlyList<(string Label, double Value)> ScoreDeciles(IEnumerable<SignalOutcome> outcomes)
    {
        var scored = outcomes.Where(o => o.Signal.Score is not null).OrderBy(o => o.Signal.Score).ToList();
        if (scored.Count == 0) return [];
        int buckets = Math.Min(10, scored.Count);
        return [.. Enumerable.Range(0, buckets).Select(b =>
        {
            var slice = scored.Skip(b * scored.Count / buckets).Take((b + 1) * scored.Count / buckets - b * scored.Count / buckets).ToList();
            return ((b + 1).ToString(CultureInfo.InvariantCulture), slice.Average(o => o.Window.Alpha));
        })];
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static string Pct(double? v) => v is null ? "–" : (v.Value * 100).ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) + "%";
    private static string Num(double? v) => v is null ? "–" : v.Value.ToString("0.00", CultureInfo.InvariantCulture);
}
