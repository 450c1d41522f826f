namespace AlphaResearch.Evaluation;

/// <summary>
/// Percentile bootstrap of the mean with a fixed seed, so the same data gives the same interval on every machine
/// and every run (an evaluation report must be reproducible).
/// </summary>
public static class Bootstrap
{
    public const int DefaultSeed = 12;
    public const int DefaultResamples = 2000;

    /// <summary>The 95 % interval of the mean, or null with fewer than 2 values.</summary>
    public static (double Low, double High)? MeanInterval(IReadOnlyList<double> values, int resamples = DefaultResamples, int seed = DefaultSeed)
    {
        if (values.Count < 2) return null;
        var rng = new Random(seed);
        var means = new double[resamples];
        for (int r = 0; r < resamples; r++)
        {
            double sum = 0;
            for (int i = 0; i < values.Count; i++) sum += values[rng.Next(values.Count)];
            means[r] = sum / values.Count;
        }
        Array.Sort(means);
        return (Quantile(means, 0.025), Quantile(means, 0.975));
    }

    /// <summary>Linear-interpolated quantile of sorted values.</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double q)
    {
        if (sorted.Count == 0) throw new ArgumentException("no values");
        double pos = q * (sorted.Count - 1);
        int lo = (int)Math.Floor(pos), hi = (int)Math.Ceiling(pos);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return Quantile(sorted, 0.5);
    }
}
