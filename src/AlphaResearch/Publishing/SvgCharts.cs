using System.Globalization;
using System.Net;
using System.Text;

namespace AlphaResearch.Publishing;

/// <summary>
/// Small hand-written inline SVG charts (line and bar) for the evaluation page and the brief. Hand-written rather
/// than ScottPlot 5 because ScottPlot renders through SkiaSharp, whose native library would become a per-platform
/// dependency of the tool for three simple charts. Output is deterministic for the same data (no ids, no clock), and
/// meant to be inlined in an HTML5 page (no xmlns, so the page holds no URL at all).
/// </summary>
public static class SvgCharts
{
    public sealed record Series(string Name, string Color, IReadOnlyList<(string X, double Y)> Points);

    private const int W = 720, H = 270, Left = 60, Right = 20, Top = 44, Bottom = 40;

    /// <summary>Lines over a shared category axis (the union of the series' x labels, in order of appearance).</summary>
    public static string Lines(string title, IReadOnlyList<Series> series, bool percent)
    {
        var xs = series.SelectMany(s => s.Points.Select(p => p.X)).Distinct().ToList();
        if (xs.Count == 0) return Empty(title);
        var ys = series.SelectMany(s => s.Points.Select(p => p.Y)).Append(0).ToList();
        var (lo, hi) = Range(ys);
        var sb = Open(title, lo, hi, percent);
        double X(int i) => Left + (xs.Count == 1 ? (W - Left - Right) / 2.0 : i * (W - Left - Right) / (double)(xs.Count - 1));
        foreach (var s in series)
        {
            if (s.Points.Count == 0) continue;
            var pts = string.Join(' ', s.Points.Select(p => $"{F(X(xs.IndexOf(p.X)))},{F(Y(p.Y, lo, hi))}"));
            sb.Append($"<polyline fill=\"none\" stroke=\"{s.Color}\" stroke-width=\"2\" points=\"{pts}\"/>");
            foreach (var p in s.Points) sb.Append($"<circle cx=\"{F(X(xs.IndexOf(p.X)))}\" cy=\"{F(Y(p.Y, lo, hi))}\" r=\"2.5\" fill=\"{s.Color}\"><title>{E(s.Name)} {E(p.X)}: {E(Label(p.Y, percent))}</title></circle>");
        }
        XLabels(sb, xs, X);
        Legend(sb, series.Select(s => (s.Name, s.Color)));
        return sb.Append("</svg>\n").ToString();
    }

    /// <summary>Vertical bars, one per category, from zero (negative bars go down, in red).</summary>
    public static string Bars(string title, IReadOnlyList<(string Label, double Value)> bars, bool percent)
    {
        if (bars.Count == 0) return Empty(title);
        var (lo, hi) = Range([.. bars.Select(b => b.Value), 0]);
        var sb = Open(title, lo, hi, percent);
        double slot = (W - Left - Right) / (double)bars.Count;
        for (int i = 0; i < bars.Count; i++)
        {
            double y0 = Y(0, lo, hi), y1 = Y(bars[i].Value, lo, hi);
            string color = bars[i].Value >= 0 ? "#1f77b4" : "#d62728";
            sb.Append($"<rect x=\"{F(Left + i * slot + slot * 0.15)}\" y=\"{F(Math.Min(y0, y1))}\" width=\"{F(slot * 0.7)}\" height=\"{F(Math.Max(1, Math.Abs(y1 - y0)))}\" fill=\"{color}\">")
              .Append($"<title>{E(bars[i].Label)}: {E(Label(bars[i].Value, percent))}</title></rect>");
        }
        XLabels(sb, [.. bars.Select(b => b.Label)], i => Left + i * slot + slot / 2, maxLabels: 12);
        return sb.Append("</svg>\n").ToString();
    }

    private static StringBuilder Open(string title, double lo, double hi, bool percent)
    {
        var sb = new StringBuilder();
        sb.Append($"<svg viewBox=\"0 0 {W} {H}\" width=\"{W}\" height=\"{H}\" role=\"img\" aria-label=\"{E(title)}\" font-family=\"sans-serif\" font-size=\"10\">");
        sb.Append($"<rect width=\"{W}\" height=\"{H}\" fill=\"#fff\"/><text x=\"{Left}\" y=\"18\" font-size=\"13\" font-weight=\"bold\">{E(title)}</text>");
        for (int i = 0; i <= 4; i++)
        {
            double v = lo + (hi - lo) * i / 4, y = Y(v, lo, hi);
            sb.Append($"<line x1=\"{Left}\" x2=\"{W - Right}\" y1=\"{F(y)}\" y2=\"{F(y)}\" stroke=\"#eee\"/>")
              .Append($"<text x=\"{Left - 6}\" y=\"{F(y + 4)}\" text-anchor=\"end\" fill=\"#555\">{E(Label(v, percent))}</text>");
        }
        if (lo < 0 && hi > 0) sb.Append($"<line x1=\"{Left}\" x2=\"{W - Right}\" y1=\"{F(Y(0, lo, hi))}\" y2=\"{F(Y(0, lo, hi))}\" stroke=\"#888\"/>");
        return sb;
    }

    private static void XLabels(StringBuilder sb, IReadOnlyList<string> xs, Func<int, double> x, int maxLabels = 8)
    {
        int every = Math.Max(1, (int)Math.Ceiling(xs.Count / (double)maxLabels)); // few enough labels that they never overlap
        for (int i = 0; i < xs.Count; i += every)
            sb.Append($"<text x=\"{F(x(i))}\" y=\"{H - Bottom + 16}\" text-anchor=\"middle\" fill=\"#555\">{E(xs[i])}</text>");
    }

    private static void Legend(StringBuilder sb, IEnumerable<(string Name, string Color)> items)
    {
        double x = Left; // under the title, so a long title never runs into it
        foreach (var (name, color) in items)
        {
            sb.Append($"<rect x=\"{F(x)}\" y=\"27\" width=\"12\" height=\"4\" fill=\"{color}\"/><text x=\"{F(x + 16)}\" y=\"33\">{E(name)}</text>");
            x += 24 + 7 * name.Length;
        }
    }

    private static string Empty(string title) =>
        $"<svg viewBox=\"0 0 {W} 60\" width=\"{W}\" height=\"60\" font-family=\"sans-serif\" font-size=\"12\"><text x=\"{Left}\" y=\"18\" font-weight=\"bold\">{E(title)}</text><text x=\"{Left}\" y=\"42\" fill=\"#777\">no finished windows yet</text></svg>\n";

    private static (double Lo, double Hi) Range(IReadOnlyList<double> values)
    {
        double lo = values.Min(), hi = values.Max();
        if (hi - lo < 1e-12) { lo -= 0.5; hi += 0.5; }
        double pad = (hi - lo) * 0.08;
        return (lo >= 0 ? 0 : lo - pad, hi <= 0 ? 0 : hi + pad); // an axis that touches zero stays at zero (counts never go negative)
    }

    private static double Y(double v, double lo, double hi) => Top + (hi - v) / (hi - lo) * (H - Top - Bottom);
    private static string Label(double v, bool percent) =>
        percent ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%"
        : Math.Abs(v) >= 10 ? v.ToString("0", CultureInfo.InvariantCulture) : v.ToString("0.00", CultureInfo.InvariantCulture);
    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
    private static string E(string s) => WebUtility.HtmlEncode(s);
}
