using AlphaResearch.Config;
using AlphaResearch.Domain;
using AlphaResearch.Scoring;

namespace AlphaResearch.Tests.Scoring;

public class TechnicalScoringTests
{
    private static readonly TechnicalScoreConfig Defaults = new();

    [Theory]
    [InlineData(null, 50.0)]
    [InlineData(5.0, 80.0)]
    [InlineData(12.5, 90.0)]
    [InlineData(20.0, 100.0)]
    [InlineData(40.0, 100.0)]
    [InlineData(0.0, 50.0)]
    [InlineData(2.5, 65.0)]
    [InlineData(4.9, 79.4)]
    [InlineData(-2.5, 40.0)]
    [InlineData(-5.0, 30.0)]
    [InlineData(-10.0, 22.5)]
    [InlineData(-25.0, 0.0)]
    [InlineData(-60.0, 0.0)]
    public void Price_vs_ma_sub_score_is_piecewise(double? pct, double expected) =>
        Assert.Equal(expected, TechnicalScoring.PriceVsMaScore(pct), 1e-9);

    [Theory]
    [InlineData(MarketRegime.Neutral, 50.0, 50.0)]
    [InlineData(MarketRegime.Neutral, 30.0, 100.0)]
    [InlineData(MarketRegime.Neutral, 70.0, 0.0)]
    [InlineData(MarketRegime.Neutral, 80.0, 0.0)]
    [InlineData(MarketRegime.Bull, 50.0, 57.142857142857146)]
    [InlineData(MarketRegime.Bull, 35.0, 100.0)]
    [InlineData(MarketRegime.Bear, 50.0, 50.0)]
    [InlineData(MarketRegime.Bear, 40.0, 75.0)]
    [InlineData(MarketRegime.Bear, 10.0, 75.0)]
    public void Rsi_sub_score_depends_on_the_regime(MarketRegime regime, double rsi, double expected) =>
        Assert.Equal(expected, TechnicalScoring.RsiScore(rsi, Defaults.RsiFor(regime)), 1e-9);

    [Theory]
    [InlineData(1, true, 100.0)]
    [InlineData(1, false, 70.0)]
    [InlineData(-1, true, 30.0)]
    [InlineData(-1, false, 0.0)]
    [InlineData(0, true, 60.0)]
    [InlineData(0, false, 40.0)]
    public void Macd_sub_score_by_cross_and_zero_line(int cross, bool aboveZero, double expected) =>
        Assert.Equal(expected, TechnicalScoring.MacdScore(cross, aboveZero, Defaults.Macd));

    [Theory]
    [InlineData(10.0, null, 80.0)]
    [InlineData(20.0, null, 100.0)]
    [InlineData(-20.0, null, 0.0)]
    [InlineData(null, null, 50.0)]
    [InlineData(10.0, 83.0, 83.0)]
    [InlineData(null, 12.5, 12.5)]
    public void Momentum_sub_score_prefers_the_universe_percentile(double? momentum, double? percentile, double expected) =>
        Assert.Equal(expected, TechnicalScoring.MomentumScore(momentum, percentile), 1e-9);

    private static TechnicalIndicators Sample => new()
    {
        Date = new DateOnly(2025, 1, 10), Price = 100, Rsi14 = 50, MacdCross = 1, MacdAboveZero = true,
        PriceVsMa50 = 2.5, PriceVsMa200 = -2.5, Momentum20d = 5,
    };

    [Fact]
    public void Composite_is_the_weighted_sum_of_hand_checked_sub_scores()
    {
        // neutral: rsi 50 → 50, bullish cross above zero → 100, +2.5 % → 65, −2.5 % → 40, 50 + 3·5 → 65.
        var s = TechnicalScoring.Compute(Sample, MarketRegime.Neutral, Defaults);
        Assert.Equal(new TechnicalScore(50, 100, 65, 40, 65, 64), s);

        // bull: rsi 50 → 57.142857…; composite rounded to 2 dp.
        Assert.Equal(65.43, TechnicalScoring.Compute(Sample, MarketRegime.Bull, Defaults).Composite);
    }

    [Fact]
    public void A_valid_team_override_replaces_the_global_weights_and_an_invalid_one_is_ignored()
    {
        var config = new TechnicalScoreConfig
        {
            TeamWeights = new Dictionary<string, IReadOnlyDictionary<string, double>>
            {
                ["technology"] = new Dictionary<string, double> { ["rsi"] = 0.4, ["macd"] = 0.15, ["ma50"] = 0.15, ["ma200"] = 0.15, ["momentum"] = 0.15 },
                ["financials"] = new Dictionary<string, double> { ["rsi"] = 0.4, ["macd"] = 0.15, ["ma50"] = 0.15, ["ma200"] = 0.15 },
                ["consumer"] = new Dictionary<string, double> { ["rsi"] = 0.5, ["macd"] = 0.15, ["ma50"] = 0.15, ["ma200"] = 0.15, ["momentum"] = 0.15 },
                ["healthcare"] = new Dictionary<string, double> { ["rsi"] = 0.4004, ["macd"] = 0.15, ["ma50"] = 0.15, ["ma200"] = 0.15, ["momentum"] = 0.15 },
            },
        };
        // 0.4·50 + 0.15·(100 + 65 + 40 + 65) = 60.5
        Assert.Equal(60.5, TechnicalScoring.Compute(Sample, MarketRegime.Neutral, config, TeamId.Technology).Composite);
        Assert.Equal(64, TechnicalScoring.Compute(Sample, MarketRegime.Neutral, config, TeamId.Financials).Composite); // missing key
        Assert.Equal(64, TechnicalScoring.Compute(Sample, MarketRegime.Neutral, config, TeamId.Consumer).Composite);   // sums to 1.1
        Assert.Equal(60.52, TechnicalScoring.Compute(Sample, MarketRegime.Neutral, config, TeamId.Healthcare).Composite); // within 1e-3
        Assert.Equal(64, TechnicalScoring.Compute(Sample, MarketRegime.Neutral, config, TeamId.Industrials).Composite); // no override
    }

    [Fact]
    public void Composite_stays_within_0_and_100_for_extreme_inputs_and_random_walks()
    {
        var extremes = new[]
        {
            Sample with { Rsi14 = 0, MacdCross = 1, PriceVsMa50 = 500, PriceVsMa200 = 500, Momentum20d = 1000 },
            Sample with { Rsi14 = 100, MacdCross = -1, MacdAboveZero = false, PriceVsMa50 = -99, PriceVsMa200 = -99, Momentum20d = -99 },
        };
        Assert.Equal(100, TechnicalScoring.Compute(extremes[0], MarketRegime.Neutral, Defaults).Composite);
        Assert.Equal(0, TechnicalScoring.Compute(extremes[1], MarketRegime.Neutral, Defaults).Composite);

        var heavy = new TechnicalScoreConfig { Weights = new TechnicalWeights { Rsi = 1, Macd = 1, Ma50 = 1, Ma200 = 1, Momentum = 1 } };
        for (int seed = 0; seed < 100; seed++)
        {
            var s = ScoringFixtures.RandomWalk("R", 260, seed, dailyVol: 0.01 + seed % 5 * 0.01);
            var ind = Indicators.Compute(s)!;
            foreach (var regime in new[] { MarketRegime.Bull, MarketRegime.Neutral, MarketRegime.Bear })
            {
                Assert.InRange(TechnicalScoring.Compute(ind, regime, Defaults).Composite, 0, 100);
                Assert.InRange(TechnicalScoring.Compute(ind, regime, heavy).Composite, 0, 100); // weights summing to 5 still clamp
            }
        }
    }

    [Fact]
    public void Scoring_config_reads_snake_case_json_with_defaults_for_missing_keys()
    {
        var config = ConfigLoader.Parse("""
            { "scoring": {
                "min_history_bars": 40,
                "technical": {
                  "rsi_bear": { "overbought": 65, "oversold": 35, "max_oversold_score": 80 },
                  "team_weights": { "technology": { "rsi": 0.4, "macd": 0.15, "ma50": 0.15, "ma200": 0.15, "momentum": 0.15 } }
                },
                "composite": { "buy_threshold": 70 } } }
            """, "test.json").Scoring;
        Assert.Equal(40, config.MinHistoryBars);
        Assert.Equal(new RsiScoreParams { Overbought = 65, Oversold = 35, MaxOversoldScore = 80 }, config.Technical.RsiBear);
        Assert.Equal(new RsiScoreParams { Overbought = 70, Oversold = 35, MaxOversoldScore = 100 }, config.Technical.RsiBull);
        Assert.Equal(0.4, config.Technical.WeightsFor(TeamId.Technology).Rsi);
        Assert.Equal(new TechnicalWeights(), config.Technical.WeightsFor(TeamId.Consumer));
        Assert.Equal(70, config.Composite.BuyThreshold);
        Assert.Equal(40, config.Composite.SellThreshold);
    }

    [Fact]
    public void Unknown_scoring_key_is_a_config_error_naming_the_key()
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("""{ "scoring": { "technical": { "rsi_weight": 1 } } }""", "bad.json"));
        Assert.Contains("bad.json", ex.Message);
        Assert.Contains("scoring.technical", ex.Message);
    }
}
