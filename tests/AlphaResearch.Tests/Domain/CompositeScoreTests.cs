using AlphaResearch.Domain;
using AlphaResearch.Scoring;

namespace AlphaResearch.Tests.Domain;

public class CompositeScoreTests
{
    [Theory]
    [InlineData(70.0, 60.0, 1.0, 65.0, 65.0, 0.0)]
    [InlineData(70.0, 60.0, 1.30, 75.0, 65.0, 10.0)]
    [InlineData(70.0, 60.0, 0.70, 55.0, 65.0, -10.0)]
    [InlineData(80.0, null, 1.15, 85.0, 80.0, 5.0)]
    [InlineData(null, 40.0, 1.0, 40.0, 40.0, 0.0)]
    [InlineData(98.0, 99.0, 1.30, 100.0, 98.5, 10.0)]
    [InlineData(3.0, 2.0, 0.70, 0.0, 2.5, -10.0)]
    // final is rounded once from the unrounded sum 63.25 + 1.667 = 64.92 (rounding base and shift first gave 65.0, a BUY)
    [InlineData(63.0, 63.5, 1.05, 64.9, 63.3, 1.7)]
    public void Blends_quant_qual_and_macro_shift_then_clamps(double? quant, double? qual, double modifier, double final, double weightedBase, double shift)
    {
        var r = CompositeScore.Compute(quant, qual, modifier);
        Assert.Equal(final, r.FinalScore);
        Assert.Equal(weightedBase, r.WeightedBase);
        Assert.Equal(shift, r.MacroShift);
        Assert.False(r.ScoreFailed);
    }

    [Fact]
    public void Both_scores_missing_fails_the_score()
    {
        var r = CompositeScore.Compute(null, null, 1.2);
        Assert.True(r.ScoreFailed);
        Assert.Null(r.FinalScore);
    }

    [Theory]
    [InlineData(65.0, Rating.Buy)]
    [InlineData(64.9, Rating.Hold)]
    [InlineData(40.0, Rating.Sell)]
    [InlineData(40.1, Rating.Hold)]
    [InlineData(null, Rating.Hold)]
    public void Rating_thresholds(double? score, Rating expected) => Assert.Equal(expected, CompositeScore.ToRating(score));

    [Theory]
    [InlineData(70, Conviction.Rising)]
    [InlineData(69, Conviction.Stable)]
    [InlineData(40, Conviction.Stable)]
    [InlineData(39, Conviction.Declining)]
    [InlineData(null, Conviction.Stable)]
    public void Conviction_from_number(int? value, Conviction expected) => Assert.Equal(expected, CompositeScore.NormalizeConviction(value));

    [Theory]
    [InlineData("RISING", Conviction.Rising)]
    [InlineData("declining", Conviction.Declining)]
    [InlineData("85", Conviction.Rising)]
    [InlineData("whatever", Conviction.Stable)]
    public void Conviction_from_text(string value, Conviction expected) => Assert.Equal(expected, CompositeScore.NormalizeConviction(value));

    [Fact]
    public void Every_sector_maps_to_exactly_one_team_and_every_team_has_sectors()
    {
        Assert.Equal(11, Sectors.All.Count);
        foreach (var team in Teams.All) Assert.NotEmpty(team.SectorsOf());
        Assert.Equal(TeamId.Defensives, Sectors.TeamOf(Sectors.RealEstate));
        Assert.True(Sectors.TryNormalize("Financial Services", out var s));
        Assert.Equal(Sectors.Financials, s);
    }
}
