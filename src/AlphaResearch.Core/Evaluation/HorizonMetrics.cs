namespace AlphaResearch.Evaluation;

/// <summary>The summary of a set of outcomes at one horizon (alpha and returns are fractions).</summary>
public sealed record HorizonMetrics
{
    public required int Days { get; init; }
    public required int Count { get; init; }
    public double? HitRate { get; init; }
    public double? MeanAlpha { get; init; }
    public double? MedianAlpha { get; init; }
    public double? MeanAlphaLow { get; init; }
    public double? MeanAlphaHigh { get; init; }
    public double? Ic { get; init; }
    public double? IcT { get; init; }
    public int IcDates { get; init; }
    public IReadOnlyList<DatedIc> IcByDate { get; init; } = [];
    public IReadOnlyDictionary<string, GroupMetrics> ByRating { get; init; } = new Dictionary<string, GroupMetrics>();
    public IReadOnlyDictionary<string, GroupMetrics> ByTeam { get; init; } = new Dictionary<string, GroupMetrics>();
    public IReadOnlyDictionary<string, GroupMetrics> ByConviction { get; init; } = new Dictionary<string, GroupMetrics>();
    public IReadOnlyList<BookPoint> EnterBook { get; init; } = [];

    /// <summary>Summarises <paramref name="outcomes"/> (all at horizon <paramref name="days"/>).</summary>
    public static HorizonMetrics Of(int days, IReadOnlyList<SignalOutcome> outcomes, bool everyNameIsInTheBook = false)
    {
        var alphas = outcomes.Select(o => o.Window.Alpha).ToArray();
        var ci = Bootstrap.MeanInterval(alphas);
        var ics = InformationCoefficient.PerDate(outcomes);
        var (ic, icT) = InformationCoefficient.Summarise(ics);
        return new HorizonMetrics
        {
            Days = days,
            Count = alphas.Length,
            HitRate = alphas.Length == 0 ? null : alphas.Count(a => a > 0) / (double)alphas.Length,
            MeanAlpha = alphas.Length == 0 ? null : alphas.Average(),
            MedianAlpha = alphas.Length == 0 ? null : Bootstrap.Median(alphas),
            MeanAlphaLow = ci?.Low,
            MeanAlphaHigh = ci?.High,
            Ic = ic,
            IcT = icT,
            IcDates = ics.Count,
            IcByDate = ics,
            ByRating = Group(outcomes, o => o.Signal.Rating),
            ByTeam = Group(outcomes, o => o.Signal.TeamId),
            ByConviction = Group(outcomes, o => o.Signal.Conviction),
            EnterBook = CumulativeBook.Of(everyNameIsInTheBook ? outcomes : outcomes.Where(o => o.Signal.Signal == "ENTER")),
        };
    }

    private static IReadOnlyDictionary<string, GroupMetrics> Group(IReadOnlyList<SignalOutcome> outcomes, Func<SignalOutcome, string?> key) =>
        outcomes.GroupBy(o => key(o) ?? "unknown", StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => GroupMetrics.Of([.. g.Select(o => o.Window.Alpha)]), StringComparer.Ordinal);
}

/// <summary>Count, hit rate and mean/median alpha of a slice (by rating, team or conviction).</summary>
public sealed record GroupMetrics(int Count, double HitRate, double MeanAlpha, double MedianAlpha)
{
    public static GroupMetrics Of(IReadOnlyList<double> alphas) =>
        new(alphas.Count, alphas.Count(a => a > 0) / (double)alphas.Count, alphas.Average(), Bootstrap.Median(alphas));
}
