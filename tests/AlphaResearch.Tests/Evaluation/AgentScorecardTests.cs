using AlphaResearch.Evaluation;
using static AlphaResearch.Tests.Evaluation.InformationCoefficientTests;

namespace AlphaResearch.Tests.Evaluation;

public sealed class AgentScorecardTests
{
    private static readonly DateOnly Run = new(2024, 7, 1);

    private static SignalOutcome At(DateOnly runDate, string ticker, double alpha, string signal = "ENTER", string rating = "BUY", int days = 5, int endAfter = 7)
    {
        var o = Outcome(runDate, ticker, 50, alpha, signal, rating);
        return o with { Window = o.Window with { Days = days, EndDate = runDate.AddDays(endAfter) } };
    }

    [Fact]
    public void Counts_only_windows_ended_by_the_run_date_within_the_lookback()
    {
        var card = AgentScorecard.Build(Run, [
            At(Run.AddDays(-14), "A", 0.04),
            At(Run.AddDays(-14), "B", -0.02),
            At(Run.AddDays(-7), "C", 0.01, signal: "HOLD", rating: "HOLD"),
            At(Run.AddDays(-7), "LATE", 0.50, endAfter: 8),          // ends July 2: after the run date
            At(Run.AddDays(-7), "LONG", 0.50, days: 10),             // another horizon
            At(Run.AddDays(-120), "OLD", 0.50),                      // outside the 91-day lookback
            At(Run, "SAME", 0.50, endAfter: 0),                      // the run's own date
        ]);

        Assert.Equal(3, card.Windows);
        Assert.Equal(2, card.EnterCount);
        Assert.Equal(0.5, card.EnterHitRate!.Value, 12);
        Assert.Equal(0.01, card.EnterMeanAlpha!.Value, 12);
        Assert.Equal([("BUY", 2), ("HOLD", 1)], card.ByRating.Select(r => (r.Rating, r.Count)));
        Assert.Equal(["A", "C", "B"], card.Best.Select(b => b.Ticker));
        Assert.Empty(card.Worst); // three names: all already listed as best
        Assert.DoesNotContain("LATE", card.ToMarkdown());
        Assert.Contains("- ENTER signals: 2, hit rate 50%, mean alpha +1.0%", card.ToMarkdown());
    }

    [Fact]
    public void Without_finished_windows_it_says_so_and_is_the_same_text_every_time()
    {
        var card = AgentScorecard.Build(Run, [At(Run.AddDays(-3), "A", 0.01)]); // ends July 4
        Assert.False(card.HasData);
        Assert.StartsWith("No realised outcomes yet", card.ToMarkdown());
        Assert.Equal(card.ToMarkdown(), AgentScorecard.Build(Run, []).ToMarkdown());
    }
}
