using System.Text.Json.Nodes;
using AlphaResearch.Evaluation;

namespace AlphaResearch.Cli.Commands;

/// <summary>
/// `evaluate --json`: the contract of issue 12 / docs/EVALUATION.md. Returns and alphas are fractions; a metric
/// without data (no finished window, one date for a t-stat) is null, never 0.
/// </summary>
internal static class EvaluateJson
{
    public static JsonObject Build(EvaluationReport report) => new()
    {
        ["run_dates"] = new JsonArray([.. report.RunDates.Select(d => (JsonNode?)Date(d))]),
        ["horizons"] = Horizons(report.Horizons, report.Pending),
        ["baseline"] = new JsonObject
        {
            ["selection"] = $"top {report.BaselinePerTeam} per team by technical score",
            ["per_team"] = report.BaselinePerTeam,
            ["horizons"] = Horizons(report.Baseline, null),
        },
        ["signals"] = new JsonArray([.. report.Signals.Select(o => (JsonNode?)Signal(o))]),
    };

    private static JsonArray Horizons(IReadOnlyList<HorizonMetrics> horizons, IReadOnlyDictionary<int, int>? pending) =>
        new([.. horizons.Select(m => (JsonNode?)Horizon(m, pending?.GetValueOrDefault(m.Days)))]);

    public static JsonObject Horizon(HorizonMetrics m, int? pending)
    {
        var o = new JsonObject
        {
            ["days"] = m.Days,
            ["count"] = m.Count,
            ["hit_rate"] = m.HitRate,
            ["mean_alpha"] = m.MeanAlpha,
            ["median_alpha"] = m.MedianAlpha,
            ["mean_alpha_ci95"] = m.MeanAlphaLow is null ? null : new JsonArray(m.MeanAlphaLow, m.MeanAlphaHigh),
            ["ic"] = m.Ic,
            ["ic_t"] = m.IcT,
            ["ic_dates"] = m.IcDates,
            ["by_rating"] = Groups(m.ByRating),
            ["by_team"] = Groups(m.ByTeam),
            ["by_conviction"] = Groups(m.ByConviction),
            ["enter_book"] = new JsonArray([.. m.EnterBook.Select(p => (JsonNode?)new JsonObject
            {
                ["run_date"] = Date(p.RunDate),
                ["names"] = p.Names,
                ["book_return"] = p.BookReturn,
                ["spy_return"] = p.SpyReturn,
                ["cumulative_book"] = p.CumulativeBook,
                ["cumulative_spy"] = p.CumulativeSpy,
                ["cumulative_alpha"] = p.CumulativeAlpha,
            })]),
            ["ic_by_date"] = new JsonArray([.. m.IcByDate.Select(d => (JsonNode?)new JsonObject { ["run_date"] = Date(d.RunDate), ["ic"] = d.Ic, ["names"] = d.Names })]),
        };
        if (pending is not null) o["pending"] = pending;
        return o;
    }

    private static JsonObject Groups(IReadOnlyDictionary<string, GroupMetrics> groups)
    {
        var o = new JsonObject();
        foreach (var (key, g) in groups)
            o[key] = new JsonObject { ["count"] = g.Count, ["hit_rate"] = g.HitRate, ["mean_alpha"] = g.MeanAlpha, ["median_alpha"] = g.MedianAlpha };
        return o;
    }

    private static JsonObject Signal(SignalOutcome o) => new()
    {
        ["run_date"] = Date(o.Signal.RunDate),
        ["ticker"] = o.Signal.Ticker,
        ["signal"] = o.Signal.Signal,
        ["score"] = o.Signal.Score,
        ["technical_score"] = o.Signal.TechnicalScore,
        ["rating"] = o.Signal.Rating,
        ["team"] = o.Signal.TeamId,
        ["conviction"] = o.Signal.Conviction,
        ["horizon_days"] = o.Window.Days,
        ["end_date"] = Date(o.Window.EndDate),
        ["return"] = o.Window.Return,
        ["spy_return"] = o.Window.SpyReturn,
        ["alpha"] = o.Window.Alpha,
        ["log_alpha"] = o.Window.LogAlpha,
        ["sector_etf"] = o.Window.SectorEtf,
        ["sector_excess"] = o.Window.SectorExcess,
    };

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
