using System.Globalization;
using System.Text;
using AlphaResearch.Archive;

namespace AlphaResearch.Publishing;

/// <summary>
/// The brief page's inline SVG charts: the macro economist's sector tilts, the distribution of the universe's
/// technical scores, and the recent scorecard (mean realised alpha by rating). Only in the HTML page; the Markdown
/// brief carries the same facts as tables and text.
/// </summary>
internal static class BriefCharts
{
    public static string Render(ResearchOutcome outcome)
    {
        var sb = new StringBuilder("<h2>Charts</h2>\n");
        var tilts = outcome.Macro.Sectors.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => (Short(kv.Key), kv.Value.Modifier - 1)).ToList();
        sb.Append(SvgCharts.Bars("Sector modifiers (tilt = modifier − 1)", tilts, percent: true));

        var scores = outcome.Context.Scores.Tickers.Values.Select(t => t.Score.Composite).ToList();
        var bins = Enumerable.Range(0, 10).Select(b => (
            $"{b * 10}–{b * 10 + 10}",
            (double)scores.Count(s => (int)Math.Min(9, Math.Max(0, Math.Floor(s / 10))) == b))).ToList();
        sb.Append(SvgCharts.Bars($"Technical score distribution ({scores.Count.ToString(CultureInfo.InvariantCulture)} names)", bins, percent: false));

        var card = outcome.Context.Prior.Scorecard;
        sb.Append(card.HasData
            ? SvgCharts.Bars("Scorecard: mean realised 5-session alpha by rating (recent runs)", [.. card.ByRating.Select(r => ($"{r.Rating} (n={r.Count})", r.MeanAlpha))], percent: true)
            : SvgCharts.Bars("Scorecard: no finished windows yet", [], percent: true));
        return sb.ToString();
    }

    /// <summary>Sector names short enough for an axis label.</summary>
    private static string Short(string sector) => sector switch
    {
        "Information Technology" => "Info Tech",
        "Communication Services" => "Comm Svcs",
        "Consumer Discretionary" => "Cons Disc",
        "Consumer Staples" => "Cons Stap",
        _ => sector,
    };
}
