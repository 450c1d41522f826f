using AlphaResearch.Domain;
using AlphaResearch.Scoring;

namespace AlphaResearch.Tests.Scoring;

/// <summary>A full book (HEAD #262): swaps past the margin, the per-run cap, and book_full events instead of silent skips.</summary>
public sealed class PopulationSwapTests
{
    private static readonly DateOnly RunDate = new(2025, 1, 10);

    private static PopulationEntry Held(string ticker, double score) => new()
    {
        Ticker = ticker, Sector = Sectors.Industrials, TeamId = TeamId.Industrials, LongTermScore = score,
        EntryDate = RunDate.AddDays(-70).ToString("yyyy-MM-dd"), TenureWeeks = 10,
    };

    private static InvestmentThesis Scored(string ticker, double score) => new()
    {
        Ticker = ticker, Sector = Sectors.Industrials, TeamId = TeamId.Industrials, FinalScore = score, Rating = Rating.Buy,
    };

    private static CioDecision Advance(string ticker, int rank) => new() { Ticker = ticker, Decision = CioDecisionKind.Advance, Rank = rank };

    /// <summary>A book of three (max_size 3) held at 70, 60, 80; theses of this run for the held names keep their scores.</summary>
    private static RotationResult Apply(PopulationConfig config, params (string Ticker, double Score)[] advances)
    {
        var held = new[] { Held("A", 70), Held("B", 60), Held("C", 80) };
        var universe = held.Select(h => h.Ticker).Concat(advances.Select(a => a.Ticker));
        var ctx = TestSnapshots.Context(RunDate, universe.Select(t => TestSnapshots.Member(t, Sectors.Industrials)), new PriorState { Population = held });
        var theses = held.Select(h => Scored(h.Ticker, h.LongTermScore)).Concat(advances.Select(a => Scored(a.Ticker, a.Score))).ToArray();
        var rotation = new PopulationRotation(config with { MaxSize = 3, TargetSize = 3 });
        var exits = rotation.EvaluateExits(ctx, theses);
        var cio = new CioOutput { Decisions = advances.Select((a, i) => Advance(a.Ticker, i + 1)).ToArray() };
        return rotation.ApplyEntries(ctx, exits, cio, theses);
    }

    [Fact]
    public void An_advance_beating_the_weakest_by_the_margin_swaps_it_out_exit_then_enter()
    {
        var r = Apply(new PopulationConfig(), ("N1", 65));

        Assert.Equal(["A", "C", "N1"], r.Population.Select(p => p.Ticker));
        Assert.Equal([(RotationEventType.Exit, "B", "swapped_out"), (RotationEventType.Entry, "N1", "IC_ADVANCE")],
            r.Events.Select(e => (e.Type, e.Ticker, e.Reason)));
        Assert.Equal(60, r.Events[0].ScoreOut);
        Assert.Empty(r.BookFull);
    }

    [Fact]
    public void An_advance_short_of_the_margin_is_a_book_full_event_and_the_book_is_unchanged()
    {
        var r = Apply(new PopulationConfig(), ("N1", 64.9));

        Assert.Equal(["A", "B", "C"], r.Population.Select(p => p.Ticker));
        Assert.Empty(r.Events);
        var e = Assert.Single(r.BookFull);
        Assert.Equal(("N1", "below_swap_margin", "B", (double?)60, 64.9, 1, 3), (e.Ticker, e.Why, e.WeakestTicker, e.WeakestScore, e.Score, e.CioRank!.Value, e.MaxSize));
        Assert.Contains("does not beat the weakest incumbent B 60.0 by the swap margin", PopulationRotation.BookFullText(e));
    }

    [Fact]
    public void A_larger_margin_refuses_the_same_swap()
    {
        var r = Apply(new PopulationConfig { SwapMargin = 10 }, ("N1", 65));
        Assert.Equal(["A", "B", "C"], r.Population.Select(p => p.Ticker));
        Assert.Equal("below_swap_margin", Assert.Single(r.BookFull).Why);
    }

    [Fact]
    public void Swaps_stop_at_the_per_run_cap_and_the_rest_are_book_full()
    {
        var r = Apply(new PopulationConfig { MaxSwapsPerRun = 2 }, ("N1", 95), ("N2", 90), ("N3", 99));

        // B (60) then A (70) go; N3 would beat C (80) too but the cap of 2 is reached.
        Assert.Equal(["C", "N1", "N2"], r.Population.Select(p => p.Ticker));
        Assert.Equal(["B:swapped_out", "N1:IC_ADVANCE", "A:swapped_out", "N2:IC_ADVANCE"], r.Events.Select(e => $"{e.Ticker}:{e.Reason}"));
        var full = Assert.Single(r.BookFull);
        Assert.Equal(("N3", "swap_cap_reached", "C"), (full.Ticker, full.Why, full.WeakestTicker));
    }

    [Fact]
    public void A_name_that_entered_this_run_is_never_swapped_out_and_zero_cap_disables_swaps()
    {
        var r = Apply(new PopulationConfig { MaxSwapsPerRun = 5 }, ("N1", 66), ("N2", 99), ("N3", 99), ("N4", 99));
        // N1 swaps B; N2 swaps A; N3 swaps C; N4 finds only this run's entrants: no swappable incumbent.
        Assert.Equal(["N1", "N2", "N3"], r.Population.Select(p => p.Ticker));
        var full = Assert.Single(r.BookFull);
        Assert.Equal(("N4", (string?)null), (full.Ticker, full.WeakestTicker));

        var none = Apply(new PopulationConfig { MaxSwapsPerRun = 0 }, ("N1", 99));
        Assert.Equal(["A", "B", "C"], none.Population.Select(p => p.Ticker));
        Assert.Equal("swap_cap_reached", Assert.Single(none.BookFull).Why);
    }
}
