using System.Text.Json.Nodes;
using AlphaResearch.Domain;
using AlphaResearch.Engine;
using AlphaResearch.Publishing;
using AlphaResearch.Archive;
using static AlphaResearch.Tests.Publishing.PublishingFixtures;

namespace AlphaResearch.Tests.Publishing;

public sealed class SignalsPayloadBuilderTests
{
    private static JsonObject Build(ResearchOutcome o) => new SignalsPayloadBuilder(new PublishingConfig()).Build(o);

    private static string Sig(JsonObject p, string ticker) => p["signals"]![ticker]!["signal"]!.GetValue<string>();

    [Fact]
    public void Build_FullOutcome_WritesEnvelopeWithContractFieldNames()
    {
        var p = Build(Outcome());

        Assert.Equal(
            ["date", "run_date", "time", "market_regime", "sector_modifiers", "sector_ratings", "signals", "population", "universe", "buy_candidates", "architecture_version", "schema_version"],
            p.Select(kv => kv.Key).ToArray());
        Assert.Equal("2025-01-10", p["date"]!.GetValue<string>());
        Assert.Equal("2025-01-10T07:30:00Z", p["run_date"]!.GetValue<string>());
        Assert.Equal("2025-01-10T07:30:00Z", p["time"]!.GetValue<string>());
        Assert.Equal("bull", p["market_regime"]!.GetValue<string>());
        Assert.Equal("sector_teams", p["architecture_version"]!.GetValue<string>());
        Assert.Equal(1, p["schema_version"]!.GetValue<int>());
        Assert.Equal(Sectors.All, p["sector_modifiers"]!.AsObject().Select(kv => kv.Key).ToArray());
        Assert.Equal(1.2, p["sector_modifiers"]![Sectors.InformationTechnology]!.GetValue<double>());
        Assert.Equal("underweight", p["sector_ratings"]![Sectors.Energy]!["rating"]!.GetValue<string>());
        Assert.Equal("Oversupply", p["sector_ratings"]![Sectors.Energy]!["rationale"]!.GetValue<string>());
        Assert.Equal(["AAPL", "MSFT", "JPM", "XOM", "CAT"], p["population"]!.AsArray().Select(n => n!.GetValue<string>()).ToArray());
    }

    [Fact]
    public void Build_FullOutcome_AppliesEnterHoldExitRules()
    {
        var p = Build(Outcome());
        var signals = p["signals"]!.AsObject();

        Assert.Equal(["AAPL", "CAT", "JPM", "MSFT", "PG", "XOM"], signals.Select(kv => kv.Key).ToArray());
        Assert.Equal("ENTER", Sig(p, "AAPL"));   // BUY + CIO-advanced + entrant
        Assert.Equal("HOLD", Sig(p, "MSFT"));    // held, fresh HOLD thesis
        Assert.Equal("HOLD", Sig(p, "JPM"));     // held BUY update, not a new entrant
        Assert.Equal("HOLD", Sig(p, "XOM"));     // carried from prior thesis
        Assert.Equal("HOLD", Sig(p, "CAT"));     // carried from population entry (BUY, not new)
        Assert.Equal("EXIT", Sig(p, "PG"));
        Assert.False(signals.ContainsKey("JNJ")); // BUY, rejected by CIO, not held → dropped

        var xom = signals["XOM"]!;
        Assert.Equal(55, xom["score"]!.GetValue<double>());
        Assert.Equal("XOM prior bull", xom["thesis_summary"]!.GetValue<string>());
        Assert.Equal("defensives", xom["team_id"]!.GetValue<string>());
        Assert.Equal(50, xom["sub_scores"]!["quant"]!.GetValue<double>());

        var pg = signals["PG"]!;
        Assert.Equal(35, pg["score"]!.GetValue<double>());
        Assert.Equal("SELL", pg["rating"]!.GetValue<string>());
        Assert.Equal("declining", pg["conviction"]!.GetValue<string>());
        Assert.Equal("thesis_collapse", pg["thesis_summary"]!.GetValue<string>());
        Assert.Null(pg["team_id"]);

        var aapl = signals["AAPL"]!;
        Assert.Equal(78, aapl["score"]!.GetValue<double>());
        Assert.Equal("rising", aapl["conviction"]!.GetValue<string>());
        Assert.Equal("AAPL bull case", aapl["thesis_summary"]!.GetValue<string>());
        Assert.Equal("technology", aapl["team_id"]!.GetValue<string>());
        Assert.Equal(80, aapl["sub_scores"]!["quant"]!.GetValue<double>());
        Assert.Equal(76, aapl["sub_scores"]!["qual"]!.GetValue<double>());
    }

    [Fact]
    public void Build_BuyCandidates_AreEnterItemsWithCioEntryThesisAndCatalysts()
    {
        var p = Build(Outcome());
        var bc = Assert.Single(p["buy_candidates"]!.AsArray())!;
        Assert.Equal("AAPL", bc["ticker"]!.GetValue<string>());
        Assert.Equal("AAPL entry bull", bc["thesis_summary"]!.GetValue<string>());
        Assert.Equal(["WWDC", "Buyback"], bc["catalysts"]!.AsArray().Select(n => n!.GetValue<string>()).ToArray());
        Assert.Equal("technology", bc["team_id"]!.GetValue<string>());
        Assert.Equal("overweight", bc["sector_rating"]!.GetValue<string>());

        var universe = p["universe"]!.AsArray();
        Assert.Equal(6, universe.Count);
        var xom = universe.Single(u => u!["ticker"]!.GetValue<string>() == "XOM")!;
        Assert.Equal("underweight", xom["sector_rating"]!.GetValue<string>());
        Assert.Equal(Sectors.Energy, xom["sector"]!.GetValue<string>());
        Assert.True(xom.AsObject().ContainsKey("price_target_upside"));
    }

    [Fact]
    public void Build_BuyWithFailedScore_IsDowngradedToHoldWithNullScore()
    {
        var o = Outcome();
        o = o with { Theses = [.. o.Theses.Where(t => t.Ticker != "AAPL"), Thesis("AAPL", Sectors.InformationTechnology, Rating.Buy, 78, scoreFailed: true)] };
        var p = Build(o);
        Assert.Equal("HOLD", Sig(p, "AAPL")); // in population, so kept as HOLD
        Assert.Equal("HOLD", p["signals"]!["AAPL"]!["rating"]!.GetValue<string>());
        Assert.Null(p["signals"]!["AAPL"]!["score"]);
        Assert.Empty(p["buy_candidates"]!.AsArray());
    }

    [Fact]
    public void Build_ForcedAdvanceOfNonHeldBuy_IsEnter()
    {
        var o = Outcome();
        o = o with
        {
            Cio = o.Cio with
            {
                Decisions = [.. o.Cio.Decisions.Where(d => d.Ticker != "JNJ"), new CioDecision { Ticker = "JNJ", Decision = CioDecisionKind.AdvanceForced, Rank = 2 }],
                AdvancedTickers = ["AAPL"], // forced entries count even when a producer leaves them out of the list
            },
        };
        Assert.Equal("ENTER", Sig(Build(o), "JNJ"));
    }

    [Fact]
    public void Build_HeldBuyThatIsNotNew_IsHold_AndNewEntrantWithoutCioIsEnter()
    {
        var o = Outcome();
        o = o with { Cio = new CioOutput() }; // AAPL still entered per rotation events → ENTER
        var p = Build(o);
        Assert.Equal("ENTER", Sig(p, "AAPL"));
        Assert.Equal("HOLD", Sig(p, "JPM"));
    }
}
