using AlphaResearch.Domain;
using AlphaResearch.Scoring;

namespace AlphaResearch.Tests.Scoring;

public class ScoreAggregatorTests
{
    private static readonly DateOnly RunDate = new(2025, 1, 10);

    private static readonly MacroReport Macro = new()
    {
        MarketRegime = MarketRegime.Neutral,
        Sectors = Sectors.All.ToDictionary(s => s, s => s switch
        {
            Sectors.InformationTechnology => new SectorView(SectorRating.Overweight, 1.15, ""),
            Sectors.Financials => new SectorView(SectorRating.Underweight, 0.85, ""),
            _ => new SectorView(SectorRating.MarketWeight, 1.0, ""),
        }),
    };

    private static readonly AlphaResearch.Scoring.ResearchContext Context = TestSnapshots.Context(RunDate,
    [
        TestSnapshots.Member("AAPL", Sectors.InformationTechnology),
        TestSnapshots.Member("JPM", Sectors.Financials),
        TestSnapshots.Member("KO", Sectors.ConsumerStaples),
        TestSnapshots.Member("BRK-B", Sectors.Financials),
    ]);

    private static SectorRecommendation Rec(string ticker, double quant, double? qual, int? conviction = null) => new()
    {
        Ticker = ticker, QuantScore = quant, QualScore = qual, Conviction = conviction,
        BullCase = ticker + " bull", BearCase = ticker + " bear", Catalysts = ["c"], Risks = ["r"], QuantRationale = "q",
    };

    private static IReadOnlyList<InvestmentThesis> Run(params SectorTeamOutput[] outputs) =>
        new ScoreAggregator().Aggregate(Context, Macro, outputs.ToDictionary(o => o.TeamId));

    [Fact]
    public void Recommendation_gets_composite_score_rating_and_conviction()
    {
        var t = Assert.Single(Run(new SectorTeamOutput { TeamId = TeamId.Technology, Recommendations = [Rec("aapl", 70, 60, 75)] }));
        // base (70 + 60)/2 = 65, IT modifier 1.15 → +5 → 70 → BUY; conviction 75 → rising.
        Assert.Equal("AAPL", t.Ticker);
        Assert.Equal(Sectors.InformationTechnology, t.Sector);
        Assert.Equal(TeamId.Technology, t.TeamId);
        Assert.Equal(70, t.FinalScore);
        Assert.Equal(65, t.WeightedBase);
        Assert.Equal(5, t.MacroShift);
        Assert.Equal(Rating.Buy, t.Rating);
        Assert.Equal(Conviction.Rising, t.Conviction);
        Assert.Equal("aapl bull", t.BullCase);
        Assert.Equal("q", t.QuantRationale);
        Assert.False(t.IsHeldUpdate);
        Assert.False(t.ScoreFailed);
    }

    [Fact]
    public void Ticker_outside_the_snapshot_scores_with_unknown_sector_and_neutral_modifier()
    {
        var t = Assert.Single(Run(new SectorTeamOutput { TeamId = TeamId.Consumer, Recommendations = [Rec("ZZZZ", 50, 30)] }));
        Assert.Equal(ScoreAggregator.UnknownSector, t.Sector);
        Assert.Equal(40, t.FinalScore);
        Assert.Equal(0, t.MacroShift);
        Assert.Equal(Rating.Sell, t.Rating);
        Assert.Equal(Conviction.Stable, t.Conviction);
    }

    [Fact]
    public void Held_update_without_final_score_is_recomputed_from_its_sub_scores()
    {
        var update = new Thesis { Ticker = "JPM", QuantScore = 50, QualScore = null, Conviction = 20, BullCase = "jpm bull", ThesisSummary = "sum" };
        var t = Assert.Single(Run(new SectorTeamOutput { TeamId = TeamId.Financials, ThesisUpdates = new Dictionary<string, Thesis> { ["JPM"] = update } }));
        // base 50, Financials modifier 0.85 → −5 → 45 → HOLD; conviction 20 → declining.
        Assert.Equal(45, t.FinalScore);
        Assert.Equal(50, t.WeightedBase);
        Assert.Equal(-5, t.MacroShift);
        Assert.Equal(Rating.Hold, t.Rating);
        Assert.Equal(Conviction.Declining, t.Conviction);
        Assert.True(t.IsHeldUpdate);
        Assert.Equal(Sectors.Financials, t.Sector);
        Assert.Equal("sum", t.ThesisSummary);
    }

    [Fact]
    public void Held_update_with_a_final_score_keeps_it_and_its_rating()
    {
        var update = new Thesis { Ticker = "KO", FinalScore = 72, QuantScore = 60, QualScore = 80, Rating = Rating.Hold };
        var t = Assert.Single(Run(new SectorTeamOutput { TeamId = TeamId.Consumer, ThesisUpdates = new Dictionary<string, Thesis> { ["KO"] = update } }));
        Assert.Equal(72, t.FinalScore);
        Assert.Equal(70, t.WeightedBase);
        Assert.Equal(Rating.Hold, t.Rating);
        Assert.True(t.IsHeldUpdate);
    }

    [Fact]
    public void Unscoreable_held_update_throws_naming_ticker_and_team()
    {
        var update = new Thesis { Ticker = "JPM" };
        var ex = Assert.Throws<InvalidOperationException>(() =>
            Run(new SectorTeamOutput { TeamId = TeamId.Financials, ThesisUpdates = new Dictionary<string, Thesis> { ["JPM"] = update } }));
        Assert.Equal("held thesis for JPM from team financials is unscoreable: no final, quant or qual score — the team's thesis update must carry at least one score", ex.Message);
    }

    [Fact]
    public void Held_update_for_a_ticker_recommended_this_run_is_already_scored()
    {
        var result = Run(new SectorTeamOutput
        {
            TeamId = TeamId.Financials,
            Recommendations = [Rec("JPM", 80, 80)],
            ThesisUpdates = new Dictionary<string, Thesis> { ["JPM"] = new Thesis { Ticker = "JPM" } }, // unscoreable, but skipped
        });
        var t = Assert.Single(result);
        Assert.False(t.IsHeldUpdate);
        Assert.Equal(75, t.FinalScore);
    }

    [Fact]
    public void Ticker_from_two_teams_keeps_the_covering_teams_thesis_else_the_higher_score()
    {
        var result = Run(
            new SectorTeamOutput { TeamId = TeamId.Consumer, Recommendations = [Rec("AAPL", 90, 90), Rec("NEW1", 60, 60)] },
            new SectorTeamOutput { TeamId = TeamId.Technology, Recommendations = [Rec("AAPL", 50, 50)] },
            new SectorTeamOutput { TeamId = TeamId.Defensives, Recommendations = [Rec("NEW1", 70, 70), Rec("KO", 55, 55)] });

        Assert.Equal(["AAPL", "NEW1", "KO"], result.Select(t => t.Ticker));
        Assert.Equal(TeamId.Technology, result[0].TeamId);   // IT is the technology team's sector, whatever the score
        Assert.Equal(55, result[0].FinalScore);
        Assert.Equal(TeamId.Defensives, result[1].TeamId);   // unknown sector: higher score wins
        Assert.Equal(70, result[1].FinalScore);
    }

    [Fact]
    public void No_teams_gives_no_theses() => Assert.Empty(Run());
}
