using AlphaResearch.Domain;
using AlphaResearch.Engine;
using AlphaResearch.Scoring;

namespace AlphaResearch.Tests.Scoring;

public class PopulationRotationTests
{
    private static readonly DateOnly RunDate = new(2025, 1, 10);

    private static readonly string[] Universe = ["A", "B", "C", "D", "E", "F", "G", "H", "N1", "N2", "N3", "N4"];

    private static PopulationEntry Held(string ticker, double score, int daysHeld = 70) => new()
    {
        Ticker = ticker, Sector = Sectors.Industrials, TeamId = TeamId.Industrials, LongTermScore = score,
        EntryDate = RunDate.AddDays(-daysHeld).ToString("yyyy-MM-dd"), TenureWeeks = 99,
    };

    private static InvestmentThesis Scored(string ticker, double score, Rating rating = Rating.Hold, Conviction conviction = Conviction.Stable) => new()
    {
        Ticker = ticker, Sector = Sectors.Industrials, TeamId = TeamId.Industrials, FinalScore = score, Rating = rating,
        Conviction = conviction, BullCase = ticker + " thesis bull",
    };

    private static ResearchContext Ctx(IEnumerable<PopulationEntry> population, IReadOnlyDictionary<string, Thesis>? prior = null, IEnumerable<string>? universe = null) =>
        TestSnapshots.Context(RunDate, (universe ?? Universe).Select(t => TestSnapshots.Member(t, Sectors.Industrials)),
            new PriorState { Population = population.ToArray(), Theses = prior ?? new Dictionary<string, Thesis>() });

    private static ExitEvaluation Exits(ResearchContext ctx, IReadOnlyList<InvestmentThesis>? theses = null, PopulationConfig? config = null) =>
        new PopulationRotation(config ?? new PopulationConfig()).EvaluateExits(ctx, theses ?? []);

    [Fact]
    public void Name_outside_the_universe_exits_as_universe_drop_whatever_its_score()
    {
        var e = Exits(Ctx([Held("GONE", 90), Held("A", 60)]));
        var exit = Assert.Single(e.Exits);
        Assert.Equal(new RotationEvent { Type = RotationEventType.Exit, Ticker = "GONE", Reason = "UNIVERSE_DROP", Sector = Sectors.Industrials, ScoreOut = 90 }, exit);
        Assert.Equal(["A"], e.Remaining.Select(p => p.Ticker));
    }

    [Fact]
    public void Score_below_collapse_threshold_exits_regardless_of_tenure()
    {
        var e = Exits(Ctx([Held("A", 39.9, daysHeld: 0), Held("B", 40, daysHeld: 0)]));
        var exit = Assert.Single(e.Exits);
        Assert.Equal(("A", "thesis_collapse", (double?)39.9), (exit.Ticker, exit.Reason, exit.ScoreOut));
        Assert.Equal(["B"], e.Remaining.Select(p => p.Ticker));
    }

    [Fact]
    public void Score_degraded_exits_only_once_tenure_reaches_the_minimum()
    {
        // 13 days → tenure 1 (kept); 14 days → tenure 2 (exits); both score 44 < 45; 45 itself is fine.
        var e = Exits(Ctx([Held("A", 44, daysHeld: 13), Held("B", 44, daysHeld: 14), Held("C", 45, daysHeld: 100)]));
        var exit = Assert.Single(e.Exits);
        Assert.Equal(("B", "score_degraded"), (exit.Ticker, exit.Reason));
        Assert.Equal(["A", "C"], e.Remaining.Select(p => p.Ticker));
        Assert.Equal([1, 14], e.Remaining.Select(p => p.TenureWeeks));
    }

    [Fact]
    public void Score_comes_from_this_runs_thesis_then_the_prior_thesis_then_the_entry()
    {
        var prior = new Dictionary<string, Thesis> { ["B"] = new() { Ticker = "B", FinalScore = 30 }, ["C"] = new() { Ticker = "C", FinalScore = 30 } };
        var e = Exits(Ctx([Held("A", 30), Held("B", 80), Held("C", 80), Held("D", 30)], prior), [Scored("A", 70), Scored("C", 75)]);
        // A: this run 70 (stays); B: prior 30 (collapse); C: this run 75 beats prior 30; D: entry 30 (collapse).
        Assert.Equal([("B", 30.0), ("D", 30.0)], e.Exits.Select(x => (x.Ticker, x.ScoreOut!.Value)));
        Assert.Equal(["A", "C"], e.Remaining.Select(p => p.Ticker));
    }

    [Fact]
    public void Remaining_entries_get_tenure_and_this_runs_score_rating_and_conviction()
    {
        var e = Exits(Ctx([Held("A", 50, daysHeld: 22), Held("B", 60, daysHeld: 8)]), [Scored("A", 81, Rating.Buy, Conviction.Rising)]);
        Assert.Equal(Held("A", 81, 22) with { TenureWeeks = 3, LongTermRating = Rating.Buy, Conviction = Conviction.Rising }, e.Remaining[0]);
        Assert.Equal(Held("B", 60, 8) with { TenureWeeks = 1 }, e.Remaining[1]);
    }

    [Fact]
    public void Dotted_and_dashed_tickers_are_the_same_name()
    {
        var e = Exits(Ctx([Held("BRK.B", 80)], universe: ["BRK-B"]), [Scored("BRK-B", 30)]);
        var exit = Assert.Single(e.Exits);
        Assert.Equal(("BRK.B", "thesis_collapse", (double?)30), (exit.Ticker, exit.Reason, exit.ScoreOut));
    }

    [Fact]
    public void Per_run_cap_counts_collapses_and_removes_the_weakest_degraded_names_first()
    {
        var config = new PopulationConfig { MaxRotationsPerRun = 3 };
        var e = Exits(Ctx([Held("A", 44), Held("B", 41), Held("C", 35), Held("D", 42), Held("E", 43)]), config: config);
        // C collapses (1 rotation); the cap leaves room for 2 degraded: B (41) and D (42); A and E stay.
        Assert.Equal([("C", "thesis_collapse"), ("B", "score_degraded"), ("D", "score_degraded")], e.Exits.Select(x => (x.Ticker, x.Reason)));
        Assert.Equal(["A", "E"], e.Remaining.Select(p => p.Ticker));
    }

    [Fact]
    public void Collapses_are_never_held_back_by_the_cap()
    {
        var e = Exits(Ctx([Held("A", 10), Held("B", 20), Held("C", 44)]), config: new PopulationConfig { MaxRotationsPerRun = 1 });
        Assert.Equal([("A", "thesis_collapse"), ("B", "thesis_collapse")], e.Exits.Select(x => (x.Ticker, x.Reason)));
        Assert.Equal(["C"], e.Remaining.Select(p => p.Ticker));
    }

    [Fact]
    public void No_forced_minimum_rotation_when_every_name_is_healthy()
    {
        var e = Exits(Ctx(Enumerable.Range(0, 8).Select(i => Held(Universe[i], 60 + i))));
        Assert.Empty(e.Exits);
        Assert.Equal(17, e.OpenSlots);
    }

    [Theory]
    [InlineData(25, 3, 22)]
    [InlineData(5, 3, 2)]
    [InlineData(2, 3, 0)]
    public void Open_slots_fill_toward_the_target_size(int target, int held, int expected)
    {
        var e = Exits(Ctx(Universe.Take(held).Select(t => Held(t, 70))), config: new PopulationConfig { TargetSize = target });
        Assert.Equal(expected, e.OpenSlots);
    }

    [Fact]
    public void Bad_entry_date_is_an_error_naming_the_ticker()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Exits(Ctx([Held("A", 70) with { EntryDate = "01/02/2025" }])));
        Assert.Equal("population entry A has entry_date '01/02/2025', not an ISO date (yyyy-MM-dd) — fix the stored population row", ex.Message);
    }

    private static CioDecision Decision(string ticker, CioDecisionKind kind, int? rank, int? conviction = null, string rationale = "") => new()
    {
        Ticker = ticker, Decision = kind, Rank = rank, Conviction = conviction, Rationale = rationale, TeamId = TeamId.Industrials,
    };

    [Fact]
    public void Entries_come_from_advance_and_forced_decisions_in_rank_order()
    {
        var ctx = Ctx([Held("A", 70), Held("B", 10)]);
        var rotation = new PopulationRotation();
        var exits = rotation.EvaluateExits(ctx, []);
        var cio = new CioOutput
        {
            Decisions =
            [
                Decision("N3", CioDecisionKind.Advance, null, conviction: 66, rationale: "n3 why"),
                Decision("N2", CioDecisionKind.AdvanceForced, 2, rationale: "n2 why"),
                Decision("N4", CioDecisionKind.Reject, 0),
                Decision("A", CioDecisionKind.Advance, 3),
                Decision("N1", CioDecisionKind.Advance, 1, conviction: 80) with
                {
                    EntryThesis = new Thesis { Ticker = "N1", BullCase = "n1 entry bull" },
                },
            ],
        };
        var result = rotation.ApplyEntries(ctx, exits, cio, [Scored("N1", 77, Rating.Buy)]);

        Assert.Equal(["A", "N1", "N2", "N3"], result.Population.Select(p => p.Ticker));
        Assert.Equal(
            [("B", "thesis_collapse", (int?)null), ("N1", "IC_ADVANCE", 1), ("N2", "IC_ADVANCE_FORCED", 2), ("N3", "IC_ADVANCE", null)],
            result.Events.Select(e => (e.Ticker, e.Reason, e.CioRank)));

        var n1 = result.Population[1];
        Assert.Equal(new PopulationEntry
        {
            Ticker = "N1", Sector = Sectors.Industrials, TeamId = TeamId.Industrials, LongTermScore = 77, LongTermRating = Rating.Buy,
            Conviction = Conviction.Rising, ThesisSummary = "n1 entry bull", EntryDate = "2025-01-10", TenureWeeks = 0,
        }, n1);
        // No thesis and no conviction → 50; no entry thesis → the rationale; BUY by default.
        Assert.Equal((50.0, Rating.Buy, "n2 why", Conviction.Stable), (result.Population[2].LongTermScore, result.Population[2].LongTermRating, result.Population[2].ThesisSummary, result.Population[2].Conviction));
        // No thesis → the decision's conviction as the score.
        Assert.Equal(66, result.Population[3].LongTermScore);
        Assert.Equal(66, result.Events[3].ScoreIn);
    }

    [Fact]
    public void Entries_stop_at_max_size_and_skip_names_already_present()
    {
        var config = new PopulationConfig { MaxSize = 4 };
        var ctx = Ctx([Held("A", 70), Held("B", 70)]);
        var rotation = new PopulationRotation(config);
        var exits = rotation.EvaluateExits(ctx, []);
        var cio = new CioOutput
        {
            Decisions =
            [
                Decision("b", CioDecisionKind.Advance, 1),
                Decision("N1", CioDecisionKind.Advance, 2),
                Decision("N1", CioDecisionKind.AdvanceForced, 3),
                Decision("N2", CioDecisionKind.Advance, 4),
                Decision("N3", CioDecisionKind.Advance, 5),
            ],
        };
        var result = rotation.ApplyEntries(ctx, exits, cio, []);
        Assert.Equal(["A", "B", "N1", "N2"], result.Population.Select(p => p.Ticker));
        Assert.Equal(["N1", "N2"], result.Events.Select(e => e.Ticker));
    }

    [Fact]
    public void Entry_sector_comes_from_the_snapshot_else_unknown()
    {
        var ctx = Ctx([], universe: ["N1"]);
        var rotation = new PopulationRotation();
        var result = rotation.ApplyEntries(ctx, rotation.EvaluateExits(ctx, []),
            new CioOutput { Decisions = [Decision("N1", CioDecisionKind.Advance, 1), Decision("XX", CioDecisionKind.Advance, 2)] }, []);
        Assert.Equal([Sectors.Industrials, PopulationRotation.UnknownSector], result.Population.Select(p => p.Sector));
    }
}
