using System.Text.Json.Nodes;
using AlphaResearch.Domain;
using AlphaResearch.Publishing;
using static AlphaResearch.Tests.Publishing.PublishingFixtures;

namespace AlphaResearch.Tests.Publishing;

public sealed class SignalsContractValidatorTests
{
    private static readonly SignalsContractValidator Validator = new();

    private static JsonObject ValidPayload() => new SignalsPayloadBuilder(new PublishingConfig()).Build(Outcome());

    private static SignalsContractException Fail(JsonObject payload) =>
        Assert.Throws<SignalsContractException>(() => Validator.Validate(payload, Snapshot(Week1)));

    [Fact]
    public void Validate_PayloadFromFullOutcome_PassesSchemaAndSemanticChecks()
    {
        var payload = ValidPayload();
        Assert.Empty(Validator.SchemaViolations(payload));
        Validator.Validate(payload, Snapshot(Week1)); // does not throw
    }

    [Fact]
    public void Payload_CarriesReferenceRequiredFieldsAndEnumValues()
    {
        // Reference §5.1 "Contract pins", checked independently of our schema file.
        var payload = ValidPayload();
        foreach (var key in new[] { "date", "market_regime", "sector_ratings", "sector_modifiers", "signals", "universe", "buy_candidates", "population" })
            Assert.True(payload.ContainsKey(key), key);
        Assert.Contains(payload["market_regime"]!.GetValue<string>(), new[] { "bull", "neutral", "bear" });
        var items = payload["universe"]!.AsArray().Concat(payload["buy_candidates"]!.AsArray()).Select(n => n!.AsObject()).ToArray();
        Assert.NotEmpty(items);
        foreach (var item in items)
        {
            foreach (var key in new[] { "ticker", "signal", "score", "rating", "conviction", "sector", "sector_rating", "price_target_upside" })
                Assert.True(item.ContainsKey(key), $"{item["ticker"]}: {key}");
            Assert.Contains(item["signal"]!.GetValue<string>(), new[] { "ENTER", "EXIT", "REDUCE", "HOLD" });
            Assert.Contains(item["rating"]!.GetValue<string>(), new[] { "BUY", "HOLD", "SELL" });
            Assert.Contains(item["conviction"]!.GetValue<string>(), new[] { "rising", "stable", "declining" });
            Assert.Contains(item["sector_rating"]!.GetValue<string>(), new[] { "overweight", "market_weight", "underweight" });
            if (item["signal"]!.GetValue<string>() == "ENTER") Assert.InRange(item["score"]!.GetValue<double>(), 0, 100);
        }
    }

    [Fact]
    public void ShippedSchema_IsDraft2020_12AndPinsTheEnums()
    {
        var schema = JsonNode.Parse(SignalsContractValidator.LoadSchemaText())!;
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema["$schema"]!.GetValue<string>());
        Assert.Equal(["ENTER", "EXIT", "REDUCE", "HOLD"], schema["$defs"]!["signal"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()).ToArray());
        Assert.Equal(["bull", "neutral", "bear"], schema["properties"]!["market_regime"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()).ToArray());
    }

    [Fact]
    public void Validate_UnknownSector_ThrowsNamingTickerAndSector()
    {
        var payload = ValidPayload();
        payload["signals"]!["MSFT"]!["sector"] = "Technology";
        foreach (var item in payload["universe"]!.AsArray().Where(n => n!["ticker"]!.GetValue<string>() == "MSFT")) item!["sector"] = "Technology";
        var ex = Fail(payload);
        Assert.Equal(["signals.MSFT: unknown sector 'Technology' (not one of the 11 GICS sectors)"], ex.Violations);
        Assert.StartsWith("signals.json for 2025-01-10 violates its contract (1 problem): signals.MSFT: unknown sector 'Technology'", ex.Message);
        Assert.IsAssignableFrom<InvalidOperationException>(ex);
    }

    [Fact]
    public void Validate_UnknownSectorInSectorRatings_Throws()
    {
        var payload = ValidPayload();
        payload["sector_ratings"]!["Crypto"] = new JsonObject { ["rating"] = "overweight", ["rationale"] = "" };
        Assert.Contains("sector_ratings: unknown sector 'Crypto' (not one of the 11 GICS sectors)", Fail(payload).Violations);
    }

    [Fact]
    public void Validate_EnterWithoutScore_Throws()
    {
        var payload = ValidPayload();
        payload["signals"]!["AAPL"]!["score"] = null;
        var ex = Fail(payload);
        Assert.Contains("signals.AAPL: ENTER without a numeric score", ex.Violations);
        Assert.Contains(ex.Violations, v => v.StartsWith("schema: /signals/AAPL/score type:", StringComparison.Ordinal)); // the schema's if/then catches it too
    }

    [Fact]
    public void Validate_TickerOutsideSnapshotUniverse_Throws()
    {
        var payload = ValidPayload();
        var ex = Assert.Throws<SignalsContractException>(() => Validator.Validate(payload, Snapshot(Week1, exclude: ["CAT"])));
        Assert.Equal(["signals.CAT: ticker is not in the snapshot universe as of 2025-01-10"], ex.Violations);
    }

    [Fact]
    public void Validate_UniverseAndBuyCandidateItems_MustAgreeWithTheirSignal()
    {
        var payload = ValidPayload();
        var universe = payload["universe"]!.AsArray();
        int i = universe.Select(n => n!["ticker"]!.GetValue<string>()).ToList().IndexOf("MSFT");
        universe[i]!["sector"] = "Tech";
        universe[i]!["score"] = 99.0;
        universe.Add(new JsonObject
        {
            ["ticker"] = "ZZZ", ["signal"] = "HOLD", ["score"] = 50.0, ["rating"] = "HOLD", ["conviction"] = "stable",
            ["sector"] = "Energy", ["sector_rating"] = "market_weight", ["price_target_upside"] = null,
        });
        var buy = payload["buy_candidates"]!.AsArray();
        string buyTicker = buy[0]!["ticker"]!.GetValue<string>();
        buy[0]!["signal"] = "HOLD";
        payload["signals"]![buyTicker]!["signal"] = "HOLD";
        payload["population"]!.AsArray().Add("YYY");

        var ex = Fail(payload);
        Assert.Contains($"universe[{i}] (MSFT): sector 'Tech' differs from signals.MSFT ('Information Technology')", ex.Violations);
        Assert.Contains($"universe[{i}] (MSFT): score 99 differs from signals.MSFT ({payload["signals"]!["MSFT"]!["score"]!.ToJsonString()})", ex.Violations);
        Assert.Contains($"universe[{universe.Count - 1}]: ticker 'ZZZ' has no entry in signals", ex.Violations);
        Assert.Contains($"buy_candidates[0] ({buyTicker}): signal is 'HOLD', buy candidates must be ENTER", ex.Violations);
        Assert.Contains("population: ticker 'YYY' has no entry in signals", ex.Violations);
    }

    [Fact]
    public void Validate_ExitOfTickerThatLeftTheIndex_IsAllowed()
    {
        Validator.Validate(ValidPayload(), Snapshot(Week1, exclude: ["PG"])); // PG is EXIT
    }

    [Fact]
    public void Validate_BadEnum_IsCaughtBySchema()
    {
        var payload = ValidPayload();
        payload["universe"]![0]!["rating"] = "STRONG_BUY";
        payload["market_regime"] = "sideways";
        var ex = Fail(payload);
        Assert.Contains(ex.Violations, v => v.StartsWith("schema: /universe/0/rating enum:", StringComparison.Ordinal));
        Assert.Contains(ex.Violations, v => v.StartsWith("schema: /market_regime enum:", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_MissingRequiredField_IsCaughtBySchema()
    {
        var payload = ValidPayload();
        payload.Remove("buy_candidates");
        Assert.Contains(Fail(payload).Violations, v => v.StartsWith("schema: (root) required:", StringComparison.Ordinal) && v.Contains("buy_candidates"));
    }

    [Fact]
    public void Validate_ScoreOutOfRange_IsCaughtBySchema()
    {
        var payload = ValidPayload();
        payload["universe"]![1]!["score"] = 140;
        Assert.Contains(Fail(payload).Violations, v => v.StartsWith("schema: /universe/1/score maximum:", StringComparison.Ordinal));
    }
}
