namespace AlphaResearch.Evaluation;

/// <summary>Spearman rank correlation: the Pearson correlation of the two samples' ranks (ties get their average rank).</summary>
public static class Spearman
{
    /// <summary>ρ of the pairs, or null with fewer than 3 pairs or when either side is constant (no ranking to compare).</summary>
    public static double? Correlation(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count) throw new ArgumentException("samples differ in length");
        if (x.Count < 3) return null;
        return Pearson(Ranks(x), Ranks(y));
    }

    /// <summary>1-based ranks, ties averaged (so 10, 20, 20, 30 → 1, 2.5, 2.5, 4).</summary>
    public static double[] Ranks(IReadOnlyList<double> values)
    {
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        for (int i = 0; i < order.Length;)
        {
            int j = i;
            while (j + 1 < order.Length && values[order[j + 1]] == values[order[i]]) j++;
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) ranks[order[k]] = rank;
            i = j + 1;
        }
        return ranks;
    }

    private static double? Pearson(double[] a, double[] b)
    {
        double ma = a.Average(), mb = b.Average(), sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return saa == 0 || sbb == 0 ? null : sab / Math.Sqrt(saa * sbb);
    }
}
