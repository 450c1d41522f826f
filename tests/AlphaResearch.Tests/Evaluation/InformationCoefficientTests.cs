using AlphaResearch.Evaluation;

namespace AlphaResearch.Tests.Evaluation;

public sealed class InformationCoefficientTests
{
    /// <summary>
    /// Synthetic dates whose alpha ranks are a known permutation of the score ranks: ρ on each date is set by
    /// Σd² (ρ = 1 − 6Σd²/(n(n²−1))), so the per-date ICs, their mean and t are known in closed form.
    /// </summary>
    [Fact]
    public void Per_date_spearman_is_averaged_and_t_tested()
    {
        // n = 5. Date 1: alpha ranks 1..5 (ρ = 1). Date 2: 2,1,4,3,5 (ρ = 0.8). Date 3: 5,4,3,2,1 (ρ = −1). Date 4: 1,2,3,5,4 (ρ = 0.9).
        int[][] alphaRanks = [[1, 2, 3, 4, 5], [2, 1, 4, 3, 5], [5, 4, 3, 2, 1], [1, 2, 3, 5, 4]];
        double[] expected = [1.0, 0.8, -1.0, 0.9];
        var outcomes = new List<SignalOutcome>();
        for (int d = 0; d < alphaRanks.Length; d++)
        {
            var date = new DateOnly(2024, 6, 3).AddDays(7 * d);
            for (int i = 0; i < 5; i++)
            {
                double score = 50 + 10 * i;                    // score rank i+1
                double alpha = -0.05 + 0.02 * alphaRanks[d][i]; // alpha rank alphaRanks[d][i]
                outcomes.Add(Outcome(date, $"T{i}", score, alpha));
            }
        }

        var perDate = InformationCoefficient.PerDate(outcomes);
        Assert.Equal(expected, perDate.Select(p => Math.Round(p.Ic, 12)));

        var (mean, t) = InformationCoefficient.Summarise(perDate);
        double m = expected.Average();
        double sd = Math.Sqrt(expected.Sum(v => (v - m) * (v - m)) / 3);
        Assert.Equal(0.425, mean!.Value, 12);
        Assert.Equal(m / (sd / 2), t!.Value, 12);
    }

    [Fact]
    public void A_single_date_has_a_mean_but_no_t()
    {
        var date = new DateOnly(2024, 6, 3);
        var (mean, t) = InformationCoefficient.Summarise(InformationCoefficient.PerDate(
            [Outcome(date, "A", 1, 0.01), Outcome(date, "B", 2, 0.02), Outcome(date, "C", 3, 0.03)]));
        Assert.Equal(1.0, mean!.Value, 12);
        Assert.Null(t);
    }

    internal static SignalOutcome Outcome(DateOnly date, string ticker, double? score, double alpha, string signal = "ENTER",
        string rating = "BUY", string team = "technology", string conviction = "stable", double spy = 0.01) =>
        new(new TrackedSignal(date, ticker, signal, score, score, rating, team, "Information Technology", conviction),
            new ForwardWindow(5, date, date.AddDays(7), 100, 100 * (1 + spy + alpha), spy + alpha, spy, alpha,
                Math.Log(1 + spy + alpha) - Math.Log(1 + spy), null, null, null));
}
