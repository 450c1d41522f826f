using AlphaResearch.Config;
using AlphaResearch.Domain;
using AlphaResearch.Engine;
using AlphaResearch.MarketData;
using AlphaResearch.Scoring;

namespace AlphaResearch.Tests.Engine;

/// <summary>engine.min_universe: a too-small universe stops the run before any LLM call (issue 13 item 6).</summary>
public sealed class UniverseGuardTests : IDisposable
{
    private readonly EngineHarness _h = new();
    public void Dispose() => _h.Dispose();

    /// <summary>A view listing <paramref name="listed"/> names of which the first <paramref name="usable"/> survived; the rest stale or short.</summary>
    private static MarketSnapshot View(int listed, int usable)
    {
        var all = Enumerable.Range(0, listed).Select(i => new Constituent($"T{i:000}", $"Name {i}", "Information Technology", "Software", IndexMembership.Sp500)).ToArray();
        var excluded = all.Skip(usable).Select((c, i) => new DataQualityIssue(c.Ticker, $"prices/{c.Ticker}.csv",
            i % 2 == 0 ? "stale: last bar 2026-04-01 is 45 days before 2026-05-16 (limit 7)" : "too little history: 12 bars on or before 2026-05-16, need at least 30")).ToArray();
        return new MarketSnapshot
        {
            Source = "test", Fingerprint = "sha256:test", Constituents = all.Take(usable).ToArray(), ListedConstituents = all,
            Prices = new Dictionary<string, PriceSeries>(), Benchmarks = new Dictionary<string, PriceSeries>(),
            Macro = new Dictionary<string, MacroSeries>(), AsOfDate = Sample.RunDate, Quality = new DataQualityReport(excluded),
        };
    }

    private sealed class ViewContextFactory(MarketSnapshot view) : IResearchContextFactory
    {
        public Task<ResearchContext> CreateAsync(DateOnly runDate, PriorState prior, CancellationToken ct) =>
            Task.FromResult(Sample.Context(runDate, prior) with { Snapshot = view });
    }

    [Fact]
    public async Task A_universe_below_the_default_80_percent_stops_with_error_before_any_llm_call()
    {
        _h.ContextFactory = new ViewContextFactory(View(listed: 100, usable: 70));

        var r = await _h.RunAsync();

        Assert.Equal(RunStatus.Error, r.Status);
        Assert.Equal("min_universe", r.Phase);
        Assert.Equal(0, _h.TotalAgentCalls);
        Assert.Equal(0, r.Usage.Calls);
        Assert.Contains("70 of 100 listed constituent(s) are usable", r.Reason);
        Assert.Contains("requires 80 (80% of 100 listed)", r.Reason);
        Assert.Contains("stale 15", r.Reason);
        Assert.Contains("too little history 15", r.Reason);
        Assert.Empty(await _h.DataKeysAsync("archive/"));
    }

    [Fact]
    public async Task A_universe_at_the_minimum_runs()
    {
        _h.ContextFactory = new ViewContextFactory(View(listed: 100, usable: 80));
        var r = await _h.RunAsync();
        Assert.Equal(RunStatus.Ok, r.Status);
    }

    [Fact]
    public async Task An_absolute_minimum_is_honoured()
    {
        _h.ContextFactory = new ViewContextFactory(View(listed: 100, usable: 90));
        _h.Config = new EngineConfig { MinUniverse = MinUniverse.OfCount(95) };
        var r = await _h.RunAsync();
        Assert.Equal(RunStatus.Error, r.Status);
        Assert.Contains("90 of 100 listed constituent(s) are usable, engine.min_universe requires 95;", r.Reason);
        Assert.Equal(0, _h.TotalAgentCalls);
    }

    [Theory]
    [InlineData("""{"engine": {"min_universe": "60%"}}""", 60.0, null)]
    [InlineData("""{"engine": {"min_universe": 350}}""", null, 350)]
    [InlineData("""{"engine": {"min_universe": "350"}}""", null, 350)]
    public void Config_accepts_a_percentage_or_a_count(string json, double? percent, int? count)
    {
        var c = ConfigLoader.Parse(json, "test.json").Engine.MinUniverse;
        Assert.Equal(percent, c.Percent);
        Assert.Equal(count, c.Count);
    }

    [Theory]
    [InlineData("""{"engine": {"min_universe": "lots"}}""")]
    [InlineData("""{"engine": {"min_universe": "120%"}}""")]
    [InlineData("""{"engine": {"min_universe": -3}}""")]
    [InlineData("""{"engine": {"min_universe": 12.5}}""")]
    public void Invalid_values_are_config_errors_naming_the_key(string json)
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(json, "test.json"));
        Assert.Contains("min_universe", ex.Message);
        Assert.Contains("test.json", ex.Message);
    }

    [Fact]
    public void A_command_line_value_binds_and_a_bad_one_names_its_key_and_source()
    {
        var env = new System.Collections.Hashtable();
        Assert.Equal(75, ConfigBinder.Bind(ConfigSources.Build(null, env, ["engine.min_universe=75%"])).Engine.MinUniverse.Percent);
        Assert.Equal(400, ConfigBinder.Bind(ConfigSources.Build(null, env, ["engine.min_universe=400"])).Engine.MinUniverse.Count);
        var ex = Assert.Throws<ConfigException>(() => ConfigBinder.Bind(ConfigSources.Build(null, env, ["engine.min_universe=most"])));
        Assert.Contains("engine.min_universe", ex.Message);
        Assert.Contains("most", ex.Message);
    }

    [Fact]
    public void A_programmatic_value_out_of_range_is_refused_by_validate_naming_the_key()
    {
        Assert.Contains("engine.min_universe must be a share between 0% and 100% or a count ≥ 0 (got 150%)",
            new EngineConfig { MinUniverse = MinUniverse.OfPercent(150) }.Validate());
        Assert.Empty(new EngineConfig { MinUniverse = MinUniverse.OfCount(0) }.Validate());
    }

    [Fact]
    public void Default_is_80_percent_and_serialises_as_text()
    {
        Assert.Equal("80%", new EngineConfig().MinUniverse.ToString());
        Assert.Contains("\"min_universe\":\"80%\"", JsonConventions.Serialize(new EngineConfig()));
    }
}
