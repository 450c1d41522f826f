namespace AlphaResearch.Evaluation;

/// <summary>One run date's IC: Spearman ρ of score vs forward alpha across that date's names.</summary>
public sealed record DatedIc(DateOnly RunDate, double Ic, int Names);

/// <summary>
/// The information coefficient: ρ(score, alpha) per run date, then averaged over dates; its t-statistic is
/// mean / (sd / √n) over the n dates (sd the sample standard deviation), the usual test that the mean IC is not zero.
/// </summary>
public static class InformationCoefficient
{
    public static IReadOnlyList<DatedIc> PerDate(IEnumerable<SignalOutcome> outcomes) =>
        outcomes.Where(o => o.Signal.Score is not null)
            .GroupBy(o => o.Signal.RunDate)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var list = g.ToList();
                var ic = Spearman.Correlation(list.Select(o => o.Signal.Score!.Value).ToArray(), list.Select(o => o.Window.Alpha).ToArray());
                return ic is null ? null : new DatedIc(g.Key, ic.Value, list.Count);
            })
            .OfType<DatedIc>()
            .ToList();

    /// <summary>Mean IC and its t-statistic; t is null with fewer than 2 dates or no variation.</summary>
    public static (double? Mean, double? T) Summarise(IReadOnlyList<DatedIc> perDate)
    {
        if (perDate.Count == 0) return (null, null);
        double mean = perDate.Average(d => d.Ic);
        if (perDate.Count < 2) return (mean, null);
        double sd = Math.Sqrt(perDate.Sum(d => (d.Ic - mean) * (d.Ic - mean)) / (perDate.Count - 1));
        return (mean, sd == 0 ? null : mean / (sd / Math.Sqrt(perDate.Count)));
    }
}
