using AlphaResearch.Evaluation;

namespace AlphaResearch.Tests.Evaluation;

public sealed class SpearmanTests
{
    [Fact]
    public void Ties_get_their_average_rank() =>
        Assert.Equal([1, 2.5, 2.5, 4], Spearman.Ranks([10, 20, 20, 30]));

    [Fact]
    public void A_monotone_transform_is_perfectly_rank_correlated()
    {
        double[] x = [3, 1, 4, 1.5, 5, 9, 2, 6];
        Assert.Equal(1.0, Spearman.Correlation(x, x.Select(v => Math.Exp(v)).ToArray())!.Value, 12);
        Assert.Equal(-1.0, Spearman.Correlation(x, x.Select(v => -v * v * v).ToArray())!.Value, 12);
    }

    [Fact]
    public void Matches_the_textbook_formula_for_distinct_ranks()
    {
        // ranks of y against x = 1..5 are 2,1,4,3,5: Σd² = 1+1+1+1+0 = 4, ρ = 1 − 6·4/(5·24) = 0.8
        Assert.Equal(0.8, Spearman.Correlation([1, 2, 3, 4, 5], [20, 10, 40, 30, 50])!.Value, 12);
    }

    [Fact]
    public void Too_few_pairs_or_a_constant_side_has_no_correlation()
    {
        Assert.Null(Spearman.Correlation([1, 2], [2, 1]));
        Assert.Null(Spearman.Correlation([1, 2, 3], [7, 7, 7]));
    }
}
